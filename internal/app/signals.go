package app

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// stopper ends spotui cleanly on SIGHUP (the terminal was closed), SIGTERM
// and SIGINT (which only comes from outside while the terminal is in raw
// mode: ctrl+c is a key then). The program quits, so the terminal is
// restored and --demo's temporary directory removed, as on q. Without it,
// SIGHUP would kill the process on the spot.
type stopper struct {
	ch   chan os.Signal
	done chan struct{}

	mu   sync.Mutex
	sig  os.Signal // the first signal, nil before
	quit func()    // ends the running program; nil before it runs
}

func notifyStop() *stopper {
	s := &stopper{ch: make(chan os.Signal, 1), done: make(chan struct{})}
	signal.Notify(s.ch, syscall.SIGHUP, syscall.SIGTERM, os.Interrupt)
	go s.wait()
	return s
}

func (s *stopper) wait() {
	for {
		select {
		case sig := <-s.ch:
			s.mu.Lock()
			if s.sig == nil {
				s.sig = sig
			}
			quit := s.quit
			s.mu.Unlock()
			if quit != nil {
				// Quit waits for the event loop to take the message; the
				// next signal must not wait behind it.
				go quit()
			}
		case <-s.done:
			return
		}
	}
}

// running hands over the function that ends the program, which is called at
// once if a signal came first.
func (s *stopper) running(quit func()) {
	s.mu.Lock()
	s.quit = quit
	sig := s.sig
	s.mu.Unlock()
	if sig != nil {
		go quit()
	}
}

// code is the exit status for the signal that stopped spotui (128 + its
// number, as shells report it), or -1 if none did.
func (s *stopper) code() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sig == nil {
		return -1
	}
	if n, ok := s.sig.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return ExitError
}

// stop restores the signals' default handling.
func (s *stopper) stop() {
	signal.Stop(s.ch)
	close(s.done)
}
