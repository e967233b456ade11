//go:build unix

package config

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFIFOConfigIsRefusedAtOnce: a FIFO at config.toml would block a
// plain read forever (no writer); Load and SaveClientID must return an
// error naming it instead. A hang fails after 5 s rather than timing out.
func TestFIFOConfigIsRefusedAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		call func() error
	}{
		{"Load", func() error { _, err := Load(nil, path, env(nil), &bytes.Buffer{}); return err }},
		{"SaveClientID", func() error { return SaveClientID(path, "0123456789abcdef0123456789abcdef") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() { done <- tt.call() }()
			var err error
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("blocked on the FIFO")
			}
			var fe *FileError
			if !errors.As(err, &fe) || fe.Path != path || !strings.Contains(err.Error(), "is not a regular file (a FIFO)") {
				t.Fatalf("got %v; want a *FileError naming %s as a FIFO", err, path)
			}
		})
	}
}
