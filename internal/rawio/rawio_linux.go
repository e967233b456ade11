package rawio

import (
	"io"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Read reads once from rc's non-blocking file into p, waiting in the poller
// until there is something to read (or its read deadline passes). It
// returns io.EOF at the end of the file.
func Read(rc syscall.RawConn, p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	n := 0
	var rerr error
	err := rc.Read(func(fd uintptr) bool {
		for {
			r, _, e := unix.RawSyscall(unix.SYS_READ, fd, uintptr(unsafe.Pointer(&p[0])), uintptr(len(p)))
			switch e {
			case 0:
				n = int(r)
				if n == 0 {
					rerr = io.EOF
				}
				return true
			case unix.EINTR:
			case unix.EAGAIN:
				return false
			default:
				rerr = e
				return true
			}
		}
	})
	if err != nil {
		return n, err
	}
	return n, rerr
}

// Write writes all of p to rc's non-blocking file, waiting in the poller
// while it can take no more (or until its write deadline passes).
func Write(rc syscall.RawConn, p []byte) (int, error) {
	n := 0
	var werr error
	err := rc.Write(func(fd uintptr) bool {
		for n < len(p) {
			r, _, e := unix.RawSyscall(unix.SYS_WRITE, fd, uintptr(unsafe.Pointer(&p[n])), uintptr(len(p)-n))
			switch e {
			case 0:
				n += int(r)
			case unix.EINTR:
			case unix.EAGAIN:
				return false
			default:
				werr = e
				return true
			}
		}
		return true
	})
	if err != nil {
		return n, err
	}
	return n, werr
}
