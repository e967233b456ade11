//go:build unix

package privatefile

import (
	"os"
	"syscall"
)

// openNoBlock opens with O_NONBLOCK: opening a FIFO for reading otherwise
// waits for a writer, forever. Regular files ignore the flag.
func openNoBlock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
