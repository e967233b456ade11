//go:build unix

package auth

import (
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNonRegularTokenFileIsRefusedAtOnce: a FIFO (or a device) at
// token.json would block a plain read forever; Load must instead say what
// is there, name the path, and leave it alone.
func TestNonRegularTokenFileIsRefusedAtOnce(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "token.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, path, want string }{
		{"FIFO", fifo, "token cache unreadable: " + fifo + " is not a regular file (a FIFO)"},
		{"device", "/dev/null", "token cache unreadable: /dev/null is not a regular file (a device)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() { _, err := NewStore(tt.path).Load(); done <- err }()
			var err error
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("Load blocked")
			}
			var ce *CorruptTokenError
			if !errors.As(err, &ce) || ce.MovedTo != "" || err.Error() != tt.want {
				t.Fatalf("got %v; want %q, nothing moved", err, tt.want)
			}
			if !strings.HasPrefix(tt.path, "/dev/") && !exists(tt.path) {
				t.Error("the FIFO was moved or removed")
			}
		})
	}
}
