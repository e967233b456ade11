package cover

import (
	"image"

	"github.com/muesli/termenv"
	"golang.org/x/image/draw"
)

// fitRect is where an sw×sh image lands when scaled, aspect kept, to fit
// a tw×th grid, centred. The top edge is kept on an even row so that, on a
// half-block grid, the image starts on a cell boundary.
func fitRect(sw, sh, tw, th int) image.Rectangle {
	if sw <= 0 || sh <= 0 || tw <= 0 || th <= 0 {
		return image.Rectangle{}
	}
	w, h := tw, th
	if sw*th > sh*tw { // wider than the grid: full width
		h = max(1, (sh*tw+sw/2)/sw)
	} else {
		w = max(1, (sw*th+sh/2)/sh)
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
	// CatmullRom widens its kernel when shrinking, so a big cover averages
	// down instead of aliasing.
	draw.CatmullRom.Scale(dst, r, src, sb, draw.Src, nil)
}

// blockCanvas is src fitted into cols × 2·rows pixels (a half-block grid);
// pixels outside the fit stay transparent and are drawn as terminal
// background.
func blockCanvas(src image.Image, cols, rows int) *image.RGBA {
	c := image.NewRGBA(image.Rect(0, 0, cols, 2*rows))
	sb := src.Bounds()
	if r := fitRect(sb.Dx(), sb.Dy(), cols, 2*rows); !r.Empty() {
		scaleInto(c, r, src)
	}
	return c
}

// halfBlocks draws img as half blocks filling cols × rows cells: rows lines
// of exactly cols cells. It scales, so Model only calls it inside a tea.Cmd.
func halfBlocks(img image.Image, cols, rows int, p termenv.Profile) string {
	if cols <= 0 || rows <= 0 {
		return ""
	}
	return renderBlocks(blockCanvas(img, cols, rows), cols, rows, p)
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
	return halfBlocks(img, cols, rows, p), nil
}
