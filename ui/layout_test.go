package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
	"github.com/spotui/spotui/internal/screen"
	"github.com/spotui/spotui/internal/screen/screentest"
	"github.com/spotui/spotui/ui/cover"
)

// Every size from 20×5 to 200×60: exactly the terminal's lines, none wider,
// nothing overlapping, the title on screen, ? and q on the key bar.
func TestEverySizeWorks(t *testing.T) {
	states := goldenStates(t)
	for _, name := range []string{"playing", "paused", "episode", "logged_out", "help", "offline"} {
		for w := 20; w <= 200; w += 9 {
			for h := 5; h <= 60; h += 5 {
				m := sizedModel(t, name, states[name], w, h)
				f := m.layout(w, h)
				where := fmt.Sprintf("%s at %dx%d", name, w, h)
				if len(f.Lines) != h {
					t.Fatalf("%s: %d lines", where, len(f.Lines))
				}
				for i, l := range f.Lines {
					if lw := ansi.StringWidth(l); lw > w {
						t.Fatalf("%s: line %d is %d wide", where, i, lw)
					}
				}
				if f.overlaps != 0 {
					t.Errorf("%s: %d overlapping pieces", where, f.overlaps)
				}
				screen := ansi.Strip(strings.Join(f.Lines, "\n"))
				if m.np != nil && m.np.Item != nil && !strings.Contains(screen, m.np.Item.Name[:8]) {
					t.Errorf("%s: no title:\n%s", where, screen)
				}
				bar := ansi.Strip(f.Lines[h-1])
				if !strings.Contains(bar, "?") || !strings.Contains(bar, "q") {
					t.Errorf("%s: key bar %q lacks ? or q", where, bar)
				}
			}
		}
	}
}

// The cover is square on screen, never shrinks as the window grows in
// either direction, and is big where there is room.
func TestCoverGrowsWithTheWindow(t *testing.T) {
	for _, cell := range []cover.CellSize{{}, {W: 10, H: 20}, {W: 9, H: 21}} {
		c := cell.OrDefault()
		area := func(w, h int) int { r := planGeom(w, h, cell, false).cover; return r.W * r.H }
		for w := 20; w <= 200; w++ {
			for h := 5; h <= 60; h++ {
				g := planGeom(w, h, cell, false)
				if r := g.cover; !r.Empty() {
					if d := r.W*c.W - r.H*c.H; d > c.W || d < -c.W {
						t.Fatalf("%v %dx%d: cover %dx%d cells is not square on screen", cell, w, h, r.W, r.H)
					}
					if r.H < minCoverRows || r.X+r.W > w-1 || r.Y+r.H > h-chromeRows+headRows-belowCover {
						t.Fatalf("%v %dx%d: cover %+v", cell, w, h, r)
					}
				}
				if a := area(w, h); area(w+1, h) < a || area(w, h+1) < a {
					t.Fatalf("%v %dx%d: the cover shrinks as the window grows (%d → %d wider, %d taller)",
						cell, w, h, a, area(w+1, h), area(w, h+1))
				}
			}
		}
	}
	for _, size := range [][2]int{{120, 40}, {160, 48}} {
		if g := planGeom(size[0], size[1], cover.CellSize{}, false); g.cover.H*10 < size[1]*6 {
			t.Errorf("%v: cover %d rows tall, want at least 60 %%", size, g.cover.H)
		}
	}
	if g := planGeom(40, 12, cover.CellSize{}, false); g.cover.H < minCoverRows {
		t.Errorf("40x12: cover %+v, want a small square", g.cover)
	}
}

// At 160×48 no run of more than 8 blank rows, whatever plays.
func TestNoBigHolesAt160x48(t *testing.T) {
	states := goldenStates(t)
	for _, name := range []string{"playing", "episode"} {
		w := sized(t, 160, 48, withArt(""))
		if name == "episode" {
			w.m = sizedModel(t, name, states[name], 160, 48)
		}
		run := 0
		for i, l := range strings.Split(w.screen(), "\n") {
			if strings.TrimSpace(l) != "" {
				run = 0
				continue
			}
			if run++; run > 8 {
				t.Fatalf("%s: blank rows up to %d:\n%s", name, i, w.screen())
			}
		}
	}
}

// The key bar keeps whole items, drops others before ? and q, and keeps
// their keys even when their words do not fit.
func TestKeyBarKeepsHelpAndQuit(t *testing.T) {
	m := connected(fixture(t, "track.json"), 0)
	for _, w := range []int{6, 12, 18, 30, 45, 60, 200} {
		bar := ansi.Strip(m.shortHelp(m.activeKeys(), w))
		if ansi.StringWidth(bar) > w && w >= 5 {
			t.Errorf("width %d: %q too wide", w, bar)
		}
		if !strings.Contains(bar, "?") || !strings.Contains(bar, "q") {
			t.Errorf("width %d: %q", w, bar)
		}
		for _, item := range strings.Split(bar, " • ") {
			if item != "?" && item != "q" && !strings.Contains(item, " ") {
				t.Errorf("width %d: item %q cut in half", w, item)
			}
		}
	}
}

// ? turns the pages of a help that does not fit, then closes it; the
// progress line stays on screen meanwhile.
func TestHelpPagesThenCloses(t *testing.T) {
	for _, size := range [][2]int{{20, 5}, {40, 12}, {80, 24}} {
		m := sizedModel(t, "playing", goldenStates(t)["playing"], size[0], size[1])
		seen := map[string]bool{}
		for range 40 {
			m, _ = update(m, keyMsg("?"))
			if !m.helpShown {
				break
			}
			f := m.layout(size[0], size[1])
			for _, l := range f.Lines[f.Regions.Help.Y : f.Regions.Help.Y+f.Regions.Help.H] {
				for _, k := range []string{"play/pause", "quit", "devices", "log out"} {
					if strings.Contains(ansi.Strip(l), k) {
						seen[k] = true
					}
				}
			}
			if size[1] >= compactRows && f.Regions.Progress.Empty() {
				t.Errorf("%v: the help hides the progress line", size)
			}
		}
		if m.helpShown {
			t.Fatalf("%v: ? never closes the help", size)
		}
		if len(seen) != 4 {
			t.Errorf("%v: pages showed only %v", size, seen)
		}
	}
}

// d in the compact view shows the picker; ? shows the help.
func TestCompactViewShowsPickerAndHelp(t *testing.T) {
	w := sized(t, 40, 6, withArt(""))
	w.key("d")
	if s := w.screen(); !strings.Contains(s, "spotui demo speaker") || w.m.layout(40, 6).Regions.Picker.Empty() {
		t.Errorf("d shows no picker:\n%s", s)
	}
	w.key("esc")
	w.key("?")
	if s := w.screen(); !strings.Contains(s, "play/pause") || w.m.layout(40, 6).Regions.Help.Empty() {
		t.Errorf("? shows no help:\n%s", s)
	}
}

// A kitty image is deleted whenever its cells show something else, and
// placed again when the cover comes back.
func TestKittyImageDeletedWhenTheCoverGoes(t *testing.T) {
	w := sized(t, 80, 24, func(d *Deps) {
		d.Cover = cover.Options{Mode: cover.ModeKitty, Profile: termenv.TrueColor}
	})
	const del = "a=d"
	place := "a=T"
	if v := w.m.View(); !strings.Contains(v, place) {
		t.Fatalf("no image placed:\n%q", v[:min(len(v), 300)])
	}
	for _, open := range []string{"d", "?"} {
		w.key(open)
		if v := w.m.View(); !strings.Contains(v, del) || strings.Contains(v, place) {
			t.Errorf("%s open: the frame does not delete the image", open)
		}
		w.key("esc")
		if open == "?" {
			w.key("?")
		}
		if v := w.m.View(); !strings.Contains(v, place) {
			t.Errorf("%s closed: the image is not placed again", open)
		}
	}
	w.send(tea.WindowSizeMsg{Width: 80, Height: 6}) // compact
	if v := w.m.View(); !strings.Contains(v, del) {
		t.Error("compact: the frame does not delete the image")
	}
}

// The same through the renderer: the bytes written when the picker opens
// delete the image (kitty's "a=d" graphics command).
func TestKittyDeleteReachesTheTerminal(t *testing.T) {
	w := sized(t, 80, 24, func(d *Deps) {
		d.Cover = cover.Options{Mode: cover.ModeKitty, Profile: termenv.TrueColor}
	})
	tm := screentest.New(80, 24)
	scr := screen.New(tm, screen.Options{})
	if err := scr.Start(); err != nil {
		t.Fatal(err)
	}
	defer scr.Close()
	draw := func() {
		scr.Draw(w.m.View(), 80, 24)
		tm.WaitFor(t, screentest.TrimRight(w.screen()))
	}
	draw()
	before := tm.Writes()
	w.key("d")
	draw()
	if sent := tm.Sent(before); !strings.Contains(sent, "\x1b_G") || !strings.Contains(sent, "a=d") {
		t.Errorf("opening the picker sent no kitty delete: %q", ansi.Strip(sent))
	}
}
