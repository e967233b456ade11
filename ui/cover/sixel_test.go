package cover

import (
	"fmt"
	"image"
	"image/color"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// sixelImage is what the test decoder read from one DCS … q … ST.
type sixelImage struct {
	rasterW, rasterH int
	registers        map[int]color.RGBA // every register defined
	img              *image.RGBA        // drawn pixels; alpha 0 where none
}

// decodeSixel is a small, strict sixel decoder: raster attributes, colour
// definitions in RGB percent, colour selection, sixel data, !n repeats, $
// and -. Anything else fails the test, so the encoder cannot drift into
// sequences only a lenient terminal accepts.
func decodeSixel(t *testing.T, s string) sixelImage {
	t.Helper()
	body, ok := strings.CutPrefix(s, "\x1bP0;1;0q")
	if !ok {
		t.Fatalf("sixel does not start with DCS 0;1;0 q (transparent background): %q", trim(s))
	}
	body, ok = strings.CutSuffix(body, "\x1b\\")
	if !ok {
		t.Fatalf("sixel does not end with ST")
	}
	out := sixelImage{registers: map[int]color.RGBA{}}
	num := func(i *int) int {
		j := *i
		for j < len(body) && body[j] >= '0' && body[j] <= '9' {
			j++
		}
		if j == *i {
			t.Fatalf("number expected at %d: %q", *i, trim(body[*i:]))
		}
		n, _ := strconv.Atoi(body[*i:j])
		*i = j
		return n
	}
	expect := func(i *int, c byte) {
		if *i >= len(body) || body[*i] != c {
			t.Fatalf("%q expected at %d: %q", c, *i, trim(body[*i:]))
		}
		*i++
	}
	i := 0
	expect(&i, '"')
	if num(&i) != 1 {
		t.Fatal("pixel aspect numerator is not 1")
	}
	expect(&i, ';')
	if num(&i) != 1 {
		t.Fatal("pixel aspect denominator is not 1")
	}
	expect(&i, ';')
	out.rasterW = num(&i)
	expect(&i, ';')
	out.rasterH = num(&i)
	out.img = image.NewRGBA(image.Rect(0, 0, out.rasterW, out.rasterH))
	x, band, cur, repeat := 0, 0, -1, 1
	for i < len(body) {
		c := body[i]
		switch {
		case c == '#':
			i++
			reg := num(&i)
			if i < len(body) && body[i] == ';' {
				i++
				if num(&i) != 2 {
					t.Fatal("colour not in RGB (2)")
				}
				var rgb [3]int
				for k := range 3 {
					expect(&i, ';')
					rgb[k] = num(&i)
					if rgb[k] > 100 {
						t.Fatalf("colour component %d > 100", rgb[k])
					}
				}
				to8 := func(p int) uint8 { return uint8((p*255 + 50) / 100) }
				out.registers[reg] = color.RGBA{to8(rgb[0]), to8(rgb[1]), to8(rgb[2]), 255}
				continue
			}
			if _, ok := out.registers[reg]; !ok {
				t.Fatalf("register %d selected before it was defined", reg)
			}
			cur = reg
		case c == '!':
			i++
			repeat = num(&i)
			continue
		case c == '$':
			x = 0
			i++
		case c == '-':
			x = 0
			band++
			i++
		case c >= '?' && c <= '~':
			if cur < 0 {
				t.Fatal("sixel data before a colour was selected")
			}
			bits := c - '?'
			for n := 0; n < repeat; n++ {
				for k := range 6 {
					if bits&(1<<k) == 0 {
						continue
					}
					px, py := x, band*6+k
					if px >= out.rasterW || py >= out.rasterH {
						t.Fatalf("pixel (%d,%d) outside the raster %dx%d", px, py, out.rasterW, out.rasterH)
					}
					out.img.SetRGBA(px, py, out.registers[cur])
				}
				x++
			}
			repeat = 1
			i++
		default:
			t.Fatalf("unexpected byte %q at %d", c, i)
		}
	}
	return out
}

func trim(s string) string { return s[:min(len(s), 40)] }

var (
	sixelRE = regexp.MustCompile(`\x1b7\x1b\[(\d+)D(\x1bP.*?\x1b\\)\x1b8`)
	anySGR  = regexp.MustCompile(`\x1b`)
)

// decodeCover decodes renderSixel's lines into one picture of the cells'
// pixel box, checking each line's shape on the way, and reports the
// registers the slices used.
func decodeCover(t *testing.T, view string, cols, rows, cellW, cellH int) (*image.RGBA, map[color.RGBA]bool, []sixelImage) {
	t.Helper()
	checkShape(t, view, cols, rows)
	canvas := image.NewRGBA(image.Rect(0, 0, cols*cellW, rows*cellH))
	colours := map[color.RGBA]bool{}
	var all []sixelImage
	for y, line := range strings.Split(view, "\n") {
		if !strings.HasPrefix(line, strings.Repeat(" ", cols)) {
			t.Fatalf("line %d does not start with its %d spaces: %q", y, cols, trim(line))
		}
		rest := line[cols:]
		if rest == "" {
			continue
		}
		m := sixelRE.FindStringSubmatch(rest)
		if m == nil || m[0] != rest {
			t.Fatalf("line %d: want save, back, sixel, restore; got %q", y, trim(rest))
		}
		back, _ := strconv.Atoi(m[1])
		img := decodeSixel(t, m[2])
		if img.rasterH != cellH {
			t.Errorf("line %d: slice is %d px high, want one cell (%d)", y, img.rasterH, cellH)
		}
		x0 := (cols - back) * cellW
		for py := range img.rasterH {
			for px := range img.rasterW {
				c := img.img.RGBAAt(px, py)
				if c.A == 0 {
					continue
				}
				if x0+px >= cols*cellW {
					t.Fatalf("line %d: pixel %d past the cover's right edge", y, x0+px)
				}
				canvas.SetRGBA(x0+px, y*cellH+py, c)
			}
		}
		for _, c := range img.registers {
			colours[c] = true
		}
		all = append(all, img)
	}
	return canvas, colours, all
}

func TestSixelRoundTrip(t *testing.T) {
	tests := []struct {
		name                     string
		src                      image.Image
		cols, rows, cellW, cellH int
		maxErr                   float64 // mean absolute error per channel
	}{
		{"photo 30x15 at 8x16", photo(t, 640, 640), 30, 15, 8, 16, 4},
		// Kept at full detail, this picture fills a 256×256×64 block of
		// RGB: 256 colours are ~25 apart there, so ~6 is the floor.
		{"photo 20x10 at 10x20", photo(t, 300, 300), 20, 10, 10, 20, 6.5},
		{"wide box, odd cells", photo(t, 640, 640), 13, 4, 9, 17, 4},
		{"landscape cover", photo(t, 640, 320), 10, 10, 7, 14, 4},
		{"flat colours", flat(64, 64), 6, 3, 8, 16, 2.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			view := renderSixel(tt.src, tt.cols, tt.rows, tt.cellW, tt.cellH, 0)
			got, colours, slices := decodeCover(t, view, tt.cols, tt.rows, tt.cellW, tt.cellH)
			if len(colours) > 256 {
				t.Errorf("%d distinct colours, want ≤ 256", len(colours))
			}
			for i, s := range slices {
				if len(s.registers) > 256 {
					t.Errorf("slice %d defines %d registers", i, len(s.registers))
				}
			}
			// Exactly the fitted cover is drawn, at the cells' pixel size.
			sb := tt.src.Bounds()
			want := fitRect(sb.Dx(), sb.Dy(), tt.cols*tt.cellW, tt.rows*tt.cellH)
			if drawn := opaqueBounds(got); drawn != want {
				t.Fatalf("drawn %v, want the cover fitted to %dx%d px: %v", drawn, tt.cols*tt.cellW, tt.rows*tt.cellH, want)
			}
			ref := image.NewRGBA(got.Bounds())
			scaleInto(ref, want, tt.src)
			if e := meanError(got, ref, want); e > tt.maxErr {
				t.Errorf("mean error %.2f per channel, want ≤ %.1f", e, tt.maxErr)
			}
		})
	}
}

func TestSixelPaletteCap(t *testing.T) {
	noise := image.NewRGBA(image.Rect(0, 0, 96, 96))
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := range noise.Pix {
		noise.Pix[i] = uint8(rnd.IntN(256))
		if i%4 == 3 {
			noise.Pix[i] = 255
		}
	}
	for _, n := range []int{0, 256, 16, 2} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			_, colours, _ := decodeCover(t, renderSixel(noise, 12, 6, 8, 16, n), 12, 6, 8, 16)
			limit := n
			if n == 0 {
				limit = 256
			}
			if len(colours) > limit || len(colours) < limit/2 {
				t.Errorf("%d colours, want at most %d and not far fewer", len(colours), limit)
			}
		})
	}
}

func TestSixelDegenerate(t *testing.T) {
	for _, tc := range []struct{ cols, rows, cw, ch int }{{0, 5, 8, 16}, {5, 0, 8, 16}, {5, 5, 0, 16}, {5, 5, 8, -1}} {
		if s := renderSixel(flat(8, 8), tc.cols, tc.rows, tc.cw, tc.ch, 0); s != "" {
			t.Errorf("%v: %q, want nothing", tc, s)
		}
	}
	// An empty image draws blank cells of the right shape, no escapes.
	s := renderSixel(image.NewRGBA(image.Rect(0, 0, 0, 0)), 4, 2, 8, 16, 0)
	checkShape(t, s, 4, 2)
	if anySGR.MatchString(s) {
		t.Errorf("empty image wrote escapes: %q", s)
	}
}

// flat is four solid quadrants: exact colours survive quantizing.
func flat(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	cs := []color.RGBA{{200, 30, 30, 255}, {30, 200, 30, 255}, {30, 30, 200, 255}, {240, 240, 240, 255}}
	for y := range h {
		for x := range w {
			img.SetRGBA(x, y, cs[2*(2*y/h)+2*x/w])
		}
	}
	return img
}

func opaqueBounds(img *image.RGBA) image.Rectangle {
	var r image.Rectangle
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.RGBAAt(x, y).A != 0 {
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return r
}

func meanError(a, b *image.RGBA, r image.Rectangle) float64 {
	var sum, n float64
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ca, cb := a.RGBAAt(x, y), b.RGBAAt(x, y)
			for _, d := range []int{int(ca.R) - int(cb.R), int(ca.G) - int(cb.G), int(ca.B) - int(cb.B)} {
				sum += float64(max(d, -d))
			}
			n += 3
		}
	}
	return sum / n
}

func TestSixelLinesHaveCoverWidth(t *testing.T) {
	view := renderSixel(photo(t, 200, 200), 9, 5, 8, 16, 0)
	for i, l := range strings.Split(view, "\n") {
		if w := ansi.StringWidth(l); w != 9 {
			t.Errorf("line %d is %d cells wide, want 9", i, w)
		}
	}
}
