package ui

import (
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/spotui/spotui/ui/theme"
)

// TestPaintMatchesRender: a ready-made style gives exactly what lipgloss's
// Render gives, for every style drawn on a tick (here and in the lyrics
// panel), profile and background, and for text it cannot pre-wrap
// (newlines, tabs) too.
func TestPaintMatchesRender(t *testing.T) {
	texts := []string{"▶", "⏸", "○", "♥", "0:05", "1:02:03 / 4:10", "━━━━━", "─", "Playing from a playlist",
		"雨の日のワルツ", "M", "MM", "a\tb", "two\nlines", " edge ", "", "Paper lanterns on the wa…"}
	for _, prof := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI, termenv.Ascii} {
		for _, dark := range []bool{true, false} {
			s := NewStyles(theme.New(dark, prof, nil))
			p := s.paint
			ly := lyricsStyles(&s)
			for name, pair := range map[string]struct {
				p  theme.Paint
				st lipgloss.Style
			}{
				"playing": {p.playing, s.Playing}, "paused": {p.paused, s.Paused},
				"stale": {p.stale, s.Stale}, "time": {p.time, s.Time},
				"barFull": {p.barFull, s.BarFull}, "barEmpty": {p.barEmpty, s.BarEmpty},
				"faint":         {p.faint, s.Faint},
				"lyric.current": {theme.NewPaint(ly.Current), ly.Current},
				"lyric.near":    {theme.NewPaint(ly.Near), ly.Near},
			} {
				if !pair.p.Ready() {
					t.Errorf("profile %v dark %v: %s is not made ready (every call would go through Render)", prof, dark, name)
				}
				for _, txt := range texts {
					if got, want := pair.p.Render(txt), pair.st.Render(txt); got != want {
						t.Errorf("profile %v dark %v %s(%q) = %q, Render gives %q", prof, dark, name, txt, got, want)
					}
				}
			}
		}
	}
}

// BenchmarkProgressLine is the part of a tick that restyles the clock.
func BenchmarkProgressLine(b *testing.B) {
	m := Model{styles: ptrTo(DefaultStyles())}
	k := progressKey{icon: iconPlaying, left: "1:23", right: "4:10", barW: 60, filled: 20}
	for b.Loop() {
		_ = m.drawProgress(k)
	}
}

func ptrTo[T any](v T) *T { return &v }
