package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/spotui/spotui/internal/fakelrclib"
	"github.com/spotui/spotui/lyrics"
)

const queuePath = "/v1/me/player/queue"

// withLyrics points the UI at a fake LRCLIB on the world's clock.
func withLyrics(t *testing.T, lrc **fakelrclib.Server) func(*Deps) {
	return func(d *Deps) {
		srv := fakelrclib.New(nil, d.Auth.Now)
		base, err := srv.Start()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = srv.Close() })
		t.Cleanup(func() {
			if v := srv.Violations(); len(v) > 0 {
				t.Errorf("the lyrics fake saw violations: %q", v)
			}
		})
		client := lyrics.NewClient(lyrics.ClientOptions{BaseURL: base, UserAgent: "spotui/test (x)", Now: d.Auth.Now})
		d.Lyrics = lyrics.NewService(client, lyrics.NewCache("", d.Auth.Now, nil, 0))
		*lrc = srv
	}
}

func TestUpNextIsAskedOncePerItemAndAdvancesLocally(t *testing.T) {
	w := newWorld(t)
	w.start()
	w.wantScreen("Up next", "Night Bus to Nowhere")
	if n := w.fake.RequestCount("GET", queuePath); n != 1 {
		t.Fatalf("%d queue requests at start, want 1", n)
	}
	w.advance(20 * time.Second) // four polls, the same item
	if n := w.fake.RequestCount("GET", queuePath); n != 1 {
		t.Fatalf("%d queue requests after polls of the same item, want 1 (never on every poll)", n)
	}
	// The first track ends: the new item was next in the queue, which moves
	// up without a request.
	w.advance(45 * time.Second)
	if w.current() != "Night Bus to Nowhere" {
		t.Fatalf("the fake plays %q", w.current())
	}
	w.wantScreen("Up next", "Café au lait")
	if n := w.fake.RequestCount("GET", queuePath); n != 1 {
		t.Errorf("%d queue requests after a natural track change, want still 1", n)
	}
	// Going back (p restarts the track, p again goes back) is not what the
	// queue said: ask again, once.
	w.key("p")
	w.settle()
	w.key("p")
	w.settle()
	w.advance(time.Second)
	if w.current() != "Paper Lanterns" {
		t.Fatalf("the fake plays %q", w.current())
	}
	if n := w.fake.RequestCount("GET", queuePath); n != 2 {
		t.Errorf("%d queue requests after going back, want 2", n)
	}
}

func TestLyricsMoveWithTheSongAndCostNothingTwice(t *testing.T) {
	var lrc *fakelrclib.Server
	w := newWorld(t, withLyrics(t, &lrc))
	w.start()
	w.advance(3100 * time.Millisecond)
	w.wantScreen("Paper lanterns on the water")
	lines := func() string {
		f := w.m.layout(w.m.width, w.m.height)
		return regionText(f, f.Regions.Lyrics)
	}
	if !strings.Contains(lines(), "Drifting out past the harbour wall") {
		t.Fatalf("lyrics region:\n%s", lines())
	}
	// At 7 s the second line is sung: its row is the bold accent one.
	w.advance(4 * time.Second)
	if got := sgrBefore(t, w.m.View(), "Drifting out past the harbour wall"); !strings.HasPrefix(got, "1;") {
		t.Errorf("the line sung at 0:07 is not highlighted (SGR %q)", got)
	}
	if n := len(lrc.Requests()); n != 1 {
		t.Errorf("%d lyrics requests for one track, want 1", n)
	}
	for _, r := range lrc.Requests() {
		if r.Query.Get("track_name") != "Paper Lanterns" || r.Query.Get("duration") != "61" || r.Query.Get("album_name") != "Harbour Lights" {
			t.Errorf("look-up sent %v", r.Query)
		}
	}
	// Going back to the track later asks nothing again (the service caches
	// the answer for the run; the disk cache is tested in lyrics/).
	w.advance(60 * time.Second) // Night Bus: primary-artist fallback, two requests
	if n := len(lrc.Requests()); n != 3 {
		t.Errorf("%d lyrics requests after two tracks, want 1 + 2", n)
	}
	before := len(lrc.Requests())
	w.key("p") // restarts Night Bus
	w.settle()
	w.key("p") // back to Paper Lanterns
	w.settle()
	w.advance(time.Second)
	if w.current() != "Paper Lanterns" {
		t.Fatalf("the fake plays %q", w.current())
	}
	w.wantScreen("Paper lanterns on the water")
	if len(lrc.Requests()) != before {
		t.Errorf("returning to a track asked LRCLIB again")
	}
}
