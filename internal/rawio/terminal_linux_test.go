package rawio

import (
	"bytes"
	"io"
	"os"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spotui/spotui/internal/ptytest"
	"golang.org/x/sys/unix"
)

// rawPty is a pty whose terminal end passes bytes through unchanged.
func rawPty(t *testing.T) (master, tty *os.File) {
	master, tty, _ = ptytest.Open(t, 80, 24)
	if _, err := term.MakeRaw(tty.Fd()); err != nil {
		t.Fatal(err)
	}
	return master, tty
}

func TestWritesReachTheTerminalAndLeaveItBlocking(t *testing.T) {
	master, tty := rawPty(t)
	w, err := Terminal(tty.Fd())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if n, err := w.Write([]byte("\x1b[1;1Hhello")); n != 11 || err != nil {
		t.Fatalf("Write = %d, %v", n, err)
	}
	got := make([]byte, 11)
	if _, err := io.ReadFull(master, got); err != nil || string(got) != "\x1b[1;1Hhello" {
		t.Fatalf("the terminal got %q, %v", got, err)
	}
	fl, err := unix.FcntlInt(tty.Fd(), unix.F_GETFL, 0)
	if err != nil || fl&unix.O_NONBLOCK != 0 {
		t.Errorf("the original terminal file became non-blocking (flags %#x, %v): the shell would get EAGAIN", fl, err)
	}
}

// A frame bigger than the terminal's buffer waits for the terminal to read
// it, without holding up the program (one P, as spotui runs), and arrives
// whole and in order.
func TestAFullTerminalWaitsWithoutStoppingTheProgram(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	master, tty := rawPty(t)
	w, err := Terminal(tty.Fd())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	frame := bytes.Repeat([]byte("0123456789abcdef"), 64<<10) // 1 MiB
	wrote := make(chan error, 1)
	go func() {
		n, err := w.Write(frame)
		if err == nil && n != len(frame) {
			err = io.ErrShortWrite
		}
		wrote <- err
	}()
	// Nobody reads yet: the write must be waiting, and the program running.
	var ran atomic.Int64
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
				ran.Add(1)
				runtime.Gosched()
			}
		}
	}()
	deadline := time.Now().Add(5 * time.Second)
	for ran.Load() < 1000 && time.Now().Before(deadline) {
		runtime.Gosched()
	}
	close(stop)
	if ran.Load() < 1000 {
		t.Fatalf("the program stood still while the terminal was full (%d steps)", ran.Load())
	}
	select {
	case err := <-wrote:
		t.Fatalf("a 1 MiB write returned before the terminal read it: %v", err)
	default:
	}
	got := make([]byte, len(frame))
	if _, err := io.ReadFull(master, got); err != nil {
		t.Fatal(err)
	}
	if err := <-wrote; err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, frame) {
		t.Error("the frame arrived changed")
	}
}

func TestOpenRefusesWhatIsNotATerminal(t *testing.T) {
	r, wp, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer wp.Close()
	if w, err := Terminal(wp.Fd()); err == nil {
		w.Close()
		t.Fatal("Terminal accepted a pipe")
	}
}
