package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
	"github.com/spotui/spotui/ui/cover"
)

// withArt draws covers as truecolor half blocks, with an on-disk cache.
func withArt(dir string) func(*Deps) {
	return func(d *Deps) {
		d.Cover = cover.Options{Mode: cover.ModeBlocks, Profile: termenv.TrueColor, CacheDir: dir}
		d.ColorProfile = termenv.TrueColor // text in the theme's truecolor, on a dark background
	}
}

// sized starts a world at w×h and lets the cover render.
func sized(t testing.TB, w, h int, opts ...func(*Deps)) *world {
	t.Helper()
	wd := newWorld(t, opts...)
	wd.send(tea.WindowSizeMsg{Width: w, Height: h})
	wd.start()
	wd.advance(cover.ResizeDebounce)
	return wd
}

// TestCoverGolden keeps the escape codes: here the colours are the point.
// The picture is the fake's generated cover for the first demo album.
func TestCoverGolden(t *testing.T) {
	for _, size := range [][2]int{{40, 12}, {80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			w := sized(t, size[0], size[1], withArt(""))
			out := w.m.View()
			for i, line := range strings.Split(out, "\n") {
				if lw := ansi.StringWidth(line); lw > size[0] {
					t.Errorf("line %d is %d wide", i, lw)
				}
			}
			if n := strings.Count(out, "\n") + 1; n != size[1] {
				t.Errorf("%d lines, want %d", n, size[1])
			}
			golden.RequireEqual(t, []byte(out))
		})
	}
}

// Track changes that come back to an album reuse its cover: each image is
// downloaded once per run, and a second run with the disk cache downloads none.
func TestCoverDownloadedOncePerRunAndCachedOnDisk(t *testing.T) {
	dir := t.TempDir()
	images := func(w *world) map[string]int {
		n := map[string]int{}
		for _, r := range w.fake.Requests() {
			if strings.HasPrefix(r.Path, "/images/") {
				n[r.Path]++
			}
		}
		return n
	}
	w := sized(t, 80, 24, withArt(dir))
	for _, k := range []string{"n", "p", "n", "p", "n"} {
		w.key(k)
		w.advance(afterAction)
	}
	got := images(w)
	if len(got) < 2 {
		t.Fatalf("only %d covers fetched over track changes: %v", len(got), got)
	}
	for path, n := range got {
		if n != 1 {
			t.Errorf("%s downloaded %d times", path, n)
		}
	}
	if !strings.Contains(w.m.View(), "\x1b[38;2;") {
		t.Error("no truecolor cover on screen")
	}

	// A second run against a fresh fake on another port would miss the
	// cache (the URL differs), so run again against the same fake.
	w2 := &world{driver: newDriver(t, w.m.deps, w.clock), fake: w.fake, store: w.store, tokenPath: w.tokenPath}
	before := images(w)
	w2.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	w2.start()
	w2.advance(cover.ResizeDebounce)
	after := images(w)
	for path := range after {
		if after[path] != before[path] {
			t.Errorf("second run downloaded %s again", path)
		}
	}
	if !strings.Contains(w2.m.View(), "\x1b[38;2;") {
		t.Error("second run shows no cover")
	}
}

func TestResizeRendersOncePerFinalSize(t *testing.T) {
	w := sized(t, 80, 24, withArt(""))
	renders := func() int {
		n := 0
		for _, m := range w.seen {
			if _, ok := m.(cover.RenderedMsg); ok {
				n++
			}
		}
		return n
	}
	before := renders()
	for width := 81; width <= 120; width++ { // a drag: forty sizes
		w.send(tea.WindowSizeMsg{Width: width, Height: 40})
		w.advance(10 * time.Millisecond)
	}
	w.advance(cover.ResizeDebounce)
	if n := renders() - before; n != 1 {
		t.Errorf("%d renders during a resize drag, want 1", n)
	}
	g := w.m.geom(120, 40)
	if lines, cols := w.m.cover.Rows(); cols != g.cover.W || len(lines) != g.cover.H || ansi.StringWidth(lines[0]) != cols {
		t.Errorf("cover not at the final size")
	}
}

func TestTrackChangeKeepsTheOldCoverUntilTheNewIsReady(t *testing.T) {
	w := sized(t, 80, 24, withArt(""))
	old := w.m.cover.View()
	w.fake.Next()
	w.advance(5 * time.Second)
	if w.m.cover.View() == old {
		t.Fatal("the cover did not change with the album")
	}
	if strings.Contains(ansi.Strip(w.m.View()), "╭") {
		t.Error("a placeholder flashed between two covers")
	}
}
