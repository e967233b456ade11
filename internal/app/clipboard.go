package app

import (
	"context"
	"os/exec"
	"strings"
	"time"
)

// clipboardBlocked says why OSC 52 can't reach the clipboard here, or "".
// Inside tmux a program's OSC 52 is taken only with set-clipboard on; the
// default, external, drops it, so "copied" would be a false claim. tmux is
// asked read-only, once at start; when it can't be asked, the UI says the
// text was sent, which is true either way.
func clipboardBlocked(getenv func(string) string, tmuxOption func(name string) (string, error)) string {
	if getenv("TMUX") == "" {
		return ""
	}
	v, err := tmuxOption("set-clipboard")
	if err != nil {
		return ""
	}
	switch v = strings.TrimSpace(v); v {
	case "external", "off":
		return "tmux's set-clipboard is " + v
	}
	return ""
}

// tmuxOption reads a global tmux option (tmux show -gv NAME).
func tmuxOption(name string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	out, err := exec.CommandContext(ctx, "tmux", "show", "-gv", name).Output()
	return string(out), err
}
