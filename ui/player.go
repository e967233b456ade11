package ui

import (
	"errors"
	"math"
	"net/http"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/auth"
)

// onNowPlaying takes one answer of the poll loop and schedules the next.
func (m Model) onNowPlaying(msg nowPlayingMsg) (Model, tea.Cmd) {
	if msg.gen != m.pollGen || m.sess == nil {
		return m, nil // an older loop's answer
	}
	m.now = msg.at
	if msg.err != nil {
		return m.onPollError(msg)
	}
	wasIdle := m.np == nil || !m.np.IsPlaying
	lastPlaying := m.fetchedAt
	m.np, m.fetchedAt, m.haveState = msg.cp, msg.at, true
	m.pollErr, m.retryAt, m.failures, m.frozenAt = nil, time.Time{}, 0, time.Time{}
	if (m.np == nil || !m.np.IsPlaying) && !wasIdle {
		// Playback stopped some time after the last answer that showed it
		// playing: count the idle minute from there, so the slow polling
		// starts at most a minute after the real pause, not a poll later.
		m.idleSince = lastPlaying
	}

	next := nextPoll(m.np, m.elapsed(), msg.at.Sub(m.idleSince), m.deps.PollInterval)
	if m.blurred {
		next = max(next, pollBlurred)
	}
	m, confirm := m.confirm()
	m, art := m.syncCover()
	return m, tea.Batch(m.pollAfter(next), m.lookupSaved(), confirm, art, m.setWindowTitle())
}

// onPollError decides, by the error's type, whether to stop (the user must
// act) or to retry later; the last item stays on screen meanwhile.
func (m Model) onPollError(msg nowPlayingMsg) (Model, tea.Cmd) {
	var apiErr *api.Error
	switch {
	case errors.Is(msg.err, auth.ErrLoggedOut):
		return m.loggedOutElsewhere()
	case errors.Is(msg.err, auth.ErrSessionExpired),
		errors.As(msg.err, &apiErr) && apiErr.Status == http.StatusUnauthorized:
		// Refresh was tried (auth and api do that); only a new login helps.
		m = m.stopSession()
		m.state, m.err = stateError, errSessionExpired
		return m, nil
	case errors.As(msg.err, &apiErr) && apiErr.Status == http.StatusForbidden && apiErr.Reason == "":
		// 403 without a reason on a read: the token lacks a scope.
		m = m.stopSession()
		m.state, m.err = stateError, errMissingScope
		return m, nil
	}

	m.failures++
	if m.pollErr == nil && m.frozenAt.IsZero() {
		m.frozenAt = msg.at // progress stops at the last known value
	}
	m.pollErr = msg.err
	var wait time.Duration
	if errors.As(msg.err, &apiErr) && apiErr.Status == http.StatusTooManyRequests {
		wait = retryAfter(apiErr, m.jitter)
	} else {
		wait = backoff(m.failures, m.jitter)
	}
	m.retryAt = msg.at.Add(wait) // the countdown on screen derives from it
	return m, m.pollAfter(wait)
}

// onTick moves the clock; the loop lives only while a moving clock or a
// retry countdown is on screen, and wakes when the next of them changes.
func (m Model) onTick(msg tickMsg) (Model, tea.Cmd) {
	if msg.gen != m.tickGen {
		return m, nil
	}
	m.now = msg.at
	if !m.wantsTick() {
		m.ticking = false
		return m, nil
	}
	return m, m.tickAfter(m.nextWake())
}

// wantsTick reports whether something on screen moves with the clock.
func (m Model) wantsTick() bool { return m.clockShown() || m.countdownShown() }

// The clock wakes for synced lyrics too: see nextWake.

// countdownShown reports whether "retrying in Ns" will show another second
// before the retry itself.
func (m Model) countdownShown() bool {
	return m.state == stateConnected && m.pollErr != nil && !m.retryAt.IsZero() && countdownTick(m.retryAt.Sub(m.now)) > 0
}

// nextWake is the wait until the next change of the clock or countdown.
func (m Model) nextWake() time.Duration {
	d := time.Duration(math.MaxInt64)
	if m.clockShown() {
		d = nextTick(m.elapsed())
	}
	if m.countdownShown() {
		d = min(d, countdownTick(m.retryAt.Sub(m.now)))
	}
	if m.lyricsLive() {
		// The next lyric line, on its timestamp rather than the next second.
		if w, ok := m.lyrics.NextWake(m.elapsed()); ok {
			d = min(d, w)
		}
	}
	return d
}

// clockShown reports whether the screen shows a moving clock: something
// plays and the progress bar is not covered by the device picker.
func (m Model) clockShown() bool {
	return m.playing() && !m.picker.IsOpen()
}

// keepTicking starts the 1 s tick loop when the clock or a retry countdown
// has just become shown (playback started, the picker closed, a poll
// failed). It runs after every message, so no transition has to remember
// it, and the generation keeps it to one loop.
// The first tick comes at once: the clock may have been hidden a while, and
// the tick brings the time it is now.
func (m Model) keepTicking(cmd tea.Cmd) (Model, tea.Cmd) {
	if m.ticking || !m.wantsTick() {
		return m, cmd
	}
	m.ticking = true
	m.tickGen++
	return m, tea.Batch(cmd, m.tickAfter(0))
}

// pollNow asks at once (focus regained, a key during backoff), unless
// Spotify asked us to wait.
func (m Model) pollNow() (Model, tea.Cmd) {
	if m.sess == nil || m.following || m.deps.Gate.Remaining() > 0 {
		return m, nil
	}
	m.pollGen++
	m.retryAt = time.Time{} // the note says "retrying now"
	return m, fetchCmd(m.sess.ctx, m.sess.client, m.deps.Now, m.pollGen)
}

// setWindowTitle names the terminal "artist – title" (tabs, tmux window
// lists), only when that changes.
func (m *Model) setWindowTitle() tea.Cmd {
	t := "spotui"
	if m.np != nil && m.np.Item != nil {
		title, sub, _ := m.describeItem()
		t = title
		if sub != "" {
			t = sub + " – " + title
		}
	}
	if t == m.winTitle {
		return nil
	}
	m.winTitle = t
	return tea.SetWindowTitle(t)
}
