package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"
)

// compactRows: below this many rows (a tmux split, a status pane) spotui
// shows the compact view whatever was asked.
const compactRows = 8

func (m Model) compact() bool {
	return m.deps.Compact || m.height < compactRows
}

// renderCompact fits the essentials into as few rows as there are: one line
// for the item, one for the progress, one for the status or the keys.
func (m Model) renderCompact(w int) string {
	s := m.styles
	var lines []string
	switch {
	case m.state == stateConnected && m.np != nil && m.haveState:
		title, sub, _ := m.describeItem()
		item := s.Title.Render(title)
		if sub != "" {
			item = s.Artist.Render(sub) + s.Faint.Render(" – ") + item
		}
		lines = append(lines, item+m.likedMark(), m.viewProgress(min(w, maxProgressWidth)))
	case m.state == stateConnected && m.haveState:
		lines = append(lines, s.Faint.Render("Nothing is playing."))
	default:
		// Login, errors and onboarding need room: say so in one line.
		lines = append(lines, m.compactState())
	}
	if st := m.viewStatus(w); st != "" {
		lines = append(lines, strings.Split(st, "\n")[0])
	} else {
		k := m.activeKeys()
		lines = append(lines, m.help.ShortHelpView([]key.Binding{k.PlayPause, k.Next, k.Previous, k.Help, k.Quit}))
	}
	h := max(m.height, 1)
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		if l != "" {
			lines[i] = " " + ansi.Truncate(l, w, "…")
		}
	}
	return strings.Join(lines, "\n")
}

func (m Model) compactState() string {
	s := m.styles
	switch m.state {
	case stateNeedsClientID, stateLoggingIn:
		return s.Notice.Render("spotui needs a bigger window to log in (8 rows or more).")
	case stateLoggedOut:
		return s.Faint.Render("Logged out: press l to log in.")
	case stateError:
		return s.Error.Render("✗ ") + describeError(m.err)
	case stateConnected:
		return s.Faint.Render("Connecting to Spotify…")
	}
	return s.Faint.Render("Starting…")
}
