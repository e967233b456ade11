package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/lyrics"
)

// staticFinder answers every look-up with the same lyrics and counts them.
type staticFinder struct {
	l     lyrics.Lyrics
	found bool
	calls int
}

func (f *staticFinder) Find(context.Context, lyrics.Track) (lyrics.Lyrics, bool, error) {
	f.calls++
	return f.l, f.found, nil
}

// goldenLyrics: a made-up song, a line every 7 s, so 0:46 is mid-song.
func goldenLyrics() lyrics.Lyrics {
	var b strings.Builder
	words := []string{"Lanterns over the river", "Counting every light", "", "Somebody sings it slower",
		"Somebody gets it right", "Hold the note a little longer", "Let the chorus find its feet",
		"Every window on the water", "Every echo in the street", "", "Lanterns over the river",
		"Counting every light", "We were almost home by morning", "We were almost out of sight"}
	for i, w := range words {
		t := 4 + 7*i
		fmt.Fprintf(&b, "[%02d:%02d.00]%s\n", t/60, t%60, w)
	}
	return lyrics.Lyrics{Synced: lyrics.ParseLRC(b.String(), func(s string) string { return s })}
}

// goldenQueue is what plays next: tracks and an episode.
func goldenQueue() []api.Item {
	track := func(name, artist string, ms int) api.Item {
		return api.Item{Type: api.TypeTrack, URI: "spotify:track:" + name, Name: name, DurationMS: ms, Artists: []api.Artist{{Name: artist}}}
	}
	return []api.Item{
		track("Harbour Song", "The Velvet Orchards", 201_000),
		track("Late Departures", "Mira Calloway", 187_000),
		{Type: api.TypeEpisode, URI: "spotify:episode:e42", Name: "Ep. 42 — Earworms", DurationMS: 3_725_000, Show: &api.Show{Name: "The Curious Ear"}},
		track("Tidewater", "Juniper Vale", 200_000),
		track("Static Bloom", "Ghost Radio", 45_000),
	}
}

// withPanels is m with the lyrics of f loaded and a known queue.
func withPanels(t *testing.T, m Model, f *staticFinder) Model {
	t.Helper()
	m.deps.Lyrics = f
	var cmd tea.Cmd
	m.lyrics, cmd = m.lyrics.SetTrack(context.Background(), f, m.lyricsTrack())
	if cmd == nil {
		t.Fatal("no look-up for the track")
	}
	m.lyrics, _ = m.lyrics.Update(cmd())
	m.lyricsFor = m.itemURI()
	m.queue, m.queueFor = goldenQueue(), m.itemURI()
	return m
}

func TestPanelsShowLyricsAndUpNext(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := withPanels(t, connected(fixture(t, "track.json"), 0), &staticFinder{l: goldenLyrics(), found: true})
			mm, _ := m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			m = mm.(Model)
			f := m.layout(m.width, m.height)
			if f.Regions.Lyrics.Empty() || f.Regions.UpNext.Empty() {
				t.Fatalf("regions: lyrics %+v up next %+v", f.Regions.Lyrics, f.Regions.UpNext)
			}
			if f.Regions.Lyrics.Y+f.Regions.Lyrics.H > f.Regions.UpNext.Y {
				t.Errorf("lyrics %+v overlap up next %+v", f.Regions.Lyrics, f.Regions.UpNext)
			}
			lyr := regionText(f, f.Regions.Lyrics)
			// At 0:46 the line that started at 0:46 ("Let the chorus…") is sung.
			if !strings.Contains(lyr, "Let the chorus find its feet") {
				t.Errorf("current line missing from the lyrics region:\n%s", lyr)
			}
			next := regionText(f, f.Regions.UpNext)
			if !strings.Contains(next, "Up next") || !strings.Contains(next, "Harbour Song — The Velvet Orchards") {
				t.Errorf("up next region:\n%s", next)
			}
		})
	}
}

// regionText is the plain text of r in f.
func regionText(f Frame, r Rect) string {
	var out []string
	for y := r.Y; y < r.Y+r.H && y < len(f.Lines); y++ {
		line := ansi.Strip(f.Lines[y])
		out = append(out, ansi.Cut(line, r.X, r.X+r.W))
	}
	return strings.Join(out, "\n")
}

func TestCurrentLyricLineIsAccentAndBold(t *testing.T) {
	m := withPanels(t, connected(fixture(t, "track.json"), 0), &staticFinder{l: goldenLyrics(), found: true})
	mm, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = mm.(Model)
	view := m.View()
	cur := "Let the chorus find its feet"
	if got, want := sgrBefore(t, view, cur), sgrBefore(t, m.styles.On.Render(cur), cur); got != want || !strings.HasPrefix(got, "1;") {
		t.Errorf("current line SGR %q, want the accent in bold %q", got, want)
	}
	if got := sgrBefore(t, view, "Hold the note a little longer"); strings.HasPrefix(got, "1;") {
		t.Errorf("a line around it is bold too (%q)", got)
	}
}

func TestNextWakeLandsOnTheNextLyricLine(t *testing.T) {
	m := withPanels(t, connected(fixture(t, "track.json"), 0), &staticFinder{l: goldenLyrics(), found: true})
	mm, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = mm.(Model)
	second := func(m Model) time.Duration { return nextTick(m.elapsed()) }
	line := func(m Model, at time.Duration) time.Duration { return at - m.elapsed() }
	// About 46.2 s in: the next second comes before the line at 53 s.
	if got, want := m.nextWake(), second(m); got != want {
		t.Fatalf("nextWake = %v, want the next second (%v)", got, want)
	}
	// About 52.7 s in: the line at 53 s comes first.
	m.now = t0.Add(6*time.Second + 500*time.Millisecond)
	if got, want := m.nextWake(), line(m, 53*time.Second); got != want || want >= second(m) {
		t.Fatalf("nextWake = %v, want the line at 0:53 (%v)", got, want)
	}
	// ] delays the lyrics by 0.5 s: the line moves to 53.5 s, after the second.
	m2, _ := m.handleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{']'}})
	if got, want := m2.nextWake(), min(second(m2), line(m2, 53500*time.Millisecond)); got != want {
		t.Fatalf("after ]: nextWake = %v, want %v", got, want)
	}
	if !strings.Contains(ansi.Strip(m2.View()), "lyrics +0.5s") {
		t.Error("the offset is not shown")
	}
	// Hidden lyrics wake nothing: only the second remains.
	m3, _ := m.handleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'y'}})
	if got, want := m3.nextWake(), second(m3); got != want {
		t.Fatalf("hidden lyrics: nextWake = %v, want the next second (%v)", got, want)
	}
	if strings.Contains(ansi.Strip(m3.View()), "Let the chorus") {
		t.Error("y did not hide the lyrics")
	}
}

func TestLyricsOffSendsNothingAndHidesTheKeys(t *testing.T) {
	m := connected(fixture(t, "track.json"), 0)
	m, cmd := m.syncPanels()
	if cmd != nil {
		if msg := cmd(); msg != nil {
			if _, ok := msg.(queueMsg); !ok {
				t.Fatalf("with lyrics off a command ran: %T", msg)
			}
		}
	}
	k := m.activeKeys()
	if k.Lyrics.Enabled() || k.LyricsEarly.Enabled() || k.LyricsLate.Enabled() {
		t.Error("lyrics keys enabled with lyrics off")
	}
}

func TestEpisodesAreNeverLookedUp(t *testing.T) {
	f := &staticFinder{l: goldenLyrics(), found: true}
	m := connected(fixture(t, "episode.json"), 0)
	m.deps.Lyrics = f
	m, cmd := m.syncPanels()
	if cmd != nil {
		cmd()
	}
	if f.calls != 0 {
		t.Errorf("an episode was looked up %d times", f.calls)
	}
	mm, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	f2 := mm.(Model).layout(120, 40)
	if got := regionText(f2, f2.Regions.Lyrics); !strings.Contains(got, "We talk about everything.") || !strings.Contains(got, "Second line.") {
		t.Errorf("the episode's description is not in the lyrics region:\n%s", got)
	}
}

// A short playlist on repeat fills the queue with the same items again:
// up next lists one pass, up to where the current item comes round.
func TestUpNextListsOnePass(t *testing.T) {
	m := withPanels(t, connected(fixture(t, "track.json"), 0), &staticFinder{l: goldenLyrics(), found: true})
	one := goldenQueue()
	current := *m.np.Item
	m.queue = append(append(append([]api.Item{}, one...), current), one...)
	mm, _ := m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
	f := mm.(Model).layout(200, 60)
	next := regionText(f, f.Regions.UpNext)
	if n := strings.Count(next, "Harbour Song"); n != 1 {
		t.Errorf("Harbour Song listed %d times:\n%s", n, next)
	}
	if strings.Contains(next, current.Name+" —") {
		t.Errorf("the playing item is listed as up next:\n%s", next)
	}
	if !strings.Contains(next, "Static Bloom") {
		t.Errorf("the first pass is cut short:\n%s", next)
	}
}
