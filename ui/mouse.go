package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Mouse: a click on the progress bar seeks there; the wheel over the volume
// changes it. Positions come from the same layout rules the view uses
// (coverPlan, progressGeom, statusParts); a test checks they agree.

// headRows is the header and the blank line under it.
const headRows = 2

// progressRow is the screen row of the progress line, if one is shown.
func (m Model) progressRow() (int, bool) {
	if m.state != stateConnected || m.np == nil || !m.haveState || m.picker.IsOpen() || m.duration() <= 0 {
		return 0, false
	}
	_, sub, coll := m.describeItem()
	text := 1
	if sub != "" {
		text++
	}
	if coll != "" {
		text++
	}
	how, _, rows := coverPlan(m.width, m.height)
	idx := text + 1 // text, blank, progress
	switch how {
	case coverSide:
		idx = rows + 1 // cover rows, blank, progress
	case coverStack:
		idx = rows + 1 + text + 1 // cover, blank, text, blank, progress
	}
	row := headRows + idx
	return row, row < m.height-1 // the help bar owns the last row
}

func (m Model) onMouse(msg tea.MouseMsg) (Model, tea.Cmd) {
	row, ok := m.progressRow()
	if !ok || m.sess == nil {
		return m, nil
	}
	switch {
	case msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft && msg.Y == row:
		left, _, barW := m.progressGeom(min(m.contentWidth(), maxProgressWidth))
		x0 := 1 + 2 + len(left) + 1 // margin, icon and space, time, space
		if barW == 0 || msg.X < x0 || msg.X >= x0+barW {
			return m, nil
		}
		// The middle of the clicked cell, as a share of the item.
		frac := (float64(msg.X-x0) + 0.5) / float64(barW)
		pos := time.Duration(frac * float64(m.duration()))
		return m.control(action{kind: actSeek, posMS: int(pos / time.Millisecond)})
	case (msg.Button == tea.MouseButtonWheelUp || msg.Button == tea.MouseButtonWheelDown) && msg.Y == row+1:
		parts, vol := m.statusParts()
		if vol < 0 {
			return m, nil
		}
		x0 := 1
		for _, p := range parts[:vol] {
			x0 += ansi.StringWidth(p) + ansi.StringWidth(statusSep)
		}
		if msg.X < x0 || msg.X >= x0+ansi.StringWidth(parts[vol]) {
			return m, nil
		}
		if msg.Button == tea.MouseButtonWheelUp {
			return m.volumeBy(volumeStep)
		}
		return m.volumeBy(-volumeStep)
	}
	return m, nil
}
