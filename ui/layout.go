package ui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/ui/cover"
)

// Geometry only: which arrangement a terminal size gets and where the cover
// goes. Everything that draws or hit-tests starts from geom, so the view,
// the cover's size and the mouse cannot disagree.

// sizeClass is the arrangement for a terminal size.
type sizeClass int

const (
	classCompact sizeClass = iota // few rows or --compact: title, progress, keys
	classNarrow                   // no room for a sensible cover: text only
	classWide                     // cover left, text beside it
	classTall                     // cover above the text
)

// Sizes of the layout rules, in cells.
const (
	compactRows  = 8  // below this many rows the compact view is automatic
	minCoverRows = 4  // a smaller cover is a smudge, not a picture: none
	sideTextMin  = 24 // the text column beside a cover needs this
	gutter       = 2  // between the cover and the text
	headRows     = 2  // header and the blank under it
	chromeRows   = 4  // head, status line, help bar
	belowCover   = 3  // blank, progress, device line
	tallTextRows = 5  // blank, title, artists, album, context under a tall cover
)

// geom is where things go at one terminal size.
type geom struct {
	class sizeClass
	w, h  int  // the terminal
	cw    int  // the content width: one column of margin each side
	cover Rect // the cover's cells (zero unless wide or tall)
}

// planGeom picks the arrangement with the largest cover that is square in
// pixels. Each candidate's size only grows with the window, so the chosen
// cover's area never shrinks as the window grows in either direction.
func planGeom(w, h int, cell cover.CellSize, compact bool) geom {
	g := geom{class: classNarrow, w: max(w, 1), h: max(h, 1), cw: max(w-2, 1)}
	if compact || h < compactRows {
		g.class = classCompact
		return g
	}
	cell = cell.OrDefault()
	body := h - chromeRows
	wide := min(body-belowCover, rowsForCols(g.cw-gutter-sideTextMin, cell))
	tall := min(body-belowCover-tallTextRows, rowsForCols(g.cw, cell))
	area := func(rows int) int {
		if rows < minCoverRows {
			return 0
		}
		return rows * colsForRows(rows, cell)
	}
	switch {
	case area(wide) == 0 && area(tall) == 0:
		return g
	case area(wide) >= area(tall):
		g.class = classWide
		g.cover = Rect{X: 1, Y: headRows, W: colsForRows(wide, cell), H: wide}
	default:
		g.class = classTall
		g.cover = Rect{X: 1, Y: headRows, W: colsForRows(tall, cell), H: tall}
	}
	return g
}

// colsForRows is how many columns are as wide on screen as rows are tall.
func colsForRows(rows int, c cover.CellSize) int { return (2*rows*c.H + c.W) / (2 * c.W) }

// rowsForCols is the most rows whose square fits in cols columns.
func rowsForCols(cols int, c cover.CellSize) int { return max(cols, 0) * c.W / c.H }

// bodyRect is the area between the header and the status line.
func (g geom) bodyRect() Rect {
	if g.class == classCompact {
		return Rect{X: 1, Y: 0, W: g.cw, H: max(g.h-1, 0)}
	}
	return Rect{X: 1, Y: headRows, W: g.cw, H: max(g.h-chromeRows, 0)}
}

// pickerRect is where the device picker goes: the body, or in the compact
// view every row above the key bar. Update sizes the picker with it.
func (g geom) pickerRect() Rect { return g.bodyRect() }

// textRect is the column beside (wide) or under (tall) the cover.
func (g geom) textRect() Rect {
	b := g.bodyRect()
	switch g.class {
	case classWide:
		x := g.cover.X + g.cover.W + gutter
		return Rect{X: x, Y: b.Y, W: g.cw + 1 - x, H: g.cover.H}
	case classTall:
		return Rect{X: b.X, Y: b.Y + g.cover.H + 1, W: b.W, H: b.H - g.cover.H - 1 - belowCover}
	}
	return Rect{X: b.X, Y: b.Y, W: b.W, H: b.H - belowCover}
}

// progressWidth is the progress line's width: under a wide cover as wide as
// the cover, elsewhere the text column, never under a readable 56 columns
// when there is room.
func (g geom) progressWidth() int {
	return min(g.cw, max(g.cover.W, maxProgressWidth))
}

// maxProgressWidth is the progress line's width when nothing else sets it.
const maxProgressWidth = 56

// syncCover asks the cover component for the current item at the size the
// layout gives it; the same request again costs nothing.
func (m Model) syncCover() (Model, tea.Cmd) {
	g := m.geom(m.width, m.height)
	if g.cover.Empty() || m.np == nil {
		return m, nil
	}
	var images []api.Image
	label := "♪"
	switch it := m.np.Item; {
	case it != nil:
		images, label = it.CoverImages(), it.Collection()
	case m.np.CurrentlyPlayingType == api.TypeAd:
		label = "Ad"
	}
	var cmd tea.Cmd
	m.cover, cmd = m.cover.SetImage(images, label, g.cover.W, g.cover.H)
	return m, cmd
}
