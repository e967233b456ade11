package cli

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/spotui/spotui/config"
	"github.com/spotui/spotui/internal/fakelrclib"
	"github.com/spotui/spotui/internal/nowstate"
)

// lyricsAsked counts the requests the lyrics service received.
func (w *world) lyricsAsked() int { return len(w.lrc.Requests()) }

func TestNowLyricFromTheLyricsServiceOncePerTrack(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	w.clock.Advance(5 * time.Second) // the first line is sung from 0:03, the second from 0:07
	const format = "{{.Title}}: {{.Lyric}} / {{.NextLyric}}"
	const want = "Paper Lanterns: Paper lanterns on the water / Drifting out past the harbour wall\n"
	for run := 1; run <= 2; run++ {
		code, out, errOut := w.run("now", "--format", format)
		if code != ExitOK || errOut != "" || out != want {
			t.Fatalf("run %d: exit %d, stdout %q, stderr %q; want %q", run, code, out, errOut, want)
		}
	}
	// One request, the full credit; the second run read the disk cache.
	reqs := w.lrc.Requests()
	if len(reqs) != 1 || reqs[0].Path != "/api/get" {
		t.Fatalf("the lyrics service got %d requests (%v), want one /api/get", len(reqs), reqs)
	}
	q := reqs[0].Query
	if q.Get("track_name") != "Paper Lanterns" || q.Get("artist_name") != "The Velvet Orchards" ||
		q.Get("album_name") != "Harbour Lights" || q.Get("duration") == "" || len(q) != 4 {
		t.Errorf("the look-up sent %v: want title, artists, album and duration, nothing else", q)
	}
	if n := w.fake.RequestCount("GET", "/v1/me/player"); n != 2 {
		t.Errorf("%d player requests for two runs, want 2", n)
	}
}

func TestNowAsksForLyricsOnlyWhenTheFormatShowsThem(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		setup func(w *world)
		want  string
	}{
		{"default format", []string{"now"}, nil, "The Velvet Orchards – Paper Lanterns\n"},
		{"format without lyrics", []string{"now", "--format", "{{.Title}}"}, nil, "Paper Lanterns\n"},
		{"json", []string{"now", "--json", "--format", ""}, nil, ""},
		{"lyrics off", []string{"now", "--format", "{{.Title}}:{{.Lyric}}"},
			func(w *world) { w.vars[config.EnvLyrics] = "off" }, "Paper Lanterns:\n"},
		{"an episode", []string{"now", "--format", "{{.Title}}:{{.Lyric}}"},
			func(w *world) { w.fake.SetIndex(3) }, "Ep. 42 — Why Do Songs Get Stuck in Your Head?:\n"},
		{"the service fails: the rest still prints", []string{"now", "--format", "{{.Title}}:{{.NextLyric}}"},
			func(w *world) { w.lrc.Fail(fakelrclib.Failure{Status: http.StatusServiceUnavailable, Count: 3}) }, "Paper Lanterns:\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			w.login(time.Now().Add(time.Hour))
			if tt.setup != nil {
				tt.setup(w)
			}
			code, out, errOut := w.run(tt.args...)
			if code != ExitOK || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			if tt.want != "" && out != tt.want {
				t.Errorf("stdout %q, want %q", out, tt.want)
			}
			asked := w.lyricsAsked()
			if strings.HasPrefix(tt.name, "the service fails") {
				if asked == 0 {
					t.Error("the lyrics service was never asked")
				}
				return
			}
			if asked != 0 {
				t.Errorf("the lyrics service got %d requests, want none", asked)
			}
		})
	}
}

func TestLyricsPrintsTheTrackPlaying(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
	}{{"plain", []string{"lyrics"}}, {"lrc", []string{"lyrics", "--lrc"}}} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			w.login(time.Now().Add(time.Hour))
			code, out, errOut := w.run(tt.args...)
			if code != ExitOK || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			golden.RequireEqual(t, []byte(out))
			if n := len(w.fake.Requests()); n != 1 {
				t.Errorf("Spotify got %d requests, want one", n)
			}
		})
	}
}

func TestLyricsCommandCases(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		setup    func(w *world)
		code     int
		stdout   string // prefix ("" : nothing printed)
		stderr   string // part of the message ("" : none)
		maxAsked int    // requests the lyrics service may get
	}{
		{"primary artist", []string{"lyrics"}, func(w *world) { w.fake.SetIndex(1) }, ExitOK,
			"Top deck, front seat, city in the glass\n", "", 2},
		{"plain lyrics", []string{"lyrics"}, func(w *world) { w.fake.SetIndex(2) }, ExitOK,
			"Une tasse entre les mains\nLa pluie écrit sur le chemin\n\n雨の日のワルツ\n", "", 3},
		{"plain lyrics as LRC", []string{"lyrics", "--lrc"}, func(w *world) { w.fake.SetIndex(2) }, ExitFailure,
			"", "only unsynced lyrics exist", 3},
		{"an instrumental", []string{"lyrics"}, func(w *world) { w.fake.SetIndex(4) }, ExitFailure,
			"", `"Static Bloom" is an instrumental`, 3},
		{"none found", []string{"lyrics"}, func(w *world) { w.fake.SetIndex(5) }, ExitFailure,
			"", `no lyrics found for "Tidewater"`, 3},
		{"an episode", []string{"lyrics"}, func(w *world) { w.fake.SetIndex(3) }, ExitFailure,
			"", "an episode is playing", 0},
		{"nothing playing", []string{"lyrics"}, func(w *world) { w.fake.SetActiveDevice(false) }, ExitFailure,
			"", "nothing is playing", 0},
		{"lyrics off", []string{"lyrics"}, func(w *world) { w.vars[config.EnvLyrics] = "off" }, ExitUsage,
			"", `lyrics are off`, 0},
		{"the service fails", []string{"lyrics"},
			func(w *world) { w.lrc.Fail(fakelrclib.Failure{Status: http.StatusInternalServerError, Count: 3}) }, ExitUsage,
			"", `couldn't get the lyrics of "Paper Lanterns"`, 3},
		{"rate limited", []string{"lyrics"},
			func(w *world) { w.lrc.Fail(fakelrclib.Failure{Status: http.StatusTooManyRequests, RetryAfter: 30}) }, ExitUsage,
			"", "the lyrics service is rate limiting spotui: try again in 30s", 1},
		{"not logged in", []string{"lyrics"}, func(w *world) { w.env.TokenFile += ".missing" }, ExitUsage,
			"", "not logged in: run `spotui login`", 0},
		{"a bad flag", []string{"lyrics", "--sync"}, nil, ExitUsage, "", "-sync", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			w.login(time.Now().Add(time.Hour))
			if tt.setup != nil {
				tt.setup(w)
			}
			code, out, errOut := w.run(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, errOut)
			}
			if !strings.HasPrefix(out, tt.stdout) || (tt.stdout == "" && out != "") {
				t.Errorf("stdout %q, want it to start with %q", out, tt.stdout)
			}
			if !strings.Contains(errOut, tt.stderr) || (tt.stderr == "" && errOut != "") {
				t.Errorf("stderr %q, want %q", errOut, tt.stderr)
			}
			if n := w.lyricsAsked(); n > tt.maxAsked {
				t.Errorf("the lyrics service got %d requests, want at most %d", n, tt.maxAsked)
			}
		})
	}
}

func TestLyricsUsage(t *testing.T) {
	w := newWorld(t)
	code, out, _ := w.run("lyrics", "--help")
	if code != ExitOK || !strings.Contains(out, "Usage: spotui lyrics [--lrc]") || !strings.Contains(out, "lrclib.net") {
		t.Errorf("exit %d, help %q", code, out)
	}
}

func TestFollowPrintsWhenTheNextLyricChanges(t *testing.T) {
	const format = "{{.Title}} → {{.NextLyric}}"
	tmpl, err := parseFormat(format)
	if err != nil {
		t.Fatal(err)
	}
	f := newFeed(outText, tmpl, format) // .NextLyric alone counts as showing lyrics
	s := at("B", true, 0)
	s.Lyrics = []nowstate.LyricLine{{AtMS: 1_000, Text: "la"}, {AtMS: 5_000, Text: "li"}, {AtMS: 9_000, Text: "lo"}}
	var got []string
	for _, step := range []struct {
		sec   int
		fresh bool // a new state arrives (else the lyric timer fired)
	}{{2, true}, {3, false}, {6, false}, {10, false}} {
		now := tf0.Add(time.Duration(step.sec) * time.Second)
		var line string
		var ok bool
		if step.fresh {
			line, ok, err = f.next(s, now)
		} else {
			line, ok, err = f.tick(now)
		}
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			got = append(got, line)
		}
	}
	want := []string{"B → li", "B → lo", "B → "}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("printed %q, want %q", got, want)
	}
}
