package ui

import (
	"math/rand/v2"
	"time"

	"github.com/spotui/spotui/api"
)

// The poll schedule: ask Spotify only as often as the screen needs.
const (
	pollPlaying     = 5 * time.Second  // catches changes made on other devices
	pollIdle        = 5 * time.Second  // paused or nothing playing, first minute
	pollIdleLong    = 30 * time.Second // paused or nothing playing for over a minute
	idleBackoffFrom = time.Minute
	pollBlurred     = 30 * time.Second       // the terminal reports it lost focus
	trackEndSlack   = 300 * time.Millisecond // Spotify needs a moment to switch items
	minPoll         = time.Second
	afterAction     = 300 * time.Millisecond // let Spotify apply a control before reading it back
	backoffBase     = 2 * time.Second
	backoffMax      = 60 * time.Second
	noticeTTL       = 6 * time.Second
)

// nextPoll is how long to wait after a successful answer. While playing it
// also wakes just after the item should end, so a natural track change shows
// at once instead of up to 5 s late.
// every is the playing interval (0 → pollPlaying).
func nextPoll(cp *api.PlaybackState, elapsed, idleFor, every time.Duration) time.Duration {
	if cp == nil || !cp.IsPlaying {
		if idleFor >= idleBackoffFrom {
			return pollIdleLong
		}
		return pollIdle
	}
	d := every
	if d <= 0 {
		d = pollPlaying
	}
	// api clamps durations at decode; the bound here keeps the
	// multiplication from overflowing whatever the model is handed.
	if cp.Item != nil && cp.Item.DurationMS > 0 && cp.Item.DurationMS <= api.MaxDurationMS {
		left := time.Duration(cp.Item.DurationMS)*time.Millisecond - elapsed + trackEndSlack
		if left < d {
			d = left
		}
	}
	return max(d, minPoll)
}

// backoff is the wait after the n-th consecutive failure (n ≥ 1):
// exponential from 2 s, capped at 60 s, with up to 20 % jitter so many
// clients don't retry in step.
func backoff(n int, jitter func() float64) time.Duration {
	d := backoffBase
	for i := 1; i < n && d < backoffMax; i++ {
		d *= 2
	}
	d = min(d, backoffMax)
	return d + time.Duration(float64(d)*0.2*jitter())
}

// retryAfter is the wait a 429 asks for, plus a little jitter; 5 s when the
// header is missing.
func retryAfter(e *api.Error, jitter func() float64) time.Duration {
	d := e.RetryAfter
	if d <= 0 {
		d = 5 * time.Second
	}
	return d + time.Duration(float64(500*time.Millisecond)*jitter())
}

// defaultJitter is math/rand's float in [0,1): no shared state of ours.
func defaultJitter() float64 { return rand.Float64() }

// nextTick is the wait until the shown m:ss changes, so the clock moves on
// the second rather than drifting up to a second behind.
func nextTick(elapsed time.Duration) time.Duration {
	d := time.Second - elapsed%time.Second
	if d < 50*time.Millisecond {
		d += time.Second
	}
	return d + 5*time.Millisecond
}
