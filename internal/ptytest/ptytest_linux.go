// Package ptytest opens pseudo-terminals for tests that need a real
// terminal end (the probe's, the real binary's) without a terminal
// emulator on the other side.
package ptytest

import (
	"fmt"
	"os"
	"testing"

	"golang.org/x/sys/unix"
)

// Open returns a new pty's master and its terminal end, cols×rows, both
// closed when the test ends; it skips the test where no pty can be opened.
// The terminal end is a blocking *os.File, the kind os.Stdin is: no read
// deadlines, as a program started on it would see.
func Open(t testing.TB, cols, rows uint16) (master, tty *os.File, path string) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pty here: %v", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		m.Close()
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		m.Close()
		t.Fatal(err)
	}
	path = fmt.Sprintf("/dev/pts/%d", n)
	fd, err := unix.Open(path, unix.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Fatal(err)
	}
	tty = os.NewFile(uintptr(fd), path)
	t.Cleanup(func() { _ = tty.Close(); _ = m.Close() })
	if err := unix.IoctlSetWinsize(fd, unix.TIOCSWINSZ, &unix.Winsize{Col: cols, Row: rows}); err != nil {
		t.Fatal(err)
	}
	return m, tty, path
}
