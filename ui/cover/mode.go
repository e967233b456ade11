package cover

import (
	"fmt"
	"strings"
)

// Mode is how the cover is drawn.
type Mode int

const (
	ModeAuto   Mode = iota // pick from the environment (see Resolve)
	ModeBlocks             // Unicode half blocks with colours: works everywhere
	ModeKitty              // kitty graphics protocol (kitty, Ghostty)
	ModeITerm              // iTerm2 inline images
	ModeSixel              // DEC sixel graphics (foot, xterm -ti vt340, WezTerm, mlterm, Windows Terminal)
	ModeOff                // no cover at all

	// ModeKittyPlaceholders is kitty's graphics protocol through Unicode
	// placeholders (kitty ≥ 0.28, Ghostty): what "kitty" means inside tmux.
	// Choose picks it; users ask for "kitty".
	ModeKittyPlaceholders
)

// ParseMode reads a mode as a user would type it in a flag or config file.
// It goes through String so the two cannot drift apart.
func ParseMode(s string) (Mode, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	names := make([]string, 0, ModeOff+1)
	for m := ModeAuto; m <= ModeOff; m++ {
		if v == m.String() {
			return m, nil
		}
		names = append(names, m.String())
	}
	return ModeAuto, fmt.Errorf("cover mode %q: want one of %s", s, strings.Join(names, ", "))
}

func (m Mode) String() string {
	switch m {
	case ModeAuto:
		return "auto"
	case ModeBlocks:
		return "blocks"
	case ModeKitty:
		return "kitty"
	case ModeITerm:
		return "iterm"
	case ModeSixel:
		return "sixel"
	case ModeKittyPlaceholders:
		return "kitty-placeholders"
	case ModeOff:
		return "off"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// Resolve chooses a mode from the environment alone (see Choose and
// TerminalFromEnv), for when the terminal was not asked.
func Resolve(m Mode, getenv func(string) string) Mode {
	return Choose(m.String(), TerminalFromEnv(getenv))
}
