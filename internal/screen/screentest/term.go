// Package screentest is a terminal emulator for tests of what spotui draws:
// tests assert on the screen a user would see and on the bytes sent.
package screentest

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
)

// Term is an io.Writer that a terminal emulator interprets.
type Term struct {
	mu     sync.Mutex
	emu    *vt.Emulator
	writes []string
	title  string
	modes  map[ansi.Mode]bool
	wrote  chan struct{} // a signal per write
	block  chan struct{}
}

// New returns a width×height terminal.
func New(width, height int) *Term {
	tm := &Term{emu: vt.NewEmulator(width, height), modes: map[ansi.Mode]bool{}, wrote: make(chan struct{}, 1)}
	// The callbacks run inside Write, under tm.mu.
	tm.emu.SetCallbacks(vt.Callbacks{
		Title:       func(s string) { tm.title = s },
		EnableMode:  func(m ansi.Mode) { tm.modes[m] = true },
		DisableMode: func(m ansi.Mode) { tm.modes[m] = false },
	})
	return tm
}

// Block makes every later Write wait until release is called, as a
// terminal that stopped reading would.
func (tm *Term) Block() (release func()) {
	ch := make(chan struct{})
	tm.mu.Lock()
	tm.block = ch
	tm.mu.Unlock()
	return func() { close(ch) }
}

func (tm *Term) Write(p []byte) (int, error) {
	tm.mu.Lock()
	block := tm.block
	tm.mu.Unlock()
	if block != nil {
		<-block
	}
	tm.mu.Lock()
	tm.writes = append(tm.writes, string(p))
	n, err := tm.emu.Write(p)
	tm.mu.Unlock()
	select {
	case tm.wrote <- struct{}{}:
	default: // a wake-up is already pending
	}
	return n, err
}

// Do runs f on the emulator, between writes.
func (tm *Term) Do(f func(*vt.Emulator)) {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	f(tm.emu)
}

// Screen is what the terminal shows: plain text, trailing blanks trimmed.
func (tm *Term) Screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return TrimRight(tm.emu.String())
}

// WaitFor waits until the terminal shows want (compared as TrimRight).
func (tm *Term) WaitFor(t testing.TB, want string) {
	t.Helper()
	want = TrimRight(want)
	deadline := time.After(5 * time.Second)
	for tm.Screen() != want {
		select {
		case <-tm.wrote:
		case <-deadline:
			t.Fatalf("the terminal shows\n%s\nwant\n%s", tm.Screen(), want)
		}
	}
}

// Writes is how many writes the terminal has had.
func (tm *Term) Writes() int {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return len(tm.writes)
}

// Sent is everything written after the first n writes.
func (tm *Term) Sent(n int) string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return strings.Join(tm.writes[n:], "")
}

// Title is the window title last set.
func (tm *Term) Title() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.title
}

// Modes are the terminal modes that were set or reset, and how they stand.
func (tm *Term) Modes() map[ansi.Mode]bool {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	out := make(map[ansi.Mode]bool, len(tm.modes))
	for m, on := range tm.modes {
		out[m] = on
	}
	return out
}

// TrimRight drops blanks at the ends of lines and blank lines at the end.
func TrimRight(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}
