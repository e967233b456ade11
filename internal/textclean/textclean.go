// Package textclean makes untrusted text (API replies, error bodies, device
// names) safe to put on a terminal: a title must never be able to move the
// cursor, set the clipboard, rename the window or reorder what the user
// reads. Text is cleaned once, where it enters the program.
package textclean

import (
	"strings"
	"unicode/utf8"
)

// Ellipsis marks clipped text.
const Ellipsis = "…"

// Line returns s fit for one line of a terminal: C0 controls (ESC, BEL, …),
// DEL, C1 controls (U+0080–U+009F), bidi overrides and isolates
// (U+202A–U+202E, U+2066–U+2069) and invalid UTF-8 are dropped; tabs, line
// breaks and U+2028/U+2029 become spaces ("\r\n" one space). If the result
// is longer than max bytes it is cut on a rune boundary and Ellipsis is
// appended, so it is at most max+len(Ellipsis) bytes. max <= 0 means no
// limit. Clean text within the limit comes back as is, without allocating.
func Line(s string, max int) string { return clean(s, max, false) }

// Text is Line for multi-line text (episode descriptions, lyrics): line
// breaks are kept as '\n' ("\r\n", '\r', U+2028 and U+2029 included).
func Text(s string, max int) string { return clean(s, max, true) }

// Forbidden reports whether r never survives Line or Text (line breaks
// aside, which Line turns into spaces). Tests use it to check output.
func Forbidden(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

func clean(s string, max int, keepNL bool) string {
	limit := max
	if limit <= 0 {
		limit = len(s)
	}
	if len(s) <= limit && isClean(s, keepNL) {
		return s
	}
	nl := ' '
	if keepNL {
		nl = '\n'
	}
	// A fresh string even when only clipping: a substring would keep a
	// multi-megabyte original alive.
	var b strings.Builder
	b.Grow(min(len(s), limit) + len(Ellipsis))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			continue // invalid UTF-8
		case r == '\r' && i < len(s) && s[i] == '\n':
			continue // the '\n' that follows stands for both
		case r == '\n' || r == '\r' || r == 0x2028 || r == 0x2029:
			r = nl
		case r == '\t':
			r = ' '
		case Forbidden(r):
			continue
		}
		if b.Len()+utf8.RuneLen(r) > limit {
			b.WriteString(Ellipsis)
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isClean reports whether clean would return s unchanged (length aside).
func isClean(s string, keepNL bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && (c != '\n' || !keepNL)) || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || Forbidden(r) || r == 0x2028 || r == 0x2029 {
			return false
		}
		i += size
	}
	return true
}
