package fakespotify

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spotui/spotui/api"
)

func TestCurrentlyPlayingTrack(t *testing.T) {
	e := newEnv(t, Options{})
	start := e.clock.Now()
	tok, _ := e.s.IssueTokens()
	e.clock.Advance(1500 * time.Millisecond)
	r, cp := e.playing(tok, "?market=from_token")
	if r.status != 200 {
		t.Fatalf("got %d %s", r.status, r.body)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	want := DemoPlaylist()[0]
	if cp.Timestamp != start.UnixMilli() || cp.ProgressMS != 1500 || !cp.IsPlaying || cp.CurrentlyPlayingType != api.TypeTrack {
		t.Errorf("header fields %+v", cp)
	}
	it := cp.Item
	if it == nil {
		t.Fatal("item is null")
	}
	if it.Type != "track" || it.ID != want.ID || it.Name != want.Name || it.DurationMS != want.DurationMS ||
		it.URI != "spotify:track:"+want.ID || it.IsLocal || it.ExternalURLs.Spotify != "https://open.spotify.com/track/"+want.ID {
		t.Errorf("item %+v", it)
	}
	if it.ArtistNames() != strings.Join(want.Artists, ", ") || it.Collection() != want.Album {
		t.Errorf("artists %q album %q", it.ArtistNames(), it.Collection())
	}
	if it.Album.ID != want.AlbumID || it.Album.URI != "spotify:album:"+want.AlbumID || len(it.Album.Artists) == 0 {
		t.Errorf("album %+v", it.Album)
	}
	imgs := it.CoverImages()
	if len(imgs) != 3 {
		t.Fatalf("images %+v", imgs)
	}
	for i, size := range []int{640, 300, 64} {
		wantURL := e.ts.URL + "/images/" + want.AlbumID + "-" + strconv.Itoa(size) + ".jpg"
		if imgs[i].Width != size || imgs[i].Height != size || imgs[i].URL != wantURL {
			t.Errorf("image %d = %+v, want %s", i, imgs[i], wantURL)
		}
	}
	if cp.Context == nil || cp.Context.Type != "playlist" || cp.Context.URI != DemoPlaylistURI || cp.Context.Href == "" || cp.Context.ExternalURLs.Spotify == "" {
		t.Errorf("context %+v", cp.Context)
	}
	if !cp.Actions.Disallows["resuming"] || cp.Actions.Disallows["pausing"] {
		t.Errorf("disallows %v", cp.Actions.Disallows)
	}
	// Fields spotui does not decode but Spotify always sends.
	for _, field := range []string{`"album_type":"album"`, `"href":`, `"external_urls":`, `"is_local":false`, `"release_date":`, `"type":"artist"`} {
		if !strings.Contains(string(r.body), field) {
			t.Errorf("body lacks %s", field)
		}
	}
}

func TestProgressFollowsTheClock(t *testing.T) {
	e := newEnv(t, Options{})
	tok, _ := e.s.IssueTokens()
	items := DemoPlaylist()
	start := e.clock.Now()

	e.clock.Advance(10 * time.Second)
	_, cp := e.playing(tok, "")
	if cp.ProgressMS != 10_000 || cp.Timestamp != start.UnixMilli() {
		t.Fatalf("after 10s: progress %d timestamp %d", cp.ProgressMS, cp.Timestamp)
	}
	e.clock.Advance(time.Duration(items[0].DurationMS-10_000+2_500) * time.Millisecond)
	_, cp = e.playing(tok, "")
	boundary := start.Add(time.Duration(items[0].DurationMS) * time.Millisecond)
	if cp.Item.ID != items[1].ID || cp.ProgressMS != 2_500 || cp.Timestamp != boundary.UnixMilli() {
		t.Fatalf("after the first track: item %s progress %d timestamp %d", cp.Item.Name, cp.ProgressMS, cp.Timestamp)
	}

	// A whole loop later the same position comes back.
	var cycle time.Duration
	for _, it := range items {
		cycle += time.Duration(it.DurationMS) * time.Millisecond
	}
	e.clock.Advance(3*cycle + 1000*time.Millisecond)
	_, cp = e.playing(tok, "")
	if cp.Item.ID != items[1].ID || cp.ProgressMS != 3_500 {
		t.Fatalf("after three loops: item %s progress %d", cp.Item.Name, cp.ProgressMS)
	}
	item, progress, playing := e.s.Current()
	if item.ID != items[1].ID || progress != 3_500 || !playing {
		t.Errorf("Current() = %s %d %v", item.Name, progress, playing)
	}

	// The last item wraps to the first.
	e.s.SetIndex(len(items) - 1)
	e.clock.Advance(time.Duration(items[len(items)-1].DurationMS+100) * time.Millisecond)
	if item, progress, _ := e.s.Current(); item.ID != items[0].ID || progress != 100 {
		t.Errorf("after the last item: %s %d", item.Name, progress)
	}
}

func TestPausedProgressStands(t *testing.T) {
	e := newEnv(t, Options{})
	tok, _ := e.s.IssueTokens()
	e.clock.Advance(5 * time.Second)
	e.s.Pause()
	paused := e.clock.Now()
	e.clock.Advance(30 * time.Minute) // less than the token's hour
	_, cp := e.playing(tok, "")
	if cp.IsPlaying || cp.ProgressMS != 5000 || cp.Timestamp != paused.UnixMilli() {
		t.Fatalf("paused: %+v", cp)
	}
	if !cp.Actions.Disallows["pausing"] || cp.Actions.Disallows["resuming"] {
		t.Errorf("disallows %v", cp.Actions.Disallows)
	}
	e.s.Play()
	e.clock.Advance(time.Second)
	if _, cp = e.playing(tok, ""); !cp.IsPlaying || cp.ProgressMS != 6000 {
		t.Fatalf("resumed: %+v", cp)
	}
}

func TestNoActiveDevice(t *testing.T) {
	e := newEnv(t, Options{})
	tok, _ := e.s.IssueTokens()
	e.clock.Advance(2 * time.Second)
	e.s.SetActiveDevice(false)
	for _, path := range []string{"/v1/me/player/currently-playing", "/v1/me/player"} {
		r := e.get(path, tok)
		if r.status != http.StatusNoContent || len(r.body) != 0 {
			t.Errorf("%s: %d %q", path, r.status, r.body)
		}
	}
	for _, d := range e.s.Devices() {
		if d.Active {
			t.Errorf("device %s still active", d.Name)
		}
	}
	e.clock.Advance(time.Minute)
	if _, progress, playing := e.s.Current(); progress != 2000 || playing {
		t.Errorf("inactive player moved: %d %v", progress, playing)
	}
	e.s.SetActiveDevice(true)
	e.clock.Advance(time.Second)
	r, cp := e.playing(tok, "")
	if r.status != 200 || cp.ProgressMS != 3000 || !cp.IsPlaying {
		t.Errorf("back: %d %+v", r.status, cp)
	}
}

func TestEpisode(t *testing.T) {
	e := newEnv(t, Options{})
	tok, _ := e.s.IssueTokens()
	ep := DemoPlaylist()[3]
	if ep.Type != "episode" {
		t.Fatalf("item 3 is a %s", ep.Type)
	}
	e.s.SetIndex(3)

	_, cp := e.playing(tok, "")
	if cp.CurrentlyPlayingType != "episode" || cp.Item != nil {
		t.Errorf("without additional_types: type %q item %+v", cp.CurrentlyPlayingType, cp.Item)
	}
	for _, q := range []string{"?additional_types=episode", "?additional_types=track,episode"} {
		r, cp := e.playing(tok, q)
		it := cp.Item
		if it == nil || !it.IsEpisode() || it.ID != ep.ID || it.Name != ep.Name || it.Description != ep.Description || it.DurationMS != ep.DurationMS {
			t.Fatalf("%s: item %+v", q, it)
		}
		if it.Show == nil || it.Show.Name != ep.Show || it.Show.Publisher != ep.Publisher || it.Show.ID != ep.ShowID || len(it.Show.Images) != 3 {
			t.Errorf("%s: show %+v", q, it.Show)
		}
		if len(it.Images) != 3 || it.Collection() != ep.Show || len(it.CoverImages()) != 3 || it.Album != nil {
			t.Errorf("%s: images %+v", q, it.Images)
		}
		if !strings.Contains(string(r.body), `"media_type":"audio"`) {
			t.Errorf("%s: show lacks media_type", q)
		}
		if !cp.Actions.Disallows["toggling_shuffle"] {
			t.Errorf("%s: disallows %v", q, cp.Actions.Disallows)
		}
	}
}

func TestOverride(t *testing.T) {
	e := newEnv(t, Options{})
	tok, _ := e.s.IssueTokens()
	for _, kind := range []string{"ad", "unknown"} {
		e.s.SetOverride(kind)
		r, cp := e.playing(tok, "?additional_types=episode")
		if cp.CurrentlyPlayingType != kind || cp.Item != nil || !strings.Contains(string(r.body), `"item":null`) {
			t.Errorf("%s: %s", kind, r.body)
		}
	}
	e.s.SetOverride("")
	if _, cp := e.playing(tok, ""); cp.Item == nil || cp.CurrentlyPlayingType != "track" {
		t.Errorf("back to normal: %+v", cp)
	}
}

func TestPlaybackState(t *testing.T) {
	e := newEnv(t, Options{})
	tok, _ := e.s.IssueTokens()
	r := e.get("/v1/me/player", tok)
	var ps api.PlaybackState
	e.decode(r, &ps)
	if ps.Item == nil || ps.Item.ID != DemoPlaylist()[0].ID || !ps.IsPlaying {
		t.Errorf("embedded fields %+v", ps.CurrentlyPlaying)
	}
	d := ps.Device
	if d.Name != "spotui demo speaker" || !d.IsActive || d.Type != "Computer" || d.VolumePercent == nil || *d.VolumePercent != 65 {
		t.Errorf("device %+v", d)
	}
	if ps.ShuffleState || ps.RepeatState != "context" {
		t.Errorf("modes %v %q", ps.ShuffleState, ps.RepeatState)
	}
	for _, field := range []string{`"smart_shuffle":false`, `"is_private_session":false`, `"supports_volume":true`} {
		if !strings.Contains(string(r.body), field) {
			t.Errorf("body lacks %s", field)
		}
	}
}

func TestDevicesEndpoint(t *testing.T) {
	e := newEnv(t, Options{})
	tok, _ := e.s.IssueTokens()
	var body struct {
		Devices []api.Device `json:"devices"`
	}
	e.decode(e.get("/v1/me/player/devices", tok), &body)
	if len(body.Devices) != 3 {
		t.Fatalf("devices %+v", body.Devices)
	}
	active := 0
	for i, d := range body.Devices {
		if d.IsActive {
			active++
		}
		if d.ID != e.s.Devices()[i].ID || d.Name != e.s.Devices()[i].Name {
			t.Errorf("device %d %+v", i, d)
		}
	}
	if active != 1 || !body.Devices[0].IsActive {
		t.Errorf("active devices: %+v", body.Devices)
	}
	if body.Devices[2].VolumePercent != nil {
		t.Errorf("phone volume %v, want null", *body.Devices[2].VolumePercent)
	}
}

func TestMarketValidation(t *testing.T) {
	e := newEnv(t, Options{})
	tok, _ := e.s.IssueTokens()
	for q, want := range map[string]int{"?market=SE": 200, "?market=from_token": 200, "?market=sweden": 400, "?market=": 400} {
		if r := e.get("/v1/me/player/currently-playing"+q, tok); r.status != want {
			t.Errorf("%s: %d, want %d", q, r.status, want)
		}
	}
}
