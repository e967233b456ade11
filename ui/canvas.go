package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// canvas collects what goes where on one frame and joins it into lines at
// the end. Text is cut to its rectangle, so nothing can spill into a
// neighbour; two rectangles claiming the same cells are counted (overlaps)
// for the tests to catch.
type canvas struct {
	w, h     int
	rows     [][]seg
	lines    []string
	overlaps int
	memo     *viewMemo // rows of the last frame to reuse; nil: none
}

// seg is one piece of a row: s at column x, at most w cells wide. fitted
// pieces (cover rows) are exactly w wide already and are never measured:
// they are long escape strings.
type seg struct {
	x, w   int
	s      string
	fitted bool
}

func newCanvas(w, h int) *canvas {
	c := &canvas{w: max(w, 1), h: max(h, 1), rows: make([][]seg, max(h, 1))}
	// One allocation for the usual few pieces a row: a row with more
	// grows on its own.
	const perRow = 4
	buf := make([]seg, perRow*c.h)
	for y := range c.rows {
		c.rows[y] = buf[y*perRow : y*perRow : (y+1)*perRow]
	}
	return c
}

// put writes s on row r.Y from column r.X, cut to r.W cells.
func (c *canvas) put(r Rect, s string) { c.add(r.Y, seg{x: r.X, w: r.W, s: s}) }

// putFitted writes s, known to be exactly w cells wide, at x, y.
func (c *canvas) putFitted(x, y, w int, s string) { c.add(y, seg{x: x, w: w, s: s, fitted: true}) }

func (c *canvas) add(y int, sg seg) {
	if y < 0 || y >= c.h || sg.s == "" {
		return
	}
	sg.x = max(sg.x, 0)
	sg.w = min(sg.w, c.w-sg.x)
	if sg.w <= 0 {
		return
	}
	row := c.rows[y]
	i := 0
	for i < len(row) && row[i].x < sg.x {
		i++
	}
	if (i > 0 && row[i-1].x+row[i-1].w > sg.x) || (i < len(row) && sg.x+sg.w > row[i].x) {
		c.overlaps++
	}
	row = append(row, seg{})
	copy(row[i+1:], row[i:])
	row[i] = sg
	c.rows[y] = row
}

// block puts lines one per row from r's top, cut to r; it returns the rows
// used.
func (c *canvas) block(r Rect, lines []string) int {
	n := min(len(lines), max(r.H, 0))
	for i := range n {
		c.put(Rect{X: r.X, Y: r.Y + i, W: r.W, H: 1}, lines[i])
	}
	return n
}

// wrapped is block with each line word-wrapped to r.W first, so an
// instruction is never cut in half (only cut short by the rows).
func (c *canvas) wrapped(r Rect, lines []string) int {
	return c.block(r, wrapLines(lines, r.W))
}

// wrapLines word-wraps each line to w cells (hard-wrapping longer words).
func wrapLines(lines []string, w int) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if ansi.StringWidth(l) <= w {
			out = append(out, l)
			continue
		}
		out = append(out, strings.Split(ansi.Wrap(l, max(w, 1), " "), "\n")...)
	}
	return out
}

// finish joins every row's pieces, padding between them, into c.lines.
func (c *canvas) finish() []string {
	c.lines = make([]string, c.h)
	var b strings.Builder
	for y, row := range c.rows {
		if len(row) == 0 {
			continue
		}
		if l, ok := c.memo.line(c.w, y, row); ok {
			c.lines[y] = l
			continue
		}
		b.Reset()
		size := row[len(row)-1].x + 2*len(row)
		for _, sg := range row {
			size += len(sg.s)
		}
		b.Grow(size) // one allocation per row: cover rows are kilobytes
		col := 0
		for i, sg := range row {
			if sg.x > col {
				b.WriteString(strings.Repeat(" ", sg.x-col))
				col = sg.x
			}
			s, w := sg.s, sg.w
			if !sg.fitted {
				s = ansi.Truncate(s, sg.w, "…")
				if i < len(row)-1 { // a piece follows: pad from where this one ends
					w = ansi.StringWidth(s)
				}
			}
			b.WriteString(s)
			col += w
		}
		c.lines[y] = b.String()
		c.memo.keepLine(c.w, y, row, c.lines[y])
	}
	return c.lines
}
