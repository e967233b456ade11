//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package auth

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// lockDir takes an exclusive advisory lock (flock) on dir and returns its
// release. Two spotui processes sharing one token cache hold it around
// "read the file, refresh, save", so they never both spend the same
// single-use refresh token. The directory itself is locked so no lock file
// is left behind. Best effort: if dir can't be opened, or the holder takes
// longer than wait (a hung refresh), it returns without the lock rather
// than block the app.
func lockDir(dir string, wait time.Duration) (unlock func()) {
	// O_NONBLOCK: whatever is at dir, opening it must not hang.
	d, err := os.OpenFile(dir, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return func() {}
	}
	fd := int(d.Fd())
	deadline := time.Now().Add(wait)
	for {
		err := syscall.Flock(fd, syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				_ = syscall.Flock(fd, syscall.LOCK_UN)
				_ = d.Close()
			}
		}
		retry := errors.Is(err, syscall.EWOULDBLOCK) || errors.Is(err, syscall.EINTR)
		if !retry || time.Now().After(deadline) {
			_ = d.Close()
			return func() {}
		}
		// Non-blocking plus polling, because a blocking flock can't be
		// given up on after wait.
		time.Sleep(10 * time.Millisecond)
	}
}
