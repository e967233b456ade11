package cover

import (
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/muesli/termenv"
)

// twoByFour has 8 distinct pixels, chosen so each lands exactly on an
// xterm-256 colour (by hand: cube index 16+36r+6g+b, or grey 232+i).
func twoByFour() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 2, 4))
	px := []color.RGBA{
		{255, 0, 0, 255}, {0, 255, 0, 255}, // row 0: 196, 46
		{0, 0, 255, 255}, {255, 255, 255, 255}, // row 1: 21, 231
		{0, 0, 0, 255}, {128, 128, 128, 255}, // row 2: 16, grey 244
		{95, 135, 175, 255}, {215, 175, 0, 255}, // row 3: 67, 178
	}
	for i, c := range px {
		img.SetRGBA(i%2, i/2, c)
	}
	return img
}

func TestHalfBlocksExact(t *testing.T) {
	tests := []struct {
		profile termenv.Profile
		want    string
	}{
		{termenv.TrueColor,
			"\x1b[38;2;255;0;0m\x1b[48;2;0;0;255m▀\x1b[38;2;0;255;0m\x1b[48;2;255;255;255m▀\x1b[0m\n" +
				"\x1b[38;2;0;0;0m\x1b[48;2;95;135;175m▀\x1b[38;2;128;128;128m\x1b[48;2;215;175;0m▀\x1b[0m"},
		{termenv.ANSI256,
			"\x1b[38;5;196m\x1b[48;5;21m▀\x1b[38;5;46m\x1b[48;5;231m▀\x1b[0m\n" +
				"\x1b[38;5;16m\x1b[48;5;67m▀\x1b[38;5;244m\x1b[48;5;178m▀\x1b[0m"},
		// 16 colours, xterm's RGB: bright red/green/white are exact; the
		// rest are nearest (blue 4, grey 8, yellow 3).
		{termenv.ANSI,
			"\x1b[91m\x1b[44m▀\x1b[92m\x1b[107m▀\x1b[0m\n" +
				"\x1b[30m\x1b[100m▀\x1b[90m\x1b[43m▀\x1b[0m"},
	}
	for _, tt := range tests {
		got := halfBlocks(twoByFour(), 2, 2, tt.profile, cell12)
		if got != tt.want {
			t.Errorf("%v:\n got %q\nwant %q", tt.profile, got, tt.want)
		}
	}
}

func TestHalfBlocksSkipsRepeatedSGR(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 4, 2))
	for i := 0; i < len(img.Pix); i += 4 {
		copy(img.Pix[i:], []byte{10, 20, 30, 255})
	}
	got := halfBlocks(img, 4, 1, termenv.TrueColor, cell12)
	want := "\x1b[38;2;10;20;30m\x1b[48;2;10;20;30m▀▀▀▀\x1b[0m"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestHalfBlocksMargins(t *testing.T) {
	// A square 4×4 image in 4 cols × 4 rows (4×8 pixels) fills the middle
	// two rows; the others are plain spaces.
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for i := 0; i < len(img.Pix); i += 4 {
		copy(img.Pix[i:], []byte{200, 100, 50, 255})
	}
	got := halfBlocks(img, 4, 4, termenv.TrueColor, cell12)
	checkShape(t, got, 4, 4)
	lines := strings.Split(got, "\n")
	if lines[0] != "    \x1b[0m" || lines[3] != "    \x1b[0m" {
		t.Errorf("margins: %q / %q", lines[0], lines[3])
	}
	if want := "\x1b[38;2;200;100;50m\x1b[48;2;200;100;50m▀▀▀▀\x1b[0m"; lines[1] != want || lines[2] != want {
		t.Errorf("middle: %q / %q, want %q", lines[1], lines[2], want)
	}

	// An odd pixel height leaves a half cell: "▀" on the default background,
	// which needs no SGR right after a line's reset.
	img = image.NewRGBA(image.Rect(0, 0, 1, 3))
	for i := 0; i < len(img.Pix); i += 4 {
		copy(img.Pix[i:], []byte{1, 2, 3, 255})
	}
	got = halfBlocks(img, 1, 2, termenv.TrueColor, cell12)
	want := "\x1b[38;2;1;2;3m\x1b[48;2;1;2;3m▀\x1b[0m\n\x1b[38;2;1;2;3m▀\x1b[0m"
	if got != want {
		t.Errorf("odd height: got %q, want %q", got, want)
	}

	// Side margins: the cell after the image must drop the background.
	img = image.NewRGBA(image.Rect(0, 0, 2, 2))
	for i := 0; i < len(img.Pix); i += 4 {
		copy(img.Pix[i:], []byte{0, 0, 0, 255}) // exact: no dithering
	}
	got = halfBlocks(img, 4, 1, termenv.ANSI256, cell12)
	want = " \x1b[38;5;16m\x1b[48;5;16m▀▀\x1b[49m \x1b[0m"
	if got != want {
		t.Errorf("side margins: got %q, want %q", got, want)
	}
}

func TestFitRect(t *testing.T) {
	tests := []struct {
		sw, sh, tw, th int
		want           image.Rectangle
	}{
		{640, 640, 30, 30, image.Rect(0, 0, 30, 30)},
		{640, 640, 40, 30, image.Rect(5, 0, 35, 30)},
		{640, 640, 30, 40, image.Rect(0, 4, 30, 34)}, // top kept even
		{2, 4, 2, 4, image.Rect(0, 0, 2, 4)},
		{1000, 10, 10, 10, image.Rect(0, 4, 10, 5)}, // never 0 high
		{0, 10, 10, 10, image.Rectangle{}},
	}
	for _, tt := range tests {
		if got := fitRect(tt.sw, tt.sh, tt.tw, tt.th); got != tt.want {
			t.Errorf("fitRect(%d,%d,%d,%d) = %v, want %v", tt.sw, tt.sh, tt.tw, tt.th, got, tt.want)
		}
	}
}

func TestBoxShrinkMatchesAverage(t *testing.T) {
	// A 4×4 RGBA of two colours in 2×2 blocks shrinks by 2 to exact colours.
	src := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for y := range 4 {
		for x := range 4 {
			c := color.RGBA{10, 20, 30, 255}
			if x >= 2 {
				c = color.RGBA{200, 100, 0, 255}
			}
			src.SetRGBA(x, y, c)
		}
	}
	dst := boxShrink(src, 2)
	if got := dst.RGBAAt(0, 1); got != (color.RGBA{10, 20, 30, 255}) {
		t.Errorf("left block = %v", got)
	}
	if got := dst.RGBAAt(1, 0); got != (color.RGBA{200, 100, 0, 255}) {
		t.Errorf("right block = %v", got)
	}
	// A real JPEG: the shrunk picture stays close to the full one.
	img := photo(t, 640, 640)
	small := boxShrink(img, 10)
	if small.Bounds().Dx() != 64 || small.Bounds().Dy() != 64 {
		t.Fatalf("shrunk to %v", small.Bounds())
	}
	r0, g0, b0, _ := img.At(325, 325).RGBA()
	c := small.RGBAAt(32, 32)
	if d := sq(int(r0>>8)-int(c.R)) + sq(int(g0>>8)-int(c.G)) + sq(int(b0>>8)-int(c.B)); d > 3*20*20 {
		t.Errorf("centre pixel %v far from source (%d,%d,%d)", c, r0>>8, g0>>8, b0>>8)
	}
}

// A square cover fills a grid that is square on screen, whatever the cell
// shape: 8×17 cells are not 1:2, and covers drawn as if they were came out
// 11–12 % too tall.
func TestFitRectPxSquareOnScreen(t *testing.T) {
	for _, tt := range []struct {
		cell       CellSize
		cols, rows int
	}{
		{CellSize{8, 17}, 17, 8},   // 136 × 136 px
		{CellSize{10, 20}, 20, 10}, // 200 × 200 px
		{CellSize{9, 18}, 40, 20},
	} {
		pw, ph := tt.cell.halfPx()
		r := fitRectPx(640, 640, tt.cols, 2*tt.rows, pw, ph)
		if r.Dx() != tt.cols || r.Dy() != 2*tt.rows {
			t.Errorf("%v cells, %dx%d grid: image at %v, want the whole grid", tt.cell, tt.cols, tt.rows, r)
		}
	}
	// 20×10 cells of 8×17 px are 160×170 px: taller than wide, so the
	// cover leaves a pixel row free instead of being stretched.
	pw, ph := CellSize{8, 17}.halfPx()
	if r := fitRectPx(640, 640, 20, 20, pw, ph); r.Dx() != 20 || r.Dy() != 19 {
		t.Errorf("8×17 cells, 20×10 grid: %v, want full width and 19 of 20 pixel rows", r)
	}
	if (CellSize{}).OrDefault() != DefaultCell() || (CellSize{1, 100}).OrDefault() != DefaultCell() {
		t.Error("unknown or absurd cells are not replaced by the default")
	}
}
