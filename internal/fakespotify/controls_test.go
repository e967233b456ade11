package fakespotify

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/spotui/spotui/api"
)

func TestControls(t *testing.T) {
	items := DemoPlaylist()
	kitchen := demoDevices()[1].ID
	phone := demoDevices()[2].ID
	// Every case starts 10 s into the first track, playing.
	tests := []struct {
		name       string
		setup      func(s *Server)
		method     string
		path       string
		body       string
		wantStatus int
		wantReason string
		check      func(t *testing.T, e *env)
	}{
		{name: "pause", method: "PUT", path: "/v1/me/player/pause", wantStatus: 204,
			check: wantCurrent(0, 10_000, false)},
		{name: "pause when paused", setup: (*Server).Pause, method: "PUT", path: "/v1/me/player/pause", wantStatus: 403, wantReason: "UNKNOWN"},
		{name: "play when paused", setup: (*Server).Pause, method: "PUT", path: "/v1/me/player/play", wantStatus: 204,
			check: wantCurrent(0, 10_000, true)},
		{name: "play when playing", method: "PUT", path: "/v1/me/player/play", wantStatus: 403, wantReason: "UNKNOWN"},
		{name: "play empty object when playing", method: "PUT", path: "/v1/me/player/play", body: "{}", wantStatus: 403, wantReason: "UNKNOWN"},
		{name: "play uris", method: "PUT", path: "/v1/me/player/play", body: `{"uris":["` + items[2].URI() + `"],"position_ms":5000}`, wantStatus: 204,
			check: wantCurrent(2, 5000, true)},
		{name: "play context with offset", setup: (*Server).Pause, method: "PUT", path: "/v1/me/player/play",
			body: `{"context_uri":"` + DemoPlaylistURI + `","offset":{"position":4}}`, wantStatus: 204, check: wantCurrent(4, 0, true)},
		{name: "play context with offset uri", method: "PUT", path: "/v1/me/player/play",
			body: `{"context_uri":"` + DemoPlaylistURI + `","offset":{"uri":"` + items[5].URI() + `"}}`, wantStatus: 204, check: wantCurrent(5, 0, true)},
		{name: "play unknown track", method: "PUT", path: "/v1/me/player/play", body: `{"uris":["spotify:track:0000000000000000000000"]}`, wantStatus: 400},
		{name: "play malformed body", method: "PUT", path: "/v1/me/player/play", body: `{"uris":`, wantStatus: 400},
		{name: "play on unknown device", method: "PUT", path: "/v1/me/player/play?device_id=nope", wantStatus: 404},
		{name: "play on named device wakes it", setup: func(s *Server) { s.SetActiveDevice(false) }, method: "PUT", path: "/v1/me/player/play?device_id=" + kitchen, wantStatus: 204,
			check: func(t *testing.T, e *env) { wantActive(t, e, kitchen) }},
		{name: "next", method: "POST", path: "/v1/me/player/next", wantStatus: 204, check: wantCurrent(1, 0, true)},
		{name: "next keeps pause", setup: (*Server).Pause, method: "POST", path: "/v1/me/player/next", wantStatus: 204, check: wantCurrent(1, 0, false)},
		{name: "previous restarts past 3s", setup: func(s *Server) { s.SetIndex(2); s.Seek(3001) }, method: "POST", path: "/v1/me/player/previous", wantStatus: 204,
			check: wantCurrent(2, 0, true)},
		{name: "previous goes back within 3s", setup: func(s *Server) { s.SetIndex(2); s.Seek(0) }, method: "POST", path: "/v1/me/player/previous", wantStatus: 204,
			check: wantCurrent(1, 0, true)},
		{name: "previous wraps with repeat context", setup: func(s *Server) { s.Seek(1000) }, method: "POST", path: "/v1/me/player/previous", wantStatus: 204,
			check: wantCurrent(len(items)-1, 0, true)},
		{name: "seek", method: "PUT", path: "/v1/me/player/seek?position_ms=30000", wantStatus: 204, check: wantCurrent(0, 30_000, true)},
		{name: "seek past the end skips", method: "PUT", path: "/v1/me/player/seek?position_ms=999999", wantStatus: 204, check: wantCurrent(1, 0, true)},
		{name: "seek without position", method: "PUT", path: "/v1/me/player/seek", wantStatus: 400},
		{name: "seek negative", method: "PUT", path: "/v1/me/player/seek?position_ms=-1", wantStatus: 400},
		{name: "volume", method: "PUT", path: "/v1/me/player/volume?volume_percent=30", wantStatus: 204,
			check: func(t *testing.T, e *env) {
				if v := e.s.Devices()[0].Volume; v != 30 {
					t.Errorf("volume %d", v)
				}
			}},
		{name: "volume on named device", method: "PUT", path: "/v1/me/player/volume?volume_percent=0&device_id=" + kitchen, wantStatus: 204,
			check: func(t *testing.T, e *env) {
				if d := e.s.Devices(); d[1].Volume != 0 || d[0].Volume != 65 {
					t.Errorf("volumes %+v", d)
				}
			}},
		{name: "volume too high", method: "PUT", path: "/v1/me/player/volume?volume_percent=101", wantStatus: 400},
		{name: "volume negative", method: "PUT", path: "/v1/me/player/volume?volume_percent=-1", wantStatus: 400},
		{name: "volume missing", method: "PUT", path: "/v1/me/player/volume", wantStatus: 400},
		{name: "volume on phone", method: "PUT", path: "/v1/me/player/volume?volume_percent=10&device_id=" + phone, wantStatus: 403, wantReason: "VOLUME_CONTROL_DISALLOW"},
		{name: "shuffle", method: "PUT", path: "/v1/me/player/shuffle?state=true", wantStatus: 204,
			check: func(t *testing.T, e *env) {
				if ps := playbackState(t, e); !ps.ShuffleState {
					t.Error("shuffle off")
				}
			}},
		{name: "shuffle bad state", method: "PUT", path: "/v1/me/player/shuffle?state=yes", wantStatus: 400},
		{name: "shuffle during episode", setup: func(s *Server) { s.SetIndex(3) }, method: "PUT", path: "/v1/me/player/shuffle?state=true", wantStatus: 403, wantReason: "UNKNOWN"},
		{name: "repeat track", method: "PUT", path: "/v1/me/player/repeat?state=track", wantStatus: 204,
			check: func(t *testing.T, e *env) {
				if ps := playbackState(t, e); ps.RepeatState != "track" {
					t.Errorf("repeat %q", ps.RepeatState)
				}
				// The track now plays again instead of advancing.
				e.clock.Advance(time.Duration(items[0].DurationMS) * time.Millisecond)
				wantCurrent(0, 10_000, true)(t, e)
			}},
		{name: "repeat off disallows going back from the first item", setup: func(s *Server) { s.Seek(0) }, method: "PUT", path: "/v1/me/player/repeat?state=off", wantStatus: 204,
			check: func(t *testing.T, e *env) {
				if ps := playbackState(t, e); !ps.Actions.Disallows["skipping_prev"] {
					t.Errorf("disallows %v", ps.Actions.Disallows)
				}
				r := e.do("POST", "/v1/me/player/previous", e.token(), nil)
				if ae := e.apiError(r); ae.Status != 403 || ae.Reason != "UNKNOWN" {
					t.Errorf("previous: %+v", ae)
				}
			}},
		{name: "repeat bad state", method: "PUT", path: "/v1/me/player/repeat?state=all", wantStatus: 400},
		{name: "transfer", method: "PUT", path: "/v1/me/player", body: `{"device_ids":["` + kitchen + `"]}`, wantStatus: 204,
			check: func(t *testing.T, e *env) {
				wantActive(t, e, kitchen)
				if ps := playbackState(t, e); ps.Device.Name != "Kitchen" || !ps.IsPlaying {
					t.Errorf("after transfer %+v", ps.Device)
				}
			}},
		{name: "transfer and play", setup: (*Server).Pause, method: "PUT", path: "/v1/me/player", body: `{"device_ids":["` + phone + `"],"play":true}`, wantStatus: 204,
			check: wantCurrent(0, 10_000, true)},
		{name: "transfer keeps pause", setup: (*Server).Pause, method: "PUT", path: "/v1/me/player", body: `{"device_ids":["` + phone + `"]}`, wantStatus: 204,
			check: wantCurrent(0, 10_000, false)},
		{name: "transfer wakes with no active device", setup: func(s *Server) { s.SetActiveDevice(false) }, method: "PUT", path: "/v1/me/player", body: `{"device_ids":["` + kitchen + `"]}`, wantStatus: 204,
			check: func(t *testing.T, e *env) { wantActive(t, e, kitchen) }},
		{name: "transfer to unknown device", method: "PUT", path: "/v1/me/player", body: `{"device_ids":["nope"]}`, wantStatus: 404},
		{name: "transfer to two devices", method: "PUT", path: "/v1/me/player", body: `{"device_ids":["` + kitchen + `","` + phone + `"]}`, wantStatus: 400},
		{name: "transfer without body", method: "PUT", path: "/v1/me/player", wantStatus: 400},
		{name: "unknown device_id", method: "POST", path: "/v1/me/player/next?device_id=nope", wantStatus: 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, Options{})
			e.clock.Advance(10 * time.Second)
			if tc.setup != nil {
				tc.setup(e.s)
			}
			var body *strings.Reader
			if tc.body != "" {
				body = strings.NewReader(tc.body)
			}
			var r result
			if body != nil {
				r = e.do(tc.method, tc.path, e.token(), body, "Content-Type", "application/json")
			} else {
				r = e.do(tc.method, tc.path, e.token(), nil)
			}
			if r.status != tc.wantStatus {
				t.Fatalf("got %d %s, want %d", r.status, r.body, tc.wantStatus)
			}
			if r.status == 204 && len(r.body) != 0 {
				t.Errorf("204 with body %q", r.body)
			}
			if r.status >= 400 {
				ae := e.apiError(r)
				if ae.Reason != tc.wantReason || ae.Message == "" {
					t.Errorf("error %+v, want reason %q", ae, tc.wantReason)
				}
			}
			if tc.check != nil {
				tc.check(t, e)
			}
			e.noViolations()
		})
	}
}

// token returns a fresh token with all of spotui's scopes.
func (e *env) token() string {
	tok, _ := e.s.IssueTokens()
	return tok
}

func wantCurrent(index, progressMS int, playing bool) func(*testing.T, *env) {
	return func(t *testing.T, e *env) {
		t.Helper()
		item, progress, p := e.s.Current()
		if want := DemoPlaylist()[index]; item.ID != want.ID || progress != progressMS || p != playing {
			t.Errorf("Current() = %q %d %v, want %q %d %v", item.Name, progress, p, want.Name, progressMS, playing)
		}
	}
}

func wantActive(t *testing.T, e *env, id string) {
	t.Helper()
	for _, d := range e.s.Devices() {
		if d.Active != (d.ID == id) {
			t.Errorf("device %s active=%v", d.Name, d.Active)
		}
	}
}

func playbackState(t *testing.T, e *env) api.PlaybackState {
	t.Helper()
	var ps api.PlaybackState
	e.decode(e.get("/v1/me/player", e.token()), &ps)
	return ps
}

func TestControlsRefused(t *testing.T) {
	controls := []struct{ method, path, body string }{
		{"PUT", "/v1/me/player/play", ""},
		{"PUT", "/v1/me/player/pause", ""},
		{"POST", "/v1/me/player/next", ""},
		{"POST", "/v1/me/player/previous", ""},
		{"PUT", "/v1/me/player/seek?position_ms=1000", ""},
		{"PUT", "/v1/me/player/volume?volume_percent=50", ""},
		{"PUT", "/v1/me/player/shuffle?state=true", ""},
		{"PUT", "/v1/me/player/repeat?state=off", ""},
	}
	knobs := []struct {
		name       string
		setup      func(s *Server)
		wantStatus int
		wantReason string
		wantMsg    string
	}{
		{"no active device", func(s *Server) { s.SetActiveDevice(false) }, 404, api.ReasonNoActiveDevice, "Player command failed: No active device found"},
		{"not premium", func(s *Server) { s.SetPremium(false) }, 403, api.ReasonPremiumRequired, "Player command failed: Premium required"},
	}
	for _, k := range knobs {
		for _, c := range controls {
			t.Run(k.name+" "+c.path, func(t *testing.T) {
				e := newEnv(t, Options{})
				k.setup(e.s)
				item, progress, playing := e.s.Current()
				r := e.do(c.method, c.path, e.token(), nil)
				ae := e.apiError(r)
				if ae.Status != k.wantStatus || ae.Reason != k.wantReason || ae.Message != k.wantMsg {
					t.Fatalf("got %+v", ae)
				}
				if i, p, pl := e.s.Current(); i.ID != item.ID || p != progress || pl != playing {
					t.Error("a refused command changed the state")
				}
			})
		}
	}
	t.Run("transfer not premium", func(t *testing.T) {
		e := newEnv(t, Options{})
		e.s.SetPremium(false)
		r := e.do("PUT", "/v1/me/player", e.token(), strings.NewReader(`{"device_ids":["`+demoDevices()[1].ID+`"]}`))
		if ae := e.apiError(r); ae.Reason != api.ReasonPremiumRequired {
			t.Fatalf("got %+v", ae)
		}
	})
	t.Run("premium back", func(t *testing.T) {
		e := newEnv(t, Options{})
		e.s.SetPremium(false)
		e.s.SetPremium(true)
		if r := e.do("PUT", "/v1/me/player/pause", e.token(), nil); r.status != http.StatusNoContent {
			t.Fatalf("got %d", r.status)
		}
	})
}

func TestControlsMoveTimestamp(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	e.clock.Advance(7 * time.Second)
	if r := e.do("PUT", "/v1/me/player/pause", tok, nil); r.status != 204 {
		t.Fatalf("pause %d", r.status)
	}
	_, cp := e.playing(tok, "")
	if cp.Timestamp != e.clock.Now().UnixMilli() || cp.ProgressMS != 7000 || cp.IsPlaying {
		t.Fatalf("after pause %+v", cp)
	}
	e.clock.Advance(3 * time.Second)
	if r := e.do("PUT", "/v1/me/player/play", tok, nil); r.status != 204 {
		t.Fatalf("play %d", r.status)
	}
	resumed := e.clock.Now()
	e.clock.Advance(2 * time.Second)
	_, cp = e.playing(tok, "")
	if cp.Timestamp != resumed.UnixMilli() || cp.ProgressMS != 9000 || !cp.IsPlaying {
		t.Fatalf("after play %+v", cp)
	}
}

func TestControlsNeedModifyScope(t *testing.T) {
	e := newEnv(t, Options{})
	tok, _ := e.s.IssueTokens("user-read-playback-state", "user-read-currently-playing")
	r := e.do("PUT", "/v1/me/player/pause", tok, nil)
	if ae := e.apiError(r); ae.Status != 403 || ae.Message != "Insufficient client scope" {
		t.Fatalf("got %+v", ae)
	}
}
