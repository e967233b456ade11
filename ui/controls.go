package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/auth"
)

// actionKind is a playback control sent to Spotify.
type actionKind int

const (
	actPlay actionKind = iota
	actPause
	actNext
	actPrevious
	actSeek
	actVolume
	actShuffle
	actRepeat
	actTransfer // sent by the picker, not through control
)

// action is one control with its argument.
type action struct {
	kind   actionKind
	posMS  int    // actSeek
	volume int    // actVolume
	on     bool   // actShuffle
	repeat string // actRepeat
}

// String is the verb used in messages: "Couldn't skip: …".
func (a action) String() string {
	return [...]string{"play", "pause", "skip", "go back", "seek", "change the volume", "change shuffle", "change repeat",
		"switch devices"}[a.kind]
}

// disallow is the key of actions.disallows that forbids a, if any.
func (a action) disallow() string {
	switch a.kind {
	case actPlay:
		return "resuming"
	case actPause:
		return "pausing"
	case actNext:
		return "skipping_next"
	case actPrevious:
		return "skipping_prev"
	case actSeek:
		return "seeking"
	case actShuffle:
		return "toggling_shuffle"
	case actRepeat:
		if a.repeat == api.RepeatTrack {
			return "toggling_repeat_track"
		}
		return "toggling_repeat_context"
	}
	return ""
}

func (a action) run(ctx context.Context, c *api.Client) error {
	switch a.kind {
	case actPlay:
		return c.Play(ctx)
	case actPause:
		return c.Pause(ctx)
	case actNext:
		return c.Next(ctx)
	case actPrevious:
		return c.Previous(ctx)
	case actSeek:
		return c.Seek(ctx, a.posMS)
	case actVolume:
		return c.SetVolume(ctx, a.volume)
	case actShuffle:
		return c.SetShuffle(ctx, a.on)
	case actRepeat:
		return c.SetRepeat(ctx, a.repeat)
	}
	return fmt.Errorf("unknown action %d", a.kind)
}

func actionCmd(s *session, a action) tea.Cmd {
	return func() tea.Msg {
		return actionDoneMsg{sess: s, action: a, err: a.run(s.ctx, s.client)}
	}
}

// Controls change the screen at once (optimistic), send the request, and
// read the player back shortly after to confirm or correct.
const (
	seekStep   = 10 * time.Second
	volumeStep = 5
)

// control applies a locally, unless Spotify's actions.disallows forbids it.
func (m Model) control(a action) (Model, tea.Cmd) {
	if m.sess == nil || m.np == nil {
		return m, nil
	}
	if m, cmd, held := m.holdRequest(); held {
		return m, cmd
	}
	if d := a.disallow(); d != "" && m.np.Actions.Disallows[d] {
		return m.setNotice(fmt.Sprintf("Spotify doesn't allow you to %s right now.", a), true)
	}
	m = m.applyLocally(a)
	m.expect = &a
	return m, actionCmd(m.sess, a)
}

// holdRequest stops a user action that would send a request. Inside a
// 429's window it says when to try again and sends nothing; while the poll
// loop backs off after a failure, the key retries the poll at once instead
// (the screen is stale, and the answer shows whether Spotify is back).
// held is false when the action may go ahead.
func (m Model) holdRequest() (_ Model, _ tea.Cmd, held bool) {
	if m.sess == nil {
		return m, nil, false
	}
	if wait := m.deps.Gate.Remaining(); wait > 0 {
		m, cmd := m.setNotice(rateLimitedNote(wait), true)
		return m, cmd, true
	}
	switch {
	case m.pollErr == nil:
		return m, nil, false
	case m.retryAt.IsZero():
		return m, nil, true // a retry is already on its way
	}
	m, cmd := m.pollNow()
	return m, cmd, true
}

// applied reports whether np shows a's effect; next/previous can't be
// checked (the new item is Spotify's choice).
func (a action) applied(np *api.PlaybackState) bool {
	switch a.kind {
	case actPlay, actPause:
		return np.IsPlaying == (a.kind == actPlay)
	case actVolume:
		return np.Device.VolumePercent != nil && *np.Device.VolumePercent == a.volume
	case actShuffle:
		return np.ShuffleState == a.on
	case actRepeat:
		return np.RepeatState == a.repeat
	}
	return true
}

// confirm checks the first answer after a control: if Spotify didn't apply
// it, the screen has already rolled back to what Spotify says; say so.
func (m Model) confirm() (Model, tea.Cmd) {
	a := m.expect
	m.expect = nil
	if a == nil || m.np == nil || a.applied(m.np) {
		return m, nil
	}
	return m.setNotice(fmt.Sprintf("Spotify didn't %s: showing what it reports.", a), true)
}

// applyLocally is the optimistic half of a control.
func (m Model) applyLocally(a action) Model {
	np := *m.np
	switch a.kind {
	case actPlay, actPause:
		np.ProgressMS = int(m.elapsed() / time.Millisecond)
		np.IsPlaying = a.kind == actPlay
		// What Spotify will disallow next: resuming while playing, pausing
		// while paused. A copy: the old answer's map stays untouched.
		dis := make(map[string]bool, len(np.Actions.Disallows)+2)
		for k, v := range np.Actions.Disallows {
			dis[k] = v
		}
		dis["resuming"], dis["pausing"] = np.IsPlaying, !np.IsPlaying
		np.Actions.Disallows = dis
	case actSeek:
		np.ProgressMS = a.posMS
	case actVolume:
		v := a.volume
		np.Device.VolumePercent = &v
	case actShuffle:
		np.ShuffleState = a.on
	case actRepeat:
		np.RepeatState = a.repeat
	default:
		return m // next/previous: the new item is Spotify's to tell
	}
	m.np, m.fetchedAt = &np, m.now
	return m
}

// seekBy moves the position by d, clamped to the item.
func (m Model) seekBy(d time.Duration) (Model, tea.Cmd) {
	pos := min(max(m.elapsed()+d, 0), m.duration())
	return m.control(action{kind: actSeek, posMS: int(pos / time.Millisecond)})
}

// volumeBy changes the volume by delta, clamped to 0–100.
func (m Model) volumeBy(delta int) (Model, tea.Cmd) {
	if m.np == nil {
		return m, nil
	}
	dev := m.np.Device
	if dev.VolumePercent == nil || !dev.SupportsVolume {
		return m.setNotice(fmt.Sprintf("%s doesn't let Spotify change its volume.", deviceName(dev)), true)
	}
	v := min(max(*dev.VolumePercent+delta, 0), 100)
	if v == *dev.VolumePercent {
		return m.setNotice(fmt.Sprintf("The volume is already at %d%%.", v), false)
	}
	return m.control(action{kind: actVolume, volume: v})
}

// nextRepeat cycles off → context → track → off, as Spotify's apps do.
func nextRepeat(mode string) string {
	switch mode {
	case api.RepeatOff:
		return api.RepeatContext
	case api.RepeatContext:
		return api.RepeatTrack
	}
	return api.RepeatOff
}

// onActionDone reports a failed control and reads the player back soon
// after, in a new poll generation so the old schedule stops.
func (m Model) onActionDone(msg actionDoneMsg) (Model, tea.Cmd) {
	if m.sess == nil || msg.sess != m.sess {
		return m, nil // an earlier session's control
	}
	if errors.Is(msg.err, auth.ErrSessionExpired) {
		m = m.stopSession()
		m.state, m.err = stateError, errSessionExpired
		return m, nil
	}
	m.pollGen++
	poll := m.pollAfter(afterAction)
	if msg.err != nil {
		m.expect = nil // the error says it all
		m, notice := m.setNotice(describeActionError(msg.action, msg.err, *m.keys), true)
		return m, tea.Batch(notice, poll)
	}
	return m, poll
}

func deviceName(d api.Device) string {
	if d.Name == "" {
		return "This device"
	}
	return d.Name
}

// unavailableKey answers a bound key that does nothing in this state, so
// no key is ignored silently: it says why, and which key helps.
func (m Model) unavailableKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := *m.keys
	player := []key.Binding{k.PlayPause, k.Next, k.Previous, k.SeekBack, k.SeekForward, k.VolumeUp, k.VolumeDown,
		k.Shuffle, k.Repeat, k.Like, k.Copy}
	isPlayer := key.Matches(msg, player...)
	if !isPlayer && !key.Matches(msg, k.Devices, k.Logout) {
		return m, nil // not one of ours: text for nobody
	}
	login := hint(k.Login)
	var text string
	switch {
	case m.state == stateLoggedOut && key.Matches(msg, k.Logout):
		text = "You are already logged out."
	case m.state == stateLoggedOut, m.state == stateError:
		text = "Not logged in — press " + login + " to log in."
	case m.state == stateLoggingIn:
		text = "Finish logging in first (" + hint(k.Cancel) + " cancels the login)."
	case m.state == stateStarting:
		text = "Still starting — one moment."
	case m.state == stateConnected && isPlayer:
		text = "Nothing is playing — press " + hint(k.Devices) + " to pick a device."
	default:
		return m, nil
	}
	return m.setNotice(text, true)
}
