package ui

import (
	"testing"
	"time"

	"github.com/spotui/spotui/api"
)

func TestNextPoll(t *testing.T) {
	track := func(playing bool, durMS int) *api.PlaybackState {
		return &api.PlaybackState{CurrentlyPlaying: api.CurrentlyPlaying{IsPlaying: playing, Item: &api.Item{DurationMS: durMS}}}
	}
	tests := []struct {
		name    string
		cp      *api.PlaybackState
		elapsed time.Duration
		idle    time.Duration
		want    time.Duration
	}{
		{"playing mid-track", track(true, 200_000), 30 * time.Second, 0, 5 * time.Second},
		{"playing near the end wakes just after it", track(true, 200_000), 197 * time.Second, 0, 3300 * time.Millisecond},
		{"never faster than once a second", track(true, 200_000), 200 * time.Second, 0, time.Second},
		{"playing an ad (no duration)", &api.PlaybackState{CurrentlyPlaying: api.CurrentlyPlaying{IsPlaying: true}}, 0, 0, 5 * time.Second},
		{"paused, first minute", track(false, 200_000), 0, 59 * time.Second, 5 * time.Second},
		{"paused for a minute backs off", track(false, 200_000), 0, time.Minute, 30 * time.Second},
		{"nothing playing, first minute", nil, 0, 10 * time.Second, 5 * time.Second},
		{"nothing playing for long", nil, 0, time.Hour, 30 * time.Second},
	}
	for _, tt := range tests {
		if got := nextPoll(tt.cp, tt.elapsed, tt.idle, 0); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestPollIntervalFromConfig(t *testing.T) {
	cp := &api.PlaybackState{CurrentlyPlaying: api.CurrentlyPlaying{IsPlaying: true, Item: &api.Item{DurationMS: 200_000}}}
	if got := nextPoll(cp, 0, 0, 12*time.Second); got != 12*time.Second {
		t.Errorf("got %v, want the configured 12s", got)
	}
}

// The gRPC shape: 1 s ×1.6 to a 60 s cap, ±20 % jitter around it.
func TestBackoff(t *testing.T) {
	none := func() float64 { return 0 }
	want := []time.Duration{1000, 1600, 2560, 4096, 6554, 10486, 16777, 26844, 42950, 60000, 60000}
	for i, w := range want {
		if got := backoff(i+1, none); got != w*time.Millisecond {
			t.Errorf("failure %d: %v, want %v", i+1, got, w*time.Millisecond)
		}
	}
	for _, tt := range []struct {
		n      int
		jitter float64
		want   time.Duration
	}{
		{1, -1, 800 * time.Millisecond},
		{1, 0.999, 1200 * time.Millisecond},
		{10, -1, 48 * time.Second},
		{10, 0.999, 72 * time.Second}, // jitter around the cap, as gRPC does: clients stay spread
	} {
		if got := backoff(tt.n, func() float64 { return tt.jitter }); (got - tt.want).Abs() > 20*time.Millisecond {
			t.Errorf("backoff(%d) with jitter %v = %v, want about %v", tt.n, tt.jitter, got, tt.want)
		}
	}
}

func TestCountdownTicksWhenTheShownSecondChanges(t *testing.T) {
	for _, tt := range []struct{ left, want time.Duration }{
		{6554 * time.Millisecond, 554 * time.Millisecond}, // "7s" → "6s"
		{6 * time.Second, time.Second},                    // "6s" → "5s"
		{1500 * time.Millisecond, 500 * time.Millisecond}, // "2s" → "1s"
		{time.Second, 0}, // "1s" → the retry itself
		{0, 0},
	} {
		if got := countdownTick(tt.left); got != tt.want {
			t.Errorf("countdownTick(%v) = %v, want %v", tt.left, got, tt.want)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	none := func() float64 { return 0 }
	if got := retryAfter(&api.Error{Status: 429, RetryAfter: 7 * time.Second}, none); got != 7*time.Second {
		t.Errorf("got %v, want exactly Retry-After", got)
	}
	for _, j := range []float64{-1, -0.5, 0.99} {
		if got := retryAfter(&api.Error{Status: 429, RetryAfter: 7 * time.Second}, func() float64 { return j }); got < 7*time.Second || got > 7500*time.Millisecond {
			t.Errorf("jitter %v: %v, want 7–7.5 s (never less than asked)", j, got)
		}
	}
	if got := retryAfter(&api.Error{Status: 429}, none); got != 5*time.Second {
		t.Errorf("no header: %v", got)
	}
}

func TestNextTickLandsOnTheSecond(t *testing.T) {
	for _, tt := range []struct{ elapsed, want time.Duration }{
		{46170 * time.Millisecond, 835 * time.Millisecond},
		{10 * time.Second, 1005 * time.Millisecond},
		{10980 * time.Millisecond, 1025 * time.Millisecond}, // too close: skip to the one after
	} {
		if got := nextTick(tt.elapsed); got != tt.want {
			t.Errorf("nextTick(%v) = %v, want %v", tt.elapsed, got, tt.want)
		}
	}
}

func TestWaitsReadAsPeopleSayThem(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{
		{1500 * time.Millisecond, "2s"},
		{60 * time.Second, "60s"},
		{99 * time.Second, "99s"},
		{120 * time.Second, "2m"},
		{125 * time.Second, "2m 5s"},
		{3600 * time.Second, "1h"},
		{3*time.Hour + 20*time.Minute + 10*time.Second, "3h 20m"},
		{24 * time.Hour, "24h"},
	} {
		if got := secs(tt.d); got != tt.want {
			t.Errorf("secs(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}
