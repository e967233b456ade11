package theme

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Paint is one colour-and-weight style made ready for text drawn on every
// tick (the clock, the bar, the lyric lines): the codes lipgloss puts
// before and after a marker, found once, so that styling a piece is two
// concatenations. lipgloss's Render measures, splits and re-encodes on
// every call; after a second of idle, on a machine that charges for every
// cold page and cache line (a virtual machine), that was a visible share
// of a tick (perf: one Render a frame was a tenth of spotui's CPU with
// lyrics on screen).
//
// It is exact for the styles it is made from (colours, bold, italic,
// underline; no padding, margins, widths or borders) and for text without
// newlines or tabs; anything else goes to Render. ui's
// TestPaintMatchesRender holds it to that for every such style, profile
// and background.
type Paint struct {
	st        lipgloss.Style
	pre, post string
	ok        bool
}

const paintMarker = "M"

// NewPaint makes st ready.
func NewPaint(st lipgloss.Style) Paint {
	r := st.Render(paintMarker)
	pre, post, found := strings.Cut(r, paintMarker)
	return Paint{st: st, pre: pre, post: post, ok: found && !strings.Contains(post, paintMarker)}
}

// Render is s in p's style, as the style's Render would give it.
func (p Paint) Render(s string) string {
	if !p.ok || strings.ContainsAny(s, "\n\t\r") {
		return p.st.Render(s)
	}
	return p.pre + s + p.post
}

// Ready reports whether p styles text itself rather than through Render.
func (p Paint) Ready() bool { return p.ok }
