package rawio

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

type writer struct {
	f  *os.File
	rc syscall.RawConn
}

// Terminal opens the terminal fd is on a second time, non-blocking. The flag
// belongs to the new open file only: the shell that shares fd's open file
// keeps its blocking terminal, even if spotui dies. fd itself is untouched.
// It fails where fd is not a terminal or cannot be reopened (no /proc).
func Terminal(fd uintptr) (io.WriteCloser, error) {
	if _, err := unix.IoctlGetTermios(int(fd), unix.TCGETS); err != nil {
		return nil, fmt.Errorf("not a terminal: %w", err)
	}
	// /proc/self/fd/N reopens the device itself, not a copy of fd.
	nfd, err := unix.Open(fmt.Sprintf("/proc/self/fd/%d", fd), unix.O_WRONLY|unix.O_NONBLOCK|unix.O_NOCTTY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	var a, b unix.Stat_t
	if unix.Fstat(int(fd), &a) != nil || unix.Fstat(nfd, &b) != nil || a.Rdev != b.Rdev {
		unix.Close(nfd)
		return nil, errors.New("the reopened terminal is another device")
	}
	f := os.NewFile(uintptr(nfd), "terminal")
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &writer{f: f, rc: rc}, nil
}

// Write writes all of p, waiting in the poller while the terminal's buffer
// is full.
func (w *writer) Write(p []byte) (int, error) {
	n, err := Write(w.rc, p)
	if err != nil {
		err = &os.PathError{Op: "write", Path: w.f.Name(), Err: err}
	}
	return n, err
}

func (w *writer) Close() error { return w.f.Close() }
