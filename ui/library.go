package ui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/oauth2"
)

// Liking (f) and the liked mark; copying the link (c).

// grants reports whether tok's recorded scopes include scope. A token with
// no recorded scope is given the benefit of the doubt: Spotify's 403 will say.
func grants(tok *oauth2.Token, scope string) bool {
	s, _ := tok.Extra("scope").(string)
	if s == "" {
		return true
	}
	for _, f := range strings.Fields(s) {
		if f == scope {
			return true
		}
	}
	return false
}

// likeable is the item's URI when it can be liked (tracks and episodes).
func (m Model) likeable() string {
	if m.np == nil || m.np.Item == nil || m.np.Item.URI == "" || m.np.Item.IsLocal {
		return ""
	}
	return m.np.Item.URI
}

// lookupSaved asks once per item whether it is liked.
func (m Model) lookupSaved() tea.Cmd {
	uri := m.likeable()
	if uri == "" || uri == m.savedURI || m.sess == nil || !m.sess.library || m.deps.Background {
		return nil
	}
	s := m.sess
	return func() tea.Msg {
		got, err := s.client.Saved(s.ctx, uri)
		saved := err == nil && len(got) == 1 && got[0]
		return savedMsg{sess: s, uri: uri, saved: saved, err: err}
	}
}

// toggleLike saves or removes the item, showing the change at once.
func (m Model) toggleLike() (Model, tea.Cmd) {
	uri := m.likeable()
	switch {
	case uri == "":
		return m.setNotice("Only tracks and episodes can be liked.", true)
	case !m.sess.library:
		return m.setNotice("Liking needs a permission this login didn't grant: press "+hint(m.keys.Login)+" to log in again.", true)
	}
	if m, cmd, held := m.holdRequest(); held {
		return m, cmd
	}
	want := !(m.savedURI == uri && m.saved)
	m.savedURI, m.saved = uri, want
	s := m.sess
	return m, func() tea.Msg {
		var err error
		if want {
			err = s.client.Save(s.ctx, uri)
		} else {
			err = s.client.Unsave(s.ctx, uri)
		}
		return savedMsg{sess: s, uri: uri, saved: want, err: err, toggle: true}
	}
}

func (m Model) onSaved(msg savedMsg) (Model, tea.Cmd) {
	if msg.sess != m.sess || m.sess == nil {
		return m, nil
	}
	if msg.err != nil {
		if msg.toggle && m.savedURI == msg.uri {
			m.saved = !msg.saved // roll back the optimistic mark
			verb := "like"
			if !msg.saved {
				verb = "unlike"
			}
			return m.setNotice(fmt.Sprintf("Couldn't %s it: %s", verb, lowerFirst(describeActionError(action{}, msg.err, *m.keys))), true)
		}
		return m, nil // the mark just stays unknown
	}
	if m.likeable() == msg.uri {
		m.savedURI, m.saved = msg.uri, msg.saved
	}
	if msg.toggle {
		// /me/library files an episode under Your Episodes, a track under
		// Liked Songs: say where it went.
		verb, where := "Added to", "your Liked Songs"
		if strings.HasPrefix(msg.uri, "spotify:episode:") {
			verb, where = "Saved to", "Your Episodes"
		}
		if msg.saved {
			return m.setNotice(verb+" "+where+".", false)
		}
		return m.setNotice("Removed from "+where+".", false)
	}
	return m, nil
}

// sentToClipboard is the notice after an OSC 52 copy of what. The terminal
// never says whether it allowed it, so "copied" would be a guess.
func sentToClipboard(what string) string {
	return "Sent " + what + " to the terminal's clipboard (OSC 52)."
}

// clipboardBlockedNote says the copy can't work (tmux drops OSC 52) and
// shows text so it can be selected by hand.
func clipboardBlockedNote(why, text string) string {
	return "Can't copy: " + why + " (tmux: set -g set-clipboard on). Select it: " + text
}

// copyLink puts the item's open.spotify.com link on the clipboard (OSC 52).
func (m Model) copyLink() (Model, tea.Cmd) {
	var link string
	if m.np != nil && m.np.Item != nil {
		link = m.np.Item.ExternalURLs.Spotify
	}
	switch {
	case link == "":
		return m.setNotice("This item has no link to copy.", true)
	case m.deps.Copy == nil:
		return m.setNotice(link, false)
	case m.deps.ClipboardBlocked != "":
		return m.setNotice(clipboardBlockedNote(m.deps.ClipboardBlocked, link), true)
	}
	copyFn := m.deps.Copy
	return m, func() tea.Msg {
		if err := copyFn(link); err != nil {
			return noticeMsg{text: "Couldn't copy the link: " + err.Error(), isErr: true}
		}
		return noticeMsg{text: sentToClipboard("the link")}
	}
}

// likedMark is the ♥ after the title.
func (m Model) likedMark() string {
	if m.savedURI != "" && m.savedURI == m.likeable() && m.saved {
		return " " + m.styles.paint.playing.Render("♥")
	}
	return ""
}
