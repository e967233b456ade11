package termquery

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/spotui/spotui/internal/ptytest"
	"golang.org/x/sys/unix"
)

// openPTY is a pty whose terminal end is blocking, like os.Stdin, so the
// probe must use cancelreader.
func openPTY(t *testing.T) (master, tty *os.File, path string) {
	return ptytest.Open(t, 80, 24)
}

func lflag(t *testing.T, f *os.File) uint32 {
	t.Helper()
	tio, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	return tio.Lflag
}

// On a real tty: raw mode while reading (replies without a newline get
// through and are not echoed), the old mode back afterwards, and no reader
// left behind to take the UI's first key.
func TestProbePTY(t *testing.T) {
	master, tty, path := openPTY(t)
	if lflag(t, tty)&(unix.ICANON|unix.ECHO) != unix.ICANON|unix.ECHO {
		t.Fatal("a new pty should start in canonical mode with echo")
	}
	rawWhileAsked := make(chan bool, 1)
	go func() { // the terminal: answer like foot once the burst is in
		var got strings.Builder
		buf := make([]byte, 1024)
		for !strings.HasSuffix(got.String(), queryDA1) {
			n, err := master.Read(buf)
			if err != nil {
				return
			}
			got.Write(buf[:n])
		}
		tio, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
		rawWhileAsked <- err == nil && tio.Lflag&(unix.ICANON|unix.ECHO) == 0
		master.WriteString(foot[queryXTVersion] + foot[queryCell] + foot[queryBG] + foot[queryDA1])
	}()

	env := envOf(nil, nil)
	env.WinSize = nil // TIOCGWINSZ of the pty: no pixels
	start := time.Now()
	got := Probe(context.Background(), tty, tty, env, 5*time.Second)
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("took %v", took)
	}
	if !got.Answered || got.TermName != "foot" || got.CellWidth != 9 || got.CellHeight != 18 || !got.Sixel {
		t.Errorf("caps %+v, want foot's answers", got)
	}
	if !<-rawWhileAsked {
		t.Error("the tty was not in raw mode while the probe read")
	}
	if lflag(t, tty)&(unix.ICANON|unix.ECHO) != unix.ICANON|unix.ECHO {
		t.Error("the tty's mode was not restored")
	}

	// The next key goes to whoever reads next (the UI), not to the probe.
	if _, err := master.WriteString("k\n"); err != nil {
		t.Fatal(err)
	}
	next, err := os.OpenFile(path, os.O_RDWR|unix.O_NOCTTY, 0) // pollable: takes a deadline
	if err != nil {
		t.Fatal(err)
	}
	defer next.Close()
	_ = next.SetReadDeadline(time.Now().Add(2 * time.Second))
	buf := make([]byte, 16)
	n, err := next.Read(buf)
	if err != nil || string(buf[:n]) != "k\n" {
		t.Errorf("the UI read %q, %v; want the key", buf[:n], err)
	}
}

// A silent tty: the probe gives up at the deadline and returns the tty
// to its mode.
func TestProbePTYSilent(t *testing.T) {
	_, tty, _ := openPTY(t)
	const deadline = 100 * time.Millisecond
	start := time.Now()
	got := Probe(context.Background(), tty, tty, envOf(nil, nil), deadline)
	if took := time.Since(start); took < deadline*9/10 || took > deadline+400*time.Millisecond {
		t.Errorf("took %v, want about %v", took, deadline)
	}
	if got.Answered {
		t.Errorf("caps %+v from a silent tty", got)
	}
	if lflag(t, tty)&(unix.ICANON|unix.ECHO) != unix.ICANON|unix.ECHO {
		t.Error("the tty's mode was not restored")
	}
}
