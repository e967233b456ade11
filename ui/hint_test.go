package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spotui/spotui/auth"
)

// The tmux passthrough hint is said once at start, quietly, and gives way
// to the config's warnings.
func TestStartHint(t *testing.T) {
	hint := "Add `set -g allow-passthrough on` to ~/.tmux.conf for real cover art."
	m := New(Deps{Auth: auth.Config{ClientID: "x"}, Hint: hint})
	if m.notice != hint || m.noticeErr {
		t.Fatalf("notice %q (error %v), want the hint as news", m.notice, m.noticeErr)
	}
	if !strings.Contains(ansi.Strip(m.View()), "allow-passthrough on") {
		t.Error("the hint is not on screen")
	}
	if m.Init() == nil {
		t.Error("the hint never clears")
	}
	w := New(Deps{Auth: auth.Config{ClientID: "x"}, Hint: hint, Warnings: []string{"config.toml line 3: unknown setting \"colour\", ignored"}})
	if strings.Contains(w.notice, "passthrough") || !w.noticeErr {
		t.Errorf("with a warning the notice is %q", w.notice)
	}
}
