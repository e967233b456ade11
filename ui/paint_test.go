package ui

import (
	"testing"

	"github.com/muesli/termenv"
	"github.com/spotui/spotui/ui/theme"
)

// TestPaintMatchesRender: a paint gives exactly what lipgloss's Render
// gives, for every tick-drawn style, profile and background, and for text
// it cannot pre-wrap (newlines, tabs) too.
func TestPaintMatchesRender(t *testing.T) {
	texts := []string{"▶", "⏸", "○", "♥", "0:05", "1:02:03 / 4:10", "━━━━━", "─", "Playing from a playlist",
		"雨の日のワルツ", "M", "MM", "a\tb", "two\nlines", " edge ", ""}
	for _, prof := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI, termenv.Ascii} {
		for _, dark := range []bool{true, false} {
			s := NewStyles(theme.New(dark, prof, nil))
			p := s.paint
			for name, pair := range map[string]struct {
				p paint
				r func(...string) string
			}{
				"playing": {p.playing, s.Playing.Render}, "paused": {p.paused, s.Paused.Render},
				"stale": {p.stale, s.Stale.Render}, "time": {p.time, s.Time.Render},
				"barFull": {p.barFull, s.BarFull.Render}, "barEmpty": {p.barEmpty, s.BarEmpty.Render},
				"faint": {p.faint, s.Faint.Render},
			} {
				if !pair.p.ok {
					t.Errorf("profile %v dark %v: %s has no pre-made codes", prof, dark, name)
				}
				for _, txt := range texts {
					if got, want := pair.p.text(txt), pair.r(txt); got != want {
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
