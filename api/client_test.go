package api

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// serveFile answers every request with a testdata file, recording the request.
func serveFile(t *testing.T, name string, got *http.Request) *httptest.Server {
	t.Helper()
	body, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*got = *r.Clone(context.Background())
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestCurrentlyPlayingDecodesSpotifyShapes(t *testing.T) {
	tests := []struct {
		file        string
		wantType    string
		wantTitle   string
		wantSub     string
		wantColl    string
		wantCovers  int
		wantPlaying bool
		wantProg    int
		wantDur     int
		wantNilItem bool
	}{
		{file: "track.json", wantType: TypeTrack, wantTitle: "Yume no Naka e", wantSub: "Cherish",
			wantColl: "Best Collection '75", wantCovers: 3, wantPlaying: true, wantProg: 46170, wantDur: 151933},
		{file: "episode.json", wantType: TypeEpisode, wantTitle: "Episode 42: The Long Answer",
			wantColl: "The Long Show", wantCovers: 2, wantProg: 3723000, wantDur: 5400000},
		{file: "ad.json", wantType: TypeAd, wantNilItem: true, wantPlaying: true, wantProg: 12000},
		{file: "unknown.json", wantType: TypeUnknown, wantNilItem: true, wantPlaying: true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var req http.Request
			srv := serveFile(t, tt.file, &req)
			cp, err := New(srv.URL+"/v1/", srv.Client()).CurrentlyPlaying(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if req.URL.Path != "/v1/me/player/currently-playing" || req.URL.Query().Get("additional_types") != "episode" {
				t.Errorf("request = %s %s, want currently-playing with additional_types=episode", req.Method, req.URL)
			}
			if cp.CurrentlyPlayingType != tt.wantType || cp.IsPlaying != tt.wantPlaying || cp.ProgressMS != tt.wantProg {
				t.Errorf("got type %q playing %v progress %d", cp.CurrentlyPlayingType, cp.IsPlaying, cp.ProgressMS)
			}
			if tt.wantNilItem {
				if cp.Item != nil {
					t.Errorf("item = %+v, want nil", cp.Item)
				}
				return
			}
			it := cp.Item
			if it.Type != tt.wantType || it.Name != tt.wantTitle || it.ArtistNames() != tt.wantSub ||
				it.Collection() != tt.wantColl || len(it.CoverImages()) != tt.wantCovers || it.DurationMS != tt.wantDur {
				t.Errorf("item = %q by %q on %q, %d covers, %d ms", it.Name, it.ArtistNames(), it.Collection(), len(it.CoverImages()), it.DurationMS)
			}
		})
	}
}

func TestTrackDetails(t *testing.T) {
	var req http.Request
	srv := serveFile(t, "track.json", &req)
	cp, err := New(srv.URL, srv.Client()).CurrentlyPlaying(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if cp.Timestamp != 1677716564187 || !cp.Actions.Disallows["resuming"] || cp.Context.Type != "collection" {
		t.Errorf("timestamp %d, disallows %v, context %+v", cp.Timestamp, cp.Actions.Disallows, cp.Context)
	}
	im := cp.Item.CoverImages()[0]
	if im.Width != 640 || im.Height != 640 || !strings.HasPrefix(im.URL, "https://i.scdn.co/image/") {
		t.Errorf("first cover = %+v", im)
	}
	if cp.Item.IsEpisode() || cp.Item.ExternalURLs.Spotify != "https://open.spotify.com/track/0MzEpCmK8RYpsQPkz4mzKy" {
		t.Errorf("item = %+v", cp.Item)
	}
}

func TestNothingPlayingIs204(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	cp, err := New(srv.URL, srv.Client()).CurrentlyPlaying(context.Background())
	if err != nil || cp != nil {
		t.Fatalf("got %v, %v; want nil, nil", cp, err)
	}
}

func TestErrorDecoding(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		header     map[string]string
		body       string
		want       Error
		wantString string
	}{
		{"premium", 403, nil, `{"error":{"status":403,"message":"Player command failed: Premium required","reason":"PREMIUM_REQUIRED"}}`,
			Error{Status: 403, Message: "Player command failed: Premium required", Reason: ReasonPremiumRequired},
			"spotify: 403 Player command failed: Premium required (PREMIUM_REQUIRED)"},
		{"no device", 404, nil, `{"error":{"status":404,"message":"Player command failed: No active device found","reason":"NO_ACTIVE_DEVICE"}}`,
			Error{Status: 404, Message: "Player command failed: No active device found", Reason: ReasonNoActiveDevice}, ""},
		{"expired", 401, nil, `{"error":{"status":401,"message":"The access token expired"}}`,
			Error{Status: 401, Message: "The access token expired"}, "spotify: 401 The access token expired"},
		{"rate limited", 429, map[string]string{"Retry-After": "7"}, `{"error":{"status":429,"message":"API rate limit exceeded"}}`,
			Error{Status: 429, Message: "API rate limit exceeded", RetryAfter: 7 * time.Second}, ""},
		{"string error", 400, nil, `{"error":"invalid_request"}`, Error{Status: 400, Message: "invalid_request"}, ""},
		{"html from a proxy", 502, nil, `<html>Bad Gateway</html>`, Error{Status: 502, Message: "Bad Gateway"}, ""},
		{"empty", 503, map[string]string{"Retry-After": "junk"}, ``, Error{Status: 503, Message: "Service Unavailable"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				for k, v := range tt.header {
					w.Header().Set(k, v)
				}
				w.WriteHeader(tt.status)
				w.Write([]byte(tt.body))
			}))
			defer srv.Close()
			err := New(srv.URL, srv.Client()).Pause(context.Background())
			var got *Error
			if !errors.As(err, &got) {
				t.Fatalf("err = %v (%T), want *api.Error", err, err)
			}
			if *got != tt.want {
				t.Errorf("got %+v, want %+v", *got, tt.want)
			}
			if tt.wantString != "" && got.Error() != tt.wantString {
				t.Errorf("Error() = %q, want %q", got.Error(), tt.wantString)
			}
		})
	}
}

func TestControlsUseSpotifyMethodsAndPaths(t *testing.T) {
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Method+" "+r.URL.Path)
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	c := New(srv.URL+"/v1", srv.Client())
	ctx := context.Background()
	for _, f := range []func(context.Context) error{c.Play, c.Pause, c.Next, c.Previous} {
		if err := f(ctx); err != nil {
			t.Fatal(err)
		}
	}
	want := "PUT /v1/me/player/play,PUT /v1/me/player/pause,POST /v1/me/player/next,POST /v1/me/player/previous"
	if got := strings.Join(seen, ","); got != want {
		t.Errorf("requests = %s\nwant       %s", got, want)
	}
}

func TestUnauthorizedRefreshesOnceAndRetriesOnce(t *testing.T) {
	for _, tt := range []struct {
		name        string
		failures    int32 // 401s before success
		wantErr     bool
		wantCalls   int32
		wantRefresh int32
	}{
		{"recovers", 1, false, 2, 1},
		{"gives up after one retry", 5, true, 2, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var calls, refreshes atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1) <= tt.failures {
					w.WriteHeader(401)
					w.Write([]byte(`{"error":{"status":401,"message":"The access token expired"}}`))
					return
				}
				w.WriteHeader(204)
			}))
			defer srv.Close()
			c := New(srv.URL, srv.Client(), WithRefresher(RefreshFunc(func() error { refreshes.Add(1); return nil })))
			_, err := c.CurrentlyPlaying(context.Background())
			if (err != nil) != tt.wantErr || calls.Load() != tt.wantCalls || refreshes.Load() != tt.wantRefresh {
				t.Errorf("err %v, calls %d, refreshes %d", err, calls.Load(), refreshes.Load())
			}
		})
	}
}

func TestRefreshFailureIsReturned(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(401) }))
	defer srv.Close()
	sentinel := errors.New("session expired")
	c := New(srv.URL, srv.Client(), WithRefresher(RefreshFunc(func() error { return sentinel })))
	if _, err := c.CurrentlyPlaying(context.Background()); !errors.Is(err, sentinel) {
		t.Fatalf("err = %v, want the refresher's error", err)
	}
}

func TestEveryRequestHasATimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	c := New(srv.URL, srv.Client(), WithTimeout(50*time.Millisecond))
	_, err := c.CurrentlyPlaying(context.Background())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a deadline error", err)
	}
}

func TestBadReplyIsTyped(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"timestamp": "yesterday"`))
	}))
	defer srv.Close()
	_, err := New(srv.URL, srv.Client()).CurrentlyPlaying(context.Background())
	var bad *BadReplyError
	if !errors.As(err, &bad) || bad.Path != "/me/player/currently-playing" {
		t.Fatalf("err = %v, want *BadReplyError", err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"5", 5 * time.Second},
		{" 30 ", 30 * time.Second},
		{"0", 0},
		{"-3", 0},
		{"soon", 0},
		{"86400", 24 * time.Hour},
		{"90000", maxRetryAfter},       // over a day: a day
		{"27700000000", maxRetryAfter}, // would overflow a Duration (found by FuzzErrorBody)
		{"99999999999999999999999", maxRetryAfter}, // more than an int64
		{"-99999999999999999999999", 0},
		{"Wed, 21 Oct 2015 07:28:00 GMT", 0}, // a date in the past
		{"Fri, 01 Jan 2100 00:00:00 GMT", maxRetryAfter},
	} {
		if got := parseRetryAfter(tt.in); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
