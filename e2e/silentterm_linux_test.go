package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spotui/spotui/internal/ptytest"
)

// silentTerminal is a pty whose far end answers no query: it reads and
// keeps every byte the program writes, with the time each arrived, and
// never writes a byte back (a terminal, or a serial console, that ignores
// OSC 11, CSI 6n, DA1…).
type silentTerminal struct {
	master, tty *os.File
	mu          sync.Mutex
	out         []byte
	arrived     []arrival // ends of chunks of out, in order
}

type arrival struct {
	end int
	at  time.Time
}

func openSilentTerminal(t *testing.T, cols, rows uint16) *silentTerminal {
	t.Helper()
	m, tty, _ := ptytest.Open(t, cols, rows)
	st := &silentTerminal{master: m, tty: tty}
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := m.Read(buf)
			at := time.Now()
			if n > 0 {
				st.mu.Lock()
				st.out = append(st.out, buf[:n]...)
				st.arrived = append(st.arrived, arrival{len(st.out), at})
				st.mu.Unlock()
			}
			if err != nil {
				return // EIO once the program and the test have closed the tty
			}
		}
	}()
	return st
}

// firstSeen is when the bytes that first made the output (escape
// sequences removed) contain text arrived; ok is false while they haven't.
func (st *silentTerminal) firstSeen(text string) (at time.Time, ok bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, a := range st.arrived {
		if strings.Contains(ansi.Strip(string(st.out[:a.end])), text) {
			return a.at, true
		}
	}
	return time.Time{}, false
}

func (st *silentTerminal) bytes() []byte {
	st.mu.Lock()
	defer st.mu.Unlock()
	return bytes.Clone(st.out)
}

// startOn runs bin with the terminal as its stdin, stdout, stderr and
// controlling terminal, in its own session (so it is the foreground
// process group, as in a shell, and termenv would ask). It returns when
// the process was started.
func (st *silentTerminal) startOn(t *testing.T, env []string, bin string, args ...string) time.Time {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = st.tty, st.tty, st.tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return start
}

// A terminal that answers no query costs spotui its own probe's deadline
// (150 ms), not Bubble Tea v1's 5 s wait for OSC 11 in its package init
// (third_party/bubbletea/PATCHES.md): the player's first frame arrives
// within about 200 ms of exec. CSI 6n is what termenv sends after OSC 11
// (spotui's probe never does), so its absence shows nothing asked termenv.
func TestSilentTerminalFirstFrameFast(t *testing.T) {
	const (
		title = "Paper Lanterns" // the demo's first track
		bound = 300 * time.Millisecond
	)
	bin := binary(t)
	dir := t.TempDir()
	env := []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TERM=xterm-256color", "LANG=C.UTF-8",
		"XDG_CONFIG_HOME=" + dir, "XDG_CACHE_HOME=" + dir, "XDG_STATE_HOME=" + dir, "XDG_RUNTIME_DIR=" + dir,
	}
	st := openSilentTerminal(t, 100, 30)
	start := st.startOn(t, env, bin, "--demo")

	// waitFor allows 20 s: a regression reports how long it took.
	var at time.Time
	waitFor(t, fmt.Sprintf("%q on the silent terminal", title), func() (ok bool) {
		at, ok = st.firstSeen(title)
		return ok
	}, func() string { return fmt.Sprintf("%q", lastBytes(string(st.bytes()))) })
	out := st.bytes()
	if took := at.Sub(start); took > bound {
		t.Errorf("the first frame with %q arrived %v after exec, want ≤ %v (the issue's bound is ~200 ms)", title, took.Round(time.Millisecond), bound)
	} else {
		t.Logf("first frame with the title %v after exec", took.Round(time.Millisecond))
	}
	if !bytes.Contains(out, []byte("\x1b]11;?")) {
		t.Error("spotui's own probe never asked for the background: the terminal was not seen as one")
	}
	if bytes.Contains(out, []byte("\x1b[6n")) {
		t.Error("something asked for the cursor position (termenv's background query) on a silent terminal")
	}
}
