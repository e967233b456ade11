package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spotui/spotui/bench/internal/harness"
	"github.com/spotui/spotui/internal/fakespotify"
)

const (
	// pollEvery is how often the screen is read while timing; one
	// capture-pane costs a few ms itself.
	pollEvery = 5 * time.Millisecond
	// helpMarker is in the full help ("?") and not in the one-line bar.
	helpMarker = "volume down"
	pausedText = "⏸ paused"
	playText   = "▶ playing"
	// seekLead is how far before the end a track-change sample seeks: more
	// than one 5 s poll, so the app hears of the seek before the item
	// ends, as it would of a track it had been playing all along.
	seekLead = 8 * time.Second
)

var errTimeout = errors.New("timed out")

// screen is what watch reads: a tmux control client.
type screen interface{ Screen() string }

// watch reads the screen every pollEvery until cond holds, and returns
// when the capture that showed it completed: the time is late by at most
// one capture, never early.
func watch(ctx context.Context, tm screen, limit time.Duration, cond func(string) bool) (time.Time, error) {
	deadline := time.Now().Add(limit)
	for {
		began := time.Now()
		scr := tm.Screen()
		if cond(scr) {
			return time.Now(), nil
		}
		if began.After(deadline) {
			return time.Time{}, fmt.Errorf("%w after %s; screen:\n%s", errTimeout, limit, scr)
		}
		if err := sleep(ctx, pollEvery-time.Since(began)); err != nil {
			return time.Time{}, err
		}
	}
}

func contains(text string) func(string) bool {
	return func(scr string) bool { return strings.Contains(scr, text) }
}

func title(name string) func(string) bool {
	return func(scr string) bool {
		// The title stands at the end of its line (the playlist's titles
		// are short: never cut); up next lists the next items too, but
		// each with its artist and duration after it.
		for line := range strings.SplitSeq(scr, "\n") {
			line = strings.TrimSuffix(strings.TrimRight(line, " "), " ♥")
			if strings.HasSuffix(line, name) {
				return true
			}
		}
		return false
	}
}

// startups times n launches with a cached token, from replacing the window
// to the playing title on screen. One tmux server serves all of them, so
// its own start-up is not counted; but tmux forking the pane's process is,
// so floor times the same path for a shell's echo: the part of a start-up
// that is not spotui's.
func (b *bench) startups(ctx context.Context, n int) (spotui, floor []time.Duration, err error) {
	b.runs++
	dir := filepath.Join(b.dir, "startups")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, err
	}
	tm, err := harness.StartTerm(harness.TermOptions{
		Dir: dir, Socket: fmt.Sprintf("spotui-bench-%d-%d", os.Getpid(), b.runs),
		Width: termWidth, Height: termHeight, Command: "exec sleep 600",
	})
	if err != nil {
		return nil, nil, err
	}
	defer tm.Kill()
	ctl, err := tm.Control()
	if err != nil {
		return nil, nil, err
	}
	defer ctl.Close()
	for i := range n {
		marker := fmt.Sprintf("floor-%d-ready", i)
		t0 := time.Now()
		// The shell stays: output of a process that has already exited
		// can be lost when tmux marks its pane dead.
		if err := ctl.Replace(nil, "echo "+marker+"; exec sleep 600"); err != nil {
			return nil, nil, err
		}
		seen, err := watch(ctx, ctl, 10*time.Second, contains(marker))
		if err != nil {
			return nil, nil, fmt.Errorf("launch floor: %w", err)
		}
		floor = append(floor, seen.Sub(t0))
	}
	for i := range n {
		it, _, _ := b.fake.Current()
		stderr := filepath.Join(dir, fmt.Sprintf("stderr-%d", i))
		t0 := time.Now()
		if err := ctl.Replace(b.env, command(b.spotui, stderr, "--art", "blocks")); err != nil {
			return spotui, floor, err
		}
		seen, err := watch(ctx, ctl, 10*time.Second, title(it.Name))
		if err != nil {
			return spotui, floor, fmt.Errorf("start-up %d: %w", i+1, err)
		}
		spotui = append(spotui, seen.Sub(t0))
		b.stop(&proc{name: "spotui", term: tm, ctl: ctl, stderr: stderr})
	}
	return spotui, floor, nil
}

// keyLatency presses ? n times, each time timing the full help's arrival
// or departure. The pauses between presses are random so that the presses
// fall at every phase of the renderer's frame clock.
func (b *bench) keyLatency(ctx context.Context, p *proc, n int) ([]time.Duration, error) {
	var out []time.Duration
	shown := strings.Contains(p.ctl.Screen(), helpMarker)
	for range n {
		if err := sleep(ctx, 150*time.Millisecond+rand.N(250*time.Millisecond)); err != nil {
			return out, err
		}
		want := !shown
		t0 := time.Now()
		if err := p.ctl.Keys("?"); err != nil {
			return out, err
		}
		seen, err := watch(ctx, p.ctl, 3*time.Second, func(scr string) bool {
			return strings.Contains(scr, helpMarker) == want
		})
		if err != nil {
			return out, fmt.Errorf("? never toggled the full help (%q): %w", helpMarker, err)
		}
		out = append(out, seen.Sub(t0))
		shown = want
	}
	if shown { // leave the screen as it was for what follows
		_ = p.ctl.Keys("?")
		_, _ = watch(ctx, p.ctl, 3*time.Second, func(scr string) bool { return !strings.Contains(scr, helpMarker) })
	}
	return out, nil
}

// trackChanges seeks the fake seekLead before the end of the current item,
// n times, and times each natural change: from the moment the fake's
// position reaches the item's end (its clock is real time) to the next
// title on screen.
func (b *bench) trackChanges(ctx context.Context, p *proc, n int) ([]time.Duration, error) {
	var out []time.Duration
	for range n {
		cur, _, _ := b.fake.Current()
		next := b.items[(b.index(cur)+1)%len(b.items)]
		if title(next.Name)(p.ctl.Screen()) {
			return out, fmt.Errorf("the next title %q is on screen before the change", next.Name)
		}
		b.fake.Seek(cur.DurationMS - int(seekLead/time.Millisecond))
		t1 := time.Now()
		at, pos, _ := b.fake.Current()
		t2 := time.Now()
		if at.Name != cur.Name {
			return out, fmt.Errorf("the seek skipped the item")
		}
		changeAt := t1.Add(t2.Sub(t1)/2 + time.Duration(cur.DurationMS-pos)*time.Millisecond)
		seen, err := watch(ctx, p.ctl, seekLead+15*time.Second, title(next.Name))
		if err != nil {
			return out, fmt.Errorf("natural track change: %w", err)
		}
		if now, _, _ := b.fake.Current(); now.Name != next.Name {
			return out, fmt.Errorf("the fake plays %q, not the next item %q", now.Name, next.Name)
		}
		out = append(out, seen.Sub(changeAt))
		if err := sleep(ctx, time.Second); err != nil { // let the new cover land
			return out, err
		}
	}
	return out, nil
}

// index is its place in the playlist; 0 if not found.
func (b *bench) index(it fakespotify.Item) int {
	for i, x := range b.items {
		if x.Name == it.Name {
			return i
		}
	}
	return 0
}

// elsewhere pauses playback "on another device" n times and times the
// screen's "paused". Each pause comes just after a poll answered, the
// worst case: the app hears of it only at its next poll. Between samples
// playback resumes; it is left paused, and the last pause's time
// returned, for the paused window.
func (b *bench) elsewhere(ctx context.Context, p *proc, n int) ([]time.Duration, time.Time, error) {
	var out []time.Duration
	var pausedAt time.Time
	for i := range n {
		if i > 0 {
			b.fake.Play()
			if _, err := watch(ctx, p.ctl, 20*time.Second, contains(playText)); err != nil {
				return out, pausedAt, fmt.Errorf("resume: %w", err)
			}
		}
		if err := b.afterPoll(ctx); err != nil {
			return out, pausedAt, err
		}
		pausedAt = time.Now()
		b.fake.Pause()
		seen, err := watch(ctx, p.ctl, 40*time.Second, contains(pausedText))
		if err != nil {
			return out, pausedAt, fmt.Errorf("pause elsewhere: %w", err)
		}
		out = append(out, seen.Sub(pausedAt))
	}
	return out, pausedAt, nil
}

// afterPoll returns as soon as the fake has answered a new poll.
func (b *bench) afterPoll(ctx context.Context) error {
	reqs := b.fake.Requests()
	from, poll := len(reqs), harness.PollPath(reqs)
	deadline := time.Now().Add(40 * time.Second)
	for time.Now().Before(deadline) {
		reqs = b.fake.Requests()
		for _, r := range reqs[from:] {
			if r.Method == "GET" && r.Path == poll && r.Status != 0 {
				return nil
			}
		}
		if err := sleep(ctx, time.Millisecond); err != nil {
			return err
		}
	}
	return fmt.Errorf("no poll of %s within 40 s", poll)
}

// idlePolls is the first n gaps between the app's polls after from: what
// -short reports instead of waiting out the first paused minute. The
// deadline allows one 30 s gap, should the app slow down at once.
func (b *bench) idlePolls(ctx context.Context, from time.Time, n int) ([]time.Duration, error) {
	deadline := from.Add(time.Duration(n) * 45 * time.Second)
	for time.Now().Before(deadline) {
		reqs := b.fake.Requests()
		poll := harness.PollPath(reqs)
		var gaps []time.Duration
		var last time.Time
		for _, r := range requestsBetween(reqs, from, time.Now()) {
			if r.Method == "GET" && r.Path == poll {
				if !last.IsZero() {
					gaps = append(gaps, r.Time.Sub(last))
				}
				last = r.Time
			}
		}
		if len(gaps) >= n {
			return gaps[:n], nil
		}
		if err := sleep(ctx, 50*time.Millisecond); err != nil {
			return nil, err
		}
	}
	return nil, fmt.Errorf("fewer than %d gaps between polls after the pause", n)
}
