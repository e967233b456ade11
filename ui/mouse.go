package ui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Mouse: a click on the progress bar seeks there; the wheel over the volume
// changes it. Positions are the regions of the frame on screen: the layout
// of this model at this size, the very pass View drew, so the mouse and the
// screen cannot disagree. Clicks on the help or the picker never seek.

func (m Model) onMouse(msg tea.MouseMsg) (Model, tea.Cmd) {
	if m.sess == nil || m.np == nil {
		return m, nil
	}
	r := m.layout(m.width, m.height).Regions
	if r.Help.Contains(msg.X, msg.Y) || r.Picker.Contains(msg.X, msg.Y) {
		return m, nil
	}
	switch {
	case msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft && r.Bar.Contains(msg.X, msg.Y):
		// The middle of the clicked cell, as a share of the item.
		frac := (float64(msg.X-r.Bar.X) + 0.5) / float64(r.Bar.W)
		pos := time.Duration(frac * float64(m.duration()))
		return m.control(action{kind: actSeek, posMS: int(pos / time.Millisecond)})
	case msg.Button == tea.MouseButtonWheelUp && r.Volume.Contains(msg.X, msg.Y):
		return m.volumeBy(volumeStep)
	case msg.Button == tea.MouseButtonWheelDown && r.Volume.Contains(msg.X, msg.Y):
		return m.volumeBy(-volumeStep)
	case msg.Button == tea.MouseButtonWheelUp && r.Lyrics.Contains(msg.X, msg.Y):
		m.lyrics = m.lyrics.Scroll(-1) // plain lyrics; synced ones follow the song
	case msg.Button == tea.MouseButtonWheelDown && r.Lyrics.Contains(msg.X, msg.Y):
		m.lyrics = m.lyrics.Scroll(1)
	}
	return m, nil
}
