//go:build unix

package privatefile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// within runs f and fails if it hasn't returned after d: the point of
// OpenRegular is that nothing blocks, so a hang must fail, not time out.
func within[T any](t *testing.T, d time.Duration, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(d):
		t.Fatalf("still blocked after %s", d)
		panic("unreachable")
	}
}

func TestOpenRegular(t *testing.T) {
	dir := t.TempDir()
	regular := filepath.Join(dir, "token.json")
	if err := os.WriteFile(regular, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(regular, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	fifoLink := filepath.Join(dir, "fifolink.json")
	if err := os.Symlink(fifo, fifoLink); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		want       string // "" reads "hello"; else in the error
	}{
		{"regular", regular, ""},
		{"symlink to a regular file", link, ""},
		{"FIFO", fifo, fifo + " is not a regular file (a FIFO)"},
		{"symlink to a FIFO", fifoLink, fifoLink + " is not a regular file (a FIFO)"},
		{"directory", sub, sub + " is not a regular file (a directory)"},
		{"device", os.DevNull, os.DevNull + " is not a regular file (a device)"},
		{"missing", filepath.Join(dir, "nope"), "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			type result struct {
				data string
				err  error
			}
			r := within(t, 5*time.Second, func() result {
				f, err := OpenRegular(tt.path)
				if err != nil {
					return result{err: err}
				}
				defer f.Close()
				b, err := io.ReadAll(f)
				return result{string(b), err}
			})
			if tt.want == "" {
				if r.err != nil || r.data != "hello" {
					t.Fatalf("got %q, %v; want hello", r.data, r.err)
				}
				return
			}
			if r.err == nil || !strings.Contains(r.err.Error(), tt.want) {
				t.Fatalf("got %v; want an error with %q", r.err, tt.want)
			}
			var nr *NotRegularError
			if errors.As(r.err, &nr) == errors.Is(r.err, fs.ErrNotExist) {
				t.Errorf("%v: want *NotRegularError, or fs.ErrNotExist when missing", r.err)
			}
		})
	}
}
