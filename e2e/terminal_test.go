package e2e

import (
	"os/exec"
	"strings"
	"testing"
)

// flags reads tmux's view of the pane: which modes the app left set.
func (tm *term) flags() string {
	out, _ := exec.Command("tmux", "-L", tm.sock, "display", "-p",
		"alt=#{alternate_on} cursor=#{cursor_flag} mouse=#{mouse_button_flag} sgr=#{mouse_sgr_flag}").Output()
	return strings.TrimSpace(string(out))
}

func (tm *term) title() string {
	out, _ := exec.Command("tmux", "-L", tm.sock, "display", "-p", "#{pane_title}").Output()
	return strings.TrimSpace(string(out))
}

func (tm *term) resize(w, h string) {
	tm.t.Helper()
	if out, err := exec.Command("tmux", "-L", tm.sock, "resize-window", "-x", w, "-y", h).CombinedOutput(); err != nil {
		tm.t.Fatalf("resize-window: %v\n%s", err, out)
	}
}

// spotui draws through its own renderer (internal/screen): the terminal
// must get the app's modes while it runs, a title naming the track, a
// clean redraw after a resize, and everything back at exit.
func TestTerminalModesTitleResizeAndRestore(t *testing.T) {
	needTools(t, "tmux")
	bin := binary(t)
	dir := t.TempDir()
	tm := startTerm(t, []string{"XDG_CONFIG_HOME=" + dir, "BROWSER=true", "TERM=xterm-256color"},
		bin+" --demo; echo EXITED; sleep 60")
	tm.waitText("▶ playing")
	tm.waitText("Paper Lanterns")

	if got, want := tm.flags(), "alt=1 cursor=0 mouse=1 sgr=1"; got != want {
		t.Errorf("while running: %s, want %s", got, want)
	}
	waitFor(t, "the window title to name the track", func() bool { return tm.title() == "The Velvet Orchards – Paper Lanterns" },
		func() string { return "title: " + tm.title() })

	// Narrower: the layout follows (the cover moves above the text), and a
	// resize back leaves nothing of the narrow layout behind.
	tm.resize("60", "30")
	waitFor(t, "the narrow layout", func() bool {
		s := tm.screen(false)
		// The app, not the terminal, fitted the key bar to 60 columns:
		// whole items only, ? and q kept, "x log out" dropped.
		return strings.Contains(s, "Paper Lanterns") && strings.Count(s, "▶ playing") == 1 &&
			strings.Contains(s, "? help • q quit") && !strings.Contains(s, "x log out")
	}, func() string { return tm.screen(false) })
	tm.resize("100", "30")
	waitFor(t, "the wide layout again, once", func() bool {
		s := tm.screen(false)
		return strings.Count(s, "Paper Lanterns") == 1 && strings.Count(s, "q quit") == 1 && strings.Count(s, "▶ playing") == 1 &&
			strings.Contains(s, "x log out • ? help • q quit")
	}, func() string { return tm.screen(false) })

	tm.keys("q")
	tm.waitText("EXITED")
	if got, want := tm.flags(), "alt=0 cursor=1 mouse=0 sgr=0"; got != want {
		t.Errorf("after quitting: %s, want %s", got, want)
	}
	if s := tm.screen(false); strings.Contains(s, "Paper Lanterns") {
		t.Errorf("the app's screen was left behind:\n%s", s)
	}
}
