package cover

import (
	"image"
	"image/color"
	"math"
	"testing"

	"github.com/muesli/termenv"
)

// nearestRGB is the mapping covers used before OKLab and dithering: the
// nearest palette colour by squared sRGB distance, pixel by pixel. It stays
// here as the baseline the error test compares against.
func nearestRGB(p termenv.Profile, r, g, b uint8) int32 {
	from, to, rgb := 16, 256, xterm256RGB
	if p == termenv.ANSI {
		from, to, rgb = 0, 16, ansi16RGB
	}
	best, bestD := from, 1<<30
	for i := from; i < to; i++ {
		pr, pg, pb := rgb(i)
		if d := sq(int(r)-pr) + sq(int(g)-pg) + sq(int(b)-pb); d < bestD {
			best, bestD = i, d
		}
	}
	return int32(best)
}

func sq(v int) int { return v * v }

func TestPaletteNearestIsNearestInOKLab(t *testing.T) {
	for _, p := range []termenv.Profile{termenv.ANSI256, termenv.ANSI} {
		pal := paletteFor(p)
		for r := 0; r < 256; r += 15 {
			for g := 0; g < 256; g += 17 {
				for b := 0; b < 256; b += 13 {
					c := toOKLab(linRGB{srgbLinear[r], srgbLinear[g], srgbLinear[b]})
					brute, bruteD := 0, float32(math.MaxFloat32)
					for i, e := range pal.lab {
						if d := c.dist2(e); d < bruteD {
							brute, bruteD = i, d
						}
					}
					if got := pal.nearest(c); c.dist2(pal.lab[got]) != bruteD {
						t.Fatalf("%v: nearest(%d,%d,%d) = %d (d %g), brute force %d (d %g)",
							p, r, g, b, pal.codes[got], c.dist2(pal.lab[got]), pal.codes[brute], bruteD)
					}
				}
			}
		}
	}
	if n := len(pal256.codes); n != 240 {
		t.Errorf("256-colour palette has %d entries, want the cube and the greys (240)", n)
	}
}

// testCovers are canvases like the ones covers are drawn from: smooth
// gradients (banding), muted colours (which nearest-RGB turned grey at 16
// colours) and dark tones (where the 256 cube is coarsest).
func testCovers(t *testing.T) map[string]*image.RGBA {
	const w, h = 40, 40
	gen := func(f func(x, y float64) (r, g, b float64)) *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := range h {
			for x := range w {
				r, g, b := f(float64(x)/(w-1), float64(y)/(h-1))
				img.SetRGBA(x, y, color.RGBA{u8(r), u8(g), u8(b), 255})
			}
		}
		return img
	}
	return map[string]*image.RGBA{
		"photo": blockCanvas(photo(t, 640, 640), w, h/2, cell12),
		"muted": gen(func(x, y float64) (float64, float64, float64) { // teal to rust, desaturated
			return 90 + 80*x, 110 + 20*y - 30*x, 120 - 60*x + 10*y
		}),
		"dark": gen(func(x, y float64) (float64, float64, float64) { // a night sky
			return 10 + 30*x, 15 + 20*y, 40 + 50*(1-y)
		}),
		"skin": gen(func(x, y float64) (float64, float64, float64) {
			return 170 + 70*x, 120 + 60*x - 20*y, 90 + 50*x - 30*y
		}),
	}
}

func u8(v float64) uint8 { return uint8(min(255, max(0, math.Round(v)))) }

// codeLin is the linear RGB a colour code shows as (xterm's palette).
func codeLin(p termenv.Profile, c int32) linRGB {
	var r, g, b int
	switch p {
	case termenv.TrueColor:
		r, g, b = int(c>>16&0xff), int(c>>8&0xff), int(c&0xff)
	case termenv.ANSI256:
		r, g, b = xterm256RGB(int(c))
	default:
		r, g, b = ansi16RGB(int(c))
	}
	return linRGB{srgbLinear[r], srgbLinear[g], srgbLinear[b]}
}

// blurred is the w×h image of codes as seen from a little further away: a
// 3×3 box blur in linear light, the edges averaging what they have.
func blurred(p termenv.Profile, codes []int32, w, h int) []oklab {
	out := make([]oklab, w*h)
	for y := range h {
		for x := range w {
			var s linRGB
			n := float32(0)
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					xx, yy := x+dx, y+dy
					if xx < 0 || yy < 0 || xx >= w || yy >= h {
						continue
					}
					s.add(codeLin(p, codes[yy*w+xx]), 1)
					n++
				}
			}
			out[y*w+x] = toOKLab(linRGB{s.r / n, s.g / n, s.b / n})
		}
	}
	return out
}

// meanDeltaE is the mean OKLab distance, ×100 (about 1 is a just
// noticeable difference).
func meanDeltaE(a, b []oklab) float64 {
	var sum float64
	for i := range a {
		sum += math.Sqrt(float64(a[i].dist2(b[i])))
	}
	return 100 * sum / float64(len(a))
}

// TestCoverErrorBlurred measures how far a 256- and a 16-colour cover are
// from the truecolor one once the eye blurs the half blocks (3×3 box in
// linear light, OKLab ΔE×100), against the old nearest-RGB mapping. Run
// with -v for the figures.
func TestCoverErrorBlurred(t *testing.T) {
	bounds := map[termenv.Profile]float64{termenv.ANSI256: 2, termenv.ANSI: 11}
	for name, img := range testCovers(t) {
		w, h := img.Rect.Dx(), img.Rect.Dy()
		ref := blurred(termenv.TrueColor, quantize(img, w, h, termenv.TrueColor), w, h)
		for _, p := range []termenv.Profile{termenv.ANSI256, termenv.ANSI} {
			old := make([]int32, w*h)
			for i := range old {
				px := img.Pix[4*i:]
				old[i] = nearestRGB(p, px[0], px[1], px[2])
			}
			oldE := meanDeltaE(blurred(p, old, w, h), ref)
			codes := quantize(img, w, h, p)
			newE := meanDeltaE(blurred(p, codes, w, h), ref)
			t.Logf("%-5s %3d colours: blurred ΔE×100 %5.2f (nearest RGB: %5.2f); per pixel %5.2f (%5.2f)", name, paletteLen(p),
				newE, oldE, pixelDeltaE(img, p, codes), pixelDeltaE(img, p, old))
			if newE > bounds[p] {
				t.Errorf("%s at %d colours: blurred error %.2f, want ≤ %.1f", name, paletteLen(p), newE, bounds[p])
			}
			if newE >= oldE {
				t.Errorf("%s at %d colours: blurred error %.2f is no better than nearest RGB's %.2f", name, paletteLen(p), newE, oldE)
			}
		}
	}
}

// pixelDeltaE is the unblurred mean error ×100: what dithering adds as
// speckle, the price of a lower blurred error.
func pixelDeltaE(img *image.RGBA, p termenv.Profile, codes []int32) float64 {
	var sum float64
	for i, c := range codes {
		px := img.Pix[4*i:]
		want := toOKLab(linRGB{srgbLinear[px[0]], srgbLinear[px[1]], srgbLinear[px[2]]})
		sum += math.Sqrt(float64(want.dist2(toOKLab(codeLin(p, c)))))
	}
	return 100 * sum / float64(len(codes))
}

func paletteLen(p termenv.Profile) int {
	if p == termenv.ANSI256 {
		return 256
	}
	return 16
}

// A muted cover at 16 colours used to be flat grey blocks: every pixel
// went to 7 or 8. Dithered, it keeps its hues.
func TestSixteenColoursNotFlatGrey(t *testing.T) {
	img := testCovers(t)["muted"]
	w, h := img.Rect.Dx(), img.Rect.Dy()
	share := func(codes []int32) float64 {
		hued := 0
		for _, c := range codes {
			if c != 0 && c != 7 && c != 8 && c != 15 {
				hued++
			}
		}
		return float64(hued) / float64(len(codes))
	}
	old := make([]int32, w*h)
	for i := range old {
		old[i] = nearestRGB(termenv.ANSI, img.Pix[4*i], img.Pix[4*i+1], img.Pix[4*i+2])
	}
	got, was := share(quantize(img, w, h, termenv.ANSI)), share(old)
	t.Logf("muted cover at 16 colours: %.0f %% of pixels have a hue (nearest RGB: %.0f %%)", 100*got, 100*was)
	if got < 0.1 {
		t.Errorf("muted cover at 16 colours: %.0f %% of pixels have a hue, want ≥ 10 %%", 100*got)
	}
}

// Transparent pixels stay the terminal's background at every depth, and
// exact palette colours stay exact (no error to spread).
func TestQuantizeMarginsAndExactColours(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.SetRGBA(1, 0, color.RGBA{95, 135, 175, 255}) // cube 67
	img.SetRGBA(1, 1, color.RGBA{95, 135, 175, 255})
	for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI} {
		got := quantize(img, 3, 2, p)
		for _, i := range []int{0, 2, 3, 5} {
			if got[i] != colorDefault {
				t.Errorf("%v: transparent pixel %d = %d", p, i, got[i])
			}
		}
		if p == termenv.ANSI256 && (got[1] != 67 || got[4] != 67) {
			t.Errorf("256 colours: exact cube colour became %d, %d", got[1], got[4])
		}
	}
}
