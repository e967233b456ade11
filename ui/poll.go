package ui

import (
	"math"
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
	backoffBase     = time.Second
	backoffFactor   = 1.6
	backoffJitter   = 0.2 // ± this fraction
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

// backoff is the wait after the n-th consecutive failure (n ≥ 1), in the
// shape of gRPC's connection backoff: 1 s, growing ×1.6 up to 60 s, then
// ±20 % jitter so many clients don't retry in step. Five failures in a row
// wait 1 + 1.6 + 2.6 + 4.1 + 6.6 ≈ 16 s (at most 19 s with jitter), so a
// short outage ends on screen well within 30 s.
func backoff(n int, jitter func() float64) time.Duration {
	d := float64(backoffBase)
	for i := 1; i < n && d < float64(backoffMax); i++ {
		d *= backoffFactor
	}
	d = min(d, float64(backoffMax))
	d += d * backoffJitter * jitter()
	return time.Duration(d).Round(time.Millisecond)
}

// retryAfter is the wait a 429 asks for (api.DefaultRetryAfter when it names
// none), plus up to half a second so clients don't all return at once;
// never less than asked.
func retryAfter(e *api.Error, jitter func() float64) time.Duration {
	d := e.RetryAfter
	if d <= 0 {
		d = api.DefaultRetryAfter
	}
	return d + time.Duration(float64(500*time.Millisecond)*math.Abs(jitter()))
}

// defaultJitter is uniform in [-1, 1), from math/rand: no shared state of ours.
func defaultJitter() float64 { return 2*rand.Float64() - 1 }

// countdownTick is the wait until a "retrying in Ns" countdown (left is the
// time to the retry; seconds rounded up) shows one second less. 0: no tick,
// since the last change, to "now", comes with the retry itself.
func countdownTick(left time.Duration) time.Duration {
	if left <= time.Second {
		return 0
	}
	if d := left % time.Second; d > 0 {
		return d
	}
	return time.Second
}

// nextTick is the wait until the shown m:ss changes, so the clock moves on
// the second rather than drifting up to a second behind.
func nextTick(elapsed time.Duration) time.Duration {
	d := time.Second - elapsed%time.Second
	if d < 50*time.Millisecond {
		d += time.Second
	}
	return d + 5*time.Millisecond
}
