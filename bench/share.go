package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spotui/spotui/internal/fakespotify"
)

// The shared-state budget: spotui serve, the TUI, three `spotui now
// --follow --waybar` and a status bar running `spotui now` every second,
// all for one account. One of them polls; the rest read its socket, so
// the account sees what one TUI alone would.

// shareResult is what the scenario measured; nil fields were not.
type shareResult struct {
	playing, paused *float64 // API requests per minute
	pausedAfter     time.Duration
	nows, nowFails  int
	followLines     []int // lines each follower printed
	polls           map[string]int
}

// daemon is a spotui run outside tmux (serve, now --follow).
type daemon struct {
	cmd  *exec.Cmd
	out  string // stdout file
	done chan struct{}
}

func (b *bench) startDaemon(name string, args ...string) (*daemon, error) {
	out := filepath.Join(b.dir, "share-"+name+".out")
	f, err := os.Create(out)
	if err != nil {
		return nil, err
	}
	errf, err := os.Create(filepath.Join(b.dir, "share-"+name+".err"))
	if err != nil {
		f.Close()
		return nil, err
	}
	c := exec.Command(b.spotui, args...)
	c.Env, c.Stdout, c.Stderr = b.env, f, errf
	if err := c.Start(); err != nil {
		f.Close()
		errf.Close()
		return nil, err
	}
	d := &daemon{cmd: c, out: out, done: make(chan struct{})}
	go func() { _ = c.Wait(); f.Close(); errf.Close(); close(d.done) }()
	return d, nil
}

// term stops d as a service manager would (SIGTERM).
func (d *daemon) term() {
	_ = d.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-d.done:
	case <-time.After(5 * time.Second):
		_ = d.cmd.Process.Kill()
		<-d.done
	}
}

func (d *daemon) lines() int {
	f, err := os.Open(d.out)
	if err != nil {
		return 0
	}
	defer f.Close()
	n := 0
	for sc := bufio.NewScanner(f); sc.Scan(); {
		n++
	}
	return n
}

// apiRequests counts the Web API requests between from and to.
func apiRequests(reqs []fakespotify.Request, from, to time.Time) (n int, by map[string]int) {
	by = map[string]int{}
	for _, r := range requestsBetween(reqs, from, to) {
		if strings.HasPrefix(r.Path, "/v1/") {
			n++
			by[r.Method+" "+r.Path]++
		}
	}
	return n, by
}

func (b *bench) shareBudget(ctx context.Context) (*shareResult, error) {
	res := &shareResult{}
	b.fake.SetIndex(0)
	b.fake.Play()
	serve, err := b.startDaemon("serve", "serve")
	if err != nil {
		return res, err
	}
	defer serve.term()
	// The server's first poll, then the others: they must find it serving.
	for deadline := time.Now().Add(10 * time.Second); ; {
		if _, by := apiRequests(b.fake.Requests(), time.Time{}, time.Now()); by["GET /v1/me/player"] > 0 {
			break
		}
		if time.Now().After(deadline) {
			return res, errors.New("spotui serve never polled")
		}
		if err := sleep(ctx, 20*time.Millisecond); err != nil {
			return res, err
		}
	}
	tui, err := b.launch(ctx, b.spotui)
	if err != nil {
		return res, err
	}
	defer b.quit(tui)
	var follows []*daemon
	for i := range 3 {
		f, err := b.startDaemon(fmt.Sprintf("follow%d", i+1), "now", "--follow", "--waybar")
		if err != nil {
			return res, err
		}
		defer f.term()
		follows = append(follows, f)
	}
	barCtx, stopBar := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); b.statusBar(barCtx, res) }()
	defer func() { stopBar(); wg.Wait() }()

	if err := sleep(ctx, settle); err != nil {
		return res, err
	}
	from := time.Now()
	if err := sleep(ctx, b.o.duration); err != nil {
		return res, err
	}
	n, by := apiRequests(b.fake.Requests(), from, time.Now())
	res.playing = ptr(float64(n) * float64(time.Minute) / float64(time.Since(from)))
	res.polls = by

	b.fake.Pause() // elsewhere, as a phone would
	res.pausedAfter = 0
	if !b.o.short {
		res.pausedAfter = pausedFor
		if err := sleep(ctx, pausedFor); err != nil {
			return res, err
		}
	}
	from = time.Now()
	if err := sleep(ctx, b.o.duration); err != nil {
		return res, err
	}
	n, _ = apiRequests(b.fake.Requests(), from, time.Now())
	res.paused = ptr(float64(n) * float64(time.Minute) / float64(time.Since(from)))
	for _, f := range follows {
		res.followLines = append(res.followLines, f.lines())
	}
	return res, nil
}

// statusBar runs `spotui now` every second, as a bar's interval would.
func (b *bench) statusBar(ctx context.Context, res *shareResult) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		c := exec.CommandContext(ctx, b.spotui, "now")
		c.Env = b.env
		res.nows++
		if err := c.Run(); err != nil && ctx.Err() == nil {
			res.nowFails++
		}
	}
}

// print reports the scenario; missed counts the targets it missed.
func (res *shareResult) print(b *bench) (missed int) {
	if res == nil {
		return 0
	}
	fmt.Fprintf(b.out, "\nshared state: serve + TUI + 3× now --follow --waybar + now every 1 s, %s windows:\n", b.o.duration)
	show := func(label string, v *float64, target string, ok func(float64) bool) {
		if v == nil {
			fmt.Fprintf(b.out, "  %-44s %8s   %s\n", label, "—", target)
			return
		}
		mark := "ok"
		if !ok(*v) {
			mark = "MISSED"
			missed++
		}
		fmt.Fprintf(b.out, "  %-44s %6.1f/min  %s %s\n", label, *v, target, mark)
	}
	show("API requests, playing", res.playing, "≤ 13/min", func(v float64) bool { return v <= 13 })
	label := fmt.Sprintf("API requests, paused (from %s after the pause)", res.pausedAfter)
	target := "≤ 2/min"
	if res.pausedAfter < pausedFor {
		target = "(info: -short; the ≤ 2/min target is after a minute)"
	}
	show(label, res.paused, target, func(v float64) bool { return res.pausedAfter < pausedFor || v <= 2 })
	for ep, n := range res.polls {
		fmt.Fprintf(b.out, "    %s: %d in the playing window\n", ep, n)
	}
	fmt.Fprintf(b.out, "  status bar: %d runs of spotui now, %d failed; follower lines: %v\n", res.nows, res.nowFails, res.followLines)
	return missed
}

// runShare is go run ./bench -share: the scenario alone.
func (b *bench) runShare(ctx context.Context) int {
	res, err := b.shareBudget(ctx)
	missed := res.print(b)
	if v := b.fake.Violations(); len(v) > 0 {
		fmt.Fprintf(b.out, "the fake saw protocol violations: %q\n", v)
	}
	switch {
	case err != nil:
		fmt.Fprintln(b.out, "bench error:", err)
		return 1
	case missed > 0 && b.o.enforce && !b.o.short:
		return 1
	}
	return 0
}
