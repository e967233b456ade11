package cover

import "strings"

// Terminal is what is known about the terminal when the cover mode is
// chosen: internal/termquery's answers where the terminal gave them, else
// hints from the environment (TerminalFromEnv).
type Terminal struct {
	Sixel             bool // DA1 lists attribute 4 (inside tmux: tmux itself draws sixel)
	Kitty             bool // the kitty graphics query (a=q) was answered OK
	KittyPlaceholders bool // and the terminal draws Unicode placeholders (kitty ≥ 0.28, Ghostty)
	ITerm             bool // iTerm2 or WezTerm (XTVERSION, TERM_PROGRAM)
	InTmux            bool
	Passthrough       bool // tmux forwards passthrough escapes (allow-passthrough on)
	InScreen          bool // GNU screen: no graphics at all
	InZellij          bool
	CellW, CellH      int // pixels per cell, 0 when unknown
}

// PassthroughNotice is the line the UI shows once when tmux hides a
// terminal that could draw the cover. spotui never changes tmux settings.
const PassthroughNotice = "add `set -g allow-passthrough on` to ~/.tmux.conf for real cover art"

// Choose turns --art into a concrete mode for this terminal. Explicit
// modes are honoured (kitty inside tmux is drawn with placeholders, the
// only kitty that survives tmux); "auto" draws the best the terminal
// proved it can, half blocks otherwise. Unknown names count as auto:
// config has refused them already.
func Choose(mode string, t Terminal) Mode {
	m, err := ParseMode(mode)
	if err != nil {
		m = ModeAuto
	}
	switch m {
	case ModeKitty:
		if t.InTmux {
			return ModeKittyPlaceholders
		}
		return ModeKitty
	case ModeAuto:
	default:
		return m
	}
	switch {
	case t.InTmux:
		// tmux keeps placeholders as text and moves them with the pane;
		// the outer kitty draws them once the upload gets through.
		if t.Kitty && t.KittyPlaceholders && t.Passthrough {
			return ModeKittyPlaceholders
		}
		if t.Sixel { // tmux built with sixel redraws images itself
			return ModeSixel
		}
		return ModeBlocks
	case t.InScreen:
		return ModeBlocks
	case t.InZellij:
		// Zellij draws sixel itself (since 0.31); its kitty support is
		// on its main branch only (2026), not in a release yet.
		if t.Sixel {
			return ModeSixel
		}
		return ModeBlocks
	case t.ITerm:
		// WezTerm speaks kitty too, but its kitty images lose pixels where
		// text is redrawn over them (wezterm#986); iTerm2 slices hold up.
		return ModeITerm
	case t.Kitty:
		return ModeKitty
	case t.Sixel:
		return ModeSixel
	}
	return ModeBlocks
}

// Notice is the one-time hint for t, or "": a kitty-capable terminal behind
// a tmux that does not pass its images through, so half blocks it is.
func Notice(mode string, t Terminal) string {
	if t.InTmux && t.Kitty && !t.Passthrough && Choose(mode, t) == ModeBlocks {
		return PassthroughNotice
	}
	return ""
}

// TerminalFromEnv is what the environment hints at, for when the terminal
// was not asked (or did not answer): the multiplexer, and the terminal
// programs that announce themselves. It cannot see sixel support or the
// passthrough setting, so behind tmux it never claims the outer terminal.
func TerminalFromEnv(getenv func(string) string) Terminal {
	term := getenv("TERM")
	prog := strings.ToLower(getenv("TERM_PROGRAM"))
	t := Terminal{
		InTmux: getenv("TMUX") != "" || strings.HasPrefix(term, "tmux"),
		// tmux's default TERM is screen*: only STY means GNU screen then.
		InScreen: getenv("STY") != "" || (getenv("TMUX") == "" && strings.HasPrefix(term, "screen")),
		InZellij: getenv("ZELLIJ") != "",
	}
	if term == "dumb" || t.InTmux || t.InScreen || t.InZellij {
		return t
	}
	switch {
	case term == "xterm-kitty", term == "xterm-ghostty", getenv("KITTY_WINDOW_ID") != "", prog == "ghostty":
		t.Kitty = true
	case prog == "iterm.app", getenv("LC_TERMINAL") == "iTerm2", prog == "wezterm":
		t.ITerm = true
	}
	return t
}
