package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/spotui/spotui/api"
)

// The device picker (d): list the devices, transfer playback to one.

func fetchDevicesCmd(s *session) tea.Cmd {
	if s == nil {
		return nil
	}
	return func() tea.Msg {
		devs, err := s.client.Devices(s.ctx)
		return devicesMsg{sess: s, devs: devs, err: err}
	}
}

func transferCmd(s *session, d api.Device) tea.Cmd {
	return func() tea.Msg {
		return transferMsg{sess: s, device: d, err: s.client.Transfer(s.ctx, d.ID, true)}
	}
}

// pickerSize is the picker's rectangle from the layout: the body, or every
// row above the key bar in the compact view.
func (m Model) pickerSize() (w, h int) {
	r := m.geom(m.width, m.height).pickerRect()
	return r.W, max(r.H, 1)
}

func (m Model) onDevices(msg devicesMsg) (Model, tea.Cmd) {
	if msg.sess != m.sess || m.sess == nil {
		return m, nil
	}
	switch {
	case msg.err != nil:
		return m.setNotice(describeActionError(action{kind: actTransfer}, msg.err, *m.keys), true)
	case len(msg.devs) == 0:
		return m.setNotice("No devices found: open Spotify on a phone, computer or speaker, then press "+hint(m.keys.Devices)+" again.", true)
	}
	w, h := m.pickerSize()
	m.picker = m.picker.Open(msg.devs, w, h)
	return m, nil
}

// transfer moves playback to d; the screen shows the new device at once.
func (m Model) transfer(d api.Device) (Model, tea.Cmd) {
	if m.sess == nil {
		return m, nil
	}
	if d.IsActive {
		return m, nil // already playing there
	}
	if d.IsRestricted {
		return m.setNotice(d.Name+" can't be controlled from spotui.", true)
	}
	if m, cmd, held := m.holdRequest(); held {
		return m, cmd
	}
	if m.np != nil {
		np := *m.np
		np.Device = d
		np.Device.IsActive = true
		m.np = &np
	}
	m.notice = ""
	return m, transferCmd(m.sess, d)
}

func (m Model) onTransfer(msg transferMsg) (Model, tea.Cmd) {
	if msg.sess != m.sess || m.sess == nil {
		return m, nil
	}
	m.pollGen++
	poll := m.pollAfter(afterAction)
	if msg.err != nil {
		m, notice := m.setNotice(describeActionError(action{kind: actTransfer}, msg.err, *m.keys), true)
		return m, tea.Batch(notice, poll)
	}
	m, notice := m.setNotice(fmt.Sprintf("Playing on %s.", msg.device.Name), false)
	return m, tea.Batch(notice, poll)
}
