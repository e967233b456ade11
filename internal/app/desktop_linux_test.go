//go:build linux

package app

import (
	"context"
	"math"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/spotui/spotui/auth"
	"github.com/spotui/spotui/config"
	"github.com/spotui/spotui/internal/dbustest"
	"github.com/spotui/spotui/internal/debuglog"
	"github.com/spotui/spotui/internal/fakespotify"
	"golang.org/x/oauth2"
)

// served is spotui serve, run by Headless against a fake Spotify with a
// saved login, on a private session bus.
type served struct {
	t    *testing.T
	fake *fakespotify.Server
	bus  string
}

// serveOnBus starts Headless; edit adjusts the config (mpris, notify).
// before runs once the bus is up and before spotui starts.
func serveOnBus(t *testing.T, edit func(*config.Config), before func(s *served)) *served {
	t.Helper()
	s := &served{t: t, bus: dbustest.Start(t)}
	s.fake = fakespotify.New(fakespotify.Options{RedirectURIs: []string{"http://127.0.0.1/callback"}})
	api := httptest.NewServer(s.fake)
	t.Cleanup(api.Close)
	t.Cleanup(func() {
		if v := s.fake.Violations(); len(v) > 0 {
			t.Errorf("the fake saw rule violations: %q", v)
		}
	})

	// The login serve needs: a token the fake issued, where spotui keeps it.
	tokenFile := filepath.Join(t.TempDir(), "spotui", "token.json")
	access, refresh := s.fake.IssueTokens(strings.Fields(auth.Scope)...)
	tok := &oauth2.Token{AccessToken: access, RefreshToken: refresh, TokenType: "Bearer", Expiry: time.Now().Add(time.Hour)}
	if err := auth.NewStore(tokenFile).Save(tok); err != nil {
		t.Fatal(err)
	}
	run, err := os.MkdirTemp("", "sp") // short: a socket path has ~100 bytes
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(run) })
	env := map[string]string{
		config.EnvClientID:         fakespotify.DemoClientID,
		config.EnvRedirectURI:      "http://127.0.0.1/callback",
		config.EnvAccountsURL:      api.URL,
		config.EnvAPIURL:           api.URL + "/v1",
		config.EnvLyrics:           "off",
		"XDG_RUNTIME_DIR":          run,
		"DBUS_SESSION_BUS_ADDRESS": s.bus,
	}
	getenv := func(k string) string { return env[k] }
	cfg, err := config.Base("", getenv)
	if err != nil {
		t.Fatal(err)
	}
	edit(&cfg)
	if before != nil {
		before(s)
	}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Headless(ctx, cfg, HeadlessOptions{TokenFile: tokenFile, Getenv: getenv, Log: debuglog.Discard()})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Headless: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("Headless did not stop")
		}
	})
	return s
}

// playerctl runs playerctl -p spotui on the private bus.
func (s *served) playerctl(args ...string) string {
	s.t.Helper()
	bin := dbustest.Need(s.t, "playerctl", "playerctl")
	cmd := exec.Command(bin, append([]string{"-p", "spotui"}, args...)...)
	cmd.Env = []string{"DBUS_SESSION_BUS_ADDRESS=" + s.bus, "HOME=" + s.t.TempDir()}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "error: " + strings.TrimSpace(string(out))
	}
	return strings.TrimSpace(string(out))
}

func (s *served) waitPlayerctl(want string, args ...string) {
	s.t.Helper()
	var got string
	dbustest.WaitFor(s.t, "playerctl "+strings.Join(args, " ")+" = "+want, func() bool {
		got = s.playerctl(args...)
		return got == want
	})
}

func (s *served) position() float64 {
	s.t.Helper()
	p, err := strconv.ParseFloat(s.playerctl("position"), 64)
	if err != nil {
		s.t.Fatalf("playerctl position: %v", err)
	}
	return p
}

func TestPlayerctlDrivesServeThroughTheKeysPath(t *testing.T) {
	dbustest.Need(t, "playerctl", "playerctl")
	s := serveOnBus(t, func(c *config.Config) { c.NoMPRIS = false }, nil)
	first, _, _ := s.fake.Current()
	s.waitPlayerctl(first.Name, "metadata", "xesam:title")
	if got := s.playerctl("status"); got != "Playing" {
		t.Errorf("playerctl status = %q, want Playing", got)
	}
	if got := s.playerctl("metadata", "xesam:artist"); got != strings.Join(first.Artists, ", ") {
		t.Errorf("playerctl metadata xesam:artist = %q, want %q", got, strings.Join(first.Artists, ", "))
	}
	// The position follows the clock between polls.
	p0 := s.position()
	dbustest.WaitFor(t, "the position to move", func() bool { return s.position() > p0+0.3 })

	// next goes to Spotify as the n key would, and the read-back shows the
	// new item on the bus.
	if out := s.playerctl("next"); strings.HasPrefix(out, "error") {
		t.Fatalf("playerctl next: %s", out)
	}
	dbustest.WaitFor(t, "POST /v1/me/player/next", func() bool { return s.fake.RequestCount("POST", "/v1/me/player/next") == 1 })
	second, _, _ := s.fake.Current()
	if second.Name == first.Name {
		t.Fatalf("the fake still plays %q after next", first.Name)
	}
	s.waitPlayerctl(second.Name, "metadata", "xesam:title")
	if p := s.position(); math.IsNaN(p) || p > 5 {
		t.Errorf("position %v s right after next, want near 0", p)
	}
	if n := s.fake.RequestCount("POST", "/v1/me/player/next"); n != 1 {
		t.Errorf("%d next requests for one playerctl next", n)
	}
}

// notification is one Notify call the recording server received.
type notification struct {
	summary, body string
	replaces      uint32
	hints         map[string]dbus.Variant
}

// notifications is a minimal org.freedesktop.Notifications that records.
type notifications struct {
	calls chan notification
	next  uint32
}

func (n *notifications) Notify(app string, replaces uint32, icon, summary, body string, actions []string,
	hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	n.next++
	n.calls <- notification{summary, body, replaces, hints}
	return 40 + n.next, nil
}

func recordNotifications(t *testing.T, bus string) *notifications {
	t.Helper()
	conn, err := dbus.Connect(bus)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	n := &notifications{calls: make(chan notification, 16)}
	const name = "org.freedesktop.Notifications"
	if err := conn.Export(n, "/org/freedesktop/Notifications", name); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName(name, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("RequestName = %v, %v", reply, err)
	}
	return n
}

func TestServeNotifiesATrackChange(t *testing.T) {
	var rec *notifications
	s := serveOnBus(t, func(c *config.Config) { c.NoMPRIS, c.Notify = true, true }, func(s *served) {
		rec = recordNotifications(t, s.bus)
		// Two seconds before the end: serve polls as the track should end,
		// and sees the next one.
		s.fake.Seek(59_000)
	})
	first, _, _ := s.fake.Current()
	var got notification
	select {
	case got = <-rec.calls:
	case <-time.After(15 * time.Second):
		t.Fatal("no notification within 15 s of a track change")
	}
	second, _, _ := s.fake.Current()
	if got.summary == first.Name {
		t.Errorf("a notification for %q, which was playing at start", first.Name)
	}
	if got.summary != second.Name || !strings.Contains(got.body, second.Artists[0]) {
		t.Errorf("notification %q / %q, want %q by %s", got.summary, got.body, second.Name, second.Artists[0])
	}
	select {
	case extra := <-rec.calls:
		t.Errorf("a second notification %q for one change", extra.summary)
	case <-time.After(300 * time.Millisecond):
	}
}
