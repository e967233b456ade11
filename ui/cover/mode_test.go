package cover

import (
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want Mode
	}{
		{"kitty", map[string]string{"TERM": "xterm-kitty"}, ModeKitty},
		{"kitty window id", map[string]string{"TERM": "xterm-256color", "KITTY_WINDOW_ID": "1"}, ModeKitty},
		{"ghostty", map[string]string{"TERM": "xterm-ghostty", "TERM_PROGRAM": "ghostty"}, ModeKitty},
		{"wezterm", map[string]string{"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, ModeITerm},
		{"iterm", map[string]string{"TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"}, ModeITerm},
		{"iterm over ssh", map[string]string{"TERM": "xterm-256color", "LC_TERMINAL": "iTerm2"}, ModeITerm},
		{"kitty in tmux", map[string]string{"TERM": "tmux-256color", "KITTY_WINDOW_ID": "1", "TMUX": "/tmp/tmux-1/default,1,0"}, ModeBlocks},
		{"kitty TERM in tmux", map[string]string{"TERM": "xterm-kitty", "TMUX": "x"}, ModeBlocks},
		{"iterm in screen", map[string]string{"TERM": "screen-256color", "TERM_PROGRAM": "iTerm.app"}, ModeBlocks},
		{"iterm with STY", map[string]string{"TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app", "STY": "1.pts"}, ModeBlocks},
		{"ghostty in zellij", map[string]string{"TERM": "xterm-ghostty", "TERM_PROGRAM": "ghostty", "ZELLIJ": "0"}, ModeBlocks},
		{"tmux TERM alone", map[string]string{"TERM": "tmux", "TERM_PROGRAM": "WezTerm"}, ModeBlocks},
		{"dumb", map[string]string{"TERM": "dumb", "KITTY_WINDOW_ID": "1"}, ModeBlocks},
		{"plain xterm", map[string]string{"TERM": "xterm-256color"}, ModeBlocks},
		{"nothing set", map[string]string{}, ModeBlocks},
	}
	for _, tt := range tests {
		getenv := func(k string) string { return tt.env[k] }
		if got := Resolve(ModeAuto, getenv); got != tt.want {
			t.Errorf("%s: Resolve(auto) = %v, want %v", tt.name, got, tt.want)
		}
	}
	// Explicit modes pass through, even where auto would say otherwise;
	// kitty inside tmux is drawn the way tmux allows: placeholders.
	tmux := func(k string) string { return map[string]string{"TMUX": "x", "TERM": "xterm-kitty"}[k] }
	for _, m := range []Mode{ModeBlocks, ModeITerm, ModeSixel, ModeOff} {
		if got := Resolve(m, tmux); got != m {
			t.Errorf("Resolve(%v) = %v", m, got)
		}
	}
	if got := Resolve(ModeKitty, tmux); got != ModeKittyPlaceholders {
		t.Errorf("Resolve(kitty) in tmux = %v, want placeholders", got)
	}
}

func TestParseMode(t *testing.T) {
	for m := ModeAuto; m <= ModeOff; m++ {
		got, err := ParseMode(m.String())
		if err != nil || got != m {
			t.Errorf("ParseMode(%q) = %v, %v", m.String(), got, err)
		}
	}
	if got, err := ParseMode(" Kitty "); err != nil || got != ModeKitty {
		t.Errorf("ParseMode(\" Kitty \") = %v, %v", got, err)
	}
	if got, err := ParseMode("sixel"); err != nil || got != ModeSixel {
		t.Errorf("ParseMode(sixel) = %v, %v", got, err)
	}
	// Placeholders are how "kitty" is drawn inside tmux, not a user's word.
	if _, err := ParseMode("kitty-placeholders"); err == nil {
		t.Error("ParseMode(kitty-placeholders) succeeded")
	}
	_, err := ParseMode("sixels")
	if err == nil {
		t.Fatal("ParseMode(sixels) succeeded")
	}
	for _, name := range []string{"auto", "blocks", "kitty", "iterm", "off", "sixel"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not mention %q", err, name)
		}
	}
	if s := Mode(42).String(); s != "Mode(42)" {
		t.Errorf("Mode(42).String() = %q", s)
	}
}
