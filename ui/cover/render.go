package cover

import (
	"image"

	"github.com/muesli/termenv"
	"golang.org/x/image/draw"
)

// fitRect is where an sw×sh image lands when scaled, aspect kept, to fit
// a tw×th grid of square pixels, centred. The top edge is kept on an even
// row so that, on a half-block grid, the image starts on a cell boundary.
func fitRect(sw, sh, tw, th int) image.Rectangle { return fitRectPx(sw, sh, tw, th, 1, 1) }

// fitRectPx is fitRect on a grid whose pixels show pw×ph on screen: a
// half-block pixel is a cell's width by half its height, which is not square
// (cells are about 8×17), so a square cover needs more columns than rows.
func fitRectPx(sw, sh, tw, th, pw, ph int) image.Rectangle {
	if sw <= 0 || sh <= 0 || tw <= 0 || th <= 0 || pw <= 0 || ph <= 0 {
		return image.Rectangle{}
	}
	w, h := tw, th
	if sw*th*ph > sh*tw*pw { // wider than the grid on screen: full width
		h = max(1, min(th, (sh*tw*pw+sw*ph/2)/(sw*ph)))
	} else {
		w = max(1, min(tw, (sw*th*ph+sh*pw/2)/(sh*pw)))
	}
	x := (tw - w) / 2
	y := ((th - h) / 2) &^ 1
	return image.Rect(x, y, x+w, y+h)
}

// scaleInto draws src into r of dst. A source that already has r's size is
// copied pixel for pixel: no resampling blur, and exact colours for tests.
func scaleInto(dst *image.RGBA, r image.Rectangle, src image.Image) {
	sb := src.Bounds()
	if sb.Dx() == r.Dx() && sb.Dy() == r.Dy() {
		draw.Draw(dst, r, src, sb.Min, draw.Src)
		return
	}
	if f := shrinkFactor(sb.Dx(), sb.Dy(), r.Dx(), r.Dy()); f > 1 {
		if small := boxShrink(src, f); small != nil {
			src, sb = small, small.Bounds()
		}
	}
	if r.Dx()*sb.Dy()*32 > maxKernelTmp {
		boxBilinear(dst, r, src)
		return
	}
	// CatmullRom widens its kernel when shrinking, so a big cover averages
	// down instead of aliasing.
	draw.CatmullRom.Scale(dst, r, src, sb, draw.Src, nil)
}

// CellSize is a terminal cell in pixels. The zero value means unknown:
// DefaultCell is assumed.
type CellSize struct{ W, H int }

// DefaultCell is a typical cell (most fonts are close to 1:2.1); taking
// cells as exactly 1:2 drew covers 11–12 % too tall.
func DefaultCell() CellSize { return CellSize{W: 8, H: 17} }

// OrDefault is c, or DefaultCell when c is unknown or absurd.
func (c CellSize) OrDefault() CellSize {
	if c.W <= 0 || c.H <= 0 || c.H > 8*c.W || c.W > 4*c.H {
		return DefaultCell()
	}
	return c
}

// halfPx is a half-block pixel's shape on screen: a cell's width by half
// its height (both doubled to stay in integers).
func (c CellSize) halfPx() (pw, ph int) { c = c.OrDefault(); return 2 * c.W, c.H }

// maxKernelTmp caps the buffer CatmullRom allocates: a float64 RGBA per
// target column per source row. Half blocks stay far below it (60 columns
// of a box-shrunk cover: 245 KB); graphics sizes would not (600 px from a
// 640 px cover: 12 MB a render), and there the reduction left is under 4×
// (2× after boxBilinear's box), where bilinear does as well.
const maxKernelTmp = 1 << 20

// boxBilinear draws src into r of dst without a kernel's buffer: an exact
// box average by the whole factor, then bilinear for the last step of
// under 2×.
func boxBilinear(dst *image.RGBA, r image.Rectangle, src image.Image) {
	sb := src.Bounds()
	if f := min(sb.Dx()/max(1, r.Dx()), sb.Dy()/max(1, r.Dy())); f >= 2 {
		src = boxShrink(src, f)
		sb = src.Bounds()
	}
	if s, ok := src.(*image.RGBA); ok && sb.Dx() == r.Dx() && sb.Dy() == r.Dy() {
		draw.Draw(dst, r, s, sb.Min, draw.Src)
		return
	}
	draw.ApproxBiLinear.Scale(dst, r, src, sb, draw.Src, nil)
}

// blockCanvas is src fitted into cols × 2·rows pixels (a half-block grid);
// pixels outside the fit stay transparent and are drawn as terminal
// background.
func blockCanvas(src image.Image, cols, rows int, cell CellSize) *image.RGBA {
	c := image.NewRGBA(image.Rect(0, 0, cols, 2*rows))
	sb := src.Bounds()
	pw, ph := cell.halfPx()
	if r := fitRectPx(sb.Dx(), sb.Dy(), cols, 2*rows, pw, ph); !r.Empty() {
		scaleInto(c, r, src)
	}
	return c
}

// halfBlocks draws img as half blocks filling cols × rows cells: rows lines
// of exactly cols cells. It scales, so Model only calls it inside a tea.Cmd.
func halfBlocks(img image.Image, cols, rows int, p termenv.Profile, cell CellSize) string {
	if cols <= 0 || rows <= 0 {
		return ""
	}
	return renderBlocks(blockCanvas(img, cols, rows, cell), cols, rows, p)
}

// gfx is what the graphics protocols need to know about the terminal.
type gfx struct {
	kittyID      int
	cellW, cellH int  // pixels per cell
	tmux         bool // kitty uploads go through tmux's passthrough
	sixelColors  int  // colour registers; 0 → maxSixelColors
}

// render draws img for the mode. Graphics modes can fail (PNG encoding);
// half blocks cannot.
func render(img image.Image, cols, rows int, mode Mode, p termenv.Profile, g gfx) (string, error) {
	switch mode {
	case ModeKitty:
		return renderKitty(img, cols, rows, g)
	case ModeKittyPlaceholders:
		return renderKittyPlaceholders(img, cols, rows, g)
	case ModeITerm:
		return renderITerm(img, cols, rows, g)
	case ModeSixel:
		return renderSixel(img, cols, rows, g.cellW, g.cellH, g.sixelColors), nil
	}
	return halfBlocks(img, cols, rows, p, CellSize{W: g.cellW, H: g.cellH}), nil
}
