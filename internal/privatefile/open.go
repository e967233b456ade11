package privatefile

import (
	"fmt"
	"io/fs"
	"os"
)

// NotRegularError: something other than a regular file (a FIFO, a device,
// a directory, a socket) sits where spotui expects one of its files.
// Reading it could block forever (a FIFO with no writer) or never end (a
// device), so it is refused before any read.
type NotRegularError struct {
	Path string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string { return e.Path + " " + e.What() }

// What is the message without the path, for callers that name it already.
func (e *NotRegularError) What() string {
	return fmt.Sprintf("is not a regular file (%s)", kind(e.Mode))
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "mode " + m.String()
}

// OpenRegular opens path for reading only if it is a regular file
// (symlinks to one are fine), without ever blocking on a FIFO: see
// openNoBlock. Anything else gives a *NotRegularError; a missing file the
// usual fs.ErrNotExist.
func OpenRegular(path string) (*os.File, error) {
	// Stat first, so a device is refused without being opened at all.
	if fi, err := os.Stat(path); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, &NotRegularError{Path: path, Mode: fi.Mode()}
	}
	f, err := openNoBlock(path)
	if err != nil {
		return nil, err
	}
	// Checked again on the descriptor: the path may have been swapped
	// between the Stat and the open.
	fi, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		_ = f.Close()
		return nil, &NotRegularError{Path: path, Mode: fi.Mode()}
	}
	return f, nil
}
