package share

import (
	"context"
	"errors"
	"net"
	"sync"
	"time"

	"github.com/spotui/spotui/internal/nowstate"
)

// retryFollow paces a follower whose server answers but can't be followed.
const retryFollow = 200 * time.Millisecond

// Node is one spotui's place on the socket: it serves its hub, or follows
// the spotui that does and takes over when that one goes.
type Node struct {
	path string
	hub  *Hub

	mu   sync.Mutex
	ln   net.Listener // nil while following
	done chan struct{}
}

// Start serves hub on path, or finds a live spotui there to follow
// (Following). An error means no sharing at all (a directory that isn't
// safe, a system without Unix sockets); the caller polls on its own.
func Start(path string, hub *Hub) (*Node, error) {
	n := &Node{path: path, hub: hub, done: make(chan struct{})}
	ln, err := Listen(path)
	switch {
	case errors.Is(err, ErrRunning):
		return n, nil
	case err != nil:
		return nil, err
	}
	n.lead(ln)
	return n, nil
}

// Following reports whether another spotui serves (and polls).
func (n *Node) Following() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.ln == nil
}

// Path is the socket's.
func (n *Node) Path() string { return n.path }

func (n *Node) lead(ln net.Listener) {
	n.mu.Lock()
	n.ln = ln
	n.mu.Unlock()
	go serve(ln, n.hub, n.done)
}

// Events are what a following node reports.
type Events struct {
	State func(nowstate.State) // a followed state
	Lead  func()               // the followed spotui went and this one serves (and must poll) now
	// Alone: the followed spotui went and this one can't serve (err); it
	// must poll on its own.
	Alone func(err error)
}

// Run follows while another spotui serves, takes over when it goes, and
// returns when ctx ends; then the socket is closed and removed. A serving
// node just waits for ctx.
func (n *Node) Run(ctx context.Context, ev Events) {
	defer n.close()
	for n.Following() && ctx.Err() == nil {
		_ = Follow(ctx, n.path, ev.State) // ends when the server goes (or never answered)
		if ctx.Err() != nil {
			return
		}
		ln, err := Listen(n.path)
		switch {
		case errors.Is(err, ErrRunning):
			// Another follower took over first: follow it, after a pause
			// in case it is this server that can't be followed.
			select {
			case <-ctx.Done():
				return
			case <-time.After(retryFollow):
			}
			continue
		case err != nil:
			if ev.Alone != nil {
				ev.Alone(err)
			}
			<-ctx.Done()
			return
		}
		n.lead(ln)
		if ev.Lead != nil {
			ev.Lead()
		}
	}
	<-ctx.Done()
}

// close stops serving; the listener removes the socket file.
func (n *Node) close() {
	n.mu.Lock()
	defer n.mu.Unlock()
	select {
	case <-n.done:
		return
	default:
	}
	close(n.done)
	if n.ln != nil {
		_ = n.ln.Close()
	}
}
