//go:build race

package cover

// raceEnabled: the race detector makes pixel loops some 20× slower, so
// the heaviest tests do less under it.
const raceEnabled = true
