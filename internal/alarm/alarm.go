// Package alarm schedules spotui's wake-ups (the clock, lyric lines, the
// poll) like tea.Tick, without waking a second thread for each one.
//
// A Go timer wakes two threads: the one that runs the timer and the
// runtime's monitor thread (sysmon), which sleeps only until the next timer
// is due and then, while the program is busy, checks back every 20 µs.
// Each system call made while it sleeps wakes it too. On Linux an Alarms
// waits on timerfds through the network poller instead, and arms and reads
// them with raw system calls, which never block: the monitor sleeps on
// while spotui moves its clock. Measured side by side in tmux (120×40,
// synced lyrics, bench's fake), spotui took 161–179 ms of CPU a minute
// with Go timers and 67–105 with alarms and internal/rawio together.
package alarm
