package lyrics

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/spotui/spotui/internal/clocktest"
	"github.com/spotui/spotui/internal/fakelrclib"
)

const testUA = "spotui/test (https://github.com/spotui/spotui)"

// newFake serves the demo records on a loopback port, with a test clock.
func newFake(t *testing.T) (*fakelrclib.Server, string, *clocktest.Clock) {
	t.Helper()
	clk := clocktest.New(time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC))
	srv := fakelrclib.New(nil, clk.Now)
	base, err := srv.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	t.Cleanup(func() {
		if v := srv.Violations(); len(v) > 0 {
			t.Errorf("the fake saw violations: %v", v)
		}
	})
	return srv, base, clk
}

func newClient(base string, clk *clocktest.Clock) *Client {
	return NewClient(ClientOptions{BaseURL: base, UserAgent: testUA, Now: clk.Now, Timeout: 5 * time.Second})
}

// paths lists what the fake received, "get:<artist>" or "search".
func paths(reqs []fakelrclib.Request) []string {
	var out []string
	for _, r := range reqs {
		switch r.Path {
		case "/api/get":
			out = append(out, "get:"+r.Query.Get("artist_name"))
		default:
			out = append(out, strings.TrimPrefix(r.Path, "/api/"))
		}
	}
	return out
}

func TestLookupOrder(t *testing.T) {
	tests := []struct {
		name      string
		track     Track
		wantPaths []string
		found     bool
		synced    bool
		instr     bool
	}{
		{"full credit hits first",
			Track{"Paper Lanterns", []string{"The Velvet Orchards"}, "Harbour Lights", 61 * time.Second},
			[]string{"get:The Velvet Orchards"}, true, true, false},
		{"primary artist after the full credit",
			Track{"Night Bus to Nowhere", []string{"Mira Calloway", "DJ Fennec"}, "Late Departures", 95 * time.Second},
			[]string{"get:Mira Calloway, DJ Fennec", "get:Mira Calloway"}, true, true, false},
		{"search when both gets miss",
			Track{"Café au lait sous la pluie (雨の日のワルツ) — Extended Midnight Mix", []string{"Élodie Marchand"}, "Saisons / 季節", 143 * time.Second},
			[]string{"get:Élodie Marchand", "search"}, true, false, false},
		{"instrumental",
			Track{"Static Bloom", []string{"Ghost Radio", "Kaito Mori"}, "Signal & Noise", 45 * time.Second},
			[]string{"get:Ghost Radio, Kaito Mori", "get:Ghost Radio"}, true, false, true},
		{"a miss costs three requests at most",
			Track{"Tidewater", []string{"Juniper Vale", "Someone Else"}, "Low Country Songs", 200 * time.Second},
			[]string{"get:Juniper Vale, Someone Else", "get:Juniper Vale", "search"}, false, false, false},
		{"duration within ±2 s matches",
			Track{"Paper Lanterns", []string{"The Velvet Orchards"}, "Harbour Lights", 62*time.Second + 900*time.Millisecond},
			[]string{"get:The Velvet Orchards"}, true, true, false},
		{"duration 4 s off: get misses, search finds the closest",
			Track{"Paper Lanterns", []string{"The Velvet Orchards"}, "Harbour Lights", 65 * time.Second},
			[]string{"get:The Velvet Orchards", "search"}, true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, base, clk := newFake(t)
			l, found, err := newClient(base, clk).Lookup(context.Background(), tt.track)
			if err != nil {
				t.Fatal(err)
			}
			if got := paths(srv.Requests()); strings.Join(got, "|") != strings.Join(tt.wantPaths, "|") {
				t.Errorf("requests = %q, want %q", got, tt.wantPaths)
			}
			if found != tt.found || (len(l.Synced) > 0) != tt.synced || l.Instrumental != tt.instr {
				t.Errorf("found=%v synced=%d instrumental=%v; want %v %v %v", found, len(l.Synced), l.Instrumental, tt.found, tt.synced, tt.instr)
			}
			if tt.found && !l.Found() {
				t.Error("found lyrics report nothing to show")
			}
			for _, r := range srv.Requests() {
				if r.UserAgent != testUA {
					t.Errorf("User-Agent %q, want %q", r.UserAgent, testUA)
				}
				if r.Path == "/api/get" && r.Query.Get("duration") == "" {
					t.Error("get without a duration")
				}
			}
		})
	}
}

func TestLookup429BlocksEveryRequestUntilRetryAfter(t *testing.T) {
	srv, base, clk := newFake(t)
	srv.Fail(fakelrclib.Failure{Status: http.StatusTooManyRequests, RetryAfter: 30})
	c := newClient(base, clk)
	tr := Track{"Paper Lanterns", []string{"The Velvet Orchards"}, "Harbour Lights", 61 * time.Second}

	_, _, err := c.Lookup(context.Background(), tr)
	var le *Error
	if !errors.As(err, &le) || le.Status != 429 || le.RetryAfter != 30*time.Second {
		t.Fatalf("err = %v, want a 429 with Retry-After 30s", err)
	}
	clk.Advance(29 * time.Second)
	_, _, err = c.Lookup(context.Background(), tr)
	var rl *RateLimitedError
	if !errors.As(err, &rl) || rl.Wait != time.Second {
		t.Fatalf("inside the window err = %v, want RateLimitedError with 1s left", err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Fatalf("%d requests reached the fake, want 1 (nothing inside the window)", n)
	}
	clk.Advance(time.Second)
	if _, found, err := c.Lookup(context.Background(), tr); err != nil || !found {
		t.Fatalf("after the window: found=%v err=%v", found, err)
	}
}

func TestServiceCachesHitsAndMissesAcrossRestarts(t *testing.T) {
	srv, base, clk := newFake(t)
	dir := t.TempDir()
	hit := Track{"Paper Lanterns", []string{"The Velvet Orchards"}, "Harbour Lights", 61 * time.Second}
	miss := Track{"Tidewater", []string{"Juniper Vale"}, "Low Country Songs", 200 * time.Second}
	newSvc := func() *Service { return NewService(newClient(base, clk), NewCache(dir, clk.Now, ident, 0)) }

	s := newSvc()
	l1, found, err := s.Find(context.Background(), hit)
	if err != nil || !found {
		t.Fatalf("first find: %v %v", found, err)
	}
	if _, found, err := s.Find(context.Background(), miss); err != nil || found {
		t.Fatalf("miss: %v %v", found, err)
	}
	before := len(srv.Requests())

	s = newSvc() // a restart: only the disk remains
	l2, found, err := s.Find(context.Background(), hit)
	if err != nil || !found || len(l2.Synced) != len(l1.Synced) || l2.Synced[3] != l1.Synced[3] {
		t.Fatalf("cached hit differs: %v %v %d lines", found, err, len(l2.Synced))
	}
	if _, found, _ := s.Find(context.Background(), miss); found {
		t.Fatal("cached miss became a hit")
	}
	if n := len(srv.Requests()); n != before {
		t.Fatalf("a restart sent %d requests for cached tracks", n-before)
	}

	clk.Advance(25 * time.Hour) // misses expire after a day; hits don't
	before = len(srv.Requests())
	_, _, _ = s.Find(context.Background(), miss) // the same run: its memory expires misses too
	if n := len(srv.Requests()); n == before {
		t.Fatalf("an expired miss in memory was not asked for again")
	}
	clk.Advance(25 * time.Hour) // and the miss just written expires on disk too
	s = newSvc()
	before = len(srv.Requests())
	_, _, _ = s.Find(context.Background(), hit)
	if n := len(srv.Requests()); n != before {
		t.Fatalf("an old hit was asked for again")
	}
	_, _, _ = s.Find(context.Background(), miss)
	if n := len(srv.Requests()); n == before {
		t.Fatalf("an expired miss was not asked for again")
	}
}

func TestServiceSpendsAtMostThreeRequestsPerTrack(t *testing.T) {
	srv, base, clk := newFake(t)
	srv.Fail(fakelrclib.Failure{Status: http.StatusServiceUnavailable, Count: 100})
	s := NewService(newClient(base, clk), NewCache("", clk.Now, ident, 0))
	tr := Track{"Paper Lanterns", []string{"The Velvet Orchards"}, "Harbour Lights", 61 * time.Second}
	var last error
	for range 10 {
		_, _, last = s.Find(context.Background(), tr)
	}
	if !errors.Is(last, ErrBudget) {
		t.Fatalf("last error = %v, want ErrBudget", last)
	}
	if n := len(srv.Requests()); n != maxRequests {
		t.Fatalf("%d requests for one track, want %d", n, maxRequests)
	}
}

func TestCacheIgnoresHostileFiles(t *testing.T) {
	clk := clocktest.New(time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC))
	dir := t.TempDir()
	c := NewCache(dir, clk.Now, func(s string) string { return strings.ReplaceAll(s, "\x1b", "") }, 0)
	tr := Track{Title: "x"}
	if err := c.Put(tr, Lyrics{Synced: []Line{{ms(5), "a\x1bb"}, {ms(1), "z"}}}, true); err != nil {
		t.Fatal(err)
	}
	l, found, ok := c.Get(tr)
	if !ok || !found || l.Synced[0].Text != "z" || l.Synced[1].Text != "ab" {
		t.Fatalf("got %+v", l)
	}
}

func TestCachePrunesOldest(t *testing.T) {
	clk := clocktest.New(time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC))
	dir := t.TempDir()
	c := NewCache(dir, clk.Now, ident, 5)
	for i := range 12 {
		if err := c.Put(Track{Title: strings.Repeat("t", i+1)}, Lyrics{Plain: "x"}, true); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for i := range 12 {
		if _, _, ok := c.Get(Track{Title: strings.Repeat("t", i+1)}); ok {
			n++
		}
	}
	if n != 5 {
		t.Fatalf("%d entries kept, want 5", n)
	}
}
