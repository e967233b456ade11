package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spotui/spotui/ui/cover"
)

// View draws the screen from the model alone: no I/O, no clock, no state
// changes. Bubble Tea's renderer is not used (internal/screen is), so View
// runs once per Update.
func (m Model) View() string { return m.layout(m.width, m.height).String() }

// Lines is View's frame as lines, for a renderer that takes them so
// (internal/screen): joining a frame with a cover is tens of KB per Update.
// Lines a frame shares with the previous one are the same strings.
func (m Model) Lines() []string { return m.layout(m.width, m.height).Lines }

// layout is the one layout pass: the frame for a w×h terminal and where
// each part of it went. The mouse hit-tests the regions of the same pass
// (Update calls it with the model that was drawn), never its own geometry.
func (m Model) layout(w, h int) Frame {
	g := m.geom(w, h)
	var f Frame
	if g.class == classCompact {
		f = m.layoutCompact(g)
	} else {
		f = m.layoutFull(g)
	}
	// A kitty image sits on its own layer: text drawn over its cells does
	// not hide it. A frame without a cover carries the delete, so the image
	// never outlives its cells (picker, help, logged out, compact, quit).
	if f.Regions.Cover.Empty() && len(f.Lines) > 0 {
		if del := m.cover.Clear(); del != "" {
			f.Lines[0] = del + f.Lines[0]
		}
	}
	return f
}

// geom is the geometry at w×h for this model's settings.
func (m Model) geom(w, h int) geom {
	return planGeom(w, h, m.deps.cellSize(), m.deps.Compact)
}

// cellSize is the terminal's cell in pixels, as far as known.
func (d Deps) cellSize() cover.CellSize {
	w, h := d.Term.CellWidth, d.Term.CellHeight // 0 when the terminal didn't say
	return cover.CellSize{W: w, H: h}.OrDefault()
}

// contentWidth leaves one column of margin on each side.
func (m Model) contentWidth() int {
	return max(m.width-2, 1)
}

// layoutFull is every size class but compact: header, body, status, keys.
func (m Model) layoutFull(g geom) Frame {
	var f Frame
	c := newCanvas(g.w, g.h)
	c.memo = m.memo
	c.put(Rect{X: 1, Y: 0, W: g.cw, H: 1}, m.viewHeader(g.cw))
	body := g.bodyRect()
	used := 0 // body rows with something on them, from the top
	switch m.state {
	case stateConnected:
		used = m.layoutConnected(g, c, &f)
	case stateLoggingIn:
		used = c.wrapped(body, m.viewLogin(g.cw, body.H))
	case stateNeedsClientID:
		used = c.wrapped(body, m.viewNeedsClientID(g.cw, body.H))
	case stateError:
		used = c.wrapped(body, m.viewError(g.cw))
	case stateLoggedOut:
		used = c.wrapped(body, m.viewLoggedOut())
	case stateStarting:
		used = c.wrapped(body, []string{m.styles.Faint.Render(m.startingLine())})
	}
	// The status line wraps into body rows nothing uses, up to three lines.
	status := m.viewStatusLines(g.cw)
	spare := max(body.H-used, 0)
	if n := 1 + spare; len(status) > n {
		// The rest joins the last line, which the canvas cuts with "…":
		// a cut notice shows it is cut.
		status = append(status[:n-1:n-1], strings.Join(status[n-1:], " "))
	}
	for i, l := range status {
		c.put(Rect{X: 1, Y: g.h - 1 - len(status) + i, W: g.cw, H: 1}, l)
	}
	m.putKeyBar(g, c, &f)
	f.Lines, f.overlaps = c.finish(), c.overlaps
	return f
}

func (m Model) viewHeader(w int) string {
	k := headerKey{w: w, demo: m.deps.Demo}
	if m.state == stateConnected && m.np != nil {
		switch {
		case m.pollErr != nil:
			k.state = headerOffline
		case m.np.IsPlaying:
			k.state = headerPlaying
		default:
			k.state = headerPaused
		}
	}
	return memoGet(m.memo, func(v *viewMemo) *memoSlot[headerKey, string] { return &v.header }, k, m.drawHeader)
}

// headerKey is everything the header is drawn from.
type headerKey struct {
	w     int
	demo  bool
	state int // the right-hand side: headerNone…headerPaused
}

const (
	headerNone = iota
	headerOffline
	headerPlaying
	headerPaused
)

func (m Model) drawHeader(k headerKey) string {
	left := m.styles.Brand.Render("spotui")
	if k.demo {
		left += " " + m.styles.Badge.Render("demo")
	}
	right := ""
	switch k.state {
	case headerOffline:
		right = m.styles.Stale.Render("○ offline")
	case headerPlaying:
		right = m.styles.Playing.Render("▶ playing")
	case headerPaused:
		right = m.styles.Paused.Render("⏸ paused")
	}
	gap := k.w - ansi.StringWidth(left) - ansi.StringWidth(right)
	if gap < 1 {
		return left
	}
	return left + strings.Repeat(" ", gap) + right
}

// viewStatusLines is the line above the help: a notice, or why polling
// waits. A long notice (a file path, say) wraps onto up to three lines
// rather than losing its end.
func (m Model) viewStatusLines(w int) []string {
	var prefix, text string
	style := m.styles.Faint
	switch {
	case m.notice != "" && m.noticeErr:
		prefix, text, style = m.styles.Error.Render("✗ "), m.notice, m.styles.Notice
	case m.notice != "":
		text = m.notice
	case m.pollNote() != "":
		prefix, text, style = m.styles.Notice.Render("⟳ "), m.pollNote(), m.styles.Notice
	default:
		return nil
	}
	lines := strings.Split(ansi.Wrap(text, max(w-2, 1), " "), "\n")
	if len(lines) > 3 {
		lines = lines[:3]
	}
	for i, l := range lines {
		if i == 0 && prefix != "" {
			lines[i] = prefix + style.Render(l)
			continue
		}
		lines[i] = style.Render(l)
	}
	return lines
}

func (m Model) viewError(w int) []string {
	s := m.styles
	lines := []string{}
	for _, l := range strings.Split(ansi.Wordwrap(describeError(m.err), w-2, " "), "\n") {
		if len(lines) == 0 {
			lines = append(lines, s.Error.Render("✗ ")+s.Heading.Render(l))
			continue
		}
		lines = append(lines, "  "+s.Heading.Render(l))
	}
	return append(lines, "", "Press "+s.Brand.Render(hint(m.keys.Login))+" to "+errorHint(m.err)+", "+s.Brand.Render(hint(m.keys.Quit))+" to quit.")
}
