package share

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/spotui/spotui/internal/nowstate"
)

// Requests a client may send.
const (
	OpGet    = "get"
	OpFollow = "follow"
)

type request struct {
	Op string `json:"op"`
}

// Timeouts: the socket is local, so anything slow is a stuck peer.
const (
	dialTimeout  = 500 * time.Millisecond
	readTimeout  = 2 * time.Second // a request line, a get's answer
	writeTimeout = 2 * time.Second
	maxLine      = 1 << 20 // a state is a few KB; the cap stops a runaway peer
)

// ErrRunning is Listen's answer when a live spotui already serves the path.
var ErrRunning = errors.New("another spotui serves this account's state")

// ErrNotSupported: no socket sharing on this system (Windows).
var ErrNotSupported = errors.New("sharing the state between spotuis is not supported on this system")

// serve answers clients on ln until ln is closed.
func serve(ln net.Listener, hub *Hub, done <-chan struct{}) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go handle(c, hub, done)
	}
}

// handle answers one client.
func handle(c net.Conn, hub *Hub, done <-chan struct{}) {
	defer c.Close()
	_ = c.SetReadDeadline(time.Now().Add(readTimeout))
	r := bufio.NewReaderSize(c, 256)
	line, err := r.ReadSlice('\n')
	if err != nil {
		return
	}
	var req request
	if err := json.Unmarshal(line, &req); err != nil {
		writeLine(c, map[string]string{"error": "a request is one JSON line: {\"op\":\"get\"} or {\"op\":\"follow\"}"})
		return
	}
	switch req.Op {
	case OpGet:
		writeLine(c, hub.Current())
	case OpFollow:
		_ = c.SetReadDeadline(time.Time{})
		gone := make(chan struct{})
		go func() { _, _ = io.Copy(io.Discard, c); close(gone) }() // ends when the client closes
		states, cancel := hub.Subscribe()
		defer cancel()
		for {
			select {
			case s := <-states:
				if writeLine(c, s) != nil {
					return
				}
			case <-gone:
				return
			case <-done:
				return
			}
		}
	default:
		writeLine(c, map[string]string{"error": fmt.Sprintf("unknown op %q: use get or follow", req.Op)})
	}
}

func writeLine(c net.Conn, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_ = c.SetWriteDeadline(time.Now().Add(writeTimeout))
	_, err = c.Write(append(b, '\n'))
	return err
}

// Get asks the spotui serving path for its state, once.
func Get(ctx context.Context, path string) (nowstate.State, error) {
	c, err := dial(ctx, path)
	if err != nil {
		return nowstate.State{}, err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(readTimeout))
	if err := writeLine(c, request{Op: OpGet}); err != nil {
		return nowstate.State{}, err
	}
	sc := scanner(c)
	if !sc.Scan() {
		return nowstate.State{}, fmt.Errorf("the spotui on %s closed without an answer: %w", path, orEOF(sc.Err()))
	}
	return decode(sc.Bytes())
}

// Follow calls fn with the served state and then each new one, until the
// server goes (nil) or ctx ends (ctx.Err()). A failed dial is returned as is.
func Follow(ctx context.Context, path string, fn func(nowstate.State)) error {
	c, err := dial(ctx, path)
	if err != nil {
		return err
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() }) // unblocks the read
	defer stop()
	if err := writeLine(c, request{Op: OpFollow}); err != nil {
		return err
	}
	sc := scanner(c)
	for sc.Scan() {
		s, err := decode(sc.Bytes())
		if err != nil {
			return err
		}
		fn(s)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return nil
}

func scanner(r io.Reader) *bufio.Scanner {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 16<<10), maxLine)
	return sc
}

func decode(line []byte) (nowstate.State, error) {
	var s nowstate.State
	if err := json.Unmarshal(line, &s); err != nil {
		return s, fmt.Errorf("the shared state is not readable: %w", err)
	}
	return s, nil
}

func orEOF(err error) error {
	if err == nil {
		return io.EOF
	}
	return err
}
