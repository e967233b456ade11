package harness

import (
	"fmt"
	"io"
	"os"
)

// WorkDir makes a temporary directory for one run's binaries, terminal
// output and stderr. done removes it after a successful run unless keep is
// set; after a failed one it stays, and its path is printed for a look.
func WorkDir(prefix string, keep bool, out io.Writer) (dir string, done func(ok bool), err error) {
	dir, err = os.MkdirTemp("", prefix)
	if err != nil {
		return "", nil, err
	}
	return dir, func(ok bool) {
		if ok && !keep {
			_ = os.RemoveAll(dir)
			return
		}
		fmt.Fprintln(out, "work directory kept:", dir)
	}, nil
}
