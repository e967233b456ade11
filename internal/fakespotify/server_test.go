package fakespotify

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

func TestAPIAuthAndRouting(t *testing.T) {
	e := newEnv(t, Options{})
	good := e.token()
	readOnly, _ := e.s.IssueTokens("user-read-currently-playing")
	tests := []struct {
		name    string
		method  string
		path    string
		hdr     []string
		token   string
		want    int
		wantMsg string
	}{
		{name: "no token", method: "GET", path: cpPath, want: 401, wantMsg: "No token provided"},
		{name: "unknown token", method: "GET", path: cpPath, token: "BQnope", want: 401, wantMsg: "Invalid access token"},
		{name: "basic scheme", method: "GET", path: cpPath, hdr: []string{"Authorization", "Basic abc"}, want: 400, wantMsg: "Only valid bearer authentication supported"},
		{name: "currently-playing with the narrow scope", method: "GET", path: cpPath, token: readOnly, want: 200},
		{name: "player needs playback-state", method: "GET", path: "/v1/me/player", token: readOnly, want: 403, wantMsg: "Insufficient client scope"},
		{name: "devices need playback-state", method: "GET", path: "/v1/me/player/devices", token: readOnly, want: 403, wantMsg: "Insufficient client scope"},
		{name: "unknown path", method: "GET", path: "/v1/me/tracks", token: good, want: 404, wantMsg: "Service not found"},
		{name: "unknown path without token", method: "GET", path: "/v1/nothing", want: 404, wantMsg: "Service not found"},
		{name: "trailing slash", method: "GET", path: cpPath + "/", token: good, want: 404, wantMsg: "Service not found"},
		{name: "wrong method", method: "POST", path: cpPath, token: good, want: 405},
		{name: "wrong method on a control", method: "GET", path: "/v1/me/player/next", token: good, want: 405},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do(tc.method, tc.path, tc.token, nil, tc.hdr...)
			if r.status != tc.want {
				t.Fatalf("got %d %s, want %d", r.status, r.body, tc.want)
			}
			if r.status >= 400 {
				if ae := e.apiError(r); tc.wantMsg != "" && ae.Message != tc.wantMsg {
					t.Errorf("message %q, want %q", ae.Message, tc.wantMsg)
				}
			}
		})
	}
}

func TestStartClose(t *testing.T) {
	s := New(Options{})
	base, err := s.Start()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("base %q", base)
	}
	if _, err := s.Start(); err == nil {
		t.Error("second Start succeeded")
	}
	tok, _ := s.IssueTokens()
	req, _ := http.NewRequest("GET", base+cpPath, nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), base+"/images/") {
		t.Fatalf("got %d %s", resp.StatusCode, body)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, err := http.Get(base + "/images/x-64.jpg"); err == nil {
		t.Error("still serving after Close")
	}
	if err := New(Options{}).Close(); err != nil {
		t.Errorf("Close without Start: %v", err)
	}
}

func TestDemoPlaylist(t *testing.T) {
	items := DemoPlaylist()
	tracks, episodes, twoArtists, long := 0, 0, 0, false
	seen := map[string]bool{}
	for i, it := range items {
		if !isBase62ID(it.ID) || seen[it.ID] {
			t.Errorf("item %d id %q", i, it.ID)
		}
		seen[it.ID] = true
		if it.DurationMS < 40_000 || it.DurationMS > 200_000 {
			t.Errorf("item %d lasts %d ms", i, it.DurationMS)
		}
		switch it.Type {
		case "track":
			tracks++
			if !isBase62ID(it.AlbumID) || it.Album == "" || len(it.Artists) == 0 {
				t.Errorf("track %d %+v", i, it)
			}
			if len(it.Artists) == 2 {
				twoArtists++
			}
		case "episode":
			episodes++
			if !isBase62ID(it.ShowID) || it.Show == "" || it.Publisher == "" || it.Description == "" {
				t.Errorf("episode %d %+v", i, it)
			}
		}
		if n := utf8.RuneCountInString(it.Name); n >= 55 && n <= 65 && strings.ContainsAny(it.Name, "é雨") {
			long = true
		}
	}
	if tracks < 5 || tracks > 6 || episodes != 1 || twoArtists == 0 || !long {
		t.Errorf("tracks %d episodes %d two-artist %d long %v", tracks, episodes, twoArtists, long)
	}
	if d := items[0].DurationMS; items[0].Type != "track" || d < 55_000 || d > 65_000 {
		t.Errorf("first item %+v", items[0])
	}
	items[0].Artists[0] = "changed"
	if DemoPlaylist()[0].Artists[0] == "changed" {
		t.Error("DemoPlaylist shares slices")
	}
}

func TestCustomItems(t *testing.T) {
	mine := []Item{
		{Type: "track", Name: "One", Artists: []string{"A"}, Album: "X", DurationMS: 5000},
		{Name: "Two", Artists: []string{"B"}, Album: "Y", DurationMS: 0},
	}
	e := newEnv(t, Options{Items: mine})
	mine[0].Name = "changed after New"
	e.clock.Advance(5500 * time.Millisecond)
	item, progress, _ := e.s.Current()
	if item.Name != "Two" || item.Type != "track" || !isBase62ID(item.ID) || progress != 500 {
		t.Fatalf("Current() = %+v %d", item, progress)
	}
	e.clock.Advance(time.Second) // "Two" lasts the minimum, one second
	if item, _, _ := e.s.Current(); item.Name != "One" {
		t.Fatalf("Current() = %+v", item)
	}
}

func TestRequestCountAndLog(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	for i := 0; i < 3; i++ {
		e.playing(tok, "?additional_types=episode")
	}
	e.do("PUT", "/v1/me/player/pause", tok, nil)
	if n := e.s.RequestCount("GET", cpPath); n != 3 {
		t.Errorf("GET count %d", n)
	}
	if n := e.s.RequestCount("PUT", cpPath); n != 0 {
		t.Errorf("PUT count %d", n)
	}
	if n := e.s.RequestCount("", "/v1/me/player/pause"); n != 1 {
		t.Errorf("any-method count %d", n)
	}
	reqs := e.s.Requests()
	if len(reqs) != 4 || reqs[0].Query.Get("additional_types") != "episode" || !reqs[0].Time.Equal(e.clock.Now()) || reqs[3].Status != 204 {
		t.Errorf("log %+v", reqs)
	}
}

// TestConcurrentUse runs requests and knobs together for the race detector.
func TestConcurrentUse(t *testing.T) {
	e := newEnv(t, Options{Now: time.Now})
	tok := e.token()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				paths := []string{cpPath + "?additional_types=episode", "/v1/me/player", "/v1/me/player/devices"}
				req, _ := http.NewRequest("GET", e.ts.URL+paths[j%len(paths)], nil)
				req.Header.Set("Authorization", "Bearer "+tok)
				if resp, err := http.DefaultClient.Do(req); err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				if j%5 == 0 {
					req, _ := http.NewRequest("POST", e.ts.URL+"/v1/me/player/next", nil)
					req.Header.Set("Authorization", "Bearer "+tok)
					if resp, err := http.DefaultClient.Do(req); err == nil {
						resp.Body.Close()
					}
				}
			}
		}(i)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for j := 0; j < 50; j++ {
			e.s.Pause()
			e.s.Play()
			e.s.Seek(j * 100)
			e.s.SetOverride("")
			e.s.SetActiveDevice(j%7 != 0)
			e.s.FailNext(Failure{Path: "/v1/me/player/devices", Status: 503})
			_ = e.s.Requests()
			_ = e.s.Violations()
			_, _, _ = e.s.Current()
			_ = e.s.Devices()
		}
		e.s.SetActiveDevice(true)
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		for j := 0; j < 10; j++ {
			resp, err := http.Get(e.ts.URL + "/images/" + DemoPlaylist()[j%3].AlbumID + "-300.jpg")
			if err == nil {
				resp.Body.Close()
			}
		}
	}()
	wg.Wait()
	if e.s.RequestCount("GET", cpPath) == 0 {
		t.Error("no requests logged")
	}
	if v := e.s.Violations(); len(v) != 0 {
		t.Errorf("violations %q", v)
	}
}
