package cover

import (
	"image"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Sixel images are part of the cell grid: text written over them replaces
// them, and the terminal does not scale them, so the cover is drawn at the
// exact pixel size of its cells (cols·cellW × rows·cellH, the cover fitted
// square inside it).
//
// Why one sixel per line rather than one for the whole cover: the renderer
// (internal/screen) rewrites only the lines that changed, each from column
// one. A line beside the cover that changes (a new title) is written whole,
// spaces included, and would cut a hole in a single tall image; the lines
// below it, rewritten after the image, would erase it entirely. So every
// line of the cover is self-contained: cols spaces (the width lipgloss and
// the renderer count), then, with the cursor saved, a step back and that
// line's cellH-pixel slice of the cover, then the cursor restored. A
// rewritten line redraws its own slice; a line that shows something else
// (the picker, a resized layout) overwrites the cells like any text. All
// slices share one palette, so rows never differ in colour.
//
// We wrote the encoder rather than take github.com/mattn/go-sixel: it
// quantizes each image it is given on its own (slices would get different
// palettes and visible seams), brings a dependency for median cut, and
// cannot draw a slice of a shared palette.

// maxSixelColors is the most colour registers a sixel cover uses.
const maxSixelColors = 256

// renderSixel draws src fitted into cols × rows cells of cellW × cellH
// pixels, as rows lines of exactly cols cells. colors caps the palette
// (the terminal's colour registers); 0 means maxSixelColors.
func renderSixel(src image.Image, cols, rows, cellW, cellH, colors int) string {
	if cols <= 0 || rows <= 0 || cellW <= 0 || cellH <= 0 {
		return ""
	}
	if colors <= 0 || colors > maxSixelColors {
		colors = maxSixelColors
	}
	q, r := sixelCanvas(src, cols, rows, cellW, cellH, colors)
	blank := strings.Repeat(" ", cols)
	if r.Empty() {
		return strings.TrimSuffix(strings.Repeat(blank+"\n", rows), "\n")
	}
	// The cells the fitted cover touches.
	cl, cr := r.Min.X/cellW, (r.Max.X+cellW-1)/cellW
	rt, rb := r.Min.Y/cellH, (r.Max.Y+cellH-1)/cellH
	back := ansi.CursorBackward(cols - cl)

	var out strings.Builder
	for y := range rows {
		if y > 0 {
			out.WriteByte('\n')
		}
		out.WriteString(blank)
		if y < rt || y >= rb {
			continue
		}
		out.WriteString(ansi.SaveCursor)
		out.WriteString(back)
		writeSixel(&out, q, image.Rect(cl*cellW, y*cellH, cr*cellW, (y+1)*cellH))
		out.WriteString(ansi.RestoreCursor)
	}
	return out.String()
}

// sixelCanvas is the cover fitted (aspect kept, centred) into the cells'
// pixel box and reduced to colors colours; r is where the cover lies in it.
// Pixels outside r are transparent.
func sixelCanvas(src image.Image, cols, rows, cellW, cellH, colors int) (indexed, image.Rectangle) {
	c := image.NewRGBA(image.Rect(0, 0, cols*cellW, rows*cellH))
	sb := src.Bounds()
	r := fitRect(sb.Dx(), sb.Dy(), cols*cellW, rows*cellH)
	if !r.Empty() {
		scaleInto(c, r, src)
	}
	return reducePalette(c, colors), r
}

// writeSixel appends one sixel image: the pixels of q inside r (which lies
// within q). Transparent pixels are not drawn (P2=1), the pixel aspect is
// 1:1 ("1;1), and each band of six rows paints each colour it uses in one
// pass, with runs compressed (!n).
func writeSixel(b *strings.Builder, q indexed, r image.Rectangle) {
	b.WriteString("\x1bP0;1;0q\"1;1;")
	b.WriteString(strconv.Itoa(r.Dx()))
	b.WriteByte(';')
	b.WriteString(strconv.Itoa(r.Dy()))

	// Define only the registers this slice uses.
	used := make([]bool, len(q.palette))
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for _, i := range q.pix[y*q.w+r.Min.X : y*q.w+r.Max.X] {
			if i >= 0 {
				used[i] = true
			}
		}
	}
	for i, u := range used {
		if !u {
			continue
		}
		c := q.palette[i]
		b.WriteByte('#')
		b.WriteString(strconv.Itoa(i))
		b.WriteString(";2;")
		b.WriteString(strconv.Itoa(pct(c.R)))
		b.WriteByte(';')
		b.WriteString(strconv.Itoa(pct(c.G)))
		b.WriteByte(';')
		b.WriteString(strconv.Itoa(pct(c.B)))
	}

	// Per band: each colour's last column, so a pass stops where the
	// colour does; order keeps the output stable.
	last := make([]int, len(q.palette))
	order := make([]int16, 0, len(q.palette))
	for y0 := r.Min.Y; y0 < r.Max.Y; y0 += 6 {
		y1 := min(y0+6, r.Max.Y)
		order = order[:0]
		for x := r.Min.X; x < r.Max.X; x++ {
			for y := y0; y < y1; y++ {
				i := q.pix[y*q.w+x]
				if i < 0 {
					continue
				}
				if last[i] == 0 {
					order = append(order, i)
				}
				last[i] = x + 1
			}
		}
		for n, i := range order {
			if n > 0 {
				b.WriteByte('$') // back to the band's start for the next colour
			}
			b.WriteByte('#')
			b.WriteString(strconv.Itoa(int(i)))
			run, prev := 0, byte(0)
			for x := r.Min.X; x < last[i]; x++ {
				var bits byte
				for y := y0; y < y1; y++ {
					if q.pix[y*q.w+x] == i {
						bits |= 1 << (y - y0)
					}
				}
				ch := '?' + bits
				if ch != prev && run > 0 {
					writeRun(b, prev, run)
					run = 0
				}
				prev = ch
				run++
			}
			writeRun(b, prev, run)
			last[i] = 0
		}
		if y1 < r.Max.Y {
			b.WriteByte('-')
		}
	}
	b.WriteString("\x1b\\")
}

// writeRun writes n copies of the sixel ch, as "!n" + ch when shorter.
func writeRun(b *strings.Builder, ch byte, n int) {
	if n <= 0 {
		return
	}
	if n > 3 {
		b.WriteByte('!')
		b.WriteString(strconv.Itoa(n))
		b.WriteByte(ch)
		return
	}
	for range n {
		b.WriteByte(ch)
	}
}

// pct is a colour channel as sixel's 0–100 percent.
func pct(v uint8) int { return (int(v)*100 + 127) / 255 }
