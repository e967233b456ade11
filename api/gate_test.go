package api_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/internal/clocktest"
	"github.com/spotui/spotui/internal/fakespotify"
	"golang.org/x/oauth2"
)

// gated is a fake on a settable clock and two clients of one account that
// share a gate, as the UI's sessions do.
type gated struct {
	clock *clocktest.Clock
	fake  *fakespotify.Server
	a, b  *api.Client
	gate  *api.Gate
}

func newGated(t *testing.T) *gated {
	t.Helper()
	clock := clocktest.New(time.Date(2026, 11, 23, 20, 0, 0, 0, time.UTC))
	fake := fakespotify.New(fakespotify.Options{Now: clock.Now})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	access, _ := fake.IssueTokens()
	hc := &http.Client{Transport: &oauth2.Transport{Source: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: access, TokenType: "Bearer"})}}
	t.Cleanup(func() {
		if v := fake.Violations(); len(v) > 0 {
			t.Errorf("the fake saw rule violations: %q", v)
		}
	})
	g := api.NewGate(clock.Now)
	return &gated{clock: clock, fake: fake, gate: g,
		a: api.New(srv.URL+"/v1", hc, api.WithGate(g)), b: api.New(srv.URL+"/v1", hc, api.WithGate(g))}
}

// everyCall is one of each request the app makes.
func everyCall(c *api.Client) map[string]func(context.Context) error {
	return map[string]func(context.Context) error{
		"poll":     func(ctx context.Context) error { _, err := c.PlaybackState(ctx); return err },
		"pause":    c.Pause,
		"next":     c.Next,
		"seek":     func(ctx context.Context) error { return c.Seek(ctx, 1000) },
		"volume":   func(ctx context.Context) error { return c.SetVolume(ctx, 40) },
		"contains": func(ctx context.Context) error { _, err := c.Saved(ctx, "spotify:track:x"); return err },
		"save":     func(ctx context.Context) error { return c.Save(ctx, "spotify:track:x") },
		"devices":  func(ctx context.Context) error { _, err := c.Devices(ctx); return err },
	}
}

// A 429 on any endpoint holds back every request of every client sharing
// the gate until Retry-After has passed, and not a moment longer.
func TestA429AnywhereHoldsEveryRequest(t *testing.T) {
	for _, tt := range []struct {
		name, method, path string
		call               func(*api.Client) error
	}{
		{"pause", "PUT", "/v1/me/player/pause", func(c *api.Client) error { return c.Pause(context.Background()) }},
		{"like lookup", "GET", "/v1/me/library/contains", func(c *api.Client) error {
			_, err := c.Saved(context.Background(), "spotify:track:x")
			return err
		}},
		{"poll", "GET", "/v1/me/player", func(c *api.Client) error {
			_, err := c.PlaybackState(context.Background())
			return err
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := newGated(t)
			g.fake.FailNext(fakespotify.Failure{Method: tt.method, Path: tt.path, Status: 429, RetryAfter: 7, Message: "QUOTA_EXCEEDED"})
			var spotify *api.Error
			var held *api.RateLimitedError
			err := tt.call(g.a)
			if !errors.As(err, &spotify) || spotify.Status != 429 || spotify.RetryAfter != 7*time.Second {
				t.Fatalf("first call: %v, want Spotify's 429", err)
			}
			if errors.As(err, &held) {
				t.Fatal("Spotify's own 429 must not read as held back")
			}
			sent := len(g.fake.Requests())

			var prev time.Duration
			for _, at := range []time.Duration{0, 3 * time.Second, 6900 * time.Millisecond} {
				g.clock.Advance(at - prev)
				prev = at
				for name, call := range everyCall(g.b) {
					err := call(context.Background())
					if !errors.As(err, &held) || held.Wait != 7*time.Second-at {
						t.Fatalf("%s at +%v: %v, want held back for %v", name, at, err, 7*time.Second-at)
					}
					if !errors.As(err, &spotify) || spotify.Status != 429 || spotify.RetryAfter != held.Wait || spotify.Message != "QUOTA_EXCEEDED" {
						t.Errorf("%s: unwraps to %+v", name, spotify)
					}
				}
			}
			if n := len(g.fake.Requests()) - sent; n != 0 {
				t.Fatalf("%d requests reached Spotify inside the window", n)
			}
			g.clock.Advance(100 * time.Millisecond) // exactly +7 s: the window is over
			if g.gate.Remaining() != 0 {
				t.Fatalf("remaining %v at the deadline", g.gate.Remaining())
			}
			for name, call := range everyCall(g.a) {
				if err := call(context.Background()); errors.As(err, &held) {
					t.Errorf("%s after the window: %v", name, err)
				}
			}
			if n := len(g.fake.Requests()) - sent; n != len(everyCall(g.a)) {
				t.Errorf("%d requests after the window, want %d", n, len(everyCall(g.a)))
			}
		})
	}
}

func TestA429WithoutRetryAfterWaitsTheDefault(t *testing.T) {
	g := newGated(t)
	g.fake.FailNext(fakespotify.Failure{Path: "/v1/me/player/next", Status: 429})
	_ = g.a.Next(context.Background())
	if got := g.gate.Remaining(); got != api.DefaultRetryAfter {
		t.Errorf("remaining %v, want %v", got, api.DefaultRetryAfter)
	}
}

func TestHoldNeverShortensTheWindow(t *testing.T) {
	g := newGated(t)
	g.gate.Hold(30 * time.Second)
	g.gate.Hold(5 * time.Second)
	if got := g.gate.Remaining(); got != 30*time.Second {
		t.Errorf("remaining %v, want the longer 30s", got)
	}
	var held *api.RateLimitedError
	if err := g.a.Play(context.Background()); !errors.As(err, &held) || held.Err.Message != "Too Many Requests" {
		t.Errorf("Play: %v", err)
	} else if held.Error() != "spotify: rate limited, request not sent (30s left to wait)" {
		t.Errorf("Error() = %q", held.Error())
	}
}

// A client built without WithGate still honours its own 429s.
func TestEachClientHasAGateOfItsOwnByDefault(t *testing.T) {
	g := newGated(t)
	fake := g.fake
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	access, _ := fake.IssueTokens()
	c := api.New(srv.URL+"/v1", &http.Client{Transport: &oauth2.Transport{Source: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: access, TokenType: "Bearer"})}})
	fake.FailNext(fakespotify.Failure{Path: "/v1/me/player/next", Status: 429, RetryAfter: 3600})
	_ = c.Next(context.Background())
	var held *api.RateLimitedError
	if err := c.Previous(context.Background()); !errors.As(err, &held) {
		t.Errorf("second call: %v, want held back", err)
	}
}

// Two requests of one account at once never race a 429: the second waits
// for the first's answer, finds the gate closed and is not sent. (Without
// turns it checked the open gate, went out and met the 429's window: the
// fake's retry_after_ignored, seen in the UI's like lookup + queue fetch.)
func TestConcurrentRequestsNeverRaceA429(t *testing.T) {
	g := newGated(t)
	g.fake.FailNext(fakespotify.Failure{Method: "PUT", Path: "/v1/me/player/pause", Status: http.StatusTooManyRequests,
		RetryAfter: 7, Delay: 200 * time.Millisecond})
	first := make(chan error, 1)
	go func() { first <- g.a.Pause(context.Background()) }()
	g.waitForRequest(t, "PUT", "/v1/me/player/pause")
	_, err := g.b.PlaybackState(context.Background()) // while the pause's answer is on its way
	var limited *api.RateLimitedError
	if !errors.As(err, &limited) {
		t.Fatalf("the poll during the pause's 429: %v, want *api.RateLimitedError (not sent)", err)
	}
	var apiErr *api.Error
	if err := <-first; !errors.As(err, &apiErr) || apiErr.Status != http.StatusTooManyRequests {
		t.Fatalf("the pause: %v, want the 429", err)
	}
	if reqs := g.fake.Requests(); len(reqs) != 1 {
		t.Fatalf("the fake got %d requests, want only the pause: %+v", len(reqs), reqs)
	}
}

// A request waiting for its turn gives up with its context.
func TestWaitingForTheTurnEndsWithTheContext(t *testing.T) {
	g := newGated(t)
	g.fake.FailNext(fakespotify.Failure{Method: "PUT", Path: "/v1/me/player/pause", Delay: 300 * time.Millisecond})
	first := make(chan error, 1)
	go func() { first <- g.a.Pause(context.Background()) }()
	g.waitForRequest(t, "PUT", "/v1/me/player/pause")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := g.b.PlaybackState(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled request waiting its turn: %v, want context.Canceled", err)
	}
	if err := <-first; err != nil {
		t.Fatalf("the pause: %v", err)
	}
	if n := g.fake.RequestCount("GET", "/v1/me/player"); n != 0 {
		t.Fatalf("the cancelled poll was sent %d times", n)
	}
}

// waitForRequest waits until the fake has received a request to path.
func (g *gated) waitForRequest(t *testing.T, method, path string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); g.fake.RequestCount(method, path) == 0; {
		if time.Now().After(deadline) {
			t.Fatalf("no %s %s reached the fake", method, path)
		}
		time.Sleep(time.Millisecond)
	}
}
