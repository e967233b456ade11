package ui

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/spotui/spotui/internal/fakespotify"
)

// TestForgedCallbackShowsANoticeAndLoginGoesOn: a forged reply to the
// loopback server during a login is refused, the screen says so, and the
// real approval still logs in; the forged code is never sent to Spotify.
func TestForgedCallbackShowsANoticeAndLoginGoesOn(t *testing.T) {
	w := newWorld(t)
	w.m.deps.Open = func(context.Context, string) error { return nil } // the user approves later
	w.background = 1                                                   // the loopback Wait
	w.run(w.m.Init())
	w.until("the login URL", func(m Model) bool { return m.login != nil && m.login.url != "" })

	resp, err := http.Get(w.m.login.redirect + "?code=x&state=forged")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("forged callback answered %d, want 400", resp.StatusCode)
	}
	w.until("the ignored reply to be counted", func(m Model) bool { return m.login != nil && m.login.ignored == 1 })
	w.wantScreen("Ignored a login reply that wasn't from this login", "Your browser should open")
	if w.m.state != stateLoggingIn {
		t.Fatalf("state %v after a forged callback", w.m.state)
	}

	if err := fakespotify.Approve(context.Background(), w.m.login.url); err != nil {
		t.Fatal(err)
	}
	w.background = 0
	w.until("the login to finish", func(m Model) bool { return m.state != stateLoggingIn })
	w.settle()
	if w.m.state != stateConnected {
		t.Fatalf("state %v:\n%s", w.m.state, w.screen())
	}
	var exchanges int
	for _, r := range w.fake.Requests() {
		if r.Path == "/api/token" {
			exchanges++
			if r.Status != http.StatusOK {
				t.Errorf("token request answered %d: a forged code was redeemed?", r.Status)
			}
		}
	}
	if exchanges != 1 {
		t.Errorf("%d token requests, want only the real code's", exchanges)
	}
}

// TestLogoutElsewhereShowsLoggedOut: token.json removed while this spotui
// polls (x in another one, or rm): the next poll shows the logged-out
// screen, and however long it then runs, the file is never written back.
func TestLogoutElsewhereShowsLoggedOut(t *testing.T) {
	w := newWorld(t)
	w.start()
	if w.m.state != stateConnected {
		t.Fatalf("state %v:\n%s", w.m.state, w.screen())
	}
	if err := os.Remove(w.tokenPath); err != nil {
		t.Fatal(err)
	}
	w.advance(6 * time.Second) // the next poll
	if w.m.state != stateLoggedOut {
		t.Fatalf("state %v after the token file went:\n%s", w.m.state, w.screen())
	}
	w.wantScreen("You are logged out.", "Press l to log in", "The saved login was removed")
	requests := len(w.fake.Requests())
	w.advance(3 * time.Hour) // well past the token's expiry
	if _, err := os.Stat(w.tokenPath); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("token.json is back after the logout (%v)", err)
	}
	if n := len(w.fake.Requests()) - requests; n != 0 {
		t.Errorf("%d requests after the logout", n)
	}
}
