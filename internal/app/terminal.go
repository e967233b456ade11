package app

import (
	"strconv"
	"strings"

	"github.com/spotui/spotui/internal/termquery"
	"github.com/spotui/spotui/ui/cover"
)

// coverTerminal is what the cover mode is chosen from: the probe's answers
// where the terminal gave them, the environment's hints where it did not.
func coverTerminal(caps termquery.Caps, getenv func(string) string) cover.Terminal {
	t := cover.TerminalFromEnv(getenv)
	t.CellW, t.CellH = caps.CellWidth, caps.CellHeight
	if !caps.Answered {
		return t // a silent terminal: hints only
	}
	t.InTmux, t.InScreen, t.InZellij = caps.InTmux, caps.InScreen, caps.InZellij
	t.Passthrough = caps.Passthrough
	t.Sixel = caps.Sixel
	name := strings.ToLower(caps.TermName)
	t.Kitty = t.Kitty || caps.KittyGraphics
	if caps.InTmux && !caps.KittyGraphics {
		// Behind a tmux that passes nothing through, the outer kitty or
		// Ghostty is known only by the variables it left in the
		// environment: enough to say how to get real covers.
		t.Kitty = getenv("KITTY_WINDOW_ID") != "" || getenv("GHOSTTY_RESOURCES_DIR") != ""
	}
	t.KittyPlaceholders = name == "ghostty" || (name == "kitty" && atLeast(caps.TermVersion, 0, 28))
	if strings.Contains(name, "iterm2") || strings.Contains(name, "wezterm") {
		t.ITerm = !caps.InTmux
	}
	return t
}

// atLeast reports whether version "major.minor…" is at least major.minor.
func atLeast(version string, major, minor int) bool {
	parts := strings.SplitN(version, ".", 3)
	if len(parts) < 2 {
		return false
	}
	ma, err1 := strconv.Atoi(parts[0])
	mi, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return false
	}
	return ma > major || ma == major && mi >= minor
}
