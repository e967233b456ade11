package lyricspanel

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spotui/spotui/lyrics"
)

// View draws the panel into width × height cells at position pos: synced
// lyrics centred on the current line (a few lines of context above and
// below), plain lyrics wrapped from the top, or one quiet note. It returns
// at most height lines, each at most width cells wide.
func (m Model) View(width, height int, pos time.Duration) []string {
	if height <= 0 || width <= 0 || m.hidden {
		return nil
	}
	var lines []string
	switch m.status {
	case statusNone:
		return nil
	case statusLoading:
		return nil // nothing alarming while the look-up runs
	case statusMiss:
		lines = []string{m.styles().Faint.Render("no lyrics found")}
	case statusFailed:
		lines = []string{m.styles().Faint.Render("lyrics unavailable right now")}
	case statusFound:
		switch {
		case m.lyr.Instrumental:
			lines = []string{m.styles().Faint.Render("♪ instrumental")}
		case len(m.lyr.Synced) > 0:
			lines = m.synced(width, height, pos)
		default:
			lines = m.plain(width, height)
		}
	}
	if l := m.OffsetLabel(); l != "" && len(lines) < height {
		lines = append(lines, m.styles().Faint.Render(l))
	} else if l != "" {
		lines[len(lines)-1] = m.styles().Faint.Render(l)
	}
	return fit(lines, width, height)
}

// synced centres the current line; before the first line nothing is
// highlighted and the first lines show as a preview.
func (m Model) synced(width, height int, pos time.Duration) []string {
	all := m.lyr.Synced
	cur := lyrics.At(all, pos-m.offset)
	rows := height
	if m.offset != 0 {
		rows-- // room for the offset note
	}
	rows = max(rows, 1)
	centre := max(cur, 0)
	start := centre - (rows-1)/2
	start = max(min(start, len(all)-rows), 0)
	out := make([]string, 0, rows)
	for i := start; i < len(all) && len(out) < rows; i++ {
		text := all[i].Text
		if text == "" {
			text = "♪"
		}
		text = ansi.Truncate(text, width, "…")
		out = append(out, m.line(i == cur, text))
	}
	return out
}

// line is a synced line in the current line's style or its neighbours'.
func (m Model) line(current bool, text string) string {
	switch {
	case m.paint == nil && current: // a Model not made by New
		return m.styles().Current.Render(text)
	case m.paint == nil:
		return m.styles().Near.Render(text)
	case current:
		return m.paint.current.Render(text)
	}
	return m.paint.near.Render(text)
}

// plain wraps unsynced lyrics from the scroll position; the scroll stops
// where the last line reaches the bottom.
func (m Model) plain(width, height int) []string {
	all := strings.Split(ansi.Wordwrap(strings.TrimSpace(m.lyr.Plain), width, " "), "\n")
	from := min(m.scroll, max(len(all)-height, 0))
	var out []string
	for _, l := range all[from:] {
		if len(out) == height {
			break
		}
		out = append(out, m.styles().Near.Render(l))
	}
	return out
}

func fit(lines []string, width, height int) []string {
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, width, "…")
		}
	}
	return lines
}
