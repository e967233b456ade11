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

func TestDarkBackgroundOrder(t *testing.T) {
	light := termquery.Caps{HasBackground: true, Dark: false}
	tests := []struct {
		name, mode, colorfgbg string
		caps                  termquery.Caps
		want                  bool
	}{
		{"nothing known: dark", "", "", termquery.Caps{Dark: true}, true},
		{"OSC 11 says light", "", "", light, false},
		{"OSC 11 wins over COLORFGBG", "", "15;0", light, false},
		{"COLORFGBG when the terminal is silent", "", "0;15", termquery.Caps{Dark: true}, false},
		{"the user's mode wins over the terminal", "dark", "", light, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string {
				if k == "COLORFGBG" {
					return tt.colorfgbg
				}
				return ""
			}
			if got := darkBackground(tt.mode, tt.caps, getenv); got != tt.want {
				t.Errorf("dark = %v, want %v", got, tt.want)
			}
		})
	}
}
