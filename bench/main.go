// Command bench measures spotui against its performance targets: it runs
// the real binary in tmux (120x40, truecolor, --art blocks) against the
// in-process fake Spotify with a cached token and a fake LRCLIB (synced
// lyrics for every track; one window with --lyrics off, one with them), and a minimal Bubble Tea
// program (bench/reference) beside it as the yardstick, then prints a
// table of CPU, memory, terminal output, API requests and latencies, and
// writes bench/results.json.
//
//	go run ./bench                 # 60 s windows, about 8 minutes
//	go run ./bench -short          # 10 s windows, for CI; never fails on targets
//	go run ./bench -enforce        # exit 1 when a target is missed
//	go run ./bench -share          # only the shared-state budget (serve, TUI, followers, a status bar)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"syscall"
	"time"

	"github.com/spotui/spotui/bench/internal/harness"
	"github.com/spotui/spotui/bench/internal/world"
)

// settle is how long after the first screen a window waits to open: the
// cover is fetched and drawn just after the title, and the first frames
// are one-offs, not the steady state being measured.
const settle = 2 * time.Second

// pausedFor is how long playback has been paused before the paused
// requests are counted: the app polls faster in the first minute.
const pausedFor = time.Minute

type options struct {
	duration                       time.Duration
	startups, keys, changes, pause int
	short, enforce, keep, share    bool
	jsonPath                       string
}

func main() {
	var o options
	flag.DurationVar(&o.duration, "duration", time.Minute, "length of each measuring window (-short: 10s unless given)")
	flag.IntVar(&o.startups, "startups", 10, "start-ups to time (-short: 3 unless given)")
	flag.IntVar(&o.keys, "keys", 10, "key presses to time (-short: 5 unless given)")
	flag.BoolVar(&o.short, "short", false, "10 s windows, fewer repetitions, no wait for the first paused minute; never fails on targets")
	flag.BoolVar(&o.enforce, "enforce", false, "exit 1 when a target is missed (ignored with -short)")
	flag.StringVar(&o.jsonPath, "json", "", "results file (default bench/results.json in the module)")
	flag.BoolVar(&o.share, "share", false, "measure only the shared-state budget scenario")
	flag.BoolVar(&o.keep, "keep", false, "keep the work directory (binaries, terminal output, stderr)")
	flag.Parse()
	given := map[string]bool{}
	flag.Visit(func(f *flag.Flag) { given[f.Name] = true })
	o.changes, o.pause = 3, 3
	if o.short {
		o.changes, o.pause = 1, 1
		if !given["keys"] {
			o.keys = 5
		}
		if !given["duration"] {
			o.duration = 10 * time.Second
		}
		if !given["startups"] {
			o.startups = 3
		}
	}
	if o.duration < time.Second || o.startups < 1 || o.keys < 1 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "bench: -duration must be at least 1s, -startups and -keys at least 1, and no arguments")
		os.Exit(2)
	}
	if o.jsonPath == "" {
		root, err := harness.ModuleRoot()
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		o.jsonPath = filepath.Join(root, "bench", "results.json")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	// Output piped into head: stop and clean up rather than die leaving
	// tmux servers behind. SIGPIPE itself says nothing: a fake answering a
	// spotui that has just quit raises it too. Asking for it only keeps the
	// process alive, so that the write to stdout fails and brokenOut sees it.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	ctx, cancel := context.WithCancel(ctx)
	code := run(ctx, o, brokenOut{os.Stdout, cancel})
	cancel()
	stop()
	os.Exit(code)
}

// brokenOut cancels the run when its reader has gone (EPIPE).
type brokenOut struct {
	w      io.Writer
	cancel func()
}

func (b brokenOut) Write(p []byte) (int, error) {
	n, err := b.w.Write(p)
	if errors.Is(err, syscall.EPIPE) {
		b.cancel()
	}
	return n, err
}

// run returns the exit status: 1 on a harness error (or, with -enforce
// and without -short, a missed target), else 0.
func run(ctx context.Context, o options, out io.Writer) int {
	dir, done, err := harness.WorkDir("spotui-bench-", o.keep, out)
	if err != nil {
		fmt.Fprintln(out, "bench:", err)
		return 1
	}
	code := 1
	defer func() { done(code == 0) }()
	b, cleanup, err := setUp(o, dir, out)
	if err != nil {
		fmt.Fprintln(out, "bench:", err)
		return 1
	}
	defer cleanup()
	if o.share {
		code = b.runShare(ctx)
		return code
	}

	tick := time.Second / time.Duration(b.clkTck)
	b.caveat("CPU time is counted in %s ticks: ±%.0f ms/min over a %s window", tick,
		float64(tick)/float64(time.Millisecond)*float64(time.Minute)/float64(o.duration), o.duration)
	res := &results{short: o.short, window: o.duration,
		startupRuns: o.startups, keyRuns: o.keys, changeRuns: o.changes, away: o.pause}
	err = b.measureAll(ctx, res)
	if err != nil {
		res.errors = append(res.errors, err.Error())
	}
	var shared *shareResult
	if ctx.Err() == nil {
		fmt.Fprintf(out, "%s  shared state: serve + TUI + 3 followers + a status bar\n", time.Now().Format("15:04:05"))
		if shared, err = b.shareBudget(ctx); err != nil {
			res.errors = append(res.errors, "shared state: "+err.Error())
		}
	}
	res.violations = append(b.fake.Violations(), b.lrc.Violations()...)
	res.caveats = b.caveats
	rows := res.table()
	fmt.Fprintf(out, "\nspotui vs a minimal Bubble Tea program, %s windows, tmux %dx%d:\n\n", o.duration, termWidth, termHeight)
	rows.print(out)
	if len(res.pausedPolls) > 0 {
		fmt.Fprintf(out, "polls after the pause elsewhere, s:")
		for _, d := range res.pausedPolls {
			fmt.Fprintf(out, " %.1f", d.Seconds())
		}
		fmt.Fprintf(out, " (paused window: %.0f–%.0f)\n", pausedFor.Seconds(), (pausedFor + o.duration).Seconds())
	}
	for _, c := range res.caveats {
		fmt.Fprintln(out, "caveat:", c)
	}
	if len(res.violations) > 0 {
		fmt.Fprintf(out, "the fake saw protocol violations: %q\n", res.violations)
	}
	if err := res.writeJSON(o.jsonPath, rows); err != nil {
		res.errors = append(res.errors, err.Error())
	} else {
		fmt.Fprintln(out, "results written to", o.jsonPath)
	}
	missed := rows.missed() + shared.print(b)
	switch {
	case len(res.errors) > 0:
		for _, e := range res.errors {
			fmt.Fprintln(out, "bench error:", e)
		}
		return code
	case missed > 0 && o.enforce && !o.short:
		fmt.Fprintf(out, "%d targets missed\n", missed)
		return code
	case missed > 0:
		fmt.Fprintf(out, "%d targets missed (not enforced)\n", missed)
	}
	code = 0
	return code
}

// clockRE is the reference program's clock.
var clockRE = regexp.MustCompile(`\d\d:\d\d:\d\d`)

// measureAll runs every phase in turn, filling res. A latency phase that
// fails is recorded and the rest still run; a failure to launch or to
// measure the steady state ends the run.
func (b *bench) measureAll(ctx context.Context, res *results) error {
	say := func(format string, args ...any) {
		fmt.Fprintf(b.out, "%s  "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
	}
	phase := func(name string, f func() error) {
		if err := f(); err != nil && ctx.Err() == nil {
			res.errors = append(res.errors, name+": "+err.Error())
			say("%s failed: %v", name, err)
		}
	}

	say("reference: %s window", b.o.duration)
	ref, err := b.launch(ctx, b.ref)
	if err != nil {
		return err
	}
	if _, err := watch(ctx, ref.ctl, 10*time.Second, clockRE.MatchString); err != nil {
		b.quit(ref)
		return fmt.Errorf("reference: %w", err)
	}
	ru, err := b.measureSettled(ctx, ref, "reference")
	b.quit(ref)
	if err != nil {
		return fmt.Errorf("reference: %w", err)
	}
	res.reference = &ru
	b.checkBusy("reference", ru)

	say("spotui: %d start-ups", b.o.startups)
	phase("start-up", func() (err error) { res.startups, res.floor, err = b.startups(ctx, b.o.startups); return err })
	if ctx.Err() != nil {
		return ctx.Err()
	}

	say("spotui: %s window, playing, lyrics off", b.o.duration)
	b.fake.SetIndex(0) // from the start of a long track: no change in the window
	su, err := b.playing(ctx, "spotui", nil, "--lyrics", "off")
	if err != nil {
		return err
	}
	res.spotui = &su

	say("floor: %s window, no work, woken as often as the lyrics screen changes, polling as spotui does", b.o.duration)
	phase("wake-up floor", func() error {
		fl, err := b.launch(ctx, b.floor, "-lyric-step", fmt.Sprint(world.LyricStep),
			"-poll", b.apiURL+"/me/player", "-token", filepath.Join(b.dir, "config", "spotui", "token.json"))
		if err != nil {
			return err
		}
		defer b.term(fl)
		u, err := b.measureSettled(ctx, fl, "wakefloor")
		res.wakeFloor = &u
		return err
	})

	say("spotui: %s window, playing with synced lyrics on screen", b.o.duration)
	b.fake.SetIndex(0)
	var p *proc
	lu, err := b.playing(ctx, "lyrics", &p)
	if p != nil {
		defer b.quit(p)
	}
	if err != nil {
		return err
	}
	res.lyrics = &lu

	say("spotui: key to screen ×%d", b.o.keys)
	phase("key to screen", func() (err error) { res.keys, err = b.keyLatency(ctx, p, b.o.keys); return err })
	say("spotui: natural track change ×%d", b.o.changes)
	phase("natural track change", func() (err error) { res.changes, err = b.trackChanges(ctx, p, b.o.changes); return err })
	say("spotui: paused elsewhere ×%d", b.o.pause)
	var pausedAt time.Time
	phase("change elsewhere", func() (err error) {
		res.elsewhere, pausedAt, err = b.elsewhere(ctx, p, b.o.pause)
		return err
	})
	if pausedAt.IsZero() || ctx.Err() != nil {
		return ctx.Err()
	}
	if b.o.short {
		say("spotui: poll interval while paused")
		phase("idle polls", func() (err error) { res.idleGaps, err = b.idlePolls(ctx, pausedAt, 1); return err })
		return ctx.Err()
	}
	say("spotui: paused; waiting out the first minute, then a %s window", b.o.duration)
	phase("paused", func() error {
		if err := sleep(ctx, time.Until(pausedAt.Add(pausedFor))); err != nil {
			return err
		}
		u, err := b.measure(ctx, p, b.o.duration, "paused")
		if err != nil {
			return err
		}
		res.paused = &u
		b.checkBusy("paused", u)
		// When each poll came tells a late last fast poll from a
		// too-fast slow one.
		reqs := b.fake.Requests()
		poll := harness.PollPath(reqs)
		for _, r := range requestsBetween(reqs, pausedAt, time.Now()) {
			if r.Method == "GET" && r.Path == poll {
				res.pausedPolls = append(res.pausedPolls, r.Time.Sub(pausedAt))
			}
		}
		return nil
	})
	if _, _, playing := b.fake.Current(); playing {
		return errors.New("playback resumed by itself during the paused window")
	}
	return ctx.Err()
}

// checkBusy notes a window during which the machine was busy with other
// work, which inflates CPU time.
func (b *bench) checkBusy(label string, u usage) {
	if u.Busy > 0.25 {
		b.caveat("the machine was %.0f%% busy (all %d CPUs) during the %s window: other work skews CPU time",
			100*u.Busy, runtime.NumCPU(), label)
	}
}

// playing launches spotui (--art blocks and args) on the first track, waits
// for its title (and with lyrics on, a lyric line), then measures one
// window. With keep nil the program quits after; else *keep gets it.
func (b *bench) playing(ctx context.Context, label string, keep **proc, args ...string) (usage, error) {
	p, err := b.launch(ctx, b.spotui, append([]string{"--art", "blocks"}, args...)...)
	if err != nil {
		return usage{}, err
	}
	if keep != nil {
		*keep = p
	} else {
		defer b.quit(p)
	}
	first, _, _ := b.fake.Current()
	if _, err := watch(ctx, p.ctl, 20*time.Second, title(first.Name)); err != nil {
		return usage{}, fmt.Errorf("spotui never showed %q: %w", first.Name, err)
	}
	if keep != nil {
		if _, err := watch(ctx, p.ctl, 20*time.Second, lyricOnScreen); err != nil {
			return usage{}, fmt.Errorf("spotui never showed the lyrics: %w", err)
		}
	}
	u, err := b.measureSettled(ctx, p, label)
	if err != nil {
		return usage{}, fmt.Errorf("spotui (%s): %w", label, err)
	}
	b.checkBusy(label, u)
	return u, nil
}

// measureSettled waits settle, then measures one window.
func (b *bench) measureSettled(ctx context.Context, p *proc, label string) (usage, error) {
	if err := sleep(ctx, settle); err != nil {
		return usage{}, err
	}
	return b.measure(ctx, p, b.o.duration, label)
}
