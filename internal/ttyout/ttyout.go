// Package ttyout writes spotui's frames to the terminal without waking a
// second thread for each one.
//
// Writing to os.Stdout is a blocking system call: it wakes the Go runtime's
// monitor thread, which while spotui sleeps would otherwise sleep too (see
// internal/alarm), and if the write takes over 20 µs the monitor hands the
// program to yet another thread. On Linux, Open gives a writer of its own
// on the same terminal, opened non-blocking, whose writes are raw system
// calls: a frame that fits in the terminal's buffer (every tick's does)
// costs one call on the thread already running; one that doesn't waits in
// the network poller, as a socket write would, without stopping the rest
// of the program.
package ttyout

import "io"

// Writer is the terminal's writer Open returns.
type Writer interface {
	io.Writer
	io.Closer
}
