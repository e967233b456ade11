package main

import (
	"errors"
	"io"
	"net"
	"sync"
	"time"
)

// proxy forwards TCP connections from a fixed loopback address to target.
// Down makes Spotify unreachable the way a dropped network does: open
// connections are cut and new ones refused (the listener is closed), until
// Up listens on the same address again.
type proxy struct {
	target string

	mu    sync.Mutex
	addr  string
	ln    net.Listener // nil while down
	conns map[net.Conn]struct{}
	wg    sync.WaitGroup // accept loops and copiers
}

func newProxy(target string) (*proxy, error) {
	p := &proxy{target: target, conns: map[net.Conn]struct{}{}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p.addr = ln.Addr().String()
	p.serve(ln)
	return p, nil
}

// URL is the base URL the app is given.
func (p *proxy) URL() string { return "http://" + p.addr }

// serve starts an accept loop on ln; p.mu must not be held.
func (p *proxy) serve(ln net.Listener) {
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return // closed by Down or Close
			}
			p.forward(c)
		}
	}()
}

func (p *proxy) forward(c net.Conn) {
	up, err := net.DialTimeout("tcp", p.target, 5*time.Second)
	if err != nil {
		_ = c.Close()
		return
	}
	p.mu.Lock()
	if p.ln == nil { // went down while dialling
		p.mu.Unlock()
		_ = c.Close()
		_ = up.Close()
		return
	}
	p.conns[c], p.conns[up] = struct{}{}, struct{}{}
	p.mu.Unlock()
	// Either direction ending ends both: HTTP needs no half-close here.
	var once sync.Once
	done := func() {
		once.Do(func() {
			_ = c.Close()
			_ = up.Close()
			p.mu.Lock()
			delete(p.conns, c)
			delete(p.conns, up)
			p.mu.Unlock()
		})
	}
	p.wg.Add(2)
	go func() { defer p.wg.Done(); _, _ = io.Copy(up, c); done() }()
	go func() { defer p.wg.Done(); _, _ = io.Copy(c, up); done() }()
}

// Down closes the listener and every open connection.
func (p *proxy) Down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		_ = p.ln.Close()
		p.ln = nil
	}
	for c := range p.conns {
		_ = c.Close()
	}
}

// IsDown reports whether connections are being refused.
func (p *proxy) IsDown() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.ln == nil
}

// Up listens on the same address again. The port was ours a moment ago;
// retry briefly in case the kernel hasn't let go of it yet.
func (p *proxy) Up() error {
	var err error
	for range 50 {
		var ln net.Listener
		if ln, err = net.Listen("tcp", p.addr); err == nil {
			p.serve(ln)
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.Join(errors.New("proxy: can't listen again on "+p.addr), err)
}

// Close stops everything and waits for the goroutines.
func (p *proxy) Close() {
	p.Down()
	p.wg.Wait()
}
