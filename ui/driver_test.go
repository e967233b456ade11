package ui

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/spotui/spotui/internal/clocktest"
)

// newClock is the clock shared by the UI and the fake Spotify.
func newClock() *clocktest.Clock {
	return clocktest.New(time.Date(2026, 11, 23, 20, 0, 0, 0, time.UTC))
}

// timerSet is what the fake Tick returns: the driver holds it until the
// fake clock reaches its deadline.
type timerSet struct {
	at time.Time
	fn func(time.Time) tea.Msg
}

// driver runs a Model as Bubble Tea would (each cmd in its own goroutine,
// messages back into Update), except that timers wait for the fake clock.
type driver struct {
	t       testing.TB
	m       Model
	clock   *clocktest.Clock
	msgs    chan tea.Msg
	pending int // cmds running
	// background is how many cmds may keep running when settle returns
	// (a login Wait blocked on a browser that the test plays later).
	background int
	timers     []timerSet
	quit       bool
	seen       []tea.Msg // every message Update got, for assertions
}

func newDriver(t testing.TB, deps Deps, clock *clocktest.Clock) *driver {
	t.Helper()
	d := &driver{t: t, clock: clock, msgs: make(chan tea.Msg, 64)}
	deps.Now = clock.Now
	deps.Tick = func(dur time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		at := clock.Now().Add(dur)
		return func() tea.Msg { return timerSet{at: at, fn: fn} }
	}
	d.m = New(deps)
	d.m.jitter = func() float64 { return 0 }
	d.m.width, d.m.height = 80, 24
	return d
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	d.pending++
	go func() { d.msgs <- cmd() }()
}

func (d *driver) handle(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	case timerSet:
		d.timers = append(d.timers, msg)
	case tea.QuitMsg:
		d.quit = true
	default:
		d.seen = append(d.seen, msg)
		m, cmd := d.m.Update(msg)
		d.m = m.(Model)
		d.run(cmd)
	}
}

// send delivers msg (e.g. a key) and lets every resulting cmd finish.
func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	d.handle(msg)
	d.settle()
}

func (d *driver) key(k string) {
	d.t.Helper()
	var msg tea.KeyMsg
	switch k {
	case "space":
		msg = tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	case "esc":
		msg = tea.KeyMsg{Type: tea.KeyEsc}
	case "ctrl+c":
		msg = tea.KeyMsg{Type: tea.KeyCtrlC}
	default:
		msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
	}
	d.send(msg)
}

// settle processes messages until no cmd is running.
func (d *driver) settle() {
	d.t.Helper()
	timeout := time.After(10 * time.Second)
	for d.pending > d.background {
		select {
		case msg := <-d.msgs:
			d.pending--
			d.handle(msg)
		case <-timeout:
			d.t.Fatalf("cmds still running after 10s; screen:\n%s", d.screen())
		}
	}
}

// until processes messages until cond holds, for flows in which a cmd
// (a login waiting for a browser) legitimately keeps running.
func (d *driver) until(what string, cond func(Model) bool) {
	d.t.Helper()
	timeout := time.After(10 * time.Second)
	for !cond(d.m) {
		select {
		case msg := <-d.msgs:
			d.pending--
			d.handle(msg)
		case <-timeout:
			d.t.Fatalf("timed out waiting for %s; screen:\n%s", what, d.screen())
		}
	}
}

// advance moves the fake clock in steps, firing due timers in deadline order
// and letting what they start finish, as real time would.
func (d *driver) advance(total time.Duration) {
	d.t.Helper()
	end := d.clock.Now().Add(total)
	for {
		next := -1
		for i, tm := range d.timers {
			if !tm.at.After(end) && (next < 0 || tm.at.Before(d.timers[next].at)) {
				next = i
			}
		}
		if next < 0 {
			break
		}
		tm := d.timers[next]
		d.timers = append(d.timers[:next], d.timers[next+1:]...)
		if now := d.clock.Now(); tm.at.After(now) {
			d.clock.Advance(tm.at.Sub(now))
		}
		d.handle(tm.fn(d.clock.Now()))
		d.settle()
	}
	if now := d.clock.Now(); end.After(now) {
		d.clock.Advance(end.Sub(now))
	}
}

// screen is the view without colours.
func (d *driver) screen() string { return ansi.Strip(d.m.View()) }
