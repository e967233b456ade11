package ui

import (
	"net/http"
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

// Five 503s in a row: the sixth attempt succeeds within 30 s of the first
// failure, however the jitter falls (gRPC's shape: 1 s ×1.6, ±20 %).
func TestFive503sRecoverWithin30s(t *testing.T) {
	for _, tt := range []struct {
		name   string
		jitter float64
		gaps   []time.Duration // ms between attempts
	}{
		{"no jitter", 0, []time.Duration{1000, 1600, 2560, 4096, 6554}},
		{"jitter all up", 0.999, []time.Duration{1200, 1920, 3072, 4915, 7864}},
		{"jitter all down", -1, []time.Duration{800, 1280, 2048, 3277, 5243}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			w.m.jitter = func() float64 { return tt.jitter }
			w.start()
			w.fake.FailNext(fakespotify.Failure{Method: "GET", Path: cpPath, Status: 503, Count: 5})
			first := len(w.pollTimes())
			w.advance(5 * time.Second) // the next poll is the first failure
			w.wantScreen("Spotify is having trouble (503) — retrying in", "○ offline")
			w.advance(30 * time.Second)
			ts := w.pollTimes()[first:]
			if len(ts) < 6 {
				t.Fatalf("%d polls in 30 s, want 5 failures and a success", len(ts))
			}
			for i, want := range tt.gaps {
				if gap := ts[i+1].Sub(ts[i]); (gap - want*time.Millisecond).Abs() > 2*time.Millisecond {
					t.Errorf("gap %d: %v, want %v", i+1, gap, want*time.Millisecond)
				}
			}
			if d := ts[5].Sub(ts[0]); d >= 30*time.Second {
				t.Errorf("success %v after the first failure, want within 30 s", d)
			}
			w.wantScreen("▶ playing")
			// Reset on success: the normal 5 s schedule again.
			after := ts[5]
			for _, p := range ts[6:] {
				if gap := p.Sub(after); gap != 5*time.Second {
					t.Errorf("poll %v after recovering, want every 5 s", gap)
				}
				after = p
			}
		})
	}
}

// tickTimers counts the pending timers that bring a tick: one loop at most.
func (w *world) tickTimers() int {
	n := 0
	for _, tm := range w.timers {
		if _, ok := tm.fn(tm.at).(tickMsg); ok {
			n++
		}
	}
	return n
}

// The countdown moves each second, derived from the retry's deadline and
// the clock, with one timer for it.
func TestRetryCountdownMovesEverySecond(t *testing.T) {
	w := newWorld(t)
	w.start()
	w.fake.FailNext(fakespotify.Failure{Method: "GET", Path: cpPath, Status: 503, Count: 5})
	w.advance(5 * time.Second)                                                                               // failure 1
	w.advance(1000*time.Millisecond + 1600*time.Millisecond + 2560*time.Millisecond + 4096*time.Millisecond) // failures 2–5: the wait is now 6.554 s
	for i, want := range []string{"7s", "6s", "5s", "4s", "3s", "2s", "1s"} {
		if i > 0 {
			w.advance(time.Second)
		}
		w.wantScreen("Spotify is having trouble (503) — retrying in " + want)
		wantTimers := 1
		if want == "1s" {
			wantTimers = 0 // the next change is the retry itself
		}
		if n := w.tickTimers(); n != wantTimers {
			t.Fatalf("frame %d: %d tick timers, want %d", i, n, wantTimers)
		}
	}
	w.advance(554 * time.Millisecond)
	w.wantScreen("▶ playing")
}

// While the poll loop backs off, a key retries at once; the key's own
// request is not sent (the screen is stale until Spotify answers).
func TestAKeyDuringBackoffRetriesAtOnce(t *testing.T) {
	for _, k := range []string{"space", "n", "f", "d"} {
		t.Run(k, func(t *testing.T) {
			w := newWorld(t)
			w.start()
			w.fake.FailNext(fakespotify.Failure{Method: "GET", Path: cpPath, Status: 503, Count: 2})
			w.advance(5 * time.Second)
			w.advance(time.Second) // the second failure: next try in 1.6 s
			w.wantScreen("retrying in 2s")
			polls, all := len(w.pollTimes()), len(w.fake.Requests())
			w.advance(500 * time.Millisecond)
			pressed := w.clock.Now()
			w.key(k)
			ts := w.pollTimes()
			if len(ts) != polls+1 || !ts[polls].Equal(pressed) {
				t.Fatalf("polls %v, want one at the key press %v", ts[polls:], pressed)
			}
			if n := len(w.fake.Requests()) - all; n != 1 {
				t.Errorf("%d requests for the key, want just the poll: %+v", n, w.fake.Requests()[all:])
			}
			w.wantScreen("▶ playing")
			w.advance(1100 * time.Millisecond) // the old retry timer is dropped
			if n := len(w.pollTimes()); n != polls+1 {
				t.Errorf("%d polls, want the backoff's retry dropped", n-polls)
			}
		})
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
	w.wantScreen(title, "○ offline", "can't reach Spotify")
}

func TestSlowServerHitsTheTimeout(t *testing.T) {
	w := newWorld(t, func(d *Deps) { d.APITimeout = 50 * time.Millisecond })
	w.start()
	w.fake.FailNext(fakespotify.Failure{Method: "GET", Path: cpPath, Delay: 5 * time.Second})
	w.advance(5 * time.Second)
	w.wantScreen("can't reach Spotify", w.current())
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
	// Kept-alive connections of the shared default transport are a
	// bounded pool (two per host), not a leak, and how many are open
	// depends on how requests overlapped: count without them.
	idle := http.DefaultTransport.(*http.Transport).CloseIdleConnections
	idle()
	base := runtime.NumGoroutine()
	for low, deadline := base, time.Now().Add(time.Second); time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond) // the closed connections' goroutines end on their own
		if low = min(low, runtime.NumGoroutine()); low < base {
			base, deadline = low, time.Now().Add(100*time.Millisecond)
		}
	}
	for range 10 {
		w.key("l")
		w.advance(5 * time.Second)
	}
	w.key("x")
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		idle()
		runtime.Gosched()
		time.Sleep(10 * time.Millisecond) // waiting for goroutines to exit: nothing to subscribe to
	}
	if n := runtime.NumGoroutine(); n > base {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines after 10 re-logins and a logout, %d before:\n%s", n, base, buf[:runtime.Stack(buf, true)])
	}
}
