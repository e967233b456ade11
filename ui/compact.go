package ui

import (
	"strings"
)

// layoutCompact fits the essentials into as few rows as there are (a tmux
// split, a status pane, --compact): the title first, then the progress, the
// status or device, and the key bar on the last row. The picker and the
// help take every row above the key bar.
func (m Model) layoutCompact(g geom) Frame {
	var f Frame
	s := m.styles
	c := newCanvas(g.w, g.h)
	line := func(y int) Rect { return Rect{X: 1, Y: y, W: g.cw, H: 1} }
	hasItem := m.state == stateConnected && m.np != nil && m.haveState
	bar := g.h > 1 // the key bar needs a row of its own
	rows := g.h
	if bar {
		rows--
	}
	switch {
	case m.picker.IsOpen() && m.state == stateConnected:
		f.Regions.Picker = g.pickerRect()
		c.block(f.Regions.Picker, strings.Split(m.picker.View(), "\n"))
	case hasItem:
		c.put(line(0), m.titleLine())
		f.Regions.Title = line(0)
		if m.helpShown && rows > 1 {
			f.Regions.Help = Rect{X: 1, Y: 1, W: g.cw, H: rows - 1}
			var lines []string
			lines, f.HelpPages = m.fullHelp(m.activeKeys(), g.cw, rows-1)
			c.block(f.Regions.Help, lines)
			break
		}
		status := m.viewStatusLines(g.cw)
		switch {
		case rows >= 3:
			m.putProgress(g, c, &f, 1)
			if len(status) > 0 { // the notice wins over the device line
				c = m.replaceRow(c, g, 2, status[0])
			}
		case rows == 2 && len(status) > 0:
			c.put(line(1), status[0])
		case rows == 2:
			m.putProgress(g, c, &f, 1)
		}
	default:
		var first string
		if m.state == stateConnected && m.haveState {
			first = s.Faint.Render("Nothing is playing.")
		} else {
			first = m.compactState() // login, errors and onboarding need room: say so
		}
		n := c.wrapped(Rect{X: 1, Y: 0, W: g.cw, H: rows}, []string{first})
		if m.helpShown && rows-n > 0 {
			f.Regions.Help = Rect{X: 1, Y: n, W: g.cw, H: rows - n}
			var lines []string
			lines, f.HelpPages = m.fullHelp(m.activeKeys(), g.cw, rows-n)
			c.block(f.Regions.Help, lines)
		} else if st := m.viewStatusLines(g.cw); len(st) > 0 && n < rows {
			c.put(line(n), st[0])
		}
	}
	if bar {
		m.putKeyBar(g, c, &f)
	}
	f.Lines, f.overlaps = c.finish(), c.overlaps
	return f
}

// replaceRow empties row y of c and writes s there.
func (m Model) replaceRow(c *canvas, g geom, y int, s string) *canvas {
	if y < len(c.rows) {
		c.rows[y] = nil
	}
	c.put(Rect{X: 1, Y: y, W: g.cw, H: 1}, s)
	return c
}

func (m Model) compactState() string {
	s := m.styles
	switch m.state {
	case stateNeedsClientID, stateLoggingIn:
		return s.Notice.Render("spotui needs a bigger window to log in (8 rows or more).")
	case stateLoggedOut:
		return s.Faint.Render("Logged out: press " + hint(m.keys.Login) + " to log in.")
	case stateError:
		return s.Error.Render("✗ ") + describeError(m.err) + " — press " + hint(m.keys.Login)
	case stateConnected:
		return s.Faint.Render("Connecting to Spotify…")
	}
	return s.Faint.Render("Starting…")
}
