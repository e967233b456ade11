//go:build linux

package mpris

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/internal/dbustest"
	"github.com/spotui/spotui/internal/fakespotify"
	"github.com/spotui/spotui/internal/nowstate"
	"golang.org/x/oauth2"
)

// TestPlayerctlNextReachesSpotify wires MPRIS to a tiny stand-in for the
// UI: each Command becomes the api call the key would make, then the state
// is read back and published, as the UI does.
func TestPlayerctlNextReachesSpotify(t *testing.T) {
	fake := fakespotify.New(fakespotify.Options{})
	ts := httptest.NewServer(fake)
	t.Cleanup(ts.Close)
	access, _ := fake.IssueTokens(fakespotify.SpotuiScopes()...)
	c := api.New(ts.URL+"/v1", &http.Client{Transport: &oauth2.Transport{
		Source: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: access, TokenType: "Bearer"})}})
	var h *harness
	publish := func() {
		ps, err := c.PlaybackState(context.Background())
		if err != nil {
			t.Errorf("PlaybackState: %v", err)
			return
		}
		h.srv.Update(nowstate.State{LoggedIn: true, Player: ps, FetchedAt: h.clock.Now()})
	}
	sent := make(chan nowstate.Command, 4)
	h = start(t, func(cmd nowstate.Command) { sent <- cmd })
	publish()
	first, _, _ := fake.Current()
	h.waitPlayerctl(first.Name, "metadata", "xesam:title")

	if out := h.playerctl("next"); out != "" {
		t.Fatalf("playerctl next: %s", out)
	}
	cmd := <-sent
	if cmd.Action != nowstate.ActNext {
		t.Fatalf("sent %+v, want next", cmd)
	}
	if err := c.Next(context.Background()); err != nil {
		t.Fatal(err)
	}
	publish()
	second, _, _ := fake.Current()
	if second.Name == first.Name {
		t.Fatalf("the fake didn't skip: still %q", second.Name)
	}
	h.waitPlayerctl(second.Name, "metadata", "xesam:title")
	if n := fake.RequestCount("POST", "/v1/me/player/next"); n != 1 {
		t.Errorf("the fake got %d POST /v1/me/player/next, want 1", n)
	}
	if v := fake.Violations(); len(v) > 0 {
		t.Errorf("violations: %q", v)
	}
}

// lines collects a child's output lines.
type lines struct {
	mu  sync.Mutex
	all []string
}

func (l *lines) has(subs ...string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	text := strings.Join(l.all, "\n")
	for _, s := range subs {
		if !strings.Contains(text, s) {
			return false
		}
	}
	return true
}

func TestDbusMonitorSeesPropertiesChangedOnATrackChange(t *testing.T) {
	h := start(t, nil)
	mon := dbustest.Need(t, "dbus-monitor", "dbus")
	cmd := exec.Command(mon, "--address", h.addr,
		"type='signal',interface='org.freedesktop.DBus.Properties',member='PropertiesChanged',path='/org/mpris/MediaPlayer2'")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	var got lines
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			got.mu.Lock()
			got.all = append(got.all, sc.Text())
			got.mu.Unlock()
		}
	}()
	// dbus-monitor announces itself (NameLost of its own name) once it monitors.
	dbustest.WaitFor(t, "dbus-monitor to start", func() bool { return got.has("NameLost") })

	h.srv.Update(playing())
	dbustest.WaitFor(t, "PropertiesChanged with the first track", func() bool {
		return got.has("org.mpris.MediaPlayer2.Player", `"Metadata"`, `"Paper Lanterns"`)
	})
	next := playing()
	next.Player.Item = &api.Item{Type: api.TypeTrack, ID: "7ouMYWpwJ422jRcDASZB7P", Name: "Night Bus to Nowhere", DurationMS: 200_000}
	h.srv.Update(next)
	dbustest.WaitFor(t, "PropertiesChanged with the second track", func() bool {
		return got.has(`"Night Bus to Nowhere"`, "/org/mpris/MediaPlayer2/spotui/track/7ouMYWpwJ422jRcDASZB7P")
	})
}

func TestSeekedOnAJumpNotOnDrift(t *testing.T) {
	h := start(t, nil)
	conn, err := dbus.Connect(h.addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if err := conn.AddMatchSignal(dbus.WithMatchInterface(playerIface), dbus.WithMatchMember("Seeked")); err != nil {
		t.Fatal(err)
	}
	seeked := make(chan *dbus.Signal, 8)
	conn.Signal(seeked)
	expect := func(desc string, want int64) {
		t.Helper()
		select {
		case sig := <-seeked:
			if len(sig.Body) != 1 || sig.Body[0] != want {
				t.Errorf("%s: Seeked %v, want [%d]", desc, sig.Body, want)
			}
		case <-time.After(5 * time.Second):
			t.Errorf("%s: no Seeked, want %d", desc, want)
		}
	}
	// Each Update is followed by a volume change, whose PropertiesChanged
	// (sent after any Seeked) marks that the update was applied.
	vol := 0
	update := func(st nowstate.State) {
		t.Helper()
		vol++
		v := vol
		st.Player.Device.VolumePercent = &v
		h.srv.Update(st)
		h.waitPlayerctl(fmt.Sprintf("%f", float64(v)/100), "volume")
	}
	st := playing()
	update(st)
	h.clock.Advance(5 * time.Second)
	drift := playing()
	drift.FetchedAt, drift.Player.ProgressMS = h.clock.Now(), 15_400 // a poll re-anchors 0.4 s off
	update(drift)
	jump := playing()
	jump.FetchedAt, jump.Player.ProgressMS = h.clock.Now(), 40_000 // seeked on another device
	update(jump)
	expect("a jump of 25 s", 40_000_000)

	// A seek sent from here lands even when it is small.
	h.playerctl("position", "1+")
	<-h.sent
	small := playing()
	small.FetchedAt, small.Player.ProgressMS = h.clock.Now(), 41_000
	update(small)
	expect("a 1 s seek from here", 41_000_000)
	select {
	case sig := <-seeked:
		t.Errorf("unexpected Seeked %v (drift must not count)", sig.Body)
	default:
	}
}
