package ui

import "github.com/spotui/spotui/ui/theme"

// paints are the styles of what changes from one tick to the next, made
// ready (theme.Paint): no lipgloss Render on a tick.
type paints struct {
	playing, paused, stale, time, barFull, barEmpty, faint theme.Paint
}

func newPaints(s *Styles) paints {
	p := theme.NewPaint
	return paints{
		playing: p(s.Playing), paused: p(s.Paused), stale: p(s.Stale),
		time: p(s.Time), barFull: p(s.BarFull), barEmpty: p(s.BarEmpty),
		faint: p(s.Faint),
	}
}
