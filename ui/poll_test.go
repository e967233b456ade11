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

func TestBackoff(t *testing.T) {
	none := func() float64 { return 0 }
	want := []time.Duration{2, 4, 8, 16, 32, 60, 60, 60}
	for i, w := range want {
		if got := backoff(i+1, none); got != w*time.Second {
			t.Errorf("failure %d: %v, want %v", i+1, got, w*time.Second)
		}
	}
	if got := backoff(1, func() float64 { return 0.999 }); got <= 2*time.Second || got > 2400*time.Millisecond {
		t.Errorf("jitter out of 0–20%%: %v", got)
	}
}

func TestRetryAfter(t *testing.T) {
	none := func() float64 { return 0 }
	if got := retryAfter(&api.Error{Status: 429, RetryAfter: 7 * time.Second}, none); got != 7*time.Second {
		t.Errorf("got %v, want exactly Retry-After", got)
	}
	if got := retryAfter(&api.Error{Status: 429, RetryAfter: 7 * time.Second}, func() float64 { return 0.99 }); got < 7*time.Second || got > 7500*time.Millisecond {
		t.Errorf("jitter: %v", got)
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
