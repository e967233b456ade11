// Command soak runs the real spotui binary in tmux against the fake Spotify
// for a long while, injecting a fault every so often (401, 429, 503s, the
// network down, token rotation), and checks that the app rides them all out:
// still running, showing what plays, a valid token.json, no protocol
// violations, no request storm.
//
//	go run ./bench/soak -duration 10m -every 30s
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spotui/spotui/bench/internal/harness"
	"github.com/spotui/spotui/internal/fakespotify"
)

// recoveryGrace is how long after the last injection the soak keeps
// watching for recovery: a network outage can take 10 s plus a 16 s
// backoff step, and a 503 ×3 takes 2+4+8 s after the next poll.
const recoveryGrace = 90 * time.Second

type options struct {
	duration, every, capture time.Duration
	keep                     bool
}

func main() {
	var o options
	flag.DurationVar(&o.duration, "duration", 10*time.Minute, "how long to run")
	flag.DurationVar(&o.every, "every", 30*time.Second, "time between faults")
	flag.DurationVar(&o.capture, "capture", 2*time.Second, "time between screen captures")
	flag.BoolVar(&o.keep, "keep", false, "keep the work directory (binary, captures, token) even on success")
	flag.Parse()
	if o.duration <= 0 || o.every <= 0 || o.capture <= 0 {
		fmt.Fprintln(os.Stderr, "soak: -duration, -every and -capture must be positive")
		os.Exit(2)
	}
	// SIGPIPE too (output piped into head): stop and clean up rather than
	// die leaving tmux and spotui running.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGPIPE)
	defer stop()
	os.Exit(run(ctx, o, os.Stdout))
}

// soak is one run's state.
type soak struct {
	fake      *fakespotify.Server
	proxy     *proxy
	term      *harness.Term
	dir       string
	tokenFile string
	stderr    string
	captures  io.Writer // every screen, timestamped, for a post-mortem

	start  time.Time
	upAt   time.Time // when a "down" ends; zero while up
	wentUp time.Time // when the proxy last came back
	faults []*fault
	screen screenStats
}

// run returns the exit code: 0 when every check passed.
func run(ctx context.Context, o options, out io.Writer) int {
	dir, done, err := harness.WorkDir("spotui-soak-", o.keep, out)
	if err != nil {
		fmt.Fprintln(out, "soak:", err)
		return 1
	}
	code := 1
	defer func() { done(code == 0) }()
	s, cleanup, err := setUp(dir)
	if err != nil {
		fmt.Fprintln(out, "soak:", err)
		return 1
	}
	defer cleanup()
	code = s.run(ctx, o, out)
	return code
}

// setUp builds the app, starts the fake behind the proxy and the app in
// tmux, configured as in the e2e tests.
func setUp(dir string) (*soak, func(), error) {
	var undo []func()
	cleanup := func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
	fail := func(err error) (*soak, func(), error) { cleanup(); return nil, nil, err }

	bin, err := harness.BuildSpotui(dir)
	if err != nil {
		return fail(err)
	}
	fake := fakespotify.New(fakespotify.Options{RedirectURIs: []string{harness.RedirectURI}})
	base, err := fake.Start()
	if err != nil {
		return fail(err)
	}
	undo = append(undo, func() { _ = fake.Close() })
	px, err := newProxy(strings.TrimPrefix(base, "http://"))
	if err != nil {
		return fail(err)
	}
	undo = append(undo, px.Close)
	browser, err := harness.CurlBrowser(dir)
	if err != nil {
		return fail(err)
	}
	capLog, err := os.Create(filepath.Join(dir, "captures.log"))
	if err != nil {
		return fail(err)
	}
	undo = append(undo, func() { _ = capLog.Close() })

	cfg := filepath.Join(dir, "config")
	s := &soak{
		fake: fake, proxy: px, dir: dir, captures: capLog,
		tokenFile: filepath.Join(cfg, "spotui", "token.json"),
		stderr:    filepath.Join(dir, "stderr"),
	}
	env := append(harness.SpotifyEnv(px.URL()),
		"BROWSER="+browser,
		"XDG_CONFIG_HOME="+cfg,
		"TERM=xterm-256color",
	)
	// exec: the pane's process is spotui itself, so its death shows.
	tm, err := harness.StartTerm(harness.TermOptions{
		Dir: dir, Socket: fmt.Sprintf("spotui-soak-%d", os.Getpid()), Width: 120, Height: 40,
		Env: env, Command: "exec " + harness.ShellQuote(bin) + " 2>" + harness.ShellQuote(s.stderr),
	})
	if err != nil {
		return fail(err)
	}
	undo = append(undo, tm.Kill)
	s.term = tm
	return s, cleanup, nil
}

func (s *soak) run(ctx context.Context, o options, out io.Writer) int {
	s.start = time.Now()
	fmt.Fprintf(out, "soak: %s, a fault every %s, screen every %s\n", o.duration, o.every, o.capture)
	if !s.waitLogin(ctx, 30*time.Second) {
		fmt.Fprintf(out, "FAIL login: the playing track never appeared; screen:\n%s\n", s.term.Screen())
		return 1
	}
	fmt.Fprintf(out, "logged in after %s\n", time.Since(s.start).Round(100*time.Millisecond))

	kinds := cycle()
	end := time.Now().Add(o.duration)
	nextFault, nextCapture := time.Now().Add(o.every), time.Now()
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			fmt.Fprintln(out, "soak: interrupted")
			return 1
		case now := <-tick.C:
			if !s.upAt.IsZero() && !now.Before(s.upAt) {
				if err := s.proxy.Up(); err != nil {
					fmt.Fprintln(out, "soak:", err)
					return 1
				}
				s.upAt, s.wentUp = time.Time{}, time.Now()
			}
			if now.Before(end) && !now.Before(nextFault) {
				s.inject(kinds[len(s.faults)%len(kinds)], now, out)
				nextFault = nextFault.Add(o.every)
			}
			var healthy *bool
			if !now.Before(nextCapture) {
				h := s.capture(now)
				healthy = &h
				nextCapture = nextCapture.Add(o.capture)
			}
			s.track(now, healthy)
			if !now.Before(end) && (s.allRecovered() || now.After(end.Add(recoveryGrace))) {
				return s.report(out)
			}
		}
	}
}

func (s *soak) inject(k *kind, now time.Time, out io.Writer) {
	reqs := s.fake.Requests()
	f := &fault{kind: k, injectedAt: now, logIndex: len(reqs), poll: harness.PollPath(reqs)}
	f.tokenBefore, _ = refreshFingerprint(s.tokenFile)
	k.inject(s, f)
	s.faults = append(s.faults, f)
	fmt.Fprintf(out, "%s  inject %s\n", s.clock(now), k.name)
}

// waitLogin waits for the first track: the browser script logs in by itself.
func (s *soak) waitLogin(ctx context.Context, limit time.Duration) bool {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		if s.showsCurrent(s.term.Screen()) {
			return true
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}

func (s *soak) allRecovered() bool {
	for _, f := range s.faults {
		if f.recoveredAt.IsZero() {
			return false
		}
	}
	return true
}

// clock is the time since the start as m:ss.
func (s *soak) clock(t time.Time) string {
	d := t.Sub(s.start).Round(time.Second)
	return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
}
