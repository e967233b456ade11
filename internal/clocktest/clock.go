// Package clocktest is the settable clock the tests inject wherever the
// code takes a Now func: time moves only when a test moves it.
package clocktest

import (
	"sync"
	"time"
)

// Clock is safe for concurrent use: the code under test reads it from its
// own goroutines (handlers, cmds) while the test advances it.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// New returns a clock stopped at t.
func New(t time.Time) *Clock { return &Clock{t: t} }

// Now is the clock's time, for a Now func dependency.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
