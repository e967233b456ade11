package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/spotui/spotui/auth"
	"github.com/spotui/spotui/ui/cover"
	"github.com/spotui/spotui/ui/devices"
	"github.com/spotui/spotui/ui/lyricspanel"
	"golang.org/x/oauth2"
)

// Update applies one message. It never blocks: anything slow is returned
// as a tea.Cmd. It draws nothing: View lays the frame out from the model.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	// Every message brings the clock up to date: a key pressed after a long
	// pause must act on the time it is now, not on the last poll's or tick's.
	if now := m.deps.Now(); now.After(m.now) {
		m.now = now
	}
	m, cmd := m.update(msg)
	m, panels := m.syncPanels()
	m = m.syncSharedLyrics()
	return m.keepTicking(tea.Batch(cmd, panels))
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.picker = m.picker.SetSize(m.pickerSize())
		return m.syncCover() // debounced inside: a drag renders once
	case cover.RenderedMsg, cover.ResizeMsg:
		var cmd tea.Cmd
		m.cover, cmd = m.cover.Update(msg)
		return m, cmd
	case tea.KeyMsg:
		return m.handleKey(msg)
	case tea.MouseMsg:
		return m.onMouse(msg)
	case tea.BlurMsg:
		m.blurred = true // the next poll is scheduled slower
		return m, nil
	case tea.FocusMsg:
		m.blurred = false
		return m.pollNow()
	case savedMsg:
		return m.onSaved(msg)
	case queueMsg:
		return m.onQueue(msg)
	case lyricspanel.LoadedMsg:
		return m.onLyricsLoaded(msg)
	case devicesMsg:
		return m.onDevices(msg)
	case devices.ChosenMsg:
		return m.transfer(msg.Device)
	case devices.ClosedMsg:
		return m, nil
	case transferMsg:
		return m.onTransfer(msg)

	case tokenLoadedMsg:
		return m.onTokenLoaded(msg)
	case loginStartedMsg:
		return m.onLoginStarted(msg)
	case browserOpenedMsg:
		return m.onBrowserOpened(msg)
	case loginDoneMsg:
		return m.onLoginDone(msg)
	case pasteDoneMsg:
		return m.onPasteDone(msg)
	case copiedMsg:
		if m.login != nil && msg.gen == m.loginGen {
			m.login.copied = msg.err == nil
		}
		return m, nil
	case tokenSavedMsg:
		if msg.err != nil {
			return m.setNotice(fmt.Sprintf("Couldn't save the token (%v): you will need to log in again next time.", msg.err), true)
		}
		return m, nil
	case tokenClearedMsg:
		if msg.err != nil {
			m.state, m.err = stateError, fmt.Errorf("couldn't remove the token cache: %w", msg.err)
			return m, nil
		}
		return m.setNotice("Logged out: removed "+m.deps.Store.Path(), false)

	case RemoteMsg:
		return m.onRemote(msg.Cmd)
	case SharedStateMsg:
		return m.onSharedState(msg.State)
	case FollowEndedMsg:
		return m.onFollowEnded()
	case pollMsg:
		if msg.gen != m.pollGen || m.sess == nil || m.following {
			return m, nil
		}
		m.retryAt = time.Time{} // a retry after a failure is on its way
		return m, fetchCmd(m.sess.ctx, m.sess.client, m.deps.Now, m.pollGen)
	case nowPlayingMsg:
		return m.onNowPlaying(msg)
	case tickMsg:
		return m.onTick(msg)
	case actionDoneMsg:
		return m.onActionDone(msg)
	case clientIDSavedMsg:
		return m.onClientIDSaved(msg)
	case noticeMsg:
		return m.setNotice(msg.text, msg.isErr)
	case clearNoticeMsg:
		if msg.gen == m.noticeGen {
			m.notice = ""
		}
		return m, nil
	}
	return m, nil
}

func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	if m.login != nil && m.login.input.Focused() {
		return m.handlePasteKey(msg)
	}
	if m.onboard != nil {
		return m.handleOnboardingKey(msg)
	}
	if m.picker.IsOpen() && msg.Type != tea.KeyCtrlC {
		var cmd tea.Cmd
		m.picker, cmd = m.picker.Update(msg)
		return m, cmd
	}
	keys := m.activeKeys()
	switch {
	case key.Matches(msg, keys.Quit):
		return m.quit()
	case key.Matches(msg, keys.Help):
		return m.turnHelp(), nil
	case key.Matches(msg, keys.Cancel):
		return m.cancelLogin()
	case key.Matches(msg, keys.Login):
		return m.startLogin()
	case key.Matches(msg, keys.Logout):
		m, closeCmd := m.stopLogin()
		m = m.stopSession()
		m.state, m.err, m.notice, m.cancelled = stateLoggedOut, nil, "", false
		return m, tea.Batch(closeCmd, clearTokenCmd(m.deps.Store))
	case key.Matches(msg, keys.PlayPause):
		if m.np.IsPlaying {
			return m.control(action{kind: actPause})
		}
		return m.control(action{kind: actPlay})
	case key.Matches(msg, keys.Next):
		return m.control(action{kind: actNext})
	case key.Matches(msg, keys.Previous):
		return m.control(action{kind: actPrevious})
	case key.Matches(msg, keys.SeekBack):
		return m.seekBy(-seekStep)
	case key.Matches(msg, keys.SeekForward):
		return m.seekBy(seekStep)
	case key.Matches(msg, keys.VolumeUp):
		return m.volumeBy(volumeStep)
	case key.Matches(msg, keys.VolumeDown):
		return m.volumeBy(-volumeStep)
	case key.Matches(msg, keys.Shuffle):
		return m.control(action{kind: actShuffle, on: !m.np.ShuffleState})
	case key.Matches(msg, keys.Repeat):
		return m.control(action{kind: actRepeat, repeat: nextRepeat(m.np.RepeatState)})
	case key.Matches(msg, keys.Lyrics, keys.LyricsEarly, keys.LyricsLate):
		return m.onLyricsKey(msg)
	case key.Matches(msg, keys.Like):
		return m.toggleLike()
	case key.Matches(msg, keys.Copy):
		return m.copyLink()
	case key.Matches(msg, keys.Devices):
		if m, cmd, held := m.holdRequest(); held {
			return m, cmd
		}
		return m, fetchDevicesCmd(m.sess)
	}
	return m.unavailableKey(msg)
}

func (m Model) onTokenLoaded(msg tokenLoadedMsg) (Model, tea.Cmd) {
	if m.state != stateStarting {
		return m, nil // the user already pressed l or x
	}
	var corrupt *auth.CorruptTokenError
	switch {
	case msg.err == nil && msg.tok != nil:
		m, cmd := m.startSession(msg.tok)
		if msg.notice != "" {
			m, n := m.setNotice(upperFirst(msg.notice), false)
			return m, tea.Batch(cmd, n)
		}
		return m, cmd
	case msg.err == nil || errors.Is(msg.err, auth.ErrNoToken):
		return m.startLogin() // first run: straight to the browser
	case errors.As(msg.err, &corrupt):
		m.state, m.err = stateError, msg.err
	default:
		m.state, m.err = stateError, fmt.Errorf("couldn't read the token cache: %w", msg.err)
	}
	return m, nil
}

// startSession begins polling with tok. A new poll generation makes any loop
// of an earlier session drop its next message.
func (m Model) startSession(tok *oauth2.Token) (Model, tea.Cmd) {
	m = m.stopSession()
	ctx, cancel := context.WithCancel(context.Background())
	m.sess = &session{ctx: ctx, cancel: cancel, client: m.deps.newClient(ctx, tok), library: grants(tok, auth.ScopeLibrary)}
	m.state, m.err = stateConnected, nil
	m.idleSince = m.deps.Now()
	if m.following {
		if m.shared != nil {
			return m.applyShared()
		}
		return m, nil // the followed spotui's state is on its way
	}
	return m, fetchCmd(ctx, m.sess.client, m.deps.Now, m.pollGen)
}

// stopSession cancels in-flight requests and orphans both loops.
func (m Model) stopSession() Model {
	if m.sess != nil {
		m.sess.cancel()
	}
	m.sess = nil
	m.pollGen++
	m.tickGen++
	m.ticking = false
	m.np, m.haveState, m.pollErr, m.retryAt, m.failures = nil, false, nil, time.Time{}, 0
	m.savedURI, m.saved, m.expect = "", false, nil
	m.queue, m.queueFor, m.queueAsked, m.lyricsFor = nil, "", "", ""
	m.frozenAt = time.Time{}
	return m
}

// quit stops everything; the loopback port is freed before the program ends.
func (m Model) quit() (Model, tea.Cmd) {
	var a *auth.Attempt
	if m.login != nil {
		a = m.login.attempt
	}
	m, _ = m.stopLogin()
	m = m.stopSession()
	return m, quitCmd(a)
}

// setNotice shows a short message that clears itself.
func (m Model) setNotice(text string, isErr bool) (Model, tea.Cmd) {
	m.noticeGen++
	m.notice, m.noticeErr = text, isErr
	return m, m.clearNoticeAfter(noticeTTL)
}
