package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/spotui/spotui/auth"
	"golang.org/x/oauth2"
)

// errLoginTimeout replaces the context error when nobody finished the login.
var errLoginTimeout = errors.New("the login timed out after 5 minutes: press l to try again")

// Update applies one message. It never blocks: anything slow is returned
// as a tea.Cmd.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	return m.update(msg)
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.Width = m.contentWidth()
		return m, nil
	case tea.KeyMsg:
		return m.handleKey(msg)

	case tokenLoadedMsg:
		return m.onTokenLoaded(msg)
	case loginStartedMsg:
		return m.onLoginStarted(msg)
	case browserOpenedMsg:
		if m.login != nil && msg.gen == m.loginGen {
			m.login.browserErr = msg.err
		}
		return m, nil
	case loginDoneMsg:
		return m.onLoginDone(msg)
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

	case pollMsg:
		if msg.gen != m.pollGen || m.sess == nil {
			return m, nil
		}
		return m, fetchCmd(m.sess.ctx, m.sess.client, m.deps.Now, m.pollGen)
	case nowPlayingMsg:
		return m.onNowPlaying(msg)
	case tickMsg:
		return m.onTick(msg)
	case actionDoneMsg:
		return m.onActionDone(msg)
	case clearNoticeMsg:
		if msg.gen == m.noticeGen {
			m.notice = ""
		}
		return m, nil
	}
	return m, nil
}

func (m Model) handleKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	keys := m.activeKeys()
	switch {
	case key.Matches(msg, keys.Quit):
		var a *auth.Attempt
		if m.login != nil {
			a = m.login.attempt
		}
		m, _ = m.stopLogin()
		m = m.stopSession()
		return m, quitCmd(a)
	case key.Matches(msg, keys.Help):
		m.help.ShowAll = !m.help.ShowAll
		return m, nil
	case key.Matches(msg, keys.Cancel):
		m, closeCmd := m.stopLogin()
		m.state = stateLoggedOut
		return m, closeCmd
	case key.Matches(msg, keys.Login):
		return m.startLogin()
	case key.Matches(msg, keys.Logout):
		m, closeCmd := m.stopLogin()
		m = m.stopSession()
		m.state, m.err, m.notice = stateLoggedOut, nil, ""
		return m, tea.Batch(closeCmd, clearTokenCmd(m.deps.Store))
	case key.Matches(msg, keys.PlayPause):
		if m.np.IsPlaying {
			return m.control(actPause)
		}
		return m.control(actPlay)
	case key.Matches(msg, keys.Next):
		return m.control(actNext)
	case key.Matches(msg, keys.Previous):
		return m.control(actPrevious)
	}
	return m, nil
}

func (m Model) onTokenLoaded(msg tokenLoadedMsg) (Model, tea.Cmd) {
	if m.state != stateStarting {
		return m, nil // the user already pressed l or x
	}
	var corrupt *auth.CorruptTokenError
	switch {
	case msg.err == nil && msg.tok != nil:
		return m.startSession(msg.tok)
	case msg.err == nil || errors.Is(msg.err, auth.ErrNoToken):
		return m.startLogin() // first run: straight to the browser
	case errors.As(msg.err, &corrupt):
		m.state, m.err = stateError, msg.err
	default:
		m.state, m.err = stateError, fmt.Errorf("couldn't read the token cache: %w", msg.err)
	}
	return m, nil
}

// startLogin cancels whatever runs and begins a new attempt. The cached
// token stays until a new one arrives.
func (m Model) startLogin() (Model, tea.Cmd) {
	var prev *auth.Attempt
	if m.login != nil {
		prev = m.login.attempt
	}
	m, _ = m.stopLogin() // beginLoginCmd closes prev first, so its port is free
	m = m.stopSession()
	m.loginGen++
	ctx, cancel := context.WithTimeout(context.Background(), loginTimeout)
	m.login = &loginRun{ctx: ctx, cancel: cancel}
	m.state, m.err, m.notice = stateLoggingIn, nil, ""
	return m, beginLoginCmd(ctx, m.deps.Auth, prev, m.loginGen)
}

func (m Model) onLoginStarted(msg loginStartedMsg) (Model, tea.Cmd) {
	if m.login == nil || msg.gen != m.loginGen {
		return m, closeAttemptCmd(msg.attempt) // stale: nobody waits for it
	}
	if msg.err != nil {
		m, _ = m.stopLogin()
		m.state, m.err = stateError, msg.err
		return m, nil
	}
	m.login.attempt, m.login.url, m.login.redirect = msg.attempt, msg.attempt.URL(), msg.attempt.RedirectURI()
	return m, tea.Batch(
		openBrowserCmd(m.login.ctx, m.deps.Open, msg.attempt.URL(), msg.gen),
		waitLoginCmd(m.login.ctx, msg.attempt, msg.gen),
	)
}

func (m Model) onLoginDone(msg loginDoneMsg) (Model, tea.Cmd) {
	if m.login == nil || msg.gen != m.loginGen {
		return m, nil
	}
	timedOut := errors.Is(m.login.ctx.Err(), context.DeadlineExceeded)
	m, closeCmd := m.stopLogin()
	if msg.err != nil {
		if timedOut {
			msg.err = errLoginTimeout
		}
		m.state, m.err = stateError, msg.err
		return m, closeCmd
	}
	m, cmd := m.startSession(msg.tok)
	return m, tea.Batch(closeCmd, saveTokenCmd(m.deps.Store, msg.tok), cmd)
}

// startSession begins polling with tok. A new poll generation makes any loop
// of an earlier session drop its next message.
func (m Model) startSession(tok *oauth2.Token) (Model, tea.Cmd) {
	m = m.stopSession()
	ctx, cancel := context.WithCancel(context.Background())
	m.sess = &session{ctx: ctx, cancel: cancel, client: m.deps.newClient(ctx, tok)}
	m.state, m.err = stateConnected, nil
	m.idleSince = m.deps.Now()
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
	m.np, m.haveState, m.pollErr, m.pollNote, m.failures = nil, false, nil, "", 0
	m.frozenAt = time.Time{}
	return m
}

// stopLogin cancels the attempt's context and returns the cmd that closes
// its loopback server.
func (m Model) stopLogin() (Model, tea.Cmd) {
	if m.login == nil {
		return m, nil
	}
	m.login.cancel()
	cmd := closeAttemptCmd(m.login.attempt)
	m.login = nil
	m.loginGen++
	return m, cmd
}

// setNotice shows a short message that clears itself.
func (m Model) setNotice(text string, isErr bool) (Model, tea.Cmd) {
	m.noticeGen++
	m.notice, m.noticeErr = text, isErr
	return m, m.clearNoticeAfter(noticeTTL)
}
