package ui

import "strings"

// Rect is a block of cells: X, Y of the top-left cell (0-based, as mouse
// messages count), W columns, H rows. The zero Rect is "not on screen".
type Rect struct{ X, Y, W, H int }

// Empty reports whether r has no cells.
func (r Rect) Empty() bool { return r.W <= 0 || r.H <= 0 }

// Contains reports whether cell (x, y) is inside r.
func (r Rect) Contains(x, y int) bool {
	return !r.Empty() && x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H
}

// Regions name the parts of a frame, for the mouse and for tests. A region
// the frame does not show is the zero Rect.
type Regions struct {
	Cover    Rect // the album art
	Title    Rect // title, artists, album
	Progress Rect // the whole progress line
	Bar      Rect // the bar inside it: a click there seeks
	Volume   Rect // "vol 65%" on the device line: the wheel there turns it
	UpNext   Rect // what plays next; for now the playing context
	Lyrics   Rect // synced lyrics later; for now an episode's description
	Help     Rect // the full help (?)
	HelpBar  Rect // the one-line key bar
	Picker   Rect // the device picker
}

// Frame is one screen: exactly height lines, none wider than the width,
// and where each part landed.
type Frame struct {
	Lines     []string
	Regions   Regions
	HelpPages int // pages of the full help at this size (1 when it fits)
	overlaps  int // pieces that claimed the same cells: a layout bug, for tests
}

// String joins the lines as the renderer takes them.
func (f Frame) String() string {
	n := len(f.Lines)
	for _, l := range f.Lines {
		n += len(l)
	}
	var b strings.Builder
	b.Grow(n) // one allocation: the frame is tens of KB with a cover
	for i, l := range f.Lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
	}
	return b.String()
}
