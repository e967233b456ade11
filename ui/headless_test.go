package ui

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// remoteBrowser approves the login on "another machine": it does not follow
// the redirect (nothing listens there), it returns the address the browser
// ends on, which the user then pastes.
func remoteBrowser(t *testing.T, authorizeURL string) string {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(authorizeURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || !strings.Contains(loc, "code=") {
		t.Fatalf("authorize answered %d %q", resp.StatusCode, loc)
	}
	return loc
}

func paste(text string) tea.KeyMsg {
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(text), Paste: true}
}

func TestHeadlessLoginByPastingTheRedirect(t *testing.T) {
	w := newWorld(t)
	var mu sync.Mutex
	var copied []string
	w.m.deps.Headless = true
	w.m.deps.Open = func(ctx context.Context, url string) error { t.Error("headless must not start a browser"); return nil }
	w.m.deps.Copy = func(s string) error { mu.Lock(); copied = append(copied, s); mu.Unlock(); return nil }
	w.background = 1 // the loopback Wait keeps running until the paste
	w.run(w.m.Init())
	w.until("the paste field and the clipboard", func(m Model) bool { return m.login != nil && m.login.copied })
	w.wantScreen("Open this link in a browser on any device", "Paste that whole address here", "clipboard")
	if strings.Contains(w.screen(), "q quit") || strings.Contains(w.screen(), "l log in •") {
		t.Errorf("help offers keys that are text now:\n%s", w.screen())
	}
	url := w.m.login.url
	mu.Lock()
	if len(copied) != 1 || copied[0] != url {
		t.Errorf("clipboard got %q, want the authorize URL", copied)
	}
	mu.Unlock()

	// Keys are text now: q must not quit, l must not restart.
	w.send(paste("q l x"))
	if w.quit || w.m.state != stateLoggingIn {
		t.Fatalf("typing quit or left the login: state %v", w.m.state)
	}
	w.key("ctrl+u") // clear the field (bubbles' textinput binding)
	w.send(paste("http://127.0.0.1:8974/callback?state=nope"))
	w.send(tea.KeyMsg{Type: tea.KeyEnter})
	w.until("the paste to be checked", func(m Model) bool { return !m.login.pasting })
	w.wantScreen("no login code")
	if w.m.state != stateLoggingIn {
		t.Fatalf("a bad paste ended the attempt: %v", w.m.state)
	}

	redirected := remoteBrowser(t, url)
	w.key("ctrl+u")
	w.send(paste(redirected))
	w.background = 0
	w.send(tea.KeyMsg{Type: tea.KeyEnter})
	w.until("the login to finish", func(m Model) bool { return m.state != stateLoggingIn })
	w.settle()
	if w.m.state != stateConnected {
		t.Fatalf("state %v after pasting:\n%s", w.m.state, w.screen())
	}
	w.wantScreen(w.current(), "▶ playing")
	if strings.Contains(w.screen(), "code=") {
		t.Error("the code is still on screen")
	}
}

func TestBrowserFailureOffersThePasteField(t *testing.T) {
	w := newWorld(t)
	w.m.deps.Open = func(ctx context.Context, url string) error {
		return errors.New("couldn't open a browser (xdg-open not found): open the URL shown")
	}
	w.background = 1
	w.run(w.m.Init())
	w.until("the paste field", func(m Model) bool { return m.login != nil && m.login.input.Focused() })
	w.wantScreen("Couldn't open a browser", "Paste that whole address here", "enter log in", "esc cancel", "ctrl+c quit")
	w.key("esc")
	w.background = 0
	w.settle()
	w.wantScreen("Login cancelled.", "Press l to try again.")
}
