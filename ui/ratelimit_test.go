package ui

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/internal/fakespotify"
)

// runAll runs cmd and every cmd of its batches, returning the messages.
func runAll(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runAll(c)...)
		}
		return out
	case nil:
		return nil
	default:
		return []tea.Msg{msg}
	}
}

// Inside a 429's window every key that would call Spotify says when to try
// again, changes nothing on screen and returns no cmd that sends.
func TestKeysInsideTheRateLimitWindowSendNothing(t *testing.T) {
	clock := newClock()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	gate := api.NewGate(clock.Now)

	build := func() Model {
		cp := fixture(t, "track.json")
		vol := 50
		cp.Device = api.Device{Name: "Kitchen", SupportsVolume: true, VolumePercent: &vol}
		m := live(t, cp)
		m.sess.client, m.sess.library = api.New(srv.URL, srv.Client(), api.WithGate(gate)), true
		m.deps.Gate = gate
		m.deps.Tick = func(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
			return func() tea.Msg { return fn(clock.Now()) } // timers fire at once: only their messages matter
		}
		m.queueFor = m.itemURI() // up next already known: only the key's own request counts
		return m
	}
	gate.Hold(6500 * time.Millisecond)
	for _, tt := range []struct {
		name string
		key  tea.KeyMsg
	}{
		{"play/pause", keyMsg("space")},
		{"next", keyMsg("n")},
		{"previous", keyMsg("p")},
		{"seek back", tea.KeyMsg{Type: tea.KeyLeft}},
		{"seek ahead", tea.KeyMsg{Type: tea.KeyRight}},
		{"volume up", keyMsg("+")},
		{"volume down", keyMsg("-")},
		{"shuffle", keyMsg("s")},
		{"repeat", keyMsg("r")},
		{"like", keyMsg("f")},
		{"devices", keyMsg("d")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := build()
			before := *m.np
			m, cmd := update(m, tt.key)
			if m.notice != "rate limited — try again in 7s" || !m.noticeErr {
				t.Errorf("notice %q", m.notice)
			}
			for _, msg := range runAll(cmd) {
				switch msg.(type) {
				case clearNoticeMsg, tickMsg:
				default:
					t.Errorf("a cmd answered %T: it called Spotify", msg)
				}
			}
			if m.np.IsPlaying != before.IsPlaying || m.np.ShuffleState != before.ShuffleState ||
				m.np.RepeatState != before.RepeatState || *m.np.Device.VolumePercent != 50 || m.expect != nil || m.saved {
				t.Error("the screen changed as if the control had been sent")
			}
		})
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}

	// The countdown is the gate's: a second later it says one second less,
	// and once the window has passed the key goes out.
	clock.Advance(time.Second)
	if m, _ := update(build(), keyMsg("n")); m.notice != "rate limited — try again in 6s" {
		t.Errorf("a second later: %q", m.notice)
	}
	clock.Advance(5500 * time.Millisecond)
	m, cmd := update(build(), keyMsg("n"))
	var sent bool
	for _, msg := range runAll(cmd) {
		_, sent = msg.(actionDoneMsg)
		if sent {
			break
		}
	}
	if !sent || m.notice != "" || hits.Load() != 1 {
		t.Errorf("after the window: sent %v, notice %q, %d requests", sent, m.notice, hits.Load())
	}
}

// A 429 on a control or on the like lookup holds back every request, the
// poll too, until Retry-After has passed; then polling resumes.
func TestA429AnywhereStopsEveryRequestUntilRetryAfter(t *testing.T) {
	for _, tt := range []struct {
		name    string
		failure fakespotify.Failure
		trigger func(w *world) // the request that meets the 429
	}{
		{"pause", fakespotify.Failure{Method: "PUT", Path: "/v1/me/player/pause", Status: 429, RetryAfter: 7},
			func(w *world) { w.start(); w.key("space") }},
		{"like lookup", fakespotify.Failure{Method: "GET", Path: "/v1/me/library/contains", Status: 429, RetryAfter: 7},
			func(w *world) { w.start() }}, // the first answer looks up whether the item is liked
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t) // its cleanup fails the test on any retry_after_ignored
			w.fake.FailNext(tt.failure)
			tt.trigger(w)
			var limitedAt time.Time
			for _, r := range w.fake.Requests() {
				if r.Status == http.StatusTooManyRequests {
					limitedAt = r.Time
				}
			}
			if limitedAt.IsZero() {
				t.Fatal("no request met the 429")
			}
			sent := len(w.fake.Requests())

			w.advance(3 * time.Second)
			w.key("n") // a key inside the window sends nothing
			w.wantScreen("rate limited — try again in 4s")
			w.advance(limitedAt.Add(7*time.Second).Sub(w.clock.Now()) - 100*time.Millisecond)
			if n := len(w.fake.Requests()) - sent; n != 0 {
				t.Fatalf("%d requests inside the Retry-After window", n)
			}
			w.advance(100 * time.Millisecond)
			reqs := w.fake.Requests()[sent:]
			if len(reqs) == 0 || reqs[0].Path != cpPath || !reqs[0].Time.Equal(limitedAt.Add(7*time.Second)) {
				t.Fatalf("requests after the window: %+v, want the poll at once", reqs)
			}
			w.wantScreen("▶ playing")
			w.advance(5 * time.Second)
			if n := w.fake.RequestCount("GET", cpPath) - w.countBefore(sent, cpPath); n != 2 {
				t.Errorf("%d polls in the 5 s after the window, want the normal schedule", n)
			}
		})
	}
}

// countBefore counts the requests to path among the first n logged.
func (w *world) countBefore(n int, path string) int {
	c := 0
	for _, r := range w.fake.Requests()[:n] {
		if r.Path == path {
			c++
		}
	}
	return c
}
