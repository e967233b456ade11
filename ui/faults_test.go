package ui

import (
	"runtime"
	"testing"
	"time"

	"github.com/spotui/spotui/internal/fakespotify"
	"golang.org/x/oauth2"
)

// pollTimes are the clock times of the fake's answers to the poll.
func (w *world) pollTimes() []time.Time {
	var ts []time.Time
	for _, r := range w.fake.Requests() {
		if r.Method == "GET" && r.Path == cpPath {
			ts = append(ts, r.Time)
		}
	}
	return ts
}

func TestFive503sBackOffThenRecover(t *testing.T) {
	w := newWorld(t)
	w.start()
	w.fake.FailNext(fakespotify.Failure{Method: "GET", Path: cpPath, Status: 503, Count: 5})
	first := len(w.pollTimes())
	w.advance(5 * time.Second) // the next poll is the first failure
	w.wantScreen("Spotify is having trouble (503) — retrying in 2s", "○ offline")
	w.advance(2*time.Second + 4*time.Second + 8*time.Second + 16*time.Second + 32*time.Second)
	ts := w.pollTimes()[first:]
	if len(ts) != 6 {
		t.Fatalf("%d polls, want 5 failures and a success", len(ts))
	}
	for i, want := range []time.Duration{2, 4, 8, 16, 32} {
		if gap := ts[i+1].Sub(ts[i]); gap != want*time.Second {
			t.Errorf("gap %d: %v, want %v", i+1, gap, want*time.Second)
		}
	}
	w.wantScreen("▶ playing")
	// Reset on success: the next poll is 5 s later again.
	w.advance(5 * time.Second)
	if n := len(w.pollTimes()) - first; n != 7 {
		t.Errorf("%d polls, want the normal 5 s after recovering", n)
	}
}

func TestConnectionRefusedShowsOfflineAndKeepsTheTrack(t *testing.T) {
	w := newWorld(t)
	w.start()
	title := w.current()
	// Point the session at a port nobody listens on: every request is refused.
	d := w.m.deps
	d.APIURL = "http://127.0.0.1:1/v1"
	w.m.sess.client = d.newClient(w.m.sess.ctx, mustLoad(t, w))
	w.advance(5 * time.Second)
	w.wantScreen(title, "○ offline", "can't connect to Spotify")
}

func TestSlowServerHitsTheTimeout(t *testing.T) {
	w := newWorld(t, func(d *Deps) { d.APITimeout = 50 * time.Millisecond })
	w.start()
	w.fake.FailNext(fakespotify.Failure{Method: "GET", Path: cpPath, Delay: 5 * time.Second})
	w.advance(5 * time.Second)
	w.wantScreen("Spotify did not answer in time", w.current())
}

func mustLoad(t *testing.T, w *world) *oauth2.Token {
	t.Helper()
	tok, err := w.store.Load()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// No goroutine outlives a login: after many re-logins the count comes back
// to where it was.
func TestReloginsLeakNoGoroutines(t *testing.T) {
	w := newWorld(t)
	w.start()
	w.key("l")
	base := runtime.NumGoroutine()
	for range 10 {
		w.key("l")
		w.advance(5 * time.Second)
	}
	w.key("x")
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		runtime.Gosched()
		time.Sleep(10 * time.Millisecond) // waiting for goroutines to exit: nothing to subscribe to
	}
	if n := runtime.NumGoroutine(); n > base {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines after 10 re-logins and a logout, %d before:\n%s", n, base, buf[:runtime.Stack(buf, true)])
	}
}
