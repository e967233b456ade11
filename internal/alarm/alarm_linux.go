package alarm

import (
	"errors"
	"os"
	"sync"
	"syscall"
	"time"
	"unsafe"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/spotui/spotui/internal/rawio"
	"golang.org/x/sys/unix"
)

// Alarms hands out timerfds, one per wake-up waiting, and reuses them: a
// handful exist at a time (the clock, the poll, a notice's expiry).
type Alarms struct {
	mu     sync.Mutex
	free   []*timerFD // armed by nobody
	all    []*timerFD // closed by Close
	closed bool
}

// timerFD is one non-blocking timerfd, registered with the network poller.
type timerFD struct {
	f  *os.File
	rc syscall.RawConn
}

// New returns an empty set of alarms.
func New() *Alarms { return &Alarms{} }

// Tick is tea.Tick: the command waits d, then returns fn(the time). Where
// no timerfd can be had (the process is out of file descriptors, say) it
// falls back to tea.Tick. After Close, a waiting or new Tick returns nil.
func (a *Alarms) Tick(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		t, err := a.get()
		if err == nil {
			err = t.wait(d)
			a.put(t)
		}
		switch {
		case err == nil:
			return fn(time.Now())
		case a.isClosed():
			return nil // the program is ending
		default:
			// d again: the timerfd failed before it fired.
			return tea.Tick(d, fn)()
		}
	}
}

// Close closes every timerfd; Ticks waiting on them return nil.
func (a *Alarms) Close() error {
	a.mu.Lock()
	all := a.all
	a.all, a.free, a.closed = nil, nil, true
	a.mu.Unlock()
	var errs []error
	for _, t := range all {
		errs = append(errs, t.f.Close())
	}
	return errors.Join(errs...)
}

func (a *Alarms) isClosed() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.closed
}

func (a *Alarms) get() (*timerFD, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return nil, os.ErrClosed
	}
	if n := len(a.free); n > 0 {
		t := a.free[n-1]
		a.free = a.free[:n-1]
		return t, nil
	}
	// Creating one is a normal system call; it happens only while the pool
	// grows to the number of wake-ups waiting at once.
	fd, err := unix.TimerfdCreate(unix.CLOCK_MONOTONIC, unix.TFD_NONBLOCK|unix.TFD_CLOEXEC)
	if err != nil {
		return nil, err
	}
	f := os.NewFile(uintptr(fd), "timerfd")
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, err
	}
	t := &timerFD{f: f, rc: rc}
	a.all = append(a.all, t)
	return t, nil
}

func (a *Alarms) put(t *timerFD) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.closed {
		a.free = append(a.free, t)
	}
}

// wait arms t for d from now and returns once it has fired. Arming a
// timerfd never blocks: a raw system call. The read is rawio's, which
// waits in the network poller.
func (t *timerFD) wait(d time.Duration) error {
	// A zero it_value disarms a timerfd: "at once" is the next nanosecond.
	spec := unix.ItimerSpec{Value: unix.NsecToTimespec(max(int64(d), 1))}
	var armErr error
	err := t.rc.Control(func(fd uintptr) {
		_, _, e := unix.RawSyscall6(unix.SYS_TIMERFD_SETTIME, fd, 0, uintptr(unsafe.Pointer(&spec)), 0, 0, 0)
		if e != 0 {
			armErr = e
		}
	})
	if err != nil {
		return err
	}
	if armErr != nil {
		return armErr
	}
	var expirations [8]byte // how many times it fired: once
	_, err = rawio.Read(t.rc, expirations[:])
	return err
}
