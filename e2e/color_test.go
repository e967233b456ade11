package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spotui/spotui/ui/theme"
)

// startStyled is startTerm with a tmux configuration, e.g. a window style.
func startStyled(t *testing.T, conf string, env []string, command string) *term {
	t.Helper()
	file := filepath.Join(t.TempDir(), "tmux.conf")
	if err := os.WriteFile(file, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := &term{t: t, sock: fmt.Sprintf("spotui-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	args := []string{"-L", tm.sock, "-f", file, "new-session", "-d", "-x", "100", "-y", "30", "env", "-u", "CI", "-u", "COLORTERM", "-u", "NO_COLOR", "-u", "COLORFGBG"}
	args = append(append(args, env...), "sh", "-c", command)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.sock, "kill-server").Run() })
	return tm
}

// sgrAt is the SGR parameters in effect where text first starts on the
// captured screen (capture-pane -e): every parameter since the last reset
// on that line.
func sgrAt(screen, text string) ([]string, bool) {
	for _, line := range strings.Split(screen, "\n") {
		i := strings.Index(line, text)
		if i < 0 {
			continue
		}
		var params []string
		rest := line[:i]
		for {
			j := strings.Index(rest, "\x1b[")
			if j < 0 {
				break
			}
			k := strings.IndexByte(rest[j:], 'm')
			if k < 0 {
				break
			}
			for _, p := range strings.Split(rest[j+2:j+k], ";") {
				if p == "" || p == "0" {
					params = params[:0]
					continue
				}
				params = append(params, p)
			}
			rest = rest[j+k+1:]
		}
		return params, true
	}
	return nil, false
}

// sgrColour reads the foreground an SGR list sets: 38;2;r;g;b, 38;5;n,
// 30–37 or 90–97 (as xterm's default palette shows them); the last one wins.
func sgrColour(params []string) (rgb theme.RGB, set bool) {
	n := func(i int) int {
		if i >= len(params) {
			return -1
		}
		v, _ := strconv.Atoi(params[i])
		return v
	}
	for i := 0; i < len(params); i++ {
		switch v := n(i); {
		case v == 38 && n(i+1) == 2:
			rgb, set = theme.RGB{R: uint8(n(i + 2)), G: uint8(n(i + 3)), B: uint8(n(i + 4))}, true
			i += 4
		case v == 38 && n(i+1) == 5:
			rgb, set = theme.Indexed(n(i+2)), true
			i += 2
		case v == 48 && n(i+1) == 2:
			i += 4
		case v == 48 && n(i+1) == 5:
			i += 2
		case v >= 30 && v <= 37:
			rgb, set = theme.Indexed(v-30), true
		case v >= 90 && v <= 97:
			rgb, set = theme.Indexed(v-90+8), true
		case v == 39:
			rgb, set = theme.RGB{}, false
		}
	}
	return rgb, set
}

func hasParam(params []string, want string) bool {
	for _, p := range params {
		if p == want {
			return true
		}
	}
	return false
}

// NO_COLOR is about colour only: the title stays bold, and nothing on the
// screen has a colour.
func TestNoColorKeepsBoldDropsColour(t *testing.T) {
	needTools(t, "tmux")
	bin := binary(t)
	dir := t.TempDir()
	tm := startStyled(t, "", []string{"XDG_CONFIG_HOME=" + dir, "BROWSER=true", "TERM=xterm-256color", "COLORTERM=truecolor", "NO_COLOR=1"},
		bin+" --demo; sleep 60")
	tm.waitText("Paper Lanterns")
	tm.waitText("▶ playing")
	screen := tm.screen(true)
	params, _ := sgrAt(screen, "Paper Lanterns")
	if !hasParam(params, "1") {
		t.Errorf("title SGR %v: not bold", params)
	}
	if _, set := sgrColour(params); set {
		t.Errorf("title SGR %v sets a colour", params)
	}
	for _, line := range strings.Split(screen, "\n") {
		for _, seq := range strings.Split(line, "\x1b[")[1:] {
			end := strings.IndexByte(seq, 'm')
			if end < 0 {
				continue
			}
			if _, set := sgrColour(strings.Split(seq[:end], ";")); set || strings.Contains(seq[:end], "48;") {
				t.Fatalf("a colour on screen under NO_COLOR: %q in\n%q", seq[:end], line)
			}
		}
	}
}

// On a white background the title must read: contrast ≥ 4.5:1 against
// white, at every colour depth, whether the background comes from tmux's
// answer to OSC 11 (window-style) or from --theme light.
func TestLightBackgroundTitleContrast(t *testing.T) {
	needTools(t, "tmux")
	bin := binary(t)
	white := theme.RGB{R: 255, G: 255, B: 255}
	for _, tc := range []struct {
		name  string
		env   []string
		flags string
	}{
		{"truecolor/osc11", []string{"TERM=xterm-256color", "COLORTERM=truecolor"}, ""},
		{"256/osc11", []string{"TERM=xterm-256color"}, ""},
		{"16/osc11", []string{"TERM=xterm"}, ""},
		{"256/flag", []string{"TERM=xterm-256color"}, " --theme light"},
		{"16/env", []string{"TERM=xterm", "SPOTUI_THEME=light"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			env := append([]string{"XDG_CONFIG_HOME=" + dir, "BROWSER=true"}, tc.env...)
			tm := startStyled(t, "set -g window-style 'bg=white,fg=black'\n", env, bin+" --demo"+tc.flags+"; sleep 60")
			tm.waitText("▶ playing")
			tm.waitText("Paper Lanterns")
			params, _ := sgrAt(tm.screen(true), "Paper Lanterns")
			fg, set := sgrColour(params)
			if !set {
				t.Fatalf("title SGR %v: no colour (the window's black would do, but the theme should set one)", params)
			}
			c := theme.Contrast(fg, white)
			t.Logf("title %v on white: %.2f:1", fg, c)
			if c < 4.5 {
				t.Errorf("title %v on white: contrast %.2f:1, want ≥ 4.5", fg, c)
			}
		})
	}
}
