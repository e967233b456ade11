package auth

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"strings"
)

// Opener opens url in a browser. Failure is soft: the UI always shows the
// URL as well.
type Opener func(ctx context.Context, url string) error

// BrowserOpener returns an Opener that runs browserEnv (the $BROWSER value,
// split on spaces, URL appended as the last argument) or, when that is
// empty, the platform's opener: xdg-open, open, or rundll32 on Windows.
// The process is detached from the terminal, which the TUI owns, and is
// not waited for: browsers often keep running.
func BrowserOpener(browserEnv string) Opener {
	return func(ctx context.Context, url string) error {
		name, args := browserCommand(browserEnv, runtime.GOOS)
		if err := ctx.Err(); err != nil {
			return err
		}
		path, err := exec.LookPath(name)
		if err != nil {
			return &BrowserError{Command: name, Err: errors.Join(errNotFound, err)}
		}
		// Not CommandContext: cancelling the login must not kill the
		// user's browser.
		cmd := exec.Command(path, append(args, url)...)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, nil, nil // /dev/null
		detach(cmd)
		if err := cmd.Start(); err != nil {
			return &BrowserError{Command: name, Err: fmt.Errorf("start: %w", err)}
		}
		go func() { _ = cmd.Wait() }() // reap it, so no zombie is left
		return nil
	}
}

// browserCommand picks the command and leading arguments for goos.
func browserCommand(browserEnv, goos string) (string, []string) {
	if f := strings.Fields(browserEnv); len(f) > 0 {
		return f[0], f[1:]
	}
	switch goos {
	case "darwin":
		return "open", nil
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler"}
	default:
		return "xdg-open", nil
	}
}
