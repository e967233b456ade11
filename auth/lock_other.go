//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package auth

import "time"

// lockDir: no flock here; two processes refreshing at the same instant may
// still race, which only costs the loser a new login.
func lockDir(string, time.Duration) (unlock func()) { return func() {} }
