package e2e

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// While it plays, spotui waits on timerfds and writes frames through a
// non-blocking file of its own on the terminal (internal/alarm,
// internal/rawio), so a tick wakes one thread; the terminal file it was
// started with, which the shell shares, stays blocking.
func TestPlayingWaitsOnTimerfdsAndWritesNonBlocking(t *testing.T) {
	needTools(t, "tmux")
	bin := binary(t)
	dir := t.TempDir()
	tm := startTerm(t, []string{"XDG_CONFIG_HOME=" + dir, "BROWSER=true", "TERM=xterm-256color"}, bin+" --demo; sleep 60")
	tm.waitText("▶ playing")
	pid := child(t, tm.tmux("display", "-p", "#{pane_pid}"))
	fds := filepath.Join("/proc", strconv.Itoa(pid), "fd")
	tty, err := os.Readlink(filepath.Join(fds, "1"))
	if err != nil {
		t.Fatal(err)
	}
	nonBlocking := func(fd string) bool {
		b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "fdinfo", fd))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "flags:"); ok {
				flags, err := strconv.ParseUint(strings.TrimSpace(v), 8, 64)
				return err == nil && flags&0o4000 != 0 // O_NONBLOCK
			}
		}
		return false
	}
	entries, err := os.ReadDir(fds)
	if err != nil {
		t.Fatal(err)
	}
	timerfds, writers := 0, 0
	for _, e := range entries {
		target, err := os.Readlink(filepath.Join(fds, e.Name()))
		switch {
		case err != nil:
		case target == "anon_inode:[timerfd]":
			timerfds++
		case target == tty && e.Name() != "0" && e.Name() != "1" && e.Name() != "2" && nonBlocking(e.Name()):
			writers++
		}
	}
	if timerfds == 0 {
		t.Errorf("no timerfd among spotui's files: its ticks are Go timers")
	}
	if writers != 1 {
		t.Errorf("%d non-blocking files of its own on %s, want 1 (the frames' writer)", writers, tty)
	}
	if nonBlocking("1") {
		t.Errorf("spotui made its stdout non-blocking: the shell would get EAGAIN after it")
	}
}
