package screen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	"github.com/spotui/spotui/internal/screen/screentest"
)

// want is what a width×height terminal shows for frame: the top rows, each
// cut to the width, as plain text.
func want(frame string, width, height int) string {
	lines := strings.Split(frame, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		lines[i] = ansi.Strip(ansi.Truncate(l, width, ""))
	}
	return strings.Join(lines, "\n")
}

// coverFrame is a frame as the player draws it: a block cover in colour
// beside or above text, every row as wide as the terminal.
func coverFrame(width, height int, text string) string {
	lines := make([]string, height)
	for i := range lines {
		cells := strings.Repeat("▀", width/2)
		lines[i] = fmt.Sprintf("\x1b[38;2;%d;90;40m%s\x1b[0m %s", i*7%256, cells, text)
		if w := ansi.StringWidth(lines[i]); w < width {
			lines[i] += strings.Repeat(".", width-w)
		}
	}
	return strings.Join(lines, "\n")
}

func resize(tm *screentest.Term, width, height int) {
	tm.Do(func(e *vt.Emulator) { e.Resize(width, height) })
}

// The resize of issue 13: from 100×32 to 40×12 while a 100-column frame is
// on its way to the terminal. The terminal must end up showing the new
// frame and nothing else: no wrapped rows, no strip of the old cover.
func TestResizeWithTheOldFramePendingShowsOnlyTheNewFrame(t *testing.T) {
	tm := screentest.New(100, 32)
	s := started(t, tm)
	s.Draw(coverFrame(100, 32, "Paper Lanterns"), 100, 32)
	tm.WaitFor(t, want(coverFrame(100, 32, "Paper Lanterns"), 100, 32))

	release := tm.Block()
	old := coverFrame(100, 32, "Night Bus")
	s.Draw(old, 100, 32) // the writer takes it and waits on the terminal
	resize(tm, 40, 12)   // meanwhile the window shrinks
	s.Invalidate()
	// The frame made for 40×12, with its last row still too wide: it must
	// be cut, not wrapped (which would scroll the screen).
	next := coverFrame(40, 11, "Night Bus") + "\n" + strings.Repeat("▀", 99)
	s.Draw(next, 40, 12)
	release()

	tm.WaitFor(t, want(next, 40, 12))
	tm.Do(func(e *vt.Emulator) {
		if x, y := e.CursorPosition().X, e.CursorPosition().Y; y >= 12 || x > 40 {
			t.Errorf("cursor at %d,%d outside the 40×12 screen", x, y)
		}
	})
}

func TestALineWiderThanTheWidthIsCutNotWrapped(t *testing.T) {
	tm := screentest.New(10, 3)
	s := started(t, tm)
	n := tm.Writes()
	s.Draw("0123456789abcdef\nnext\n\x1b[1m界界界界界界\x1b[0m", 10, 3)
	tm.WaitFor(t, "0123456789\nnext\n界界界界界")
	if got := tm.Sent(n); strings.Contains(got, "abc") {
		t.Errorf("wrote beyond the width: %q", got)
	}
}

// What the Screen remembers of a row is what it wrote: a change beyond the
// width changes nothing on the terminal, so nothing is written.
func TestAChangeBeyondTheWidthWritesNothing(t *testing.T) {
	tm := screentest.New(10, 3)
	s := started(t, tm)
	s.Draw("0123456789abc\nx", 10, 3)
	tm.WaitFor(t, "0123456789\nx")
	n := tm.Writes()
	s.Draw("0123456789xyz\nx", 10, 3)
	s.Draw("0123456789xyz\ny", 10, 3) // proves the writer ran after the first
	tm.WaitFor(t, "0123456789\ny")
	if got := tm.Sent(n); strings.Contains(got, "012") {
		t.Errorf("rewrote a row the terminal already shows: %q", got)
	}
}

// A resize and back between two frames leaves the size unchanged, but the
// terminal may have cropped what it showed: Invalidate repaints it all.
func TestInvalidateRepaintsAtTheSameSize(t *testing.T) {
	tm := screentest.New(20, 4)
	s := started(t, tm)
	s.Draw("one\ntwo\nthree", 20, 4)
	tm.WaitFor(t, "one\ntwo\nthree")
	tm.Do(func(e *vt.Emulator) { e.WriteString(ansi.EraseEntireScreen) })
	s.Invalidate()
	n := tm.Writes()
	s.SetTitle("title only") // wakes the writer: must not repaint yet
	s.Draw("one\ntwo\nthree", 20, 4)
	tm.WaitFor(t, "one\ntwo\nthree")
	if got := tm.Sent(n); !strings.Contains(got, ansi.EraseEntireScreen) {
		t.Errorf("no repaint after Invalidate: %q", got)
	}
}

// Many random frames and resizes, some while the terminal is busy: after
// each step the terminal shows exactly the last frame, cut to its size.
func TestRandomResizesAndFramesEndOnTheLastFrame(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 12))
	w, h := 80, 24
	tm := screentest.New(w, h)
	s := started(t, tm)
	var frame string
	for step := range 300 {
		switch k := rng.IntN(10); {
		case k < 4: // a resize, perhaps with a frame for the old size on its way
			var release func()
			if rng.IntN(2) == 0 {
				release = tm.Block()
				s.Draw(randomFrame(rng, w, h), w, h)
			}
			w, h = 1+rng.IntN(120), 1+rng.IntN(40)
			resize(tm, w, h)
			s.Invalidate()
			frame = randomFrame(rng, w, h)
			s.Draw(frame, w, h)
			if release != nil {
				release()
			}
		case k < 9: // a new frame, often one changed line
			if frame != "" && rng.IntN(2) == 0 {
				lines := strings.Split(frame, "\n")
				lines[rng.IntN(len(lines))] = randomLine(rng, w)
				frame = strings.Join(lines, "\n")
			} else {
				frame = randomFrame(rng, w, h)
			}
			s.Draw(frame, w, h)
		default:
			s.SetTitle(fmt.Sprint("title ", step))
		}
		if t.Failed() {
			return
		}
		tm.WaitFor(t, want(frame, w, h))
	}
}

func randomFrame(rng *rand.Rand, width, height int) string {
	lines := make([]string, rng.IntN(height+3))
	for i := range lines {
		lines[i] = randomLine(rng, width)
	}
	return strings.Join(lines, "\n")
}

// randomLine is up to a few cells wider than width: plain, coloured, wide
// (two-cell) and block characters.
func randomLine(rng *rand.Rand, width int) string {
	var b strings.Builder
	for cells := rng.IntN(width + 6); cells > 0; {
		switch rng.IntN(4) {
		case 0:
			fmt.Fprintf(&b, "\x1b[38;5;%dm▀\x1b[0m", rng.IntN(256))
			cells--
		case 1:
			b.WriteString("界")
			cells -= 2
		default:
			b.WriteByte(byte('a' + rng.IntN(26)))
			cells--
		}
	}
	return b.String()
}
