package cover

import "github.com/muesli/termenv"

// Colour codes of one cell side: colorDefault is the terminal's own colour,
// anything else is profile-specific: 0xRRGGBB for TrueColor, a palette
// index for ANSI256 (16–255) and ANSI (0–15). Plain ints keep the per-pixel
// loop free of allocations and interface calls.
const colorDefault int32 = -1

// colorCode quantises one pixel for the profile.
func colorCode(p termenv.Profile, r, g, b uint8) int32 {
	switch p {
	case termenv.TrueColor:
		return int32(r)<<16 | int32(g)<<8 | int32(b)
	case termenv.ANSI256:
		return int32(nearest256(r, g, b))
	default:
		return int32(nearest16(r, g, b))
	}
}

// cubeLevel is the xterm 6×6×6 cube's channel value for step i.
func cubeLevel(i int) int {
	if i == 0 {
		return 0
	}
	return 55 + 40*i
}

// cubeStep is the cube step nearest to v. The levels are 0, 95, 135, 175,
// 215, 255: the midpoints are 47.5, 115, 155, 195, 235.
func cubeStep(v int) int {
	switch {
	case v < 48:
		return 0
	case v < 115:
		return 1
	}
	return (v - 35) / 40
}

// nearest256 is the nearest xterm-256 colour by squared RGB distance among
// the 6×6×6 cube (16–231) and the grey ramp (232–255). The first 16 are left
// out: terminals theme them, so their RGB is unknown. Squared distance is
// separable, so the per-channel nearest cube step is the nearest cube
// colour, and the grey nearest the channel mean is the nearest grey.
func nearest256(r, g, b uint8) int {
	ri, gi, bi := cubeStep(int(r)), cubeStep(int(g)), cubeStep(int(b))
	cube := 16 + 36*ri + 6*gi + bi
	cd := sq(int(r)-cubeLevel(ri)) + sq(int(g)-cubeLevel(gi)) + sq(int(b)-cubeLevel(bi))

	mean := (int(r) + int(g) + int(b)) / 3
	gs := (mean - 3) / 10 // grey i is 8+10i
	if mean < 3 {
		gs = 0
	}
	gs = min(gs, 23)
	gv := 8 + 10*gs
	gd := sq(int(r)-gv) + sq(int(g)-gv) + sq(int(b)-gv)
	if gd < cd {
		return 232 + gs
	}
	return cube
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

// nearest16 is the nearest basic colour by squared RGB distance.
func nearest16(r, g, b uint8) int {
	best, bestD := 0, 1<<30
	for i := range 16 {
		pr, pg, pb := ansi16RGB(i)
		d := sq(int(r)-pr) + sq(int(g)-pg) + sq(int(b)-pb)
		if d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

func sq(v int) int { return v * v }
