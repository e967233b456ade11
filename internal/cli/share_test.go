//go:build unix

package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/config"
	"github.com/spotui/spotui/internal/nowstate"
	"github.com/spotui/spotui/internal/share"
)

// lockedBuffer is an output a test reads while a command still writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// running is a long-running command (serve, now --follow) of a test.
type running struct {
	stop   context.CancelFunc
	done   chan int
	stdout *lockedBuffer
	stderr *lockedBuffer
}

func (w *world) start(args ...string) *running {
	w.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{stop: cancel, done: make(chan int, 1), stdout: &lockedBuffer{}, stderr: &lockedBuffer{}}
	env := w.env
	env.Context = ctx
	go func() { r.done <- Run(args, env, strings.NewReader(""), r.stdout, r.stderr) }()
	w.t.Cleanup(func() { r.end(w.t) })
	return r
}

// end stops the command as SIGTERM would and returns its exit code.
func (r *running) end(t *testing.T) int {
	t.Helper()
	r.stop()
	select {
	case code, ok := <-r.done:
		if ok {
			close(r.done)
		}
		return code
	case <-time.After(10 * time.Second):
		t.Fatal("the command did not stop")
	}
	return -1
}

func (w *world) socket() string {
	cfg, err := config.Base(w.env.ConfigFile, w.env.Getenv)
	if err != nil {
		w.t.Fatal(err)
	}
	return share.SocketPath(share.Dir(w.env.Getenv), share.Account{TokenFile: w.env.TokenFile, ClientID: cfg.ClientID, APIURL: cfg.APIURL})
}

// eventually waits (up to 10 s) for cond, checking every few ms.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// served waits for a state with an answer on the socket.
func (w *world) served() nowstate.State {
	w.t.Helper()
	var s nowstate.State
	eventually(w.t, "a served state", func() bool {
		var err error
		s, err = share.Get(context.Background(), w.socket())
		return err == nil && !s.FetchedAt.IsZero()
	})
	return s
}

func TestNowAsksTheRunningSpotuiAndSpotifyNothing(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	srv := w.start("serve")
	w.served()
	before := len(w.fake.Requests())
	for _, args := range [][]string{{"now"}, {"now", "--json"}, {"now", "--waybar"}} {
		start := time.Now()
		code, out, errOut := w.run(args...)
		took := time.Since(start)
		if code != ExitOK || errOut != "" {
			t.Fatalf("%v: exit %d, stderr %q", args, code, errOut)
		}
		if !strings.Contains(out, "Paper Lanterns") {
			t.Errorf("%v printed %q", args, out)
		}
		t.Logf("%v took %v", args, took)
	}
	if n := len(w.fake.Requests()) - before; n != 0 {
		t.Errorf("now sent %d requests to Spotify with a spotui serving", n)
	}
	if code := srv.end(t); code != ExitOK {
		t.Errorf("serve exit %d, stderr %q", code, srv.stderr.String())
	}
	if _, err := os.Stat(w.socket()); !os.IsNotExist(err) {
		t.Errorf("the socket outlived serve: %v", err)
	}
	// Nobody serves: now asks Spotify.
	if code, out, _ := w.run("now"); code != ExitOK || out != "The Velvet Orchards – Paper Lanterns\n" {
		t.Errorf("without a server: exit %d, %q", code, out)
	}
	if n := len(w.fake.Requests()) - before; n == 0 {
		t.Error("without a server, now asked nobody")
	}
}

func TestSecondSpotuiFollowsAndTakesOver(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	first := w.start("serve")
	w.served()
	polls := w.fake.RequestCount("GET", "/v1/me/player")
	if polls != 1 {
		t.Fatalf("%d polls from the first serve, want 1", polls)
	}
	second := w.start("serve")
	follow := w.start("now", "--follow")
	eventually(t, "the follower's first line", func() bool { return strings.Contains(follow.stdout.String(), "Paper Lanterns") })
	// Both have started: a poller polls at once, so any poll would show by now.
	if n := w.fake.RequestCount("GET", "/v1/me/player"); n != polls {
		t.Errorf("%d polls with three spotuis, want %d: only one may poll", n, polls)
	}
	if s := second.stderr.String(); s != "" {
		t.Errorf("second serve said %q", s)
	}

	first.end(t)
	// One of the others takes over and polls at once; the socket answers again.
	eventually(t, "a poll from the new server", func() bool { return w.fake.RequestCount("GET", "/v1/me/player") > polls })
	w.served()
	// The follow feed saw no change: the same item, still playing.
	if lines := strings.Count(follow.stdout.String(), "\n"); lines != 1 {
		t.Errorf("now --follow printed %d lines across the takeover, want 1:\n%s", lines, follow.stdout.String())
	}
}

func TestFollowPrintsALinePerChange(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	// This test plays the serving spotui, so it decides every state.
	hub := share.NewHub()
	node, err := share.Start(w.socket(), hub)
	if err != nil || node.Following() {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go node.Run(ctx, share.Events{})

	state := func(name string, playing bool, ms int, at time.Time) nowstate.State {
		return nowstate.State{LoggedIn: true, FetchedAt: at, Player: &api.PlaybackState{CurrentlyPlaying: api.CurrentlyPlaying{
			IsPlaying: playing, ProgressMS: ms, Item: &api.Item{Type: api.TypeTrack, ID: name, Name: name, DurationMS: 300_000}}}}
	}
	t0 := time.Now()
	hub.Publish(state("One", true, 1_000, t0))
	f := w.start("now", "--follow", "--format", "{{.Title}} {{.IsPlaying}}")
	lines := func(n int) {
		t.Helper()
		eventually(t, "line "+string(rune('0'+n)), func() bool { return strings.Count(f.stdout.String(), "\n") >= n })
	}
	lines(1)
	hub.Publish(state("One", true, 1_000+int(time.Since(t0).Milliseconds()), time.Now())) // a poll, no change
	hub.Publish(state("One", false, 2_000, time.Now()))                                   // pause
	lines(2)
	hub.Publish(state("Two", true, 0, time.Now())) // the next item
	lines(3)
	want := "One true\nOne false\nTwo true\n"
	if got := f.stdout.String(); got != want {
		t.Errorf("now --follow printed\n%q\nwant\n%q", got, want)
	}
	if n := len(w.fake.Requests()); n != 0 {
		t.Errorf("now --follow sent Spotify %d requests while following", n)
	}
	if code := f.end(t); code != ExitOK {
		t.Errorf("exit %d, stderr %q", code, f.stderr.String())
	}
}

func TestServeWithoutLoginExits2(t *testing.T) {
	w := newWorld(t)
	code, _, errOut := w.run("serve")
	if code != ExitUsage || !strings.Contains(errOut, "not logged in") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Dir(w.socket())); err == nil {
		if entries, _ := os.ReadDir(filepath.Dir(w.socket())); len(entries) > 0 {
			t.Errorf("serve without a login left %d files in the socket dir", len(entries))
		}
	}
}
