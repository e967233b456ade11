package cover

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The disk cache keeps downloaded bytes (not renders: those depend on the
// terminal) so the next run shows covers without the network. It is a
// best-effort cache: every failure just means a download.
const (
	tmpPrefix = ".tmp-"
	staleTmp  = time.Hour // a temp file this old was left by a crash
)

// diskName is the file for url: hex SHA-256, so names are fixed-length and
// reveal nothing of the URL.
func diskName(url string) string {
	sum := sha256.Sum256([]byte(url))
	return hex.EncodeToString(sum[:])
}

func (e *engine) diskPath(url string) string { return filepath.Join(e.dir, diskName(url)) }

// diskGet reads url's bytes and bumps the file's mtime, so eviction drops
// the least recently used covers first.
func (e *engine) diskGet(url string) ([]byte, bool) {
	if e.dir == "" {
		return nil, false
	}
	p := e.diskPath(url)
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	now := time.Now()
	_ = os.Chtimes(p, now, now)
	return data, true
}

func (e *engine) diskRemove(url string) {
	if e.dir != "" {
		_ = os.Remove(e.diskPath(url))
		e.noteDisk(url, false)
	}
}

// diskPut writes atomically (temp file, then rename), so a crash or a
// second spotui never leaves a half-written cover under the final name,
// then trims the cache to its budget. ok says the file is there.
func (e *engine) diskPut(url string, data []byte) (ok bool) {
	if e.dir == "" {
		return false
	}
	if err := os.MkdirAll(e.dir, 0o700); err != nil {
		return false
	}
	f, err := os.CreateTemp(e.dir, tmpPrefix+"*") // created 0600
	if err != nil {
		return false
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr != nil || cerr != nil || os.Chmod(tmp, 0o600) != nil || os.Rename(tmp, e.diskPath(url)) != nil {
		_ = os.Remove(tmp)
		return false
	}
	e.diskEvict()
	// Eviction drops the newest file last, but a tight budget may drop it too.
	_, err = os.Stat(e.diskPath(url))
	return err == nil
}

// diskEvict deletes the oldest covers (by mtime) until the total fits
// maxDisk, and temp files left behind by a crash.
func (e *engine) diskEvict() {
	entries, err := os.ReadDir(e.dir)
	if err != nil {
		return
	}
	type file struct {
		path string
		size int64
		mod  time.Time
	}
	var files []file
	var total int64
	for _, de := range entries {
		if !de.Type().IsRegular() {
			continue
		}
		info, err := de.Info()
		if err != nil {
			continue
		}
		p := filepath.Join(e.dir, de.Name())
		if strings.HasPrefix(de.Name(), tmpPrefix) {
			if time.Since(info.ModTime()) > staleTmp {
				_ = os.Remove(p)
			}
			continue
		}
		if !isDiskName(de.Name()) {
			continue // not ours: leave it alone
		}
		files = append(files, file{p, info.Size(), info.ModTime()})
		total += info.Size()
	}
	if total <= e.maxDisk {
		return
	}
	slices.SortFunc(files, func(a, b file) int {
		return cmp.Or(a.mod.Compare(b.mod), cmp.Compare(a.path, b.path))
	})
	for _, f := range files {
		if total <= e.maxDisk {
			break
		}
		if os.Remove(f.path) == nil {
			total -= f.size
			e.forgetFile(f.path)
		}
	}
}

// forgetFile drops an evicted file from onDisk.
func (e *engine) forgetFile(path string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for url, p := range e.onDisk {
		if p == path {
			delete(e.onDisk, url)
		}
	}
}

// isDiskName reports whether name looks like a diskName.
func isDiskName(name string) bool {
	if len(name) != 2*sha256.Size {
		return false
	}
	_, err := hex.DecodeString(name)
	return err == nil
}
