package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TERM=dumb: spotui prints plain lines, one per change, and writes not one
// escape sequence (no alternate screen, cursor addressing, mouse, colour,
// OSC 8/52); space and q still act. The bytes are read from tmux's
// pipe-pane, which gets everything the app writes to its terminal.
func TestDumbTerminalGetsPlainLines(t *testing.T) {
	needTools(t, "tmux")
	bin := binary(t)
	dir := t.TempDir()
	gate, out := filepath.Join(dir, "go"), filepath.Join(dir, "out")
	// The app waits for the gate, so the pipe is in place before its first byte.
	tm := startTerm(t, []string{"XDG_CONFIG_HOME=" + dir, "BROWSER=true", "TERM=dumb"},
		fmt.Sprintf("while [ ! -e %s ]; do sleep 0.05; done; %s --demo; echo EXITED $?; sleep 60", gate, bin))
	if b, err := exec.Command("tmux", "-L", tm.sock, "pipe-pane", "-O", "cat > "+out).CombinedOutput(); err != nil {
		t.Fatalf("pipe-pane: %v\n%s", err, b)
	}
	if err := os.WriteFile(gate, nil, 0o600); err != nil {
		t.Fatal(err)
	}

	tm.waitText("▶ Paper Lanterns — The Velvet Orchards (")
	if got, want := tm.flags(), "alt=0 cursor=1 mouse=0 sgr=0"; got != want {
		t.Errorf("while running: %s, want %s (no alternate screen, no mouse)", got, want)
	}
	tm.keys("Space")
	tm.waitText("⏸ Paper Lanterns")
	tm.keys("n")
	tm.waitText("⏸ Night Bus to Nowhere")
	tm.keys("q")
	tm.waitText("EXITED 0")

	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	written := strings.TrimSuffix(string(raw), "EXITED 0\r\n")
	if i := strings.IndexByte(written, 0x1b); i >= 0 {
		t.Errorf("an escape sequence was written at byte %d: %q", i, written[max(0, i-20):min(len(written), i+20)])
	}
	// A line per change, not per second: the playing line once, though
	// the clock ran while it showed.
	if n := strings.Count(written, "▶ Paper Lanterns"); n != 1 {
		t.Errorf("the playing line was printed %d times, want once:\n%s", n, written)
	}
	for _, line := range strings.Split(strings.TrimSpace(written), "\r\n") {
		if strings.ContainsAny(line, "\r\x07") {
			t.Errorf("line %q has control characters", line)
		}
	}
	t.Logf("written:\n%s", written)
}
