//go:build !unix

package privatefile

import "os"

// openNoBlock: no O_NONBLOCK here; OpenRegular's Stat before the open is
// the guard.
func openNoBlock(path string) (*os.File, error) { return os.Open(path) }
