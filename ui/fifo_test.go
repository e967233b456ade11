//go:build unix

package ui

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestFIFOTokenFileShowsAnError: the TUI's start-up read of a FIFO at
// token.json returns at once (settle fails after 10 s otherwise) and says
// what is wrong instead of hanging on "Reading the token cache…".
func TestFIFOTokenFileShowsAnError(t *testing.T) {
	w := newWorld(t)
	if err := os.MkdirAll(filepath.Dir(w.tokenPath), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(w.tokenPath, 0o600); err != nil {
		t.Fatal(err)
	}
	w.start()
	if w.m.state != stateError {
		t.Fatalf("state %v:\n%s", w.m.state, w.screen())
	}
	w.wantScreen(w.tokenPath+" is not a regular file (a FIFO)", "Press l to log in")
}
