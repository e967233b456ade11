package api

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// DefaultRetryAfter is the wait after a 429 that names none.
const DefaultRetryAfter = 5 * time.Second

// Gate holds back every request of the Clients that share it while a 429's
// Retry-After runs. Spotify limits an app as a whole, not per endpoint: a
// 429 on a control or a library lookup must stop the poll too. Share one
// Gate between all the Clients of an account (WithGate); it is safe for
// concurrent use.
type Gate struct {
	now  func() time.Time
	turn chan struct{} // one request of the account at a time (enter)

	mu    sync.Mutex
	until time.Time // requests wait until then
	cause *Error    // the 429 that closed the gate; nil after Hold
}

// NewGate returns an open gate that reads time from now (nil: time.Now).
func NewGate(now func() time.Time) *Gate {
	if now == nil {
		now = time.Now
	}
	return &Gate{now: now, turn: make(chan struct{}, 1)}
}

// enter waits for the account's turn to send: one request at a time, so
// that none is sent while the answer to another, which may be a 429, is
// on its way. (Two requests at once, a poll and a like lookup say, would
// otherwise race a 429: the second checked the open gate just before the
// first's 429 came back.) leave must be called once the answer's status
// has been observed.
func (g *Gate) enter(ctx context.Context) (leave func(), err error) {
	if g.turn == nil { // a zero Gate: no turns
		return func() {}, nil
	}
	select {
	case g.turn <- struct{}{}:
		var once sync.Once
		return func() { once.Do(func() { <-g.turn }) }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Remaining is how long requests are still held back; 0 when they may go.
func (g *Gate) Remaining() time.Duration {
	g.mu.Lock()
	defer g.mu.Unlock()
	return max(g.until.Sub(g.now()), 0)
}

// Hold closes the gate for d from now. A longer window already running is
// kept: two 429s never shorten the wait.
func (g *Gate) Hold(d time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.hold(d, nil)
}

// hold extends the window; g.mu is held.
func (g *Gate) hold(d time.Duration, cause *Error) {
	if until := g.now().Add(d); until.After(g.until) {
		g.until, g.cause = until, cause
	}
}

// check returns a *RateLimitedError while the gate is closed. The window
// ends at its deadline exactly: Spotify's "wait N seconds" is satisfied then.
func (g *Gate) check() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	left := g.until.Sub(g.now())
	if left <= 0 {
		return nil
	}
	e := &Error{Status: http.StatusTooManyRequests, Message: http.StatusText(http.StatusTooManyRequests), RetryAfter: left}
	if g.cause != nil {
		e.Message, e.Reason = g.cause.Message, g.cause.Reason // a quota name is worth showing
	}
	return &RateLimitedError{Wait: left, Err: e}
}

// observe closes the gate for a 429's Retry-After (DefaultRetryAfter when
// it names none).
func (g *Gate) observe(e *Error) {
	if e.Status != http.StatusTooManyRequests {
		return
	}
	d := e.RetryAfter
	if d <= 0 {
		d = DefaultRetryAfter
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.hold(d, e)
}

// RateLimitedError is a request the Gate did not send: an earlier 429's
// Retry-After has Wait left to run. It unwraps to an *Error with Status 429
// and RetryAfter = Wait, so code that handles Spotify's 429 handles this the
// same way; errors.As with *RateLimitedError tells that nothing was sent.
type RateLimitedError struct {
	Wait time.Duration
	Err  *Error
}

func (e *RateLimitedError) Error() string {
	return fmt.Sprintf("spotify: rate limited, request not sent (%s left to wait)", (e.Wait + time.Second - 1).Truncate(time.Second))
}

// Unwrap is the 429 the request would have met.
func (e *RateLimitedError) Unwrap() error { return e.Err }
