//go:build unix

package share

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"syscall"
)

// Supported: sockets work here.
const Supported = true

// PrepareDir makes dir (0700) if it is missing and refuses it unless it is
// a real directory of ours that nobody else can enter: the socket hands
// out what the account plays, and takes no password.
func PrepareDir(dir string) error { return prepareDir(dir, os.Getuid()) }

// prepareDir checks dir belongs to uid (tests pass another).
func prepareDir(dir string, uid int) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("can't create the socket directory: %w", err)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("can't check the socket directory: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is not a directory (a symlink?): remove it, and spotui makes the directory", dir)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != uid {
		return fmt.Errorf("%s belongs to user %d, not to you (%d): spotui won't share its state there; remove it", dir, st.Uid, uid)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("%s is open to others (mode %04o): spotui won't share its state there; run chmod 700 %s", dir, perm, dir)
	}
	return nil
}

// Listen serves path. A live spotui there: ErrRunning. A socket file that
// nothing answers (a spotui that crashed) is removed and taken over. A lock
// next to it keeps two spotuis from taking over at once (each would remove
// the other's fresh socket).
func Listen(path string) (net.Listener, error) {
	if err := PrepareDir(filepath.Dir(path)); err != nil {
		return nil, err
	}
	unlock, err := lock(path + ".lock")
	if err != nil {
		return nil, err
	}
	defer unlock()
	for range 2 {
		ln, err := net.Listen("unix", path)
		if err == nil {
			// The directory is 0700 already; the socket is 0600 too, in
			// case someone loosens the directory later.
			if err := os.Chmod(path, 0o600); err != nil {
				ln.Close()
				return nil, fmt.Errorf("can't make the socket private: %w", err)
			}
			return ln, nil
		}
		if !errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("can't listen on %s: %w", path, err)
		}
		c, derr := net.DialTimeout("unix", path, dialTimeout)
		if derr == nil {
			c.Close()
			return nil, ErrRunning
		}
		if !errors.Is(derr, syscall.ECONNREFUSED) {
			return nil, fmt.Errorf("%s is in use and doesn't answer: %w", path, derr)
		}
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("can't remove the stale socket %s: %w", path, err)
		}
	}
	return nil, fmt.Errorf("can't listen on %s: it keeps coming back", path)
}

// lock takes an exclusive flock on path (created 0600).
func lock(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("can't lock the socket: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("can't lock the socket: %w", err)
	}
	return func() { f.Close() }, nil // closing releases the lock
}

func dial(ctx context.Context, path string) (net.Conn, error) {
	d := net.Dialer{Timeout: dialTimeout}
	return d.DialContext(ctx, "unix", path)
}
