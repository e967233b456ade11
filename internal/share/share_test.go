//go:build unix

package share

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/internal/nowstate"
)

// shortDir is a private temp directory with a short path: a socket's path
// must stay under ~100 bytes, which t.TempDir's long names can pass.
func shortDir(t *testing.T) string {
	t.Helper()
	d, err := os.MkdirTemp("", "sp")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(d) })
	return d
}

func TestDirIsPrivateAndOurs(t *testing.T) {
	base := shortDir(t)
	loose := filepath.Join(base, "loose")
	if err := os.Mkdir(loose, 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(loose, 0o755) //nolint:errcheck // against a umask
	link := filepath.Join(base, "link")
	if err := os.Symlink(loose, link); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(base, "fresh", "spotui")
	tests := []struct {
		name string
		dir  string
		uid  int
		want string // "" : accepted
	}{
		{"missing: made 0700", fresh, os.Getuid(), ""},
		{"group and others can enter", loose, os.Getuid(), "is open to others (mode 0755)"},
		{"another user's", fresh, os.Getuid() + 1, "not to you"},
		{"a symlink", link, os.Getuid(), "is not a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := prepareDir(tt.dir, tt.uid)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if fi, _ := os.Stat(tt.dir); fi.Mode().Perm() != 0o700 {
					t.Errorf("mode %v, want 0700", fi.Mode().Perm())
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
	// Listen refuses a loose directory too.
	if _, err := Listen(filepath.Join(loose, "x.sock")); err == nil || !strings.Contains(err.Error(), "chmod 700") {
		t.Errorf("Listen in a loose dir: %v", err)
	}
}

func TestListenMakesAPrivateSocket(t *testing.T) {
	path := filepath.Join(shortDir(t), "spotui", "a.sock")
	ln, err := Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode()&os.ModeSocket == 0 || fi.Mode().Perm() != 0o600 {
		t.Errorf("socket mode %v, want a 0600 socket", fi.Mode())
	}
	if di, _ := os.Stat(filepath.Dir(path)); di.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v, want 0700", di.Mode().Perm())
	}
	ln.Close()
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the socket outlived its listener: %v", err)
	}
}

func TestSecondListenFindsTheLiveServer(t *testing.T) {
	path := filepath.Join(shortDir(t), "spotui", "a.sock")
	ln, err := Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if _, err := Listen(path); !errors.Is(err, ErrRunning) {
		t.Errorf("second Listen: %v, want ErrRunning", err)
	}
}

func TestStaleSocketOfACrashedSpotuiIsTakenOver(t *testing.T) {
	path := filepath.Join(shortDir(t), "spotui", "a.sock")
	ln, err := Listen(path)
	if err != nil {
		t.Fatal(err)
	}
	// A crash: the process ends without removing its socket file.
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	ln.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no stale socket to test with: %v", err)
	}
	ln2, err := Listen(path)
	if err != nil {
		t.Fatalf("stale socket not taken over: %v", err)
	}
	defer ln2.Close()
	hub := NewHub()
	hub.Publish(nowstate.State{LoggedIn: true, Stale: "x"})
	done := make(chan struct{})
	defer close(done)
	go serve(ln2, hub, done)
	s, err := Get(context.Background(), path)
	if err != nil || s.Stale != "x" || s.Seq != 1 {
		t.Errorf("Get after takeover: %+v, %v", s, err)
	}
}

func state(name string, playing bool) nowstate.State {
	return nowstate.State{LoggedIn: true, FetchedAt: time.Unix(1_800_000_000, 0).UTC(),
		Player: &api.PlaybackState{CurrentlyPlaying: api.CurrentlyPlaying{IsPlaying: playing,
			Item: &api.Item{Type: api.TypeTrack, Name: name}}}}
}

func TestFollowGetsEachChangeOnce(t *testing.T) {
	path := filepath.Join(shortDir(t), "spotui", "a.sock")
	hub := NewHub()
	n, err := Start(path, hub)
	if err != nil || n.Following() {
		t.Fatalf("Start: following %v, %v", n != nil && n.Following(), err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go n.Run(ctx, Events{})

	a := state("A", true)
	hub.Publish(a)
	got := make(chan nowstate.State, 10)
	followed := make(chan error, 1)
	fctx, fcancel := context.WithCancel(context.Background())
	go func() { followed <- Follow(fctx, path, func(s nowstate.State) { got <- s }) }()
	want := func(name string, seq uint64) {
		t.Helper()
		select {
		case s := <-got:
			if s.Player.Item.Name != name || s.Seq != seq {
				t.Fatalf("got %q #%d, want %q #%d", s.Player.Item.Name, s.Seq, name, seq)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("no state %q", name)
		}
	}
	want("A", 1)
	hub.Publish(a) // the same: nothing sent
	hub.Publish(state("B", false))
	want("B", 2)
	select {
	case s := <-got:
		t.Errorf("an extra state: %+v", s)
	default:
	}
	fcancel()
	if err := <-followed; !errors.Is(err, context.Canceled) {
		t.Errorf("Follow after cancel: %v", err)
	}
}

func TestFollowerTakesOverWhenTheServerGoes(t *testing.T) {
	path := filepath.Join(shortDir(t), "spotui", "a.sock")
	hub1, hub2 := NewHub(), NewHub()
	hub1.Publish(state("A", true))
	n1, err := Start(path, hub1)
	if err != nil {
		t.Fatal(err)
	}
	ctx1, stop1 := context.WithCancel(context.Background())
	ran1 := make(chan struct{})
	go func() { n1.Run(ctx1, Events{}); close(ran1) }()

	n2, err := Start(path, hub2)
	if err != nil || !n2.Following() {
		t.Fatalf("second Start: following %v, %v", n2 != nil && n2.Following(), err)
	}
	states, led := make(chan nowstate.State, 10), make(chan struct{})
	ctx2, stop2 := context.WithCancel(context.Background())
	defer stop2()
	go n2.Run(ctx2, Events{State: func(s nowstate.State) { states <- s }, Lead: func() { close(led) }})
	select {
	case s := <-states:
		if s.Player.Item.Name != "A" {
			t.Errorf("followed %+v", s)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the follower got no state")
	}

	stop1() // the first spotui quits
	<-ran1
	select {
	case <-led:
	case <-time.After(5 * time.Second):
		t.Fatal("the follower did not take over")
	}
	if n2.Following() {
		t.Error("still following after the takeover")
	}
	hub2.Publish(state("C", true))
	if s, err := Get(context.Background(), path); err != nil || s.Player.Item.Name != "C" {
		t.Errorf("the new server answers %+v, %v", s, err)
	}
}

func TestGetWithoutServer(t *testing.T) {
	path := filepath.Join(shortDir(t), "spotui", "none.sock")
	start := time.Now()
	if _, err := Get(context.Background(), path); err == nil {
		t.Error("Get with nothing listening succeeded")
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Get took %v with nothing to ask", d)
	}
}

func TestSocketPathIsPerAccount(t *testing.T) {
	a := Account{TokenFile: "/home/u/.config/spotui/token.json", ClientID: "c", APIURL: "https://api.spotify.com/v1"}
	b := a
	b.TokenFile = "/tmp/demo/token.json"
	c := a
	c.ClientID = "d"
	pa, pb, pc := SocketPath("/run/user/1/spotui", a), SocketPath("/run/user/1/spotui", b), SocketPath("/run/user/1/spotui", c)
	if pa == pb || pa == pc || pa != SocketPath("/run/user/1/spotui", a) {
		t.Errorf("paths %q %q %q: want one per account, stable", pa, pb, pc)
	}
	if strings.Contains(pa, "token") || len(pa) > 100 {
		t.Errorf("path %q: want a short hash", pa)
	}
	if got := Dir(func(string) string { return "/run/user/1" }); got != "/run/user/1/spotui" {
		t.Errorf("Dir = %q", got)
	}
	if got := Dir(func(string) string { return "" }); !strings.HasPrefix(filepath.Base(got), "spotui-") {
		t.Errorf("Dir without XDG_RUNTIME_DIR = %q", got)
	}
}
