package screen

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Where a changed line's write starts and stops: only the part of a row
// that changed goes to the terminal, cut where the terminal's state and
// every cell's place are sure.

// resume is where a changed line is written from, given the line its row
// shows: byte from of new, at cell col. A lyric beside the cover changes
// only the end of its row, and the cover's kilobytes of escape codes before
// it need not be sent again. The cut comes before the first difference,
// where nothing carries over from before it: no SGR attribute in effect
// (the line's start, or after a reset, as each Render ends) and no
// grapheme split. Only ASCII, SGR and box drawing, blocks and geometric
// shapes (U+2500–25FF: the cover, the bar, ▶) may precede it: outside CJK
// width mode, in which the whole layout would be off anyway, terminals
// agree they are one cell, so the column is sure. Emoji, CJK and combining
// marks, whose widths terminals disagree on, end the search.
func resume(old, new string) (from, col int) {
	n := 0
	for n < len(old) && n < len(new) && old[n] == new[n] {
		n++
	}
	plain := true // no SGR attribute in effect at i
scan:
	for i := 0; i <= n; {
		if plain {
			from = i
		}
		if i == n {
			break
		}
		r, size := utf8.DecodeRuneInString(new[i:])
		switch {
		case r == 0x1b:
			end, reset, ok := sgr(new, i)
			if !ok {
				break scan // an escape whose effect is not known here
			}
			plain, size = reset, end-i
		case r >= 0x20 && r < 0x7f, r >= 0x2500 && r <= 0x25ff:
			// A combining mark never follows these: the next one starts a
			// grapheme.
		default:
			break scan
		}
		if i+size > n {
			break // the difference is inside this rune or escape
		}
		i += size
	}
	return from, ansi.StringWidth(new[:from])
}

// until is where a write of new from byte from may stop: the row shows the
// rest already. The clock changes each second while the bar after it does
// not. The stop comes just after an SGR reset that both lines share with
// all that follows it, at the same cell in both, and only where what is
// written and what it replaces are of known width (see resume).
func until(old, new string, from int) int {
	k := 0 // the common suffix
	for k < len(old)-from && k < len(new)-from && old[len(old)-1-k] == new[len(new)-1-k] {
		k++
	}
	start := len(new) - k
	for _, reset := range []string{"\x1b[0m", "\x1b[m"} {
		i := strings.Index(new[start:], reset)
		if i < 0 {
			continue
		}
		to := start + i + len(reset)
		oldTo := to - len(new) + len(old)
		if known(new[from:to]) && known(old[from:oldTo]) &&
			ansi.StringWidth(new[from:to]) == ansi.StringWidth(old[from:oldTo]) {
			return to
		}
	}
	return len(new)
}

// known reports whether s holds only SGR sequences and characters whose
// width terminals agree on (ASCII, U+2500–25FF: see resume).
func known(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b:
			end, _, ok := sgr(s, i)
			if !ok {
				return false
			}
			size = end - i
		case r >= 0x20 && r < 0x7f, r >= 0x2500 && r <= 0x25ff:
		default:
			return false
		}
		i += size
	}
	return true
}

// sgr reads the escape at s[i]: an SGR (CSI … m) ends at end, and reset
// says whether it clears every attribute ("" or "0").
func sgr(s string, i int) (end int, reset, ok bool) {
	if i+1 >= len(s) || s[i+1] != '[' {
		return 0, false, false
	}
	j := i + 2
	for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
		j++
	}
	if j >= len(s) || s[j] != 'm' {
		return 0, false, false
	}
	p := s[i+2 : j]
	return j + 1, p == "" || p == "0", true
}

// graphic reports whether line holds an image: sixel (DCS), kitty (APC) or
// iTerm2 (OSC 1337).
func graphic(line string) bool {
	return strings.Contains(line, "\x1bP") || strings.Contains(line, "\x1b_") || strings.Contains(line, "\x1b]1337;")
}
