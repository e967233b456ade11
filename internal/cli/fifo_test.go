//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNowWithAFIFOReturnsPromptly: a FIFO at token.json or config.toml
// used to hang `spotui now` (and a status bar with it) forever.
func TestNowWithAFIFOReturnsPromptly(t *testing.T) {
	tests := []struct {
		name string
		path func(Env) string
	}{
		{"token.json", func(e Env) string { return e.TokenFile }},
		{"config.toml", func(e Env) string { return e.ConfigFile }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			path := tt.path(w.env)
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := syscall.Mkfifo(path, 0o600); err != nil {
				t.Fatal(err)
			}
			type result struct {
				code        int
				out, errOut string
			}
			done := make(chan result, 1)
			go func() {
				code, out, errOut := w.run("now")
				done <- result{code, out, errOut}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("spotui now blocked on the FIFO")
			}
			if r.code != ExitUsage || r.out != "" {
				t.Errorf("exit %d, stdout %q; want 2 (error) and nothing on stdout", r.code, r.out)
			}
			if !strings.Contains(r.errOut, path) || !strings.Contains(r.errOut, "is not a regular file (a FIFO)") {
				t.Errorf("stderr %q; want the path and what is wrong", r.errOut)
			}
		})
	}
}
