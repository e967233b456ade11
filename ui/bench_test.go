package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spotui/spotui/internal/fakelrclib"
	"github.com/spotui/spotui/lyrics"
)

// benchSizes are the sizes the hot paths are measured at.
var benchSizes = [][2]int{{80, 24}, {120, 40}, {160, 48}}

// benchLyrics serves the demo's lyrics from a fake LRCLIB on the world's
// clock, so a benchmark's frame has synced lyrics on it.
func benchLyrics(b testing.TB) func(*Deps) {
	return func(d *Deps) {
		srv := fakelrclib.New(nil, d.Auth.Now)
		base, err := srv.Start()
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = srv.Close() })
		client := lyrics.NewClient(lyrics.ClientOptions{BaseURL: base, UserAgent: "spotui/bench (x)", Now: d.Auth.Now})
		d.Lyrics = lyrics.NewService(client, lyrics.NewCache("", d.Auth.Now, nil, 0))
	}
}

// playingWorld is a world at w×h with a cover and synced lyrics on screen,
// a few seconds into the first demo track.
func playingWorld(b testing.TB, w, h int) *world {
	wd := sized(b, w, h, withArt(""), benchLyrics(b))
	wd.advance(12 * time.Second)
	if f := wd.m.layout(w, h); f.Regions.Lyrics.Empty() || f.Regions.Cover.Empty() {
		b.Fatalf("no lyrics or cover on screen at %dx%d:\n%s", w, h, ansi.Strip(f.String()))
	}
	if !strings.Contains(ansi.Strip(wd.m.View()), "harbour") {
		b.Fatalf("no lyric line on screen:\n%s", ansi.Strip(wd.m.View()))
	}
	return wd
}

// BenchmarkView is one layout pass: the whole frame, cover and lyrics
// included. It runs once per Update (the renderer draws each Update's
// frame), so a tick costs BenchmarkTickUpdate plus this.
func BenchmarkView(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			m := playingWorld(b, size[0], size[1]).m
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

// BenchmarkTickUpdate is the once-a-second model work while a track plays
// with lyrics on screen: the clock moves (View then draws the frame).
func BenchmarkTickUpdate(b *testing.B) {
	m := playingWorld(b, 120, 40).m
	msg := tickMsg{gen: m.tickGen, at: m.now.Add(time.Second)}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = m.Update(msg)
	}
}

// BenchmarkTickFrame is what the app does per tick: Update, the shared
// state's comparison, then the frame's lines for the screen.
func BenchmarkTickFrame(b *testing.B) {
	m := playingWorld(b, 120, 40).m
	msg := tickMsg{gen: m.tickGen, at: m.now.Add(time.Second)}
	prev := m.SharedState()
	b.ReportAllocs()
	for b.Loop() {
		next, _ := m.Update(msg)
		nm := next.(Model)
		if s := nm.SharedState(); !s.Same(prev) {
			prev = s
		}
		_ = nm.Lines()
	}
}
