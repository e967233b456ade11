package cover

import (
	"math"
	"slices"

	"github.com/muesli/termenv"
)

// Colour codes of one cell side: colorDefault is the terminal's own colour,
// anything else is profile-specific: 0xRRGGBB for TrueColor, a palette
// index for ANSI256 (16–255) and ANSI (0–15). Plain ints keep the per-pixel
// loop free of allocations and interface calls.
const colorDefault int32 = -1

// colorCode quantises one pixel for the profile: the perceptually nearest
// palette colour (OKLab), without dithering. Covers dither (dither.go).
func colorCode(p termenv.Profile, r, g, b uint8) int32 {
	if p == termenv.TrueColor {
		return int32(r)<<16 | int32(g)<<8 | int32(b)
	}
	pal := paletteFor(p)
	return pal.codes[pal.nearest(toOKLab(linRGB{srgbLinear[r], srgbLinear[g], srgbLinear[b]}))]
}

// linRGB is linear-light RGB in [0, 1]: where light adds up, so where the
// eye's blur averages neighbouring pixels and dithering error is carried.
type linRGB struct{ r, g, b float32 }

// oklab is Björn Ottosson's OKLab: Euclidean distance here tracks perceived
// difference far better than in sRGB, which over-weights dark blues and
// sends muted colours to grey.
type oklab struct{ l, a, b float32 }

func toOKLab(c linRGB) oklab {
	l := cbrt(0.4122214708*c.r + 0.5363325363*c.g + 0.0514459929*c.b)
	m := cbrt(0.2119034982*c.r + 0.6806995451*c.g + 0.1073969566*c.b)
	s := cbrt(0.0883024619*c.r + 0.2817188376*c.g + 0.6299787005*c.b)
	return oklab{
		0.2104542553*l + 0.7936177850*m - 0.0040720468*s,
		1.9779984951*l - 2.4285922050*m + 0.4505937099*s,
		0.0259040371*l + 0.7827717662*m - 0.8086757660*s,
	}
}

func cbrt(v float32) float32 { return float32(math.Cbrt(float64(v))) }

func (p oklab) dist2(q oklab) float32 {
	dl, da, db := p.l-q.l, p.a-q.a, p.b-q.b
	return dl*dl + da*da + db*db
}

// srgbLinear decodes an sRGB byte to linear light. Read-only after init.
var srgbLinear = func() (t [256]float32) {
	for i := range t {
		v := float64(i) / 255
		if v <= 0.04045 {
			t[i] = float32(v / 12.92)
		} else {
			t[i] = float32(math.Pow((v+0.055)/1.055, 2.4))
		}
	}
	return t
}()

// palette is a terminal palette sorted by OKLab lightness, so a search can
// stop once lightness alone is farther than the best match.
type palette struct {
	codes []int32
	lab   []oklab
	lin   []linRGB
}

// The two palettes are built once and never written: read-only tables.
var (
	pal256 = newPalette(16, 256, xterm256RGB)
	pal16  = newPalette(0, 16, ansi16RGB)
)

func paletteFor(p termenv.Profile) *palette {
	if p == termenv.ANSI256 {
		return &pal256
	}
	return &pal16
}

func newPalette(from, to int, rgb func(int) (r, g, b int)) palette {
	idx := make([]int, 0, to-from)
	for i := from; i < to; i++ {
		idx = append(idx, i)
	}
	lin := func(i int) linRGB {
		r, g, b := rgb(i)
		return linRGB{srgbLinear[r], srgbLinear[g], srgbLinear[b]}
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		li, lj := toOKLab(lin(i)).l, toOKLab(lin(j)).l
		switch {
		case li < lj:
			return -1
		case li > lj:
			return 1
		}
		return 0
	})
	p := palette{}
	for _, i := range idx {
		p.codes = append(p.codes, int32(i))
		p.lin = append(p.lin, lin(i))
		p.lab = append(p.lab, toOKLab(lin(i)))
	}
	return p
}

// nearest is the index (into p's slices) of the colour closest to c. It
// starts at c's lightness and walks outwards both ways, each way stopping
// once the lightness gap alone exceeds the best distance found.
func (p *palette) nearest(c oklab) int {
	n := len(p.lab)
	hi, _ := slices.BinarySearchFunc(p.lab, c.l, func(e oklab, l float32) int {
		if e.l < l {
			return -1
		}
		return 1
	})
	lo := hi - 1
	best, bestD := 0, float32(math.MaxFloat32)
	for lo >= 0 || hi < n {
		if lo >= 0 {
			if dl := c.l - p.lab[lo].l; dl*dl > bestD {
				lo = -1
			} else {
				if d := c.dist2(p.lab[lo]); d < bestD {
					best, bestD = lo, d
				}
				lo--
			}
		}
		if hi < n {
			if dl := p.lab[hi].l - c.l; dl*dl > bestD {
				hi = n
			} else {
				if d := c.dist2(p.lab[hi]); d < bestD {
					best, bestD = hi, d
				}
				hi++
			}
		}
	}
	return best
}

// cubeLevel is the xterm 6×6×6 cube's channel value for step i.
func cubeLevel(i int) int {
	if i == 0 {
		return 0
	}
	return 55 + 40*i
}

// xterm256RGB is the RGB of colour i in 16–255: the 6×6×6 cube, then the
// 24 greys. The first 16 are left out: terminals theme them, so their RGB
// is unknown where 256 colours are available.
func xterm256RGB(i int) (r, g, b int) {
	if i >= 232 {
		v := 8 + 10*(i-232)
		return v, v, v
	}
	j := i - 16
	return cubeLevel(j / 36), cubeLevel(j / 6 % 6), cubeLevel(j % 6)
}

// ansi16RGB is xterm's default RGB for the 16 basic colours: the best guess
// there is, since every theme changes them.
func ansi16RGB(i int) (r, g, b int) {
	switch i {
	case 0:
		return 0, 0, 0
	case 1:
		return 205, 0, 0
	case 2:
		return 0, 205, 0
	case 3:
		return 205, 205, 0
	case 4:
		return 0, 0, 238
	case 5:
		return 205, 0, 205
	case 6:
		return 0, 205, 205
	case 7:
		return 229, 229, 229
	case 8:
		return 127, 127, 127
	case 9:
		return 255, 0, 0
	case 10:
		return 0, 255, 0
	case 11:
		return 255, 255, 0
	case 12:
		return 92, 92, 255
	case 13:
		return 255, 0, 255
	case 14:
		return 0, 255, 255
	}
	return 255, 255, 255
}
