package auth

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// fakeBrowser writes a script that records its arguments, one per line.
func fakeBrowser(t *testing.T) (script, out string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("needs a POSIX shell")
	}
	dir := t.TempDir()
	script = filepath.Join(dir, "browser.sh")
	out = filepath.Join(dir, "args.txt")
	body := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"" + out + ".tmp\"\nmv \"" + out + ".tmp\" \"" + out + "\"\n"
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	return script, out
}

// waitFile polls until the script has run.
func waitFile(t *testing.T, path string) []string {
	t.Helper()
	var data []byte
	waitFor(t, 10*time.Second, "the browser script to run", func() bool {
		var err error
		data, err = os.ReadFile(path)
		return err == nil
	})
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}

func TestBrowserOpener(t *testing.T) {
	const u = "https://accounts.example/authorize?client_id=x&state=y z"
	tests := []struct {
		name     string
		env      func(script string) string
		wantArgs []string // before the URL
	}{
		{"plain", func(s string) string { return s }, nil},
		{"extra args", func(s string) string { return "  " + s + "   --new-window  -x " }, []string{"--new-window", "-x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			script, out := fakeBrowser(t)
			if err := BrowserOpener(tt.env(script))(context.Background(), u); err != nil {
				t.Fatal(err)
			}
			got := waitFile(t, out)
			want := append(append([]string{}, tt.wantArgs...), u)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("browser got args %q, want %q", got, want)
			}
		})
	}
}

func TestBrowserOpenerMissing(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-browser")
	err := BrowserOpener(missing+" --flag")(context.Background(), "https://x.example/")
	var be *BrowserError
	if !errors.As(err, &be) || be.Command != missing {
		t.Fatalf("got %v, want *BrowserError for %s", err, missing)
	}
	if !strings.Contains(err.Error(), "not found") || !strings.Contains(err.Error(), "open the URL shown") {
		t.Errorf("message %q should say the command wasn't found and to open the URL", err.Error())
	}
	if err := BrowserOpener("definitely-not-a-browser-xyz")(context.Background(), "u"); err == nil {
		t.Error("a command missing from PATH gave no error")
	}
}

func TestBrowserOpenerCancelled(t *testing.T) {
	script, _ := fakeBrowser(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := BrowserOpener(script)(ctx, "u"); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

func TestBrowserCommand(t *testing.T) {
	tests := []struct {
		env, goos, name string
		args            []string
	}{
		{"", "linux", "xdg-open", nil},
		{"", "freebsd", "xdg-open", nil},
		{"", "darwin", "open", nil},
		{"", "windows", "rundll32", []string{"url.dll,FileProtocolHandler"}},
		{"  ", "linux", "xdg-open", nil},
		{"firefox --private-window", "darwin", "firefox", []string{"--private-window"}},
	}
	for _, tt := range tests {
		name, args := browserCommand(tt.env, tt.goos)
		if name != tt.name || strings.Join(args, " ") != strings.Join(tt.args, " ") {
			t.Errorf("browserCommand(%q, %q) = %q %q, want %q %q", tt.env, tt.goos, name, args, tt.name, tt.args)
		}
	}
}
