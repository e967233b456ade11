package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/spotui/spotui/internal/fakespotify"
	"github.com/spotui/spotui/ui/cover"
)

// fresh is m's frame drawn with nothing memoised.
func fresh(m Model) string {
	m.memo = nil
	return m.View()
}

// The memo never shows a stale piece: after every step of a session (the
// clock across seconds and lyric lines, pause, the lyrics keys, a track
// change, a resize, a failed poll) the frame View gives equals the frame
// drawn from scratch.
func TestMemoisedFrameEqualsFreshFrame(t *testing.T) {
	w := playingWorld(t, 120, 40)
	steps := []struct {
		name string
		do   func()
	}{
		{"a third of a second", func() { w.advance(300 * time.Millisecond) }},
		{"another third", func() { w.advance(300 * time.Millisecond) }},
		{"a second", func() { w.advance(time.Second) }},
		{"a lyric line later", func() { w.advance(4 * time.Second) }},
		{"lyrics later", func() { w.key("]") }},
		{"lyrics earlier twice", func() { w.key("["); w.key("[") }},
		{"lyrics hidden", func() { w.key("y") }},
		{"lyrics shown", func() { w.key("y") }},
		{"paused", func() { w.key("space") }},
		{"playing again", func() { w.key("space"); w.advance(1500 * time.Millisecond) }},
		{"next track", func() { w.key("n"); w.advance(cover.ResizeDebounce) }},
		{"narrower", func() { w.send(tea.WindowSizeMsg{Width: 80, Height: 24}); w.advance(cover.ResizeDebounce) }},
		{"wider", func() { w.send(tea.WindowSizeMsg{Width: 160, Height: 48}); w.advance(cover.ResizeDebounce) }},
		{"offline", func() {
			w.fake.FailNext(fakespotify.Failure{Method: "GET", Path: cpPath, Status: 503, Count: 3})
			w.advance(6 * time.Second)
		}},
		{"back online", func() { w.advance(30 * time.Second) }},
		{"help", func() { w.key("?") }},
		{"help closed", func() { w.key("?"); w.key("?"); w.key("?") }},
	}
	prev := ""
	changed := 0
	for _, st := range steps {
		st.do()
		got, want := w.m.View(), fresh(w.m)
		if lines := strings.Join(w.m.Lines(), "\n"); lines != got {
			t.Fatalf("after %s Lines and View differ:\n%s\nView:\n%s", st.name, ansi.Strip(lines), ansi.Strip(got))
		}
		if got != want {
			t.Fatalf("after %s the memoised frame differs from a fresh one:\n%s\nwant:\n%s", st.name, ansi.Strip(got), ansi.Strip(want))
		}
		if got != prev {
			changed++
		}
		prev = got
	}
	// The steps must move the screen, or the test proves nothing.
	if changed < len(steps)-2 {
		t.Errorf("only %d of %d steps changed the frame", changed, len(steps))
	}
}

// Each lyric line change and each second redraws exactly what changed:
// between two frames a tick apart, only the progress line (and at a line
// change, the lyric rows) differ.
func TestTickChangesOnlyTheClockRows(t *testing.T) {
	for _, size := range benchSizes {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			w := playingWorld(t, size[0], size[1])
			before := strings.Split(w.m.View(), "\n")
			w.advance(time.Second)
			after := strings.Split(w.m.View(), "\n")
			f := w.m.layout(size[0], size[1])
			for y := range after {
				if before[y] != after[y] && y != f.Regions.Progress.Y && (y < f.Regions.Lyrics.Y || y >= f.Regions.Lyrics.Y+f.Regions.Lyrics.H) {
					t.Errorf("row %d changed on a tick: %q", y, ansi.Strip(after[y]))
				}
			}
		})
	}
}
