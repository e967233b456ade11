package ui

import (
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/spotui/spotui/internal/nowstate"
	"github.com/spotui/spotui/lyrics"
)

// This file is the model's face beyond the window: the state it shares
// (socket, MPRIS), the controls it takes from outside, and follow mode, in
// which another spotui polls and this one only shows what it shares.

// RemoteMsg is a control asked for from outside the window (MPRIS, media
// keys). It takes the keys' path: the gate, the optimistic update and the
// read-back.
type RemoteMsg struct{ Cmd nowstate.Command }

// SharedStateMsg is a state published by the spotui that polls for this
// account. The model shows it as it would a poll answer, and its own poll
// loop stays stopped until FollowEndedMsg.
type SharedStateMsg struct{ State nowstate.State }

// FollowEndedMsg says the spotui this one followed has gone: poll again.
type FollowEndedMsg struct{}

// SharedState is what the model knows of the player, for the transports.
// It reads no clock: the position derives from Player and FetchedAt.
func (m Model) SharedState() nowstate.State {
	s := nowstate.State{LoggedIn: m.state == stateConnected && m.sess != nil}
	if !s.LoggedIn {
		return s
	}
	s.Player, s.FetchedAt = m.np, m.fetchedAt
	s.Lyrics, s.CoverPath = m.shareLyr.lines, m.cover.File()
	if m.pollErr != nil {
		// Without the countdown, so the text stays the same while it waits.
		s.Stale = strings.TrimSuffix(strings.TrimSuffix(retryNote(m.pollErr, 0), " — retrying now"), ", retrying now")
		if s.Player != nil && s.Player.IsPlaying {
			// The clock on screen stopped at frozenAt; so does the shared one.
			np := *s.Player
			np.ProgressMS = int(m.elapsed() / time.Millisecond)
			np.IsPlaying = false
			s.Player, s.FetchedAt = &np, m.frozenAt
		}
	}
	return s
}

// sharedLyrics is the panel's synced lines with the user's offset applied,
// built once per track and offset: the Hub tells a new state by the
// slice's identity (nowstate.State.Same), so SharedState must hand out the
// same slice until the lyrics really change.
type sharedLyrics struct {
	src    []lyrics.Line // what lines were built from (compared by identity)
	offset time.Duration
	lines  []nowstate.LyricLine
}

// syncSharedLyrics rebuilds the shared lines when the panel's lyrics or
// offset changed; otherwise it costs two comparisons.
func (m Model) syncSharedLyrics() Model {
	src, off := m.lyrics.Synced(), m.lyrics.Offset()
	c := m.shareLyr
	if off == c.offset && len(src) == len(c.src) && (len(src) == 0 || &src[0] == &c.src[0]) {
		return m
	}
	var lines []nowstate.LyricLine
	if len(src) > 0 {
		lines = make([]nowstate.LyricLine, len(src))
		for i, l := range src {
			// The panel shows a line when pos − offset reaches it.
			lines[i] = nowstate.LyricLine{AtMS: max(l.At+off, 0).Milliseconds(), Text: l.Text}
		}
	}
	m.shareLyr = sharedLyrics{src: src, offset: off, lines: lines}
	return m
}

// Following reports whether another spotui polls for this one.
func (m Model) Following() bool { return m.following }

// onRemote runs a command as the matching key would.
func (m Model) onRemote(c nowstate.Command) (Model, tea.Cmd) {
	if m.sess == nil || m.np == nil {
		return m, nil
	}
	switch c.Action {
	case nowstate.ActPlay:
		return m.control(action{kind: actPlay})
	case nowstate.ActPause:
		return m.control(action{kind: actPause})
	case nowstate.ActPlayPause:
		if m.np.IsPlaying {
			return m.control(action{kind: actPause})
		}
		return m.control(action{kind: actPlay})
	case nowstate.ActNext:
		return m.control(action{kind: actNext})
	case nowstate.ActPrevious:
		return m.control(action{kind: actPrevious})
	case nowstate.ActSeekTo:
		pos := min(max(time.Duration(c.PositionMS)*time.Millisecond, 0), m.duration())
		return m.control(action{kind: actSeek, posMS: int(pos / time.Millisecond)})
	case nowstate.ActSeekBy:
		return m.seekBy(time.Duration(c.PositionMS) * time.Millisecond)
	case nowstate.ActVolume:
		if m.np.Device.VolumePercent == nil {
			return m.volumeBy(0) // says the device has no volume
		}
		return m.volumeBy(min(max(c.Volume, 0), 100) - *m.np.Device.VolumePercent)
	case nowstate.ActShuffle:
		return m.control(action{kind: actShuffle, on: c.Shuffle})
	case nowstate.ActRepeat:
		return m.control(action{kind: actRepeat, repeat: c.Repeat})
	}
	return m, nil
}

// onSharedState takes a followed state like a poll answer: the screen, the
// cover and the title follow it; nothing is fetched.
func (m Model) onSharedState(s nowstate.State) (Model, tea.Cmd) {
	if !m.following {
		m.following = true
		m.pollGen++ // our own loop, if any, stops at its next message
	}
	m.shared = &s
	if m.state != stateConnected || m.sess == nil {
		return m, nil // applied when the session starts
	}
	return m.applyShared()
}

// applyShared shows the last followed state.
func (m Model) applyShared() (Model, tea.Cmd) {
	s := m.shared
	m.np, m.fetchedAt, m.haveState = s.Player, s.FetchedAt, true
	if !s.LoggedIn {
		m.np = nil // the server has no login yet; ours shows nothing rather than guess
	}
	m.pollErr, m.retryAt, m.failures, m.frozenAt = nil, time.Time{}, 0, time.Time{}
	m, confirm := m.confirm()
	m, art := m.syncCover()
	return m, tea.Batch(m.lookupSaved(), confirm, art, m.setWindowTitle())
}

// onFollowEnded starts our own poll loop: nobody polls for us any more.
func (m Model) onFollowEnded() (Model, tea.Cmd) {
	if !m.following {
		return m, nil
	}
	m.following, m.shared = false, nil
	m.idleSince = m.deps.Now()
	return m.pollNow()
}
