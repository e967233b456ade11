package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spotui/spotui/bench/internal/harness"
	"github.com/spotui/spotui/bench/internal/world"
	"github.com/spotui/spotui/internal/fakelrclib"
	"github.com/spotui/spotui/internal/fakespotify"
)

// The terminal every program runs in.
const (
	termWidth  = 120
	termHeight = 40
)

// bench is one harness run: the binaries, the fake, and the environment
// every launch gets.
type bench struct {
	o       options
	out     io.Writer
	dir     string
	spotui  string // binaries
	ref     string
	floor   string // bench/wakefloor
	apiURL  string // the fake's Web API base
	fake    *fakespotify.Server
	lrc     *fakelrclib.Server // lyrics for the playlist (SPOTUI_LYRICS_URL)
	items   []fakespotify.Item
	env     []string
	clkTck  int64 // /proc/PID/stat's unit: ticks per second
	runs    int   // launches so far, for unique tmux sockets
	caveats []string
}

// setUp builds both programs, starts the fake and caches a token, so each
// launch starts logged in. cleanup stops the fake.
func setUp(o options, dir string, out io.Writer) (*bench, func(), error) {
	if _, err := exec.LookPath("tmux"); err != nil {
		return nil, nil, fmt.Errorf("needs tmux (apt-get install tmux): %v", err)
	}
	b := &bench{o: o, out: out, dir: dir, items: world.Playlist(), clkTck: clockTicks()}
	var err error
	if b.spotui, err = harness.BuildSpotui(dir); err != nil {
		return nil, nil, err
	}
	if b.ref, err = harness.Build(dir, "./bench/reference", "reference"); err != nil {
		return nil, nil, err
	}
	if b.floor, err = harness.Build(dir, "./bench/wakefloor", "wakefloor"); err != nil {
		return nil, nil, err
	}
	b.fake = fakespotify.New(fakespotify.Options{RedirectURIs: []string{harness.RedirectURI}, Items: b.items})
	base, err := b.fake.Start()
	if err != nil {
		return nil, nil, err
	}
	b.lrc = fakelrclib.New(world.LyricRecords(), nil)
	lrcBase, err := b.lrc.Start()
	if err != nil {
		_ = b.fake.Close()
		return nil, nil, err
	}
	cleanup := func() { _ = b.fake.Close(); _ = b.lrc.Close() }
	cfg := filepath.Join(dir, "config")
	if err := harness.CacheToken(b.fake, filepath.Join(cfg, "spotui", "token.json")); err != nil {
		cleanup()
		return nil, nil, err
	}
	// A browser only in case the token is refused: a login then still
	// completes, and the run shows it as a slow start rather than a hang.
	browser, err := harness.CurlBrowser(dir)
	if err != nil {
		cleanup()
		return nil, nil, err
	}
	// The sockets' directory: short, private, this run's alone.
	run, err := os.MkdirTemp("", "sb")
	if err != nil {
		cleanup()
		return nil, nil, err
	}
	stopFake := cleanup
	cleanup = func() { stopFake(); os.RemoveAll(run) }
	b.apiURL = base + "/v1"
	b.env = append(harness.SpotifyEnv(base),
		"SPOTUI_LYRICS_URL="+lrcBase,
		"XDG_RUNTIME_DIR="+run,
		"BROWSER="+browser,
		"XDG_CONFIG_HOME="+cfg,
		"XDG_CACHE_HOME="+filepath.Join(dir, "cache"),
		"TERM=xterm-256color",
		"COLORTERM=truecolor",
	)
	return b, cleanup, nil
}

// clockTicks is USER_HZ; 100 on every Linux this runs on, but asked
// rather than assumed.
func clockTicks() int64 {
	out, err := exec.Command("getconf", "CLK_TCK").Output()
	if n, perr := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64); err == nil && perr == nil && n > 0 {
		return n
	}
	return 100
}

func (b *bench) caveat(format string, args ...any) {
	b.caveats = append(b.caveats, fmt.Sprintf(format, args...))
}

// proc is one program running in its own tmux server.
type proc struct {
	name   string // binary name, as /proc/PID/comm shows it
	term   *harness.Term
	ctl    *harness.Control // screen reads and keys while timing
	pid    int
	stderr string
}

// launch starts bin in a fresh tmux server and finds its pid; the pane's
// process is the program itself (exec), so the pid is the pane's.
func (b *bench) launch(ctx context.Context, bin string, args ...string) (*proc, error) {
	b.runs++
	name := filepath.Base(bin)
	p := &proc{name: name, stderr: filepath.Join(b.dir, fmt.Sprintf("stderr-%s-%d", name, b.runs))}
	tm, err := harness.StartTerm(harness.TermOptions{
		Dir: b.dir, Socket: fmt.Sprintf("spotui-bench-%d-%d", os.Getpid(), b.runs),
		Width: termWidth, Height: termHeight, Env: b.env, Command: command(bin, p.stderr, args...),
	})
	if err != nil {
		return nil, err
	}
	p.term = tm
	if p.ctl, err = tm.Control(); err != nil {
		tm.Kill()
		return nil, err
	}
	if p.pid, err = findPID(ctx, tm, name); err != nil {
		b.quit(p)
		return nil, err
	}
	return p, nil
}

func command(bin, stderr string, args ...string) string {
	cmd := "exec " + harness.ShellQuote(bin)
	for _, a := range args {
		cmd += " " + harness.ShellQuote(a)
	}
	return cmd + " 2>" + harness.ShellQuote(stderr)
}

// findPID waits for the pane's shell to exec the program; should the
// program run as the shell's child instead, the child is taken.
func findPID(ctx context.Context, tm *harness.Term, name string) (int, error) {
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		pane, err := tm.PanePID()
		if err != nil {
			return 0, err
		}
		if comm(pane) == name {
			return pane, nil
		}
		kids, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pane, pane))
		for _, f := range strings.Fields(string(kids)) {
			if pid, _ := strconv.Atoi(f); pid > 0 && comm(pid) == name {
				return pid, nil
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	return 0, fmt.Errorf("no %s process in the tmux pane; screen:\n%s", name, tm.Screen())
}

// comm is the process's name, cut to 15 bytes by the kernel.
func comm(pid int) string {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
	return strings.TrimSpace(string(b))
}

// quit stops the program and its tmux server.
func (b *bench) quit(p *proc) {
	b.stop(p)
	p.ctl.Close()
	p.term.Kill()
}

// term ends a program that reads no keys (bench/wakefloor) with its tmux
// server, and notes anything it wrote to stderr.
func (b *bench) term(p *proc) {
	p.ctl.Close()
	p.term.Kill()
	if errOut, _ := os.ReadFile(p.stderr); len(errOut) > 0 {
		b.caveat("%s wrote to stderr: %q", p.name, errOut)
	}
}

// stop asks the program to leave (q), as a user would, and notes anything
// it wrote to stderr.
func (b *bench) stop(p *proc) {
	if err := p.ctl.Keys("q"); err == nil {
		for deadline := time.Now().Add(5 * time.Second); !p.term.Dead() && time.Now().Before(deadline); {
			time.Sleep(20 * time.Millisecond)
		}
	}
	if !p.term.Dead() {
		b.caveat("%s did not quit within 5 s of q", p.name)
	}
	if errOut, _ := os.ReadFile(p.stderr); len(errOut) > 0 {
		b.caveat("%s wrote to stderr: %q", p.name, errOut)
	}
}

// sleep waits d, or less if ctx ends first.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
