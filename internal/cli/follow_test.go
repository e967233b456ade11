package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/internal/nowstate"
)

var tf0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// at is a state fetched at tf0 with progress ms.
func at(name string, playing bool, ms int) nowstate.State {
	vol := 50
	return nowstate.State{LoggedIn: true, FetchedAt: tf0, Player: &api.PlaybackState{
		Device: api.Device{Name: "Kitchen", VolumePercent: &vol},
		CurrentlyPlaying: api.CurrentlyPlaying{IsPlaying: playing, ProgressMS: ms, Item: &api.Item{
			Type: api.TypeTrack, ID: name, Name: name, DurationMS: 200_000,
			Artists: []api.Artist{{Name: "Tom & Jerry <live>"}}, Album: &api.Album{Name: "A > B"},
		}}}}
}

func TestWaybarGoldenLines(t *testing.T) {
	tmpl, err := parseFormat("")
	if err != nil {
		t.Fatal(err)
	}
	stale := at("Song", false, 50_000)
	stale.Stale = "offline (can't connect to Spotify)"
	tests := []struct {
		name string
		s    nowstate.State
		want string
	}{
		{"playing", at("Rock & <Roll>", true, 40_000),
			`{"text":"Tom \u0026amp; Jerry \u0026lt;live\u0026gt; – Rock \u0026amp; \u0026lt;Roll\u0026gt;","tooltip":"Rock \u0026amp; \u0026lt;Roll\u0026gt;\nTom \u0026amp; Jerry \u0026lt;live\u0026gt;\nA \u0026gt; B\nKitchen","class":"playing","alt":"playing","percentage":25}`},
		{"paused", at("Song", false, 50_000),
			`{"text":"Tom \u0026amp; Jerry \u0026lt;live\u0026gt; – Song","tooltip":"Song\nTom \u0026amp; Jerry \u0026lt;live\u0026gt;\nA \u0026gt; B\nKitchen","class":"paused","alt":"paused","percentage":25}`},
		{"nothing playing", nowstate.State{LoggedIn: true, FetchedAt: tf0},
			`{"text":"","tooltip":"Nothing playing","class":"stopped","alt":"stopped","percentage":0}`},
		{"stale", stale,
			`{"text":"Tom \u0026amp; Jerry \u0026lt;live\u0026gt; – Song","tooltip":"Song\nTom \u0026amp; Jerry \u0026lt;live\u0026gt;\nA \u0026gt; B\nKitchen\n(offline (can't connect to Spotify))","class":"paused","alt":"paused","percentage":25}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFeed(outWaybar, tmpl, "")
			line, ok, err := f.next(tt.s, tf0.Add(10*time.Second))
			if err != nil || !ok {
				t.Fatalf("next: %v %v", ok, err)
			}
			if line != tt.want {
				t.Errorf("got\n%s\nwant\n%s", line, tt.want)
			}
		})
	}
}

func TestFeedPrintsALinePerChange(t *testing.T) {
	tmpl, err := parseFormat("{{if .IsPlaying}}>{{else}}={{end}} {{.Title}} {{.Elapsed}}{{with .Lyric}} ♪ {{.}}{{end}}")
	if err != nil {
		t.Fatal(err)
	}
	f := newFeed(outText, tmpl, "{{.Lyric}}")
	withLyrics := at("B", true, 0)
	withLyrics.Lyrics = []nowstate.LyricLine{{AtMS: 1_000, Text: "la"}, {AtMS: 30_000, Text: "li"}}
	steps := []struct {
		what string
		s    nowstate.State
		now  time.Duration // after tf0
		want string        // "" : no line
	}{
		{"not answered yet", nowstate.State{LoggedIn: true}, 0, ""},
		{"first state", at("A", true, 10_000), time.Second, "> A 0:11"},
		{"a poll that changed nothing", func() nowstate.State { s := at("A", true, 15_000); s.FetchedAt = tf0.Add(5 * time.Second); return s }(), 6 * time.Second, ""},
		{"a small drift", at("A", true, 11_500), 7 * time.Second, ""},
		{"a seek", at("A", true, 90_000), 8 * time.Second, "> A 1:38"},
		{"pause", at("A", false, 98_000), 9 * time.Second, "= A 1:38"},
		{"paused, polled again", at("A", false, 98_000), 30 * time.Second, ""},
		{"next item", at("B", false, 0), 31 * time.Second, "= B 0:00"},
		{"stopped", nowstate.State{LoggedIn: true, FetchedAt: tf0}, 32 * time.Second, ""},
	}
	printed := 0
	for _, st := range steps {
		line, ok, err := f.next(st.s, tf0.Add(st.now))
		if err != nil {
			t.Fatalf("%s: %v", st.what, err)
		}
		if ok {
			printed++
		}
		if (st.want != "") != ok && st.what != "stopped" || line != st.want {
			t.Errorf("%s: line %q (printed %v), want %q", st.what, line, ok, st.want)
		}
	}
	if printed != 5 { // first, seek, pause, next item, stopped (an empty line)
		t.Errorf("%d lines, want 5", printed)
	}

	// Lyrics: the line changes with the clock, without a new state.
	f = newFeed(outText, tmpl, "{{.Lyric}}")
	if line, _, _ := f.next(withLyrics, tf0.Add(2*time.Second)); line != "> B 0:02 ♪ la" {
		t.Errorf("lyric: %q", line)
	}
	if d := f.nextLyric(tf0.Add(2 * time.Second)); d != 28*time.Second+5*time.Millisecond {
		t.Errorf("next lyric in %v, want 28.005s", d)
	}
	if _, ok, _ := f.tick(tf0.Add(10 * time.Second)); ok {
		t.Error("a line between two lyric lines")
	}
	if line, ok, _ := f.tick(tf0.Add(30 * time.Second)); !ok || line != "> B 0:30 ♪ li" {
		t.Errorf("lyric change: %q %v", line, ok)
	}
}

func TestFeedJSONLines(t *testing.T) {
	f := newFeed(outJSON, nil, "")
	if line, ok, _ := f.next(nowstate.State{LoggedIn: true, FetchedAt: tf0}, tf0); !ok || line != "null" {
		t.Errorf("nothing playing: %q %v", line, ok)
	}
	line, ok, err := f.next(at("A", true, 1_000), tf0.Add(time.Second))
	if err != nil || !ok || !contains(line, `"progress_ms":2000`, `"is_playing":true`, `"name":"A"`) {
		t.Errorf("playing: %q %v %v", line, ok, err)
	}
}

func contains(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
