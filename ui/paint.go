package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// paint is one colour-and-weight style made ready for the pieces drawn on
// every tick (the clock, the bar, the progress icon, the context line):
// the codes lipgloss puts before and after a marker, found once, so that
// styling a piece is two concatenations. lipgloss's Render measures,
// splits and re-encodes on every call; after a second of idle, on a
// machine that charges for every cold page and cache line (a virtual
// machine), that was a visible share of a tick (perf: one Render a frame
// was a tenth of spotui's CPU with lyrics on screen).
//
// It is exact for the styles it is made from (colours, bold, italic,
// underline, no padding, margins, widths or borders) and for text without
// newlines or tabs; anything else goes to Render. TestPaintMatchesRender
// holds it to that for every style and profile.
type paint struct {
	st        lipgloss.Style
	pre, post string
	ok        bool
}

const paintMarker = "M"

func newPaint(st lipgloss.Style) paint {
	r := st.Render(paintMarker)
	pre, post, found := strings.Cut(r, paintMarker)
	return paint{st: st, pre: pre, post: post, ok: found && !strings.Contains(post, paintMarker)}
}

// text is p's style applied to s, as st.Render(s) would give it.
func (p paint) text(s string) string {
	if !p.ok || strings.ContainsAny(s, "\n\t\r") {
		return p.st.Render(s)
	}
	return p.pre + s + p.post
}

// paints are the styles of what changes from one tick to the next.
type paints struct {
	playing, paused, stale, time, barFull, barEmpty, faint paint
}

func newPaints(s *Styles) paints {
	return paints{
		playing: newPaint(s.Playing), paused: newPaint(s.Paused), stale: newPaint(s.Stale),
		time: newPaint(s.Time), barFull: newPaint(s.BarFull), barEmpty: newPaint(s.BarEmpty),
		faint: newPaint(s.Faint),
	}
}
