package lyricspanel

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/spotui/spotui/lyrics"
)

// Marks that survive a plain render, so tests can see which line is current.
func testStyles() Styles {
	return Styles{
		Current: lipgloss.NewStyle().Transform(func(s string) string { return "> " + s }),
		Near:    lipgloss.NewStyle().Transform(func(s string) string { return "  " + s }),
		Faint:   lipgloss.NewStyle(),
	}
}

type finder struct {
	l     lyrics.Lyrics
	found bool
	err   error
	calls int
}

func (f *finder) Find(context.Context, lyrics.Track) (lyrics.Lyrics, bool, error) {
	f.calls++
	return f.l, f.found, f.err
}

var song = lyrics.Lyrics{Synced: lyrics.ParseLRC(
	"[00:01.00]one\n[00:03.00]two\n[00:05.00]\n[00:07.00]four\n[00:09.00]five\n[00:11.00]six\n", func(s string) string { return s })}

func loaded(t *testing.T, f *finder) Model {
	t.Helper()
	m := New(DefaultKeyMap(), testStyles())
	m, cmd := m.SetTrack(context.Background(), f, &lyrics.Track{Title: "t", Artists: []string{"a"}, Duration: time.Minute})
	if cmd == nil {
		t.Fatal("no look-up for a new track")
	}
	m, _ = m.Update(cmd())
	return m
}

func current(lines []string) string {
	for _, l := range lines {
		if s, ok := strings.CutPrefix(ansi.Strip(l), "> "); ok {
			return s
		}
	}
	return ""
}

func TestHighlightedLineFollowsProgressAndOffset(t *testing.T) {
	tests := []struct {
		name   string
		keys   string // runes typed first
		pos    time.Duration
		want   string
		wake   time.Duration
		wakeOK bool
	}{
		{"before the first line", "", 500 * time.Millisecond, "", 500 * time.Millisecond, true},
		{"on a timestamp", "", 3 * time.Second, "two", 2 * time.Second, true},
		{"between lines", "", 4*time.Second + 900*time.Millisecond, "two", 100 * time.Millisecond, true},
		{"a break shows a note", "", 5500 * time.Millisecond, "♪", 1500 * time.Millisecond, true},
		{"a seek far ahead", "", 11 * time.Second, "six", 0, false},
		{"] delays by 0.5 s", "]", 3200 * time.Millisecond, "one", 300 * time.Millisecond, true},
		{"]] delays by 1 s", "]]", 3900 * time.Millisecond, "one", 100 * time.Millisecond, true},
		{"[ advances by 0.5 s", "[", 2600 * time.Millisecond, "two", 1900 * time.Millisecond, true},
		{"[ then ] cancel", "[]", 2900 * time.Millisecond, "one", 100 * time.Millisecond, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := loaded(t, &finder{l: song, found: true})
			for _, r := range tt.keys {
				var handled bool
				m, handled = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
				if !handled {
					t.Fatalf("%q not handled", r)
				}
			}
			if got := current(m.View(30, 5, tt.pos)); got != tt.want {
				t.Errorf("current line = %q, want %q", got, tt.want)
			}
			wake, ok := m.NextWake(tt.pos)
			if wake != tt.wake || ok != tt.wakeOK {
				t.Errorf("NextWake = %v, %v; want %v, %v", wake, ok, tt.wake, tt.wakeOK)
			}
			if ok {
				// The wake-up lands exactly on the next line.
				after := m.View(30, 5, tt.pos+wake)
				before := m.View(30, 5, tt.pos+wake-time.Millisecond)
				if current(after) == current(before) {
					t.Errorf("the line did not change at the wake-up (%q)", current(after))
				}
			}
			if tt.keys != "" && !strings.Contains(strings.Join(m.View(30, 5, tt.pos), "\n"), "lyrics ") && m.Offset() != 0 {
				t.Error("a non-zero offset is not shown")
			}
		})
	}
}

func TestViewCentresOnCurrentLineAndFits(t *testing.T) {
	m := loaded(t, &finder{l: song, found: true})
	lines := m.View(10, 3, 7*time.Second) // "four" is current
	plain := make([]string, len(lines))
	for i, l := range lines {
		plain[i] = ansi.Strip(l)
		if w := ansi.StringWidth(l); w > 10 {
			t.Errorf("line %d is %d wide", i, w)
		}
	}
	want := []string{"  ♪", "> four", "  five"}
	if strings.Join(plain, "|") != strings.Join(want, "|") {
		t.Errorf("view = %q, want %q", plain, want)
	}
	if got := len(m.View(10, 20, 7*time.Second)); got != len(song.Synced) {
		t.Errorf("tall panel shows %d lines, want all %d", got, len(song.Synced))
	}
}

func TestStatesShowQuietNotes(t *testing.T) {
	tests := []struct {
		name  string
		f     *finder
		width int
		want  string
	}{
		{"miss", &finder{}, 40, "no lyrics found"},
		{"instrumental", &finder{l: lyrics.Lyrics{Instrumental: true}, found: true}, 40, "♪ instrumental"},
		{"plain wraps", &finder{l: lyrics.Lyrics{Plain: "a long line of plain words"}, found: true}, 10, "a long\nline of\nplain\nwords"},
		{"failure is not a miss", &finder{err: errors.New("dial tcp: no route")}, 40, "lyrics unavailable right now"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := loaded(t, tt.f)
			got := ansi.Strip(strings.Join(m.View(tt.width, 6, 0), "\n"))
			got = strings.ReplaceAll(got, "  ", "")
			if !strings.Contains(got, tt.want) {
				t.Errorf("view = %q, want %q in it", got, tt.want)
			}
			if _, ok := m.NextWake(0); ok {
				t.Error("a panel without synced lines asks to be woken")
			}
		})
	}
}

func TestLoadingShowsNothingAndHiddenShowsNothing(t *testing.T) {
	m := New(DefaultKeyMap(), testStyles())
	m, _ = m.SetTrack(context.Background(), &finder{}, &lyrics.Track{Title: "x"})
	if v := m.View(20, 5, 0); len(v) != 0 {
		t.Errorf("loading shows %q", v)
	}
	m = loaded(t, &finder{l: song, found: true})
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'y'}})
	if m.Visible() || len(m.View(20, 5, 3*time.Second)) != 0 {
		t.Error("y did not hide the lyrics")
	}
	if _, ok := m.NextWake(0); ok {
		t.Error("hidden lyrics still wake the UI")
	}
}

func TestSetTrackAsksOncePerTrackAndDropsStaleAnswers(t *testing.T) {
	f := &finder{l: song, found: true}
	m := New(DefaultKeyMap(), testStyles())
	a := &lyrics.Track{Title: "a"}
	m, cmd := m.SetTrack(context.Background(), f, a)
	if _, again := m.SetTrack(context.Background(), f, a); again != nil {
		t.Error("the same track was looked up twice")
	}
	stale := cmd()
	m, _ = m.SetTrack(context.Background(), f, &lyrics.Track{Title: "b"})
	m, _ = m.Update(stale)
	if m.HasSynced() {
		t.Error("track a's answer was shown for track b")
	}
	if m2, c := m.SetTrack(context.Background(), nil, a); c != nil || m2.HasSynced() {
		t.Error("with lyrics off (no finder) nothing is asked")
	}
}

func TestWheelScrollsPlainLyricsOnly(t *testing.T) {
	m := loaded(t, &finder{l: lyrics.Lyrics{Plain: "one\ntwo\nthree\nfour\nfive"}, found: true})
	first := func(m Model) string { return strings.TrimSpace(ansi.Strip(m.View(20, 2, 0)[0])) }
	if got := first(m); got != "one" {
		t.Fatalf("top = %q", got)
	}
	if got := first(m.Scroll(2)); got != "three" {
		t.Errorf("after 2 down: %q", got)
	}
	if got := first(m.Scroll(99)); got != "four" {
		t.Errorf("scrolled past the end: %q, want the last page to start at four", got)
	}
	if got := first(m.Scroll(-5)); got != "one" {
		t.Errorf("scrolled above the top: %q", got)
	}
	synced := loaded(t, &finder{l: song, found: true})
	if a, b := synced.View(20, 3, 3*time.Second), synced.Scroll(3).View(20, 3, 3*time.Second); strings.Join(a, "") != strings.Join(b, "") {
		t.Error("synced lyrics scrolled")
	}
}

func TestSyncedIsTheLoadedLinesOnly(t *testing.T) {
	if got := loaded(t, &finder{l: song, found: true}).Synced(); len(got) != len(song.Synced) || &got[0] != &song.Synced[0] {
		t.Errorf("Synced = %v, want the loaded slice itself (its identity tells a change)", got)
	}
	plain := loaded(t, &finder{l: lyrics.Lyrics{Plain: "words"}, found: true})
	miss := loaded(t, &finder{})
	cleared, _ := loaded(t, &finder{l: song, found: true}).SetTrack(context.Background(), nil, nil)
	for name, m := range map[string]Model{"plain": plain, "miss": miss, "cleared": cleared} {
		if got := m.Synced(); got != nil {
			t.Errorf("%s: Synced = %v, want nil", name, got)
		}
	}
}
