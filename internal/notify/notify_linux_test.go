//go:build linux

package notify

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/internal/dbustest"
	"github.com/spotui/spotui/internal/nowstate"
)

// call is one Notify a notification server received.
type call struct {
	app, icon, summary, body string
	replaces                 uint32
	actions                  []string
	hints                    map[string]dbus.Variant
	timeout                  int32
}

// server is a minimal org.freedesktop.Notifications that records calls
// and hands out ids from 41 up.
type server struct {
	calls chan call
	next  uint32
}

func (s *server) Notify(app string, replaces uint32, icon, summary, body string, actions []string,
	hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	s.next++
	s.calls <- call{app, icon, summary, body, replaces, actions, hints, timeout}
	return 40 + s.next, nil
}

// serve runs the recording server on the bus at addr.
func serve(t *testing.T, addr string) *server {
	t.Helper()
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	s := &server{calls: make(chan call, 8)}
	if err := conn.Export(s, objectPath, service); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName(service, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("RequestName = %v, %v", reply, err)
	}
	return s
}

func (s *server) want(t *testing.T) call {
	t.Helper()
	select {
	case c := <-s.calls:
		return c
	case <-time.After(5 * time.Second):
		t.Fatal("no Notify call within 5s")
	}
	return call{}
}

func (s *server) none(t *testing.T) {
	t.Helper()
	select {
	case c := <-s.calls:
		t.Errorf("unexpected Notify %+v", c)
	default:
	}
}

func track(id, name, cover string, playing bool, artists ...string) nowstate.State {
	it := &api.Item{Type: api.TypeTrack, ID: id, URI: "spotify:track:" + id, Name: name, DurationMS: 200_000}
	for _, a := range artists {
		it.Artists = append(it.Artists, api.Artist{Name: a})
	}
	return nowstate.State{LoggedIn: true, CoverPath: cover, FetchedAt: time.Unix(1_800_000_000, 0),
		Player: &api.PlaybackState{CurrentlyPlaying: api.CurrentlyPlaying{IsPlaying: playing, Item: it}}}
}

func startNotifier(t *testing.T, addr string, logs chan string) *Notifier {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	logf := func(f string, a ...any) { t.Logf(f, a...) }
	if logs != nil {
		logf = func(f string, a ...any) { logs <- f }
	}
	n, err := Start(ctx, Options{Address: addr, Logf: logf})
	if err != nil || n == nil {
		t.Fatalf("Start = %v, %v; want a notifier", n, err)
	}
	t.Cleanup(func() { n.Close() })
	return n
}

func TestTrackChangesReplaceOneNotification(t *testing.T) {
	addr := dbustest.Start(t)
	srv := serve(t, addr)
	n := startNotifier(t, addr, nil)

	n.Update(track("a", "At Start", "", true, "X"))  // what plays at start is no change
	n.Update(track("a", "At Start", "", false, "X")) // nor is a pause
	n.Update(track("b", "Mrs. Robinson", "", true, "Simon & Garfunkel", "<Live>"))
	first := srv.want(t)
	if first.app != "spotui" || first.summary != "Mrs. Robinson" || first.body != "Simon &amp; Garfunkel, &lt;Live&gt;" ||
		first.replaces != 0 || first.timeout != -1 || len(first.actions) != 0 || first.icon != "" {
		t.Errorf("first Notify = %+v", first)
	}
	if _, ok := first.hints["image-path"]; ok {
		t.Errorf("image-path %v before the cover is cached", first.hints["image-path"])
	}

	// The cover arrives: the same notification gains it.
	n.Update(track("b", "Mrs. Robinson", "/home/u/.cache/spotui/art/b.jpg", true, "Simon & Garfunkel"))
	withCover := srv.want(t)
	if withCover.replaces != 41 || withCover.hints["image-path"].Value() != "file:///home/u/.cache/spotui/art/b.jpg" {
		t.Errorf("cover Notify = %+v, want replaces 41 and the cover", withCover)
	}

	n.Update(track("c", "Scarborough Fair", "/c.jpg", true, "Simon & Garfunkel"))
	second := srv.want(t)
	if second.summary != "Scarborough Fair" || second.replaces != 42 || second.hints["image-path"].Value() != "file:///c.jpg" {
		t.Errorf("next track's Notify = %+v, want it to replace 42", second)
	}
	n.Update(track("c", "Scarborough Fair", "/c.jpg", false, "Simon & Garfunkel"))
	n.Update(nowstate.State{LoggedIn: true, FetchedAt: time.Unix(1_800_000_000, 0)}) // nothing playing: nothing to say
	n.Update(track("d", "The Boxer", "", true, "Simon & Garfunkel"))
	if c := srv.want(t); c.summary != "The Boxer" || c.replaces != 43 {
		t.Errorf("after a stop, Notify = %+v, want The Boxer replacing 43", c)
	}
	srv.none(t)
}

func TestNoNotificationServerIsNotAnError(t *testing.T) {
	addr := dbustest.Start(t)
	logs := make(chan string, 8)
	n := startNotifier(t, addr, logs)
	n.Update(track("a", "One", "", true))
	n.Update(track("b", "Two", "", true))
	select {
	case l := <-logs:
		if !strings.HasPrefix(l, "notify:") {
			t.Errorf("log %q", l)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the failed Notify was not logged")
	}
	// A notification daemon that starts later gets the next track.
	srv := serve(t, addr)
	n.Update(track("c", "Three", "", true))
	if c := srv.want(t); c.summary != "Three" || c.replaces != 0 {
		t.Errorf("Notify = %+v, want Three replacing nothing", c)
	}
}

func TestNoSessionBusIsSilentlyAbsent(t *testing.T) {
	for _, getenv := range []func(string) string{
		func(string) string { return "" },
		func(k string) string {
			return map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=" + t.TempDir() + "/none"}[k]
		},
	} {
		n, err := Start(context.Background(), Options{Getenv: getenv})
		if n != nil || err != nil {
			t.Fatalf("Start = %v, %v; want nil, nil", n, err)
		}
		n.Update(track("a", "One", "", true))
		n.Close()
	}
}

// What plays at start is no change, even when the first states published
// come before anything was heard from Spotify (FetchedAt zero).
func TestStartIsNoChangeEvenBeforeTheFirstPoll(t *testing.T) {
	var s shown
	if s.next(nowstate.State{}) || s.next(nowstate.State{LoggedIn: true}) || s.next(track("a", "Scarborough Fair", "", true)) {
		t.Fatal("the item playing at start was notified")
	}
	if !s.next(track("b", "The Boxer", "", true)) {
		t.Error("a real change after start was not notified")
	}
}
