package termquery

import (
	"io"
	"time"

	"github.com/muesli/cancelreader"
)

// reader reads the tty on a goroutine that stop ends for sure: once the
// probe returns, nothing but the UI reads the terminal.
type reader struct {
	chunks chan []byte   // what was read; closed when the goroutine ends
	quit   chan struct{} // closed by stop: send nothing more
	done   chan struct{} // closed when the goroutine has returned
	cancel func() bool   // interrupts a Read in progress
	after  func()        // releases what cancel needed, once the goroutine is gone
}

// deadliner is a reader with read deadlines (net.Conn, a pollable
// *os.File).
type deadliner interface {
	SetReadDeadline(time.Time) error
}

// startReader starts reading in, if a blocked Read on it can be
// interrupted: by a read deadline, or by cancelreader (epoll, kqueue,
// select or Windows' cancellable reads) on a file such as os.Stdin,
// whose blocking descriptor takes no deadline.
func startReader(in io.Reader) (*reader, bool) {
	r := &reader{
		chunks: make(chan []byte, 8),
		quit:   make(chan struct{}),
		done:   make(chan struct{}),
	}
	src := in
	if d, ok := in.(deadliner); ok && d.SetReadDeadline(time.Time{}) == nil {
		r.cancel = func() bool { return d.SetReadDeadline(time.Now()) == nil }
		r.after = func() { _ = d.SetReadDeadline(time.Time{}) }
	} else if _, ok := in.(cancelreader.File); ok {
		cr, err := cancelreader.NewReader(in)
		if err != nil {
			return nil, false
		}
		src, r.cancel, r.after = cr, cr.Cancel, func() { _ = cr.Close() }
	} else {
		return nil, false
	}
	go r.run(src)
	return r, true
}

func (r *reader) run(src io.Reader) {
	defer close(r.done)
	defer close(r.chunks)
	buf := make([]byte, 1024)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			select {
			case r.chunks <- append([]byte(nil), buf[:n]...):
			case <-r.quit:
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// stopWait bounds how long stop waits for a Read it could not cancel
// (cancelreader's fallback on exotic systems): the probe must not hang.
const stopWait = 50 * time.Millisecond

// stop ends the reading goroutine and waits for it.
func (r *reader) stop() {
	close(r.quit)
	if r.cancel() {
		<-r.done // a cancelled Read returns at once
		r.after()
		return
	}
	select {
	case <-r.done:
		r.after()
	case <-time.After(stopWait):
	}
}
