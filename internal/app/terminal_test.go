package app

import (
	"testing"

	"github.com/spotui/spotui/internal/termquery"
	"github.com/spotui/spotui/ui/cover"
)

// What the probe heard decides the cover; the environment only hints.
func TestCoverModeFromTheProbe(t *testing.T) {
	kitty := termquery.Caps{KittyGraphics: true, TermName: "kitty", TermVersion: "0.35.2", Answered: true}
	oldKitty := termquery.Caps{KittyGraphics: true, TermName: "kitty", TermVersion: "0.26.5", Answered: true}
	tmux := func(c termquery.Caps, pass bool) termquery.Caps {
		c.InTmux, c.Passthrough, c.TmuxVersion = true, pass, "3.4"
		if !pass {
			c.KittyGraphics, c.TermName, c.TermVersion = false, "", ""
		}
		return c
	}
	tests := []struct {
		name   string
		caps   termquery.Caps
		env    map[string]string
		mode   cover.Mode
		notice bool
	}{
		{"kitty", kitty, map[string]string{"TERM": "xterm-kitty"}, cover.ModeKitty, false},
		{"ghostty", termquery.Caps{KittyGraphics: true, TermName: "ghostty", Answered: true}, nil, cover.ModeKitty, false},
		{"wezterm", termquery.Caps{Sixel: true, KittyGraphics: true, TermName: "WezTerm", Answered: true}, nil, cover.ModeITerm, false},
		{"foot", termquery.Caps{Sixel: true, TermName: "foot", Answered: true}, nil, cover.ModeSixel, false},
		{"xterm vt340", termquery.Caps{Sixel: true, TermName: "XTerm", TermVersion: "390", Answered: true}, map[string]string{"TERM": "xterm"}, cover.ModeSixel, false},
		{"kitty in tmux with passthrough", tmux(kitty, true), map[string]string{"TMUX": "/tmp/t,1,0"}, cover.ModeKittyPlaceholders, false},
		{"old kitty in tmux: no placeholders", tmux(oldKitty, true), map[string]string{"TMUX": "/tmp/t,1,0"}, cover.ModeBlocks, false},
		{"kitty in tmux without passthrough", tmux(kitty, false), map[string]string{"TMUX": "/tmp/t,1,0", "KITTY_WINDOW_ID": "1"}, cover.ModeBlocks, true},
		{"plain tmux", termquery.Caps{InTmux: true, Answered: true}, map[string]string{"TMUX": "/tmp/t,1,0"}, cover.ModeBlocks, false},
		{"a silent terminal: the env hint", termquery.Caps{}, map[string]string{"TERM": "xterm-kitty"}, cover.ModeKitty, false},
		{"a silent terminal, no hint", termquery.Caps{}, map[string]string{"TERM": "xterm-256color"}, cover.ModeBlocks, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			term := coverTerminal(tt.caps, func(k string) string { return tt.env[k] })
			if got := cover.Choose("auto", term); got != tt.mode {
				t.Errorf("mode = %v, want %v (terminal %+v)", got, tt.mode, term)
			}
			if got := cover.Notice("auto", term) != ""; got != tt.notice {
				t.Errorf("notice shown = %v, want %v", got, tt.notice)
			}
		})
	}
}
