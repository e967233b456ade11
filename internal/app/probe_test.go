package app

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/spotui/spotui/internal/termquery"
)

// Where no terminal can answer, nothing is asked (no query bytes in a pipe
// or a file) and the UI gets the old assumption: a dark background.
func TestProbeTerminalOnlyOnATerminal(t *testing.T) {
	var out strings.Builder
	getenv := func(k string) string { return map[string]string{"TERM": "xterm-256color"}[k] }
	got := probeTerminal(strings.NewReader(""), &out, getenv)
	if out.Len() != 0 {
		t.Errorf("wrote %q to something that is not a terminal", out.String())
	}
	if want := (termquery.Caps{Dark: true}); got != want {
		t.Errorf("caps %+v, want %+v", got, want)
	}
	if !lipgloss.HasDarkBackground() {
		t.Error("lipgloss was not told the background")
	}
}
