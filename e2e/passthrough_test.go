package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// outerTerminal runs spotui inside a real tmux attached to a pty that
// `script` records: what tmux sends to the terminal outside it. conf is
// tmux's configuration.
func outerTerminal(t *testing.T, conf, env, args string, until func(out string) bool) string {
	t.Helper()
	needTools(t, "tmux", "script")
	bin := binary(t)
	dir := t.TempDir()
	confPath, rec := filepath.Join(dir, "tmux.conf"), filepath.Join(dir, "outer")
	if err := os.WriteFile(confPath, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	sock := fmt.Sprintf("spotui-outer-%d-%d", os.Getpid(), time.Now().UnixNano())
	inner := fmt.Sprintf("env -u CI XDG_CONFIG_HOME=%s XDG_CACHE_HOME=%s %s %s --demo %s", dir, dir, env, bin, args)
	cmd := exec.Command("script", "-q", "-f", "-c",
		fmt.Sprintf("tmux -L %s -f %s new-session -x 100 -y 30 %q", sock, confPath, inner), rec)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	if err := cmd.Start(); err != nil {
		t.Skipf("script cannot start: %v", err)
	}
	t.Cleanup(func() {
		_ = exec.Command("tmux", "-L", sock, "kill-server").Run()
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	var out string
	waitFor(t, "the outer terminal's bytes", func() bool {
		b, _ := os.ReadFile(rec)
		out = string(b)
		return until(out)
	}, func() string { return fmt.Sprintf("%d bytes: %q", len(out), lastBytes(out)) })
	return out
}

// kitty inside tmux: with allow-passthrough on, the cover's upload reaches
// the outer terminal unwrapped (a virtual placement, U=1) and the cover's
// cells are Unicode placeholders that tmux moves and clips as text.
func TestKittyPlaceholdersThroughRealTmux(t *testing.T) {
	out := outerTerminal(t, "set -g allow-passthrough on\n", "", "--art kitty", func(out string) bool {
		return strings.Contains(out, "\x1b_Ga=T,U=1") && strings.Count(out, "\U0010EEEE") > 100
	})
	if strings.Contains(out, "\x1bPtmux;") {
		t.Error("tmux passed its wrapper through instead of unwrapping it")
	}
}

// Without passthrough, nothing of the image reaches the outer terminal:
// auto draws half blocks and says once how to get real covers.
func TestNoPassthroughHalfBlocksAndAHint(t *testing.T) {
	out := outerTerminal(t, "set -g allow-passthrough off\n", "KITTY_WINDOW_ID=1", "", func(out string) bool {
		return strings.Contains(out, "allow-passthrough on") && strings.Contains(out, "▀")
	})
	if strings.Contains(out, "\x1b_Ga=T") || strings.Contains(out, "\U0010EEEE") {
		t.Error("a kitty image reached the outer terminal with passthrough off")
	}
}

func lastBytes(s string) string {
	if len(s) > 400 {
		return s[len(s)-400:]
	}
	return s
}
