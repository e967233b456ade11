package cover

import "testing"

func TestChoose(t *testing.T) {
	var (
		kitty   = Terminal{Kitty: true, KittyPlaceholders: true}
		kitty26 = Terminal{Kitty: true} // Debian's 0.26: no placeholders
		ghostty = Terminal{Kitty: true, KittyPlaceholders: true}
		wezterm = Terminal{Kitty: true, ITerm: true, Sixel: true}
		foot    = Terminal{Sixel: true}
		xterm   = Terminal{Sixel: true}
		plain   = Terminal{}
	)
	inTmux := func(t Terminal, passthrough, sixel bool) Terminal {
		t.InTmux, t.Passthrough, t.Sixel = true, passthrough, sixel
		return t
	}
	tests := []struct {
		name   string
		mode   string
		term   Terminal
		want   Mode
		notice bool
	}{
		{"kitty", "auto", kitty, ModeKitty, false},
		{"kitty 0.26", "auto", kitty26, ModeKitty, false},
		{"ghostty", "auto", ghostty, ModeKitty, false},
		{"wezterm prefers iTerm2 slices", "auto", wezterm, ModeITerm, false},
		{"foot", "auto", foot, ModeSixel, false},
		{"xterm vt340", "auto", xterm, ModeSixel, false},
		{"no reply at all", "auto", plain, ModeBlocks, false},
		{"kitty in tmux with passthrough", "auto", inTmux(kitty, true, false), ModeKittyPlaceholders, false},
		{"ghostty in tmux with passthrough", "auto", inTmux(ghostty, true, false), ModeKittyPlaceholders, false},
		{"kitty in tmux without passthrough", "auto", inTmux(kitty, false, false), ModeBlocks, true},
		{"kitty 0.26 in tmux: no placeholders", "auto", inTmux(kitty26, true, false), ModeBlocks, false},
		{"sixel tmux", "auto", inTmux(foot, false, true), ModeSixel, false},
		{"kitty in sixel tmux without passthrough", "auto", inTmux(kitty, false, true), ModeSixel, false},
		{"plain tmux", "auto", inTmux(plain, false, false), ModeBlocks, false},
		{"screen", "auto", Terminal{Kitty: true, InScreen: true}, ModeBlocks, false},
		{"zellij with sixel", "auto", Terminal{Sixel: true, InZellij: true}, ModeSixel, false},
		{"kitty in zellij", "auto", Terminal{Kitty: true, InZellij: true}, ModeBlocks, false},
		{"forced kitty in tmux", "kitty", inTmux(plain, false, false), ModeKittyPlaceholders, false},
		{"forced kitty", "kitty", plain, ModeKitty, false},
		{"forced sixel", "sixel", plain, ModeSixel, false},
		{"forced blocks", "blocks", kitty, ModeBlocks, false},
		{"forced iterm", "iterm", plain, ModeITerm, false},
		{"off", "off", inTmux(kitty, false, false), ModeOff, false},
		{"unknown is auto", "bogus", foot, ModeSixel, false},
	}
	for _, tt := range tests {
		if got := Choose(tt.mode, tt.term); got != tt.want {
			t.Errorf("%s: Choose(%q) = %v, want %v", tt.name, tt.mode, got, tt.want)
		}
		n := Notice(tt.mode, tt.term)
		if tt.notice != (n != "") {
			t.Errorf("%s: notice %q, want shown=%v", tt.name, n, tt.notice)
		}
		if n != "" && n != "add `set -g allow-passthrough on` to ~/.tmux.conf for real cover art" {
			t.Errorf("%s: notice %q", tt.name, n)
		}
	}
}

func TestTerminalFromEnv(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want Terminal
	}{
		{"tmux with screen TERM is tmux, not screen", map[string]string{"TMUX": "/tmp/x,1,0", "TERM": "screen-256color"}, Terminal{InTmux: true}},
		{"GNU screen", map[string]string{"STY": "1.pts", "TERM": "screen"}, Terminal{InScreen: true}},
		{"kitty", map[string]string{"TERM": "xterm-kitty"}, Terminal{Kitty: true}},
		{"wezterm", map[string]string{"TERM_PROGRAM": "WezTerm"}, Terminal{ITerm: true}},
		{"xterm: sixel is invisible to the environment", map[string]string{"TERM": "xterm"}, Terminal{}},
	}
	for _, tt := range tests {
		if got := TerminalFromEnv(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
