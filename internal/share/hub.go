// Package share serves one spotui's player state to the others on this
// machine over a Unix socket, so that one process polls Spotify per
// account and `spotui now`, status bars and further windows read from it.
//
// Protocol: newline-delimited JSON. A client sends one request line,
// {"op":"get"} or {"op":"follow"}; the server answers with the current
// nowstate.State (get, then closes) or with the current State and then each
// new one (follow) until either side closes.
package share

import (
	"sync"

	"github.com/spotui/spotui/internal/nowstate"
)

// Hub holds the latest state and hands it to subscribers. Publish never
// blocks: a slow subscriber skips to the newest state.
type Hub struct {
	mu   sync.Mutex
	cur  nowstate.State
	subs map[chan nowstate.State]struct{}
}

// NewHub starts with the zero state (logged out, Seq 0).
func NewHub() *Hub { return &Hub{subs: map[chan nowstate.State]struct{}{}} }

// Publish makes s the current state when it differs (Seq aside) and
// numbers it.
func (h *Hub) Publish(s nowstate.State) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if s.Same(h.cur) && h.cur.Seq > 0 {
		return
	}
	s.Seq = h.cur.Seq + 1
	h.cur = s
	for ch := range h.subs {
		offer(ch, s)
	}
}

// offer puts s in ch (capacity 1), replacing a state not yet taken.
// Only Publish and Subscribe send, under the hub's lock.
func offer(ch chan nowstate.State, s nowstate.State) {
	select {
	case <-ch:
	default:
	}
	ch <- s
}

// Current is the latest state.
func (h *Hub) Current() nowstate.State {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.cur
}

// Subscribe returns a channel that holds the current state at once and
// then the newest one after each change; cancel ends the subscription.
func (h *Hub) Subscribe() (states <-chan nowstate.State, cancel func()) {
	ch := make(chan nowstate.State, 1)
	h.mu.Lock()
	h.subs[ch] = struct{}{}
	offer(ch, h.cur)
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		delete(h.subs, ch)
		h.mu.Unlock()
	}
}
