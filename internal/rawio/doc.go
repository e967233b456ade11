// Package rawio does spotui's steady-state I/O (frames to the terminal,
// the poll's socket, the timerfds of internal/alarm) with raw system calls
// on non-blocking files, waiting in the network poller when one can't
// proceed, so that moving the clock wakes one thread, not three.
//
// Go's normal I/O is a blocking system call, which wakes the runtime's
// monitor thread (sysmon) if it sleeps, as it does between spotui's
// wake-ups; awake, it checks back every 20 µs while the program runs, and
// hands the program to another thread if a call takes over 20 µs. On a
// virtual machine each of those wake-ups costs more CPU than the work
// spotui wakes for. A raw system call on a non-blocking file never blocks
// and never tells the scheduler: EAGAIN sends the goroutine to the poller,
// as net and os do themselves.
package rawio
