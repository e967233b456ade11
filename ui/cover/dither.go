package cover

import (
	"image"

	"github.com/muesli/termenv"
)

// Dithering strengths: the share of each pixel's error passed on. 16
// colours need all of it, or a muted cover collapses to flat greys; the
// 256-colour palette is close enough that full diffusion mostly adds
// speckle (its cube is coarse in the darks), so it passes on less.
const (
	ditherStrength16  = 1.0
	ditherStrength256 = 0.75
)

// quantize gives each pixel of the w×h canvas its colour code, or
// colorDefault where the pixel is transparent (the fit's margins).
//
// Below truecolor it matches in OKLab and diffuses the error Floyd–Steinberg
// style, in linear light (where the eye averages neighbouring pixels), on
// alternate directions per row so the error does not drift one way.
func quantize(c *image.RGBA, w, h int, p termenv.Profile) []int32 {
	codes := make([]int32, w*h)
	if p == termenv.TrueColor {
		for y := range h {
			row := c.Pix[y*c.Stride:]
			for x := range w {
				px := row[4*x : 4*x+4 : 4*x+4]
				if px[3] < opaqueMin {
					codes[y*w+x] = colorDefault
					continue
				}
				codes[y*w+x] = int32(px[0])<<16 | int32(px[1])<<8 | int32(px[2])
			}
		}
		return codes
	}
	pal := paletteFor(p)
	strength := float32(ditherStrength16)
	if p == termenv.ANSI256 {
		strength = ditherStrength256
	}
	// The error carried into this row and the next, one pixel of padding
	// either side so the edges need no checks.
	cur, next := make([]linRGB, w+2), make([]linRGB, w+2)
	for y := range h {
		row := c.Pix[y*c.Stride:]
		x, dir := 0, 1
		if y%2 == 1 {
			x, dir = w-1, -1
		}
		for range w {
			px := row[4*x : 4*x+4 : 4*x+4]
			if px[3] < opaqueMin {
				codes[y*w+x] = colorDefault // its share of error is dropped
				x += dir
				continue
			}
			e := cur[x+1]
			want := linRGB{clamp01(srgbLinear[px[0]] + e.r), clamp01(srgbLinear[px[1]] + e.g), clamp01(srgbLinear[px[2]] + e.b)}
			k := pal.nearest(toOKLab(want))
			codes[y*w+x] = pal.codes[k]
			got := pal.lin[k]
			d := linRGB{(want.r - got.r) * strength, (want.g - got.g) * strength, (want.b - got.b) * strength}
			cur[x+1+dir].add(d, 7.0/16)
			next[x+1-dir].add(d, 3.0/16)
			next[x+1].add(d, 5.0/16)
			next[x+1+dir].add(d, 1.0/16)
			x += dir
		}
		cur, next = next, cur
		clear(next)
	}
	return codes
}

func (c *linRGB) add(d linRGB, f float32) {
	c.r += d.r * f
	c.g += d.g * f
	c.b += d.b * f
}

func clamp01(v float32) float32 { return min(max(v, 0), 1) }
