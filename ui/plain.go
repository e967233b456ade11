package ui

import (
	"strings"
	"unicode"
)

// PlainStatus is the screen as one line of plain text, for a terminal that
// can only print lines (TERM=dumb): no colour, no escape sequences. key
// changes only when the line is worth printing again (the item, play or
// pause, the situation, a new notice), not when the clock moves, so a
// printer that prints on a new key writes a line per change, not per second.
// An empty line means there is nothing to print.
func (m Model) PlainStatus() (line, key string) {
	var what string
	switch m.state {
	case stateNeedsClientID:
		what = "spotui needs a client ID: set SPOTUI_CLIENT_ID (see the README), or run spotui in a full terminal to enter one. q quits."
	case stateStarting:
		what = "Starting…"
	case stateLoggedOut:
		what = "Logged out: press l to log in, q to quit."
	case stateLoggingIn:
		what = "Logging in…"
		if m.login != nil && m.login.url != "" {
			what = "Log in: open " + m.login.url
		}
	case stateError:
		what = "✗ " + describeError(m.err)
	case stateConnected:
		if m.sess == nil {
			return "", "" // quitting: nothing new to say
		}
		what = m.plainPlayer()
	}
	line = plainText(what)
	key = line
	if m.state == stateConnected && m.np != nil {
		if d := m.duration(); d > 0 {
			line += " (" + fmtDuration(m.elapsed()) + " / " + fmtDuration(d) + ")"
		}
		if m.pollErr != nil { // its countdown is not a change of its own
			line += " — " + plainText(m.pollNote())
			key += "\x00offline"
		}
	}
	if m.notice != "" {
		line += " — " + plainText(m.notice)
		key += "\x00" + m.notice
	}
	return line, key
}

// plainPlayer is the connected screen's gist: what plays and whether.
func (m Model) plainPlayer() string {
	switch {
	case !m.haveState:
		return "Connecting to Spotify…"
	case m.np == nil:
		return "Nothing is playing."
	}
	title, sub, _ := m.describeItem()
	what := "⏸ " + title
	if m.np.IsPlaying {
		what = "▶ " + title
	}
	if sub != "" {
		what += " — " + sub
	}
	return what
}

// plainText drops control characters (ESC above all) from text that came
// from Spotify, so nothing reaches a dumb terminal but printable text.
func plainText(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}
