package ui

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/spotui/spotui/auth"
	"golang.org/x/oauth2"
)

// The login: a loopback attempt, a browser (or, headless, a pasted URL),
// then a token.

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
	m.state, m.err, m.notice, m.cancelled = stateLoggingIn, nil, "", false
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
	// Wait runs even when headless: with an SSH port forward the browser's
	// redirect still reaches the loopback server.
	wait := waitLoginCmd(m.login.ctx, msg.attempt, 0, msg.gen)
	if m.deps.Headless {
		m, focus := m.offerPaste()
		return m, tea.Batch(wait, focus)
	}
	return m, tea.Batch(openBrowserCmd(m.login.ctx, m.deps.Open, msg.attempt.URL(), msg.gen), wait)
}

func (m Model) onLoginDone(msg loginDoneMsg) (Model, tea.Cmd) {
	if m.login == nil || msg.gen != m.loginGen {
		return m, nil
	}
	if m.login.pasting && errors.Is(msg.err, auth.ErrCancelled) {
		return m, nil // Complete took over the attempt; its answer follows
	}
	var ignored *auth.IgnoredCallbackError
	if errors.As(msg.err, &ignored) {
		// A forged or stale reply was refused; the login goes on.
		m.login.ignored = ignored.Count
		return m, waitLoginCmd(m.login.ctx, m.login.attempt, ignored.Count, msg.gen)
	}
	return m.finishLogin(msg.tok, msg.err)
}

// finishLogin ends the attempt with a token (start polling, save it) or an
// error (show it; nothing is saved).
func (m Model) finishLogin(tok *oauth2.Token, err error) (Model, tea.Cmd) {
	timedOut := errors.Is(m.login.ctx.Err(), context.DeadlineExceeded)
	m, closeCmd := m.stopLogin()
	if err != nil {
		if timedOut {
			err = errLoginTimeout
		}
		m.state, m.err = stateError, err
		return m, closeCmd
	}
	m, cmd := m.startSession(tok)
	return m, tea.Batch(closeCmd, saveTokenCmd(m.deps.Store, tok), cmd)
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

// cancelLogin is esc during a login: the attempt ends and the screen says
// so. A token saved earlier is still on disk; only this run stops using it.
func (m Model) cancelLogin() (Model, tea.Cmd) {
	m, closeCmd := m.stopLogin()
	m.state, m.cancelled = stateLoggedOut, true
	return m, closeCmd
}

// viewLoggedOut is the screen after x, or after esc cancelled a login.
func (m Model) viewLoggedOut() []string {
	s := m.styles
	head, next := "You are logged out.", " to log in with Spotify."
	if m.cancelled {
		head, next = "Login cancelled.", " to try again."
	}
	return []string{s.Heading.Render(head), "", "Press " + s.Brand.Render(hint(m.keys.Login)) + next}
}

// onBrowserOpened: when no browser could be started, the paste field is
// the way in.
func (m Model) onBrowserOpened(msg browserOpenedMsg) (Model, tea.Cmd) {
	if m.login == nil || msg.gen != m.loginGen {
		return m, nil
	}
	m.login.browserErr = msg.err
	if msg.err != nil {
		return m.offerPaste()
	}
	return m, nil
}

// offerPaste shows the paste field and puts the URL on the clipboard, for
// a user whose browser is on another machine.
func (m Model) offerPaste() (Model, tea.Cmd) {
	in := textinput.New()
	in.Placeholder = m.login.redirect + "?code=…&state=…"
	in.Prompt = "› "
	in.CharLimit = 4096
	in.Width = max(m.contentWidth()-4, 10)
	in.Cursor.SetMode(cursor.CursorStatic) // a blinking cursor wakes the CPU twice a second
	focus := in.Focus()
	m.login.input = in
	cmds := []tea.Cmd{focus}
	if m.deps.Copy != nil && m.deps.ClipboardBlocked == "" {
		cmds = append(cmds, copyCmd(m.deps.Copy, m.login.url, m.loginGen))
	}
	return m, tea.Batch(cmds...)
}

// handlePasteKey: while the paste field has focus, keys are text, except
// enter (submit), esc (cancel) and ctrl+c (quit).
func (m Model) handlePasteKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch msg.Type {
	case tea.KeyCtrlC:
		return m.quit()
	case tea.KeyEsc:
		return m.cancelLogin()
	case tea.KeyEnter:
		pasted := strings.TrimSpace(m.login.input.Value())
		if pasted == "" || m.login.pasting {
			return m, nil
		}
		m.login.pasting, m.login.pasteErr = true, nil
		return m, completeLoginCmd(m.login.ctx, m.login.attempt, pasted, m.loginGen)
	}
	var cmd tea.Cmd
	m.login.input, cmd = m.login.input.Update(msg)
	return m, cmd
}

func (m Model) onPasteDone(msg pasteDoneMsg) (Model, tea.Cmd) {
	if m.login == nil || msg.gen != m.loginGen {
		return m, nil
	}
	m.login.pasting = false
	if errors.Is(msg.err, auth.ErrIncompleteCallback) || errors.Is(msg.err, auth.ErrStateMismatch) {
		m.login.pasteErr = msg.err // the attempt goes on: paste again
		return m, nil
	}
	return m.finishLogin(msg.tok, msg.err)
}

// viewLogin is the login screen in h rows of w columns. When it doesn't
// fit, the blank lines go first, then the URL is cut with "…" (each piece
// still links to the whole URL) so the instructions after it stay whole.
func (m Model) viewLogin(w, h int) []string {
	lines, url := m.loginLines(w)
	if len(wrapLines(lines, w)) <= h {
		return lines
	}
	var tight []string
	for _, l := range lines {
		if l != "" {
			tight = append(tight, l)
		}
	}
	rest := len(wrapLines(tight, w)) - len(url)
	if keep := h - rest; keep < len(url) && keep >= 1 {
		first := slices.Index(tight, url[0])
		cut := append(slices.Clone(url[:keep-1]), m.styledURLPart(ansi.Truncate(ansi.Strip(url[keep-1]), w-1, "")+"…"))
		tight = slices.Concat(tight[:first], cut, tight[first+len(url):])
	}
	return tight
}

// styledURLPart is one row of the login URL: a hyperlink to the whole URL.
func (m Model) styledURLPart(part string) string {
	return ansi.SetHyperlink(m.login.url) + m.styles.URL.Render(part) + ansi.ResetHyperlink()
}

// loginLines is the whole login screen at width w, and its URL rows.
func (m Model) loginLines(w int) (lines, urlRows []string) {
	s := m.styles
	lines = []string{s.Heading.Render("Log in to Spotify"), ""}
	if m.login == nil || m.login.url == "" {
		return append(lines, s.Faint.Render("Starting the login…")), nil
	}
	url := m.login.url
	if m.deps.Demo {
		lines = append(lines, "Demo mode: the built-in fake Spotify approves this login by itself.", "")
	}
	switch {
	case m.deps.Headless && m.login.copied:
		lines = append(lines, "Open this link in a browser on any device (it was sent to the terminal's clipboard too):", "")
	case m.deps.Headless:
		lines = append(lines, "Open this link in a browser on any device:", "")
	default:
		lines = append(lines, "Your browser should open Spotify's login page. If it doesn't, open:", "")
	}
	// The URL is never truncated: it is wrapped, and every piece is a
	// hyperlink to the whole URL, so clicking any line works.
	for _, part := range strings.Split(ansi.Hardwrap(url, w, false), "\n") {
		urlRows = append(urlRows, m.styledURLPart(part))
	}
	lines = append(lines, urlRows...)
	lines = append(lines, "")
	if m.login.browserErr != nil {
		lines = append(lines, s.Notice.Render(upperFirst(m.login.browserErr.Error())), "")
	}
	if m.login.ignored > 0 {
		lines = append(lines, s.Notice.Render(upperFirst((&auth.IgnoredCallbackError{Count: m.login.ignored}).Error())+"."), "")
	}
	if !m.login.input.Focused() {
		return append(lines, s.Faint.Render("Waiting for Spotify to send you back to "+m.login.redirect+" …")), urlRows
	}
	lines = append(lines,
		"After you agree, the browser goes to "+m.login.redirect+"?code=…",
		"(it may say it can't connect: that's fine). Paste that whole address here:",
		"",
		m.login.input.View(),
	)
	switch {
	case m.login.pasting:
		lines = append(lines, s.Faint.Render("Checking with Spotify…"))
	case m.login.pasteErr != nil:
		lines = append(lines, s.Notice.Render(upperFirst(m.login.pasteErr.Error())))
	default:
		lines = append(lines, s.Faint.Render("enter to log in · "+hint(m.activeKeys().Cancel)+" to cancel"))
	}
	return lines, urlRows
}

// loggedOutElsewhere: the token file went away (x in another spotui, or
// rm), and auth dropped the token. This one is logged out too: the same
// screen as after x, and nothing is written back.
func (m Model) loggedOutElsewhere() (Model, tea.Cmd) {
	m = m.stopSession()
	m.state, m.err, m.cancelled = stateLoggedOut, nil, false
	return m.setNotice("The saved login was removed (x in another spotui, or by hand).", false)
}

// startingLine is the screen while the token cache is read: for the demo,
// which is already logged in by then, a neutral line.
func (m Model) startingLine() string {
	if m.deps.Demo {
		return "Starting the demo…"
	}
	return "Reading the token cache…"
}
