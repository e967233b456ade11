package alarm

import (
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

type fired struct{ at time.Time }

func at(t time.Time) tea.Msg { return fired{t} }

func TestTickFiresAfterItsDuration(t *testing.T) {
	a := New()
	defer a.Close()
	for _, d := range []time.Duration{30 * time.Millisecond, 0, -time.Second} {
		start := time.Now()
		msg, ok := a.Tick(d, at)().(fired)
		if !ok {
			t.Fatalf("Tick(%v) returned %#v, want fired", d, msg)
		}
		if got := msg.at.Sub(start); got < d || got > d+time.Second && d > 0 {
			t.Errorf("Tick(%v) fired after %v", d, got)
		}
		if d <= 0 && msg.at.Sub(start) > time.Second {
			t.Errorf("Tick(%v) should fire at once, took %v", d, msg.at.Sub(start))
		}
	}
}

// Waiting ticks each get their own timerfd and fire in their own order; a
// second round reuses the first round's timerfds.
func TestConcurrentTicksReuseTheirTimers(t *testing.T) {
	a := New()
	defer a.Close()
	round := func() {
		ds := []time.Duration{80, 20, 60, 40, 10}
		done := make(chan time.Duration, len(ds))
		start := time.Now()
		for _, d := range ds {
			cmd := a.Tick(d*time.Millisecond, at)
			go func() {
				m := cmd().(fired)
				if got := m.at.Sub(start); got < d*time.Millisecond {
					t.Errorf("%v ms tick fired after %v", d, got)
				}
				done <- d
			}()
		}
		var order []time.Duration
		for range ds {
			order = append(order, <-done)
		}
		for i := 1; i < len(order); i++ {
			if order[i] < order[i-1] {
				t.Errorf("fired out of order: %v", order)
			}
		}
	}
	round()
	a.mu.Lock()
	n := len(a.all)
	a.mu.Unlock()
	if n < 1 || n > 5 {
		t.Fatalf("%d timerfds for 5 waiting ticks", n)
	}
	round()
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.all) != n {
		t.Errorf("second round made new timerfds: %d, then %d", n, len(a.all))
	}
}

func TestCloseEndsWaitingTicks(t *testing.T) {
	a := New()
	got := make(chan tea.Msg)
	go func() { got <- a.Tick(time.Hour, at)() }()
	// Close once the tick has its timerfd and waits on it.
	for {
		a.mu.Lock()
		n := len(a.all)
		a.mu.Unlock()
		if n == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case msg := <-got:
		if msg != nil {
			t.Errorf("a closed alarm returned %#v", msg)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close left the tick waiting")
	}
	if msg := a.Tick(0, at)(); msg != nil {
		t.Errorf("Tick after Close returned %#v", msg)
	}
}
