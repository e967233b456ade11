package theme

import (
	"strconv"
	"strings"
)

// Answer is one way of learning the background: dark, and ok when it
// knows. (COLORFGBG now; the terminal's reply to OSC 11 later.)
type Answer func() (dark, ok bool)

// Dark decides the background. mode is config's theme: "light" or "dark"
// wins; "auto" or "" takes the first answer that knows, in order; with none,
// dark, the common default.
func Dark(mode string, answers ...Answer) bool {
	switch mode {
	case "light":
		return false
	case "dark":
		return true
	}
	for _, a := range answers {
		if a == nil {
			continue
		}
		if dark, ok := a(); ok {
			return dark
		}
	}
	return true
}

// COLORFGBG reads $COLORFGBG as rxvt, Konsole and others set it: "fg;bg"
// or "fg;default;bg", colours 0–15. Its last field is the background: 0–6
// and 8 are dark, 7 and 9–15 light (as vim reads it); "default" or
// anything else is unknown.
func COLORFGBG(v string) Answer {
	return func() (bool, bool) {
		fields := strings.Split(strings.TrimSpace(v), ";")
		bg, err := strconv.Atoi(fields[len(fields)-1])
		if err != nil || bg < 0 || bg > 15 || len(fields) < 2 {
			return false, false
		}
		return bg <= 6 || bg == 8, true
	}
}
