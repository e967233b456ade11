//go:build linux

package mpris

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/internal/dbustest"
	"github.com/spotui/spotui/internal/nowstate"
)

func TestPlayerValuesFromTheState(t *testing.T) {
	disallow := func(names ...string) nowstate.State {
		st := playing()
		st.Player.Actions.Disallows = map[string]bool{}
		for _, n := range names {
			st.Player.Actions.Disallows[n] = true
		}
		return st
	}
	paused := disallow("pausing")
	paused.Player.IsPlaying = false
	ad := playing()
	ad.Player.Item, ad.Player.CurrentlyPlayingType = nil, api.TypeAd
	episode := playing()
	episode.CoverPath = ""
	episode.Player.Item = &api.Item{Type: api.TypeEpisode, ID: "ep1", Name: "Episode 42", DurationMS: 5_400_000,
		Show: &api.Show{Name: "The Long Show", Publisher: "Long Media"}, Images: []api.Image{{URL: "https://i.scdn.co/image/ep"}}}
	local := playing()
	local.Player.Item = &api.Item{Type: api.TypeTrack, Name: "Demo", URI: "spotify:local:a:b:Demo:60", IsLocal: true}
	loggedOut := playing()
	loggedOut.LoggedIn = false
	tests := []struct {
		name string
		st   nowstate.State
		want map[string]any // only these keys are checked
	}{
		{"playing, everything allowed", playing(), map[string]any{"PlaybackStatus": "Playing",
			"CanGoNext": true, "CanGoPrevious": true, "CanPlay": true, "CanPause": true, "CanSeek": true,
			"LoopStatus": "Playlist", "Shuffle": true, "Volume": 0.4}},
		{"an ad: no skipping or seeking", disallow("skipping_next", "skipping_prev", "seeking"), map[string]any{
			"CanGoNext": false, "CanGoPrevious": false, "CanSeek": false, "CanPause": true}},
		// Spotify disallows resuming while playing and pausing while
		// paused; MPRIS wants CanPlay/CanPause steady across the two.
		{"playing, resuming disallowed", disallow("resuming"), map[string]any{"CanPlay": true, "CanPause": true}},
		{"paused, pausing disallowed", paused, map[string]any{"PlaybackStatus": "Paused", "CanPlay": true, "CanPause": true}},
		{"paused, resuming disallowed too", func() nowstate.State {
			st := disallow("resuming", "pausing")
			st.Player.IsPlaying = false
			return st
		}(), map[string]any{"CanPlay": false}},
		{"nothing playing", nowstate.State{LoggedIn: true}, map[string]any{"PlaybackStatus": "Stopped",
			"CanGoNext": false, "CanPlay": false, "CanPause": false, "CanSeek": false, "Volume": 0.0,
			"Metadata": map[string]dbus.Variant{"mpris:trackid": dbus.MakeVariant(noTrack)}}},
		{"logged out", loggedOut, map[string]any{"PlaybackStatus": "Stopped", "CanPlay": false,
			"Metadata": map[string]dbus.Variant{"mpris:trackid": dbus.MakeVariant(noTrack)}}},
		{"an ad's metadata", ad, map[string]any{"Metadata": map[string]dbus.Variant{
			"mpris:trackid": dbus.MakeVariant(noTrack), "xesam:title": dbus.MakeVariant("Advertisement")}}},
		{"an episode", episode, map[string]any{"Metadata": map[string]dbus.Variant{
			"mpris:trackid": dbus.MakeVariant(dbus.ObjectPath("/org/mpris/MediaPlayer2/spotui/episode/ep1")),
			"xesam:title":   dbus.MakeVariant("Episode 42"), "xesam:artist": dbus.MakeVariant([]string{"Long Media"}),
			"xesam:album": dbus.MakeVariant("The Long Show"), "mpris:length": dbus.MakeVariant(int64(5_400_000_000)),
			"mpris:artUrl": dbus.MakeVariant("https://i.scdn.co/image/ep"),
			"xesam:url":    dbus.MakeVariant("https://open.spotify.com/episode/ep1")}}},
		{"a local file: its URI, made a valid path", local, map[string]any{"Metadata": map[string]dbus.Variant{
			"mpris:trackid": dbus.MakeVariant(dbus.ObjectPath("/org/mpris/MediaPlayer2/spotui/uri/spotify_local_a_b_Demo_60")),
			"xesam:title":   dbus.MakeVariant("Demo"), "mpris:artUrl": dbus.MakeVariant("file:///tmp/spotui%20art/ab.jpg")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := playerValues(tt.st)
			for k, want := range tt.want {
				if !reflect.DeepEqual(got[k], want) {
					t.Errorf("%s = %#v, want %#v", k, got[k], want)
				}
			}
			if id, _ := got["Metadata"].(map[string]dbus.Variant)["mpris:trackid"].Value().(dbus.ObjectPath); !id.IsValid() {
				t.Errorf("mpris:trackid %q is not a valid object path", id)
			}
		})
	}
}

func TestNoSessionBusIsSilentlyAbsent(t *testing.T) {
	noBus := filepath.Join(t.TempDir(), "bus")
	if err := os.WriteFile(noBus, nil, 0o600); err != nil { // a file, not a socket
		t.Fatal(err)
	}
	tests := []struct {
		name string
		opts Options
	}{
		{"DBUS_SESSION_BUS_ADDRESS unset", Options{Getenv: env(map[string]string{"XDG_RUNTIME_DIR": filepath.Dir(noBus)})}},
		{"no environment at all", Options{Getenv: env(nil)}},
		{"an address where nothing listens", Options{Address: "unix:path=" + filepath.Join(t.TempDir(), "gone")}},
		{"a garbled address", Options{Getenv: env(map[string]string{"DBUS_SESSION_BUS_ADDRESS": "nonsense"})}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			srv, err := Start(context.Background(), tt.opts)
			if srv != nil || err != nil {
				t.Fatalf("Start = %v, %v; want nil, nil", srv, err)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("Start took %v, want it prompt", d)
			}
			srv.Update(playing()) // a nil server takes updates and does nothing
			if err := srv.Close(); err != nil {
				t.Errorf("Close on nil = %v", err)
			}
		})
	}
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestASecondInstanceTakesAnInstanceName(t *testing.T) {
	h := start(t, nil)
	second, err := Start(context.Background(), Options{Address: h.addr})
	if err != nil || second == nil {
		t.Fatalf("second Start = %v, %v", second, err)
	}
	t.Cleanup(func() { second.Close() })
	conn, err := dbus.Connect(h.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var names []string
	if err := conn.BusObject().Call("org.freedesktop.DBus.ListNames", 0).Store(&names); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{busName: false, busName + ".instance" + strconv.Itoa(os.Getpid()): false}
	for _, n := range names {
		if _, ok := want[n]; ok {
			want[n] = true
		}
	}
	for n, seen := range want {
		if !seen {
			t.Errorf("bus name %s not on the bus; names: %q", n, names)
		}
	}
	// Closing leaves the bus: the name is free for the next spotui.
	second.Close()
	dbustest.WaitFor(t, "the instance name to go", func() bool {
		var has bool
		conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, busName+".instance"+strconv.Itoa(os.Getpid())).Store(&has)
		return !has
	})
}

func TestIntrospectionNamesTheSpecsMembers(t *testing.T) {
	h := start(t, nil)
	conn, err := dbus.Connect(h.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var xml string
	if err := conn.Object(busName, objectPath).Call("org.freedesktop.DBus.Introspectable.Introspect", 0).Store(&xml); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<interface name="org.mpris.MediaPlayer2">`, `<interface name="org.mpris.MediaPlayer2.Player">`,
		`<method name="Seek">`, `<method name="SetPosition">`, `<method name="OpenUri">`, `<method name="Raise">`,
		`<signal name="Seeked">`, `<property name="Position" type="x" access="read">`,
		`<property name="Volume" type="d" access="readwrite">`, `<property name="Metadata" type="a{sv}" access="read">`,
		`<property name="Identity" type="s" access="read">`,
	} {
		if !strings.Contains(xml, want) {
			t.Errorf("introspection lacks %s", want)
		}
	}
	if strings.Contains(xml, "SeekBy") {
		t.Error("introspection shows the Go name SeekBy")
	}
	// OpenUri is refused with a reason, not silently accepted.
	err = conn.Object(busName, objectPath).Call(playerIface+".OpenUri", 0, "spotify:track:x").Err
	if err == nil || !strings.Contains(err.Error(), "can't open URIs") {
		t.Errorf("OpenUri = %v, want a not-supported error", err)
	}
}
