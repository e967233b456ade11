package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/internal/fakelrclib"
	"github.com/spotui/spotui/internal/nowstate"
)

func TestRemoteCommandsTakeTheKeysPath(t *testing.T) {
	w := newWorld(t)
	w.start()
	w.advance(20 * time.Second)
	vol := 0
	for _, d := range w.fake.Devices() {
		if d.Active {
			vol = d.Volume
		}
	}
	tests := []struct {
		cmd    nowstate.Command
		method string
		path   string
		query  string // param=value prefix the fake must receive ("" : none)
		screen string // shown before the confirming poll ("" : not checked)
	}{
		{nowstate.Command{Action: nowstate.ActPlayPause}, "PUT", "/v1/me/player/pause", "", "paused"},
		{nowstate.Command{Action: nowstate.ActPlay}, "PUT", "/v1/me/player/play", "", "▶ playing"},
		{nowstate.Command{Action: nowstate.ActPause}, "PUT", "/v1/me/player/pause", "", "paused"},
		{nowstate.Command{Action: nowstate.ActPlayPause}, "PUT", "/v1/me/player/play", "", "▶ playing"},
		{nowstate.Command{Action: nowstate.ActSeekTo, PositionMS: 45_000}, "PUT", "/v1/me/player/seek", "position_ms=45", "0:45"},
		{nowstate.Command{Action: nowstate.ActSeekBy, PositionMS: -10_000}, "PUT", "/v1/me/player/seek", "position_ms=35", "0:35"},
		{nowstate.Command{Action: nowstate.ActVolume, Volume: vol - 10}, "PUT", "/v1/me/player/volume", fmt.Sprintf("volume_percent=%d", vol-10), fmt.Sprintf("vol %d%%", vol-10)},
		{nowstate.Command{Action: nowstate.ActShuffle, Shuffle: true}, "PUT", "/v1/me/player/shuffle", "state=true", "shuffle on"},
		{nowstate.Command{Action: nowstate.ActRepeat, Repeat: api.RepeatTrack}, "PUT", "/v1/me/player/repeat", "state=track", "repeat one"},
		{nowstate.Command{Action: nowstate.ActNext}, "POST", "/v1/me/player/next", "", ""},
		{nowstate.Command{Action: nowstate.ActPrevious}, "POST", "/v1/me/player/previous", "", ""},
	}
	for _, tt := range tests {
		before := w.fake.RequestCount(tt.method, tt.path)
		polls := w.fake.RequestCount("GET", cpPath)
		w.send(RemoteMsg{Cmd: tt.cmd})
		if w.fake.RequestCount(tt.method, tt.path) != before+1 {
			t.Fatalf("%s: no %s %s", tt.cmd.Action, tt.method, tt.path)
		}
		if name, val, ok := strings.Cut(tt.query, "="); ok {
			if got := w.lastRequest(tt.method, tt.path).Query.Get(name); !strings.HasPrefix(got, val) {
				t.Errorf("%s: %s=%q, want %s", tt.cmd.Action, name, got, tt.query)
			}
		}
		if tt.screen != "" {
			w.wantScreen(tt.screen)
		}
		w.advance(afterAction) // the read-back, as after a key
		if got := w.fake.RequestCount("GET", cpPath) - polls; got != 1 {
			t.Errorf("%s: %d read-backs, want 1", tt.cmd.Action, got)
		}
		if tt.screen != "" {
			w.wantScreen(tt.screen)
		}
	}
}

func TestRemoteCommandIsHeldByTheRateLimitGate(t *testing.T) {
	w := newWorld(t)
	w.start()
	w.m.deps.Gate.Hold(30 * time.Second)
	before := len(w.fake.Requests())
	w.send(RemoteMsg{Cmd: nowstate.Command{Action: nowstate.ActNext}})
	if n := len(w.fake.Requests()) - before; n != 0 {
		t.Errorf("%d requests inside a 429's window, want none", n)
	}
	w.wantScreen("rate limited — try again in 30s")
}

func TestSharedStateFollowsTheModel(t *testing.T) {
	t0 := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	cp := &api.PlaybackState{CurrentlyPlaying: api.CurrentlyPlaying{IsPlaying: true, ProgressMS: 10_000,
		Item: &api.Item{Type: api.TypeTrack, Name: "Song", DurationMS: 200_000}}}
	m := live(t, cp)
	m.fetchedAt = t0

	s := m.SharedState()
	if !s.LoggedIn || s.Player != cp || !s.FetchedAt.Equal(t0) || s.Stale != "" || s.Status() != nowstate.StatusPlaying {
		t.Errorf("connected: %+v", s)
	}
	m, _ = update(m, nowPlayingMsg{gen: m.pollGen, at: t0.Add(4 * time.Second), err: errors.New("dial tcp: refused")})
	s = m.SharedState()
	if s.Stale != "offline (network error)" {
		t.Errorf("Stale = %q", s.Stale)
	}
	if s.Status() != nowstate.StatusPaused || s.Position(t0.Add(time.Hour)) != 14*time.Second {
		t.Errorf("offline: status %s at %v; want the clock stopped at 0:14", s.Status(), s.Position(t0.Add(time.Hour)))
	}
	if out := New(Deps{}).SharedState(); out.LoggedIn || out.Status() != nowstate.StatusStopped {
		t.Errorf("not connected: %+v", out)
	}
}

func TestFollowerShowsSharedStateAndNeverPolls(t *testing.T) {
	w := newWorld(t, func(d *Deps) { d.Follow = true })
	w.start()
	if n := w.fake.RequestCount("GET", cpPath); n != 0 {
		t.Fatalf("a follower polled %d times at start", n)
	}
	at := w.clock.Now()
	w.send(SharedStateMsg{State: nowstate.State{LoggedIn: true, FetchedAt: at, Player: &api.PlaybackState{
		CurrentlyPlaying: api.CurrentlyPlaying{IsPlaying: true, ProgressMS: 61_000,
			Item: &api.Item{Type: api.TypeTrack, Name: "Shared Song", DurationMS: 300_000, Artists: []api.Artist{{Name: "Someone"}}}}}}})
	w.wantScreen("Shared Song", "Someone", "1:01")
	w.advance(2*time.Minute + 100*time.Millisecond) // the tick lands just after the second
	w.wantScreen("Shared Song", "3:01")
	w.send(tea.FocusMsg{})
	if n := w.fake.RequestCount("GET", cpPath); n != 0 {
		t.Errorf("a follower polled %d times in 2 minutes", n)
	}
	if got := w.m.SharedState().Player.Item.Name; got != "Shared Song" {
		t.Errorf("the follower shares %q", got)
	}

	// The server went away: this one polls on its own, at once and then on
	// the usual schedule.
	w.send(FollowEndedMsg{})
	if n := w.fake.RequestCount("GET", cpPath); n != 1 {
		t.Fatalf("%d polls right after the followed spotui left, want 1", n)
	}
	w.wantScreen(w.current())
	w.advance(10 * time.Second)
	if n := w.fake.RequestCount("GET", cpPath); n != 3 {
		t.Errorf("%d polls 10 s after, want 3", n)
	}
}

func TestSharedStateBeforeTheTokenIsShownOnceConnected(t *testing.T) {
	w := newWorld(t)
	w.start() // log in once, so the token is cached
	w2 := newWorld(t, func(d *Deps) { d.Store = w.store; d.APIURL = w.m.deps.APIURL; d.Auth = w.m.deps.Auth; d.Follow = true })
	before := w.fake.RequestCount("GET", cpPath)
	w2.handle(SharedStateMsg{State: nowstate.State{LoggedIn: true, Player: &api.PlaybackState{
		CurrentlyPlaying: api.CurrentlyPlaying{Item: &api.Item{Type: api.TypeTrack, Name: "Early", DurationMS: 1000}}}}})
	w2.start()
	w2.wantScreen("Early", "paused")
	if n := w.fake.RequestCount("GET", cpPath) - before; n != 0 {
		t.Errorf("the follower polled %d times", n)
	}
}

func TestSharedStateCarriesTheLyricsWithTheOffsetAndTheCoverFile(t *testing.T) {
	var lrc *fakelrclib.Server
	dir := t.TempDir()
	w := sized(t, 120, 40, withArt(dir), withLyrics(t, &lrc))
	w.advance(3100 * time.Millisecond)
	w.wantScreen("Paper lanterns on the water")

	s := w.m.SharedState()
	if len(s.Lyrics) < 10 {
		t.Fatalf("shared %d lyric lines, want the song's", len(s.Lyrics))
	}
	if got := s.LyricAt(w.clock.Now()); got != "Paper lanterns on the water" {
		t.Errorf("shared line now = %q, the screen shows Paper lanterns on the water", got)
	}
	first := s.Lyrics[0]
	// The publish after every Update must not see a change where there is
	// none: the same lines, the same slice.
	w.advance(time.Second)
	if s2 := w.m.SharedState(); &s2.Lyrics[0] != &s.Lyrics[0] || !s2.Same(s) {
		t.Error("an Update that changed nothing rebuilt the shared lyrics")
	}

	// ] shows the lines half a second later: so does the shared state.
	w.key("]")
	s3 := w.m.SharedState()
	if s3.Lyrics[0].AtMS != first.AtMS+500 || s3.Lyrics[0].Text != first.Text {
		t.Errorf("after ]: first line %+v, want %+v 500 ms later", s3.Lyrics[0], first)
	}
	if s3.Same(s) {
		t.Error("a new offset is not a new state")
	}

	// The cover: the disk cache's file of this item's image.
	if s3.CoverPath == "" || filepath.Dir(s3.CoverPath) != dir {
		t.Fatalf("CoverPath = %q, want a file in %s", s3.CoverPath, dir)
	}
	if _, err := os.Stat(s3.CoverPath); err != nil {
		t.Errorf("CoverPath names no file: %v", err)
	}

	// An instrumental track shares no lines.
	for w.current() != "Static Bloom" {
		w.key("n")
		w.advance(afterAction)
	}
	w.advance(time.Second)
	if s := w.m.SharedState(); len(s.Lyrics) != 0 || s.Player.Item.Name != "Static Bloom" {
		t.Errorf("%s shares %d lyric lines", s.Player.Item.Name, len(s.Lyrics))
	}
}
