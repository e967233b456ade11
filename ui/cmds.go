package ui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/auth"
	"golang.org/x/oauth2"
)

// loginTimeout ends a login nobody finishes, so the loopback port is freed.
const loginTimeout = 5 * time.Minute

// Every function here returns a tea.Cmd: the I/O runs off the UI loop and
// comes back as a message.

func loadTokenCmd(store *auth.Store) tea.Cmd {
	return func() tea.Msg {
		tok, notice, err := store.LoadNotice()
		return tokenLoadedMsg{tok: tok, notice: notice, err: err}
	}
}

// beginLoginCmd closes the previous attempt (freeing its port) and then
// binds the loopback server for a new one.
func beginLoginCmd(ctx context.Context, cfg auth.Config, prev *auth.Attempt, gen int) tea.Cmd {
	return func() tea.Msg {
		if prev != nil {
			_ = prev.Close()
		}
		a, err := cfg.Begin(ctx)
		return loginStartedMsg{gen: gen, attempt: a, err: err}
	}
}

func openBrowserCmd(ctx context.Context, open auth.Opener, url string, gen int) tea.Cmd {
	return func() tea.Msg {
		return browserOpenedMsg{gen: gen, err: open(ctx, url)}
	}
}

// waitLoginCmd also returns (auth.IgnoredCallbackError) when a reply that
// isn't this login's was refused, so the screen can say so; seen is how
// many the screen already knows of.
func waitLoginCmd(ctx context.Context, a *auth.Attempt, seen, gen int) tea.Cmd {
	return func() tea.Msg {
		tok, err := a.WaitReporting(ctx, seen)
		return loginDoneMsg{gen: gen, tok: tok, err: err}
	}
}

func completeLoginCmd(ctx context.Context, a *auth.Attempt, pasted string, gen int) tea.Cmd {
	return func() tea.Msg {
		tok, err := a.Complete(ctx, pasted)
		return pasteDoneMsg{gen: gen, tok: tok, err: err}
	}
}

func copyCmd(copyFn func(string) error, text string, gen int) tea.Cmd {
	return func() tea.Msg { return copiedMsg{gen: gen, err: copyFn(text)} }
}

// closeAttemptCmd stops a login attempt that is no longer wanted.
func closeAttemptCmd(a *auth.Attempt) tea.Cmd {
	if a == nil {
		return nil
	}
	return func() tea.Msg { _ = a.Close(); return nil }
}

// quitCmd frees the loopback port (if a login runs) and then quits.
func quitCmd(a *auth.Attempt) tea.Cmd {
	return func() tea.Msg {
		if a != nil {
			_ = a.Close()
		}
		return tea.Quit()
	}
}

func saveTokenCmd(store *auth.Store, tok *oauth2.Token) tea.Cmd {
	return func() tea.Msg { return tokenSavedMsg{err: store.Save(tok)} }
}

func clearTokenCmd(store *auth.Store) tea.Cmd {
	return func() tea.Msg { return tokenClearedMsg{err: store.Clear()} }
}

// fetchCmd asks Spotify once what is playing. GET /me/player answers
// everything currently-playing does plus the device, volume, shuffle and
// repeat, so one request feeds the whole screen.
func fetchCmd(ctx context.Context, c *api.Client, now func() time.Time, gen int) tea.Cmd {
	return func() tea.Msg {
		cp, err := c.PlaybackState(ctx)
		return nowPlayingMsg{gen: gen, cp: cp, at: now(), err: err}
	}
}

// pollAfter schedules the next fetch of the current poll loop.
func (m Model) pollAfter(d time.Duration) tea.Cmd {
	gen := m.pollGen
	return m.deps.Tick(d, func(time.Time) tea.Msg { return pollMsg{gen: gen} })
}

// tickAfter schedules the next progress tick of the current tick loop.
func (m Model) tickAfter(d time.Duration) tea.Cmd {
	gen := m.tickGen
	return m.deps.Tick(d, func(t time.Time) tea.Msg { return tickMsg{gen: gen, at: t} })
}

func (m Model) clearNoticeAfter(d time.Duration) tea.Cmd {
	gen := m.noticeGen
	return m.deps.Tick(d, func(time.Time) tea.Msg { return clearNoticeMsg{gen: gen} })
}
