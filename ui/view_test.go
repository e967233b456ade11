package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/auth"
)

// fixture reads one of api's Spotify-shaped replies (track.json is the
// example from Spotify's guide) as the player state on a speaker.
func fixture(t *testing.T, name string) *api.PlaybackState {
	t.Helper()
	b, err := os.ReadFile("../api/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	ps := api.PlaybackState{Device: api.Device{ID: "d1", Name: "Kitchen", Type: "Speaker", IsActive: true,
		VolumePercent: new(65), SupportsVolume: true}, RepeatState: api.RepeatContext}
	if err := json.Unmarshal(b, &ps.CurrentlyPlaying); err != nil {
		t.Fatal(err)
	}
	return &ps
}

var t0 = time.Date(2026, 11, 23, 20, 0, 0, 0, time.UTC)

// connected is a model showing cp as fetched at t0, with the clock at t0+after.
func connected(cp *api.PlaybackState, after time.Duration) Model {
	now := t0.Add(after)
	m := New(Deps{Auth: auth.Config{ClientID: "x", RedirectURI: auth.DefaultRedirectURI}, Store: auth.NewStore("/home/u/.config/spotui/token.json"),
		Now: func() time.Time { return now }})
	m.state, m.sess, m.np, m.haveState = stateConnected, &session{}, cp, true
	m.fetchedAt, m.now = t0, t0.Add(after)
	m.ticking = m.playing() // as in the app, where the answer started the tick
	return m
}

// goldenStates are the screens every size must get right.
func goldenStates(t *testing.T) map[string]func(t *testing.T) Model {
	loginURL := "http://127.0.0.1:4000/authorize?client_id=0123456789abcdef0123456789abcdef&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&redirect_uri=http%3A%2F%2F127.0.0.1%3A8974%2Fcallback&response_type=code&scope=user-read-currently-playing&state=abc"
	return map[string]func(t *testing.T) Model{
		"needs_client_id": func(t *testing.T) Model {
			return New(Deps{Auth: auth.Config{RedirectURI: auth.DefaultRedirectURI}})
		},
		"logging_in": func(t *testing.T) Model {
			m := New(Deps{Auth: auth.Config{ClientID: "x"}})
			m.state = stateLoggingIn
			m.login = &loginRun{url: loginURL, redirect: auth.DefaultRedirectURI, browserErr: errors.New("couldn't open a browser (xdg-open not found): open the URL shown")}
			return m
		},
		"logged_out": func(t *testing.T) Model {
			m := New(Deps{Auth: auth.Config{ClientID: "x"}})
			m.state = stateLoggedOut
			return m
		},
		"corrupt_token": func(t *testing.T) Model {
			m := New(Deps{Auth: auth.Config{ClientID: "x"}})
			m.state = stateError
			m.err = &auth.CorruptTokenError{Path: "/home/u/.config/spotui/token.json", Err: errors.New("unexpected end of JSON input")}
			return m
		},
		"playing": func(t *testing.T) Model { return connected(fixture(t, "track.json"), 3500*time.Millisecond) },
		"paused": func(t *testing.T) Model {
			cp := fixture(t, "track.json")
			cp.IsPlaying = false
			return connected(cp, time.Minute) // paused: the clock moving changes nothing
		},
		"episode":         func(t *testing.T) Model { return connected(fixture(t, "episode.json"), 0) },
		"ad":              func(t *testing.T) Model { return connected(fixture(t, "ad.json"), 0) },
		"private_session": func(t *testing.T) Model { return connected(fixture(t, "unknown.json"), 0) },
		"nothing_playing": func(t *testing.T) Model { return connected(nil, 0) },
		"offline": func(t *testing.T) Model {
			m := connected(fixture(t, "track.json"), 10*time.Second)
			m.pollErr, m.frozenAt = &net.OpError{Op: "dial", Err: errors.New("connection refused")}, t0.Add(2*time.Second)
			m.retryAt = m.now.Add(8 * time.Second) // "retrying in 8s"
			return m
		},
		"help": func(t *testing.T) Model {
			m := connected(fixture(t, "track.json"), 0)
			m.helpShown = true
			m.notice, m.noticeErr = "Spotify Premium is required to control playback.", true
			return m
		},
		"picker": func(t *testing.T) Model { return connected(fixture(t, "track.json"), 0) },
		"lyrics": func(t *testing.T) Model {
			m := withPanels(t, connected(fixture(t, "track.json"), 0), &staticFinder{l: goldenLyrics(), found: true})
			m.lyrics, _ = m.lyrics.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{']'}}) // "lyrics +0.5s" shows
			return m
		},
	}
}

// goldenDevices are the picker's devices.
var goldenDevices = []api.Device{
	{ID: "d1", Name: "Kitchen", Type: "Speaker", IsActive: true, VolumePercent: new(65), SupportsVolume: true},
	{ID: "d2", Name: "Living Room TV", Type: "TV"},
	{ID: "d3", Name: "Laptop", Type: "Computer", VolumePercent: new(30), SupportsVolume: true},
	{ID: "d4", Name: "Phone", Type: "Smartphone"},
}

// sizedModel is build's model at w×h, with the picker opened the way the
// app opens it.
func sizedModel(t *testing.T, name string, build func(*testing.T) Model, w, h int) Model {
	m := build(t)
	mm, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m = mm.(Model)
	if name == "picker" {
		m, _ = m.onDevices(devicesMsg{sess: m.sess, devs: goldenDevices})
	}
	return m
}

// The six states the issue names at six sizes, the rest at three.
func TestViewGolden(t *testing.T) {
	all := [][2]int{{20, 5}, {40, 12}, {60, 20}, {80, 24}, {120, 40}, {200, 60}}
	few := [][2]int{{40, 12}, {80, 24}, {120, 40}}
	for name, build := range goldenStates(t) {
		sizes := few
		switch name {
		case "playing", "paused", "episode", "logged_out", "help", "picker", "lyrics":
			sizes = all
		}
		for _, size := range sizes {
			w, h := size[0], size[1]
			t.Run(fmt.Sprintf("%s_%dx%d", name, w, h), func(t *testing.T) {
				out := sizedModel(t, name, build, w, h).View()
				for i, line := range strings.Split(out, "\n") {
					if lw := ansi.StringWidth(line); lw > w {
						t.Errorf("line %d is %d columns wide, terminal is %d: %q", i, lw, w, ansi.Strip(line))
					}
				}
				if n := strings.Count(out, "\n") + 1; n != h {
					t.Errorf("view has %d lines, terminal has %d", n, h)
				}
				golden.RequireEqual(t, []byte(ansi.Strip(out)))
			})
		}
	}
}

func TestViewSurvivesTinyTerminals(t *testing.T) {
	for _, size := range [][2]int{{1, 1}, {5, 2}, {12, 3}, {0, 0}} {
		m := connected(fixture(t, "track.json"), 0)
		mm, _ := m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		out := mm.View()
		if lines := strings.Count(out, "\n") + 1; size[1] > 0 && lines > size[1] {
			t.Errorf("%dx%d: %d lines", size[0], size[1], lines)
		}
	}
}

func TestProgressAdvancesWithTheClockOnlyWhilePlaying(t *testing.T) {
	cp := fixture(t, "track.json") // 46.170 s of 2:31
	for _, tt := range []struct {
		playing bool
		after   time.Duration
		want    string
	}{
		{true, 0, "0:46 "},
		{true, 4 * time.Second, "0:50 "},
		{true, 10 * time.Minute, "2:31 "}, // clamped to the duration
		{false, 10 * time.Second, "0:46 "},
	} {
		c := *cp
		c.IsPlaying = tt.playing
		m := connected(&c, tt.after)
		if got := ansi.Strip(m.viewProgress(60)); !strings.Contains(got, tt.want) || !strings.HasSuffix(got, "2:31") {
			t.Errorf("playing=%v after %v: %q, want %q…2:31", tt.playing, tt.after, got, tt.want)
		}
	}
}

func TestFmtDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0:00", 59 * time.Second: "0:59", 151933 * time.Millisecond: "2:31",
		time.Hour + 2*time.Minute + 3*time.Second: "1:02:03"} {
		if got := fmtDuration(d); got != want {
			t.Errorf("fmtDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestCompactViewFitsATmuxSplit(t *testing.T) {
	for _, h := range []int{1, 2, 3, 7} {
		m := connected(fixture(t, "track.json"), 0)
		mm, _ := m.Update(tea.WindowSizeMsg{Width: 60, Height: h})
		out := ansi.Strip(mm.View())
		lines := strings.Split(out, "\n")
		if len(lines) != h {
			t.Errorf("height %d: %d lines", h, len(lines))
		}
		if !strings.HasPrefix(lines[0], " Yume no Naka e – Cherish") {
			t.Errorf("height %d: first line %q, want the title first", h, lines[0])
		}
		if h >= 3 && !strings.Contains(lines[1], "0:46") {
			t.Errorf("height %d: no progress: %q", h, lines[1])
		}
		if last := lines[h-1]; h >= 2 && (!strings.Contains(last, "q quit") || !strings.Contains(last, "? help")) {
			t.Errorf("height %d: no ? and q: %q", h, last)
		}
		if strings.Contains(mm.View(), "▀") {
			t.Errorf("height %d: a cover in the compact view", h)
		}
	}
	m := connected(fixture(t, "track.json"), 0)
	m.deps.Compact = true
	mm, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if lines := strings.Split(ansi.Strip(mm.View()), "\n"); strings.TrimSpace(lines[3]) != "" {
		t.Errorf("--compact at 24 rows still draws the full view:\n%s", ansi.Strip(mm.View()))
	}
}

func TestWindowTitleFollowsTheItem(t *testing.T) {
	m := live(t, nil)
	m, cmd := update(m, nowPlayingMsg{gen: m.pollGen, cp: fixture(t, "track.json"), at: t0})
	if m.winTitle != "Cherish – Yume no Naka e" || cmd == nil {
		t.Errorf("title %q", m.winTitle)
	}
	m, _ = update(m, nowPlayingMsg{gen: m.pollGen, cp: fixture(t, "track.json"), at: t0})
	if m.winTitle != "Cherish – Yume no Naka e" {
		t.Errorf("title %q", m.winTitle)
	}
}

func TestConfigThemeAndKeys(t *testing.T) {
	m := New(Deps{Auth: auth.Config{ClientID: "x"}, Theme: map[string]string{"accent": "#FF0000"},
		KeyOverrides: map[string][]string{"next": {"j", "n"}, "play_pause": {"space", "k"}}})
	if got := m.styles.Brand.GetForeground(); got != lipgloss.Color("#FF0000") {
		t.Errorf("accent %v", got)
	}
	if h := m.keys.Next.Help(); h.Key != "j" || !slices.Contains(m.keys.Next.Keys(), "n") {
		t.Errorf("next: %v %v", h, m.keys.Next.Keys())
	}
	if !slices.Contains(m.keys.PlayPause.Keys(), " ") {
		t.Errorf("space not mapped: %q", m.keys.PlayPause.Keys())
	}
	lm := live(t, fixture(t, "track.json"))
	lm.keys = new(lm.keys.WithOverrides(map[string][]string{"shuffle": {"z"}}))
	if _, cmd := update(lm, keyMsg("z")); cmd == nil {
		t.Error("the rebound key does nothing")
	}
	if _, cmd := update(lm, keyMsg("s")); cmd != nil {
		t.Error("the old key still acts")
	}
}
