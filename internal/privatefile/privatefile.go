// Package privatefile writes files only their owner may read (tokens,
// config): atomically, so a crash or a second spotui never sees half a file.
package privatefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFunc writes data to f; tests inject one that fails.
type WriteFunc func(f *os.File, data []byte) error

// Write puts data at path with mode 0600: a temporary file in the same
// directory (created 0700 if missing), fsync, rename over path, then a best
// effort fsync of the directory. On error path is untouched and no
// temporary file is left. write nil means a plain write.
func Write(path string, data []byte, write WriteFunc) (err error) {
	dir := filepath.Dir(path)
	if err := EnsureDir(dir); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+"-*.tmp") // CreateTemp uses 0600
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	// Explicit, in case a future CreateTemp or an odd umask differs.
	if err = f.Chmod(0o600); err != nil {
		return err
	}
	if write == nil {
		write = func(f *os.File, data []byte) error { _, err := f.Write(data); return err }
	}
	if err = write(f, data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	SyncDir(dir)
	return nil
}

// EnsureDir creates dir with 0700 if missing. A directory that already
// exists is left alone: it may be ~/.config or somewhere the user chose,
// and its mode is theirs; the files in it are 0600 anyway.
func EnsureDir(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return os.Chmod(dir, 0o700) // the umask may have taken bits away
}

// SyncDir makes a rename durable. Best effort: some systems can't fsync
// a directory, and the data itself is already safe.
func SyncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
