package termquery

import (
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// terminal is a scripted terminal: for each query it knows, the reply it
// sends (no entry: it ignores the query, as real terminals do).
type terminal map[string]string

// fakeTTY is the other end of the probe's tty: it reads the queries and
// answers like a given terminal, or like tmux in front of one.
type fakeTTY struct {
	term terminal // what answers plain queries (tmux itself, inside tmux)
	// outer answers what comes through tmux's passthrough, outerDelay
	// later (tmux's own answers come first, as they do for real); nil:
	// passthrough is off, tmux drops it.
	outer      terminal
	outerDelay time.Duration
	before     string // sent before any reply: keys the user typed
	dribble    bool   // replies one byte per write: the parser must wait for the rest

	mu    sync.Mutex
	got   strings.Builder // every byte the probe wrote
	wg    sync.WaitGroup
	conns [2]net.Conn
}

// start returns the probe's end of the tty; the fake serves the other.
func (f *fakeTTY) start(t *testing.T) net.Conn {
	t.Helper()
	app, tty := net.Pipe()
	f.conns = [2]net.Conn{app, tty}
	f.wg.Add(1)
	go f.serve(tty)
	t.Cleanup(func() {
		app.Close()
		tty.Close() // unblocks replies nobody reads any more
		f.wg.Wait()
	})
	return app
}

func (f *fakeTTY) received() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.got.String()
}

func (f *fakeTTY) serve(tty net.Conn) {
	defer f.wg.Done()
	if f.before != "" {
		f.wg.Add(1)
		go func() { defer f.wg.Done(); f.write(tty, f.before) }()
	}
	// The outer terminal answers in order, outerDelay after tmux does.
	outer := make(chan string, 16)
	defer close(outer)
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		for reply := range outer {
			time.Sleep(f.outerDelay)
			f.write(tty, reply)
		}
	}()
	var pending string
	buf := make([]byte, 4096)
	for {
		n, err := tty.Read(buf)
		if err != nil {
			return
		}
		f.mu.Lock()
		f.got.Write(buf[:n])
		f.mu.Unlock()
		pending += string(buf[:n])
		for {
			q, inner, rest, ok := nextQuery(pending)
			if !ok {
				break
			}
			pending = rest
			switch {
			case inner != "" && f.outer != nil:
				outer <- f.outer[inner]
			case inner == "":
				f.write(tty, f.term[q])
			}
		}
	}
}

func (f *fakeTTY) write(tty net.Conn, s string) {
	if s == "" {
		return
	}
	if !f.dribble {
		_, _ = tty.Write([]byte(s))
		return
	}
	for i := range len(s) {
		if _, err := tty.Write([]byte{s[i]}); err != nil {
			return
		}
	}
}

var allQueries = []string{queryKitty, queryXTVersion, queryCell, queryWindow, queryBG, queryDA1}

// nextQuery takes the first query off s: a known one, or one wrapped in
// tmux's passthrough (inner is then the unwrapped query). Unknown bytes
// are skipped.
func nextQuery(s string) (q, inner, rest string, ok bool) {
	for s != "" {
		if body, ok := strings.CutPrefix(s, "\x1bPtmux;"); ok {
			var un strings.Builder
			for i := 0; i+1 < len(body); i++ {
				switch {
				case body[i] == 0x1b && body[i+1] == 0x1b:
					un.WriteByte(0x1b)
					i++
				case body[i] == 0x1b && body[i+1] == '\\':
					return s[:len("\x1bPtmux;")+i+2], un.String(), body[i+2:], true
				default:
					un.WriteByte(body[i])
				}
			}
			return "", "", s, false // unfinished
		}
		for _, k := range allQueries {
			if strings.HasPrefix(s, k) {
				return k, "", s[len(k):], true
			}
		}
		s = s[1:]
	}
	return "", "", "", false
}
