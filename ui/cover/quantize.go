package cover

import (
	"image"
	"image/color"
	"slices"
)

// A sixel image names its colours from a palette of at most 256 registers,
// so the cover is reduced to that many colours first: median cut, which
// spends registers where the cover has pixels (a dark cover gets many dark
// shades) rather than on a fixed grid.

// indexed is an image reduced to a palette: pix holds one palette index per
// pixel, row by row, or -1 where the pixel is transparent (left undrawn).
type indexed struct {
	w, h    int
	pix     []int16
	palette []color.RGBA
}

// box is a run of pixels (colours) that median cut may split further.
type box struct {
	px []uint32 // packed 0xRRGGBB
}

func (b box) widest() (ch uint, span int) {
	lo := [3]int{255, 255, 255}
	var hi [3]int
	for _, p := range b.px {
		for c := range 3 {
			v := int(p>>(16-8*c)) & 0xff
			lo[c], hi[c] = min(lo[c], v), max(hi[c], v)
		}
	}
	for c := range 3 {
		if s := hi[c] - lo[c]; s > span {
			ch, span = uint(c), s
		}
	}
	return ch, span
}

func (b box) mean() color.RGBA {
	var s [3]int
	for _, p := range b.px {
		s[0] += int(p >> 16 & 0xff)
		s[1] += int(p >> 8 & 0xff)
		s[2] += int(p & 0xff)
	}
	n := max(len(b.px), 1)
	return color.RGBA{uint8((s[0] + n/2) / n), uint8((s[1] + n/2) / n), uint8((s[2] + n/2) / n), 255}
}

// medianCut picks at most n colours for px (which it reorders).
func medianCut(px []uint32, n int) []color.RGBA {
	if len(px) == 0 || n <= 0 {
		return nil
	}
	boxes := []box{{px: px}}
	for len(boxes) < n {
		// Split the box whose colours spread the most, weighted by how
		// many pixels it holds: large areas deserve the finer shades.
		best, bestScore, bestCh := -1, 0, uint(0)
		for i, b := range boxes {
			if len(b.px) < 2 {
				continue
			}
			ch, span := b.widest()
			if score := span * len(b.px); span > 0 && score > bestScore {
				best, bestScore, bestCh = i, score, ch
			}
		}
		if best < 0 {
			break // every box is a single colour
		}
		b := boxes[best]
		shift := 16 - 8*bestCh
		slices.SortFunc(b.px, func(x, y uint32) int { return int(x>>shift&0xff) - int(y>>shift&0xff) })
		mid := len(b.px) / 2
		boxes[best] = box{px: b.px[:mid]}
		boxes = append(boxes, box{px: b.px[mid:]})
	}
	pal := make([]color.RGBA, 0, len(boxes))
	for _, b := range boxes {
		pal = append(pal, b.mean())
	}
	return pal
}

// reducePalette reduces img to at most n colours chosen for it. Pixels less than
// half opaque become transparent.
func reducePalette(img *image.RGBA, n int) indexed {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	out := indexed{w: w, h: h, pix: make([]int16, w*h)}
	px := make([]uint32, 0, w*h)
	for y := range h {
		row := img.Pix[y*img.Stride : y*img.Stride+4*w]
		for x := range w {
			p := row[4*x : 4*x+4]
			if p[3] >= 128 {
				px = append(px, uint32(p[0])<<16|uint32(p[1])<<8|uint32(p[2]))
			}
		}
	}
	out.palette = medianCut(binColours(px), min(n, 256))
	near := refine(out.palette, px)
	for y := range h {
		row := img.Pix[y*img.Stride : y*img.Stride+4*w]
		for x := range w {
			p := row[4*x : 4*x+4]
			i := y*w + x
			if p[3] < 128 {
				out.pix[i] = -1
				continue
			}
			out.pix[i] = near[key15(uint32(p[0])<<16|uint32(p[1])<<8|uint32(p[2]))]
		}
	}
	return out
}

// binColours is the distinct 5-bit bins of px, each as the mean of its
// pixels: median cut sorts thousands of these instead of every pixel (six
// times faster on a cover); refine then weighs them by their pixels.
func binColours(px []uint32) []uint32 {
	type sum struct{ n, r, g, b int }
	bins := map[int]*sum{}
	for _, p := range px {
		k := key15(p)
		s := bins[k]
		if s == nil {
			s = &sum{}
			bins[k] = s
		}
		s.n++
		s.r += int(p >> 16 & 0xff)
		s.g += int(p >> 8 & 0xff)
		s.b += int(p & 0xff)
	}
	out := make([]uint32, 0, len(bins))
	for _, s := range bins {
		out = append(out, uint32(s.r/s.n)<<16|uint32(s.g/s.n)<<8|uint32(s.b/s.n))
	}
	slices.Sort(out) // map order must not change the palette
	return out
}

// key15 is a colour's 5-bit-per-channel bin.
func key15(p uint32) int { return int(p>>19&31)<<10 | int(p>>11&31)<<5 | int(p>>3&31) }

// refine improves the median-cut palette in place with a few rounds of
// k-means over a histogram of 5-bit bins (a cover has tens of thousands of
// distinct colours, the histogram 32768 bins at most), and returns each
// bin's nearest palette entry: a lookup table for mapping pixels.
func refine(pal []color.RGBA, px []uint32) []int16 {
	type bin struct{ n, r, g, b int }
	hist := make([]bin, 1<<15)
	for _, p := range px {
		h := &hist[key15(p)]
		h.n++
		h.r += int(p >> 16 & 0xff)
		h.g += int(p >> 8 & 0xff)
		h.b += int(p & 0xff)
	}
	var full []int // bins with pixels
	for k := range hist {
		if hist[k].n > 0 {
			full = append(full, k)
		}
	}
	near := make([]int16, len(hist))
	assign := func() {
		for _, k := range full {
			h := hist[k]
			near[k] = nearest(pal, h.r/h.n, h.g/h.n, h.b/h.n)
		}
	}
	sums := make([]bin, len(pal))
	for range 3 {
		assign()
		clear(sums)
		for _, k := range full {
			s := &sums[near[k]]
			h := hist[k]
			s.n += h.n
			s.r += h.r
			s.g += h.g
			s.b += h.b
		}
		for i, s := range sums {
			if s.n > 0 {
				pal[i] = color.RGBA{uint8((s.r + s.n/2) / s.n), uint8((s.g + s.n/2) / s.n), uint8((s.b + s.n/2) / s.n), 255}
			}
		}
	}
	assign()
	return near
}

func nearest(pal []color.RGBA, r, g, b int) int16 {
	best, bestD := 0, 1<<30
	for i, c := range pal {
		dr, dg, db := r-int(c.R), g-int(c.G), b-int(c.B)
		if d := 2*dr*dr + 4*dg*dg + 3*db*db; d < bestD {
			best, bestD = i, d
		}
	}
	return int16(best)
}
