package cover

import (
	"image"
	"image/color"
)

// CatmullRom shrinking a 640-pixel cover to 30 columns reads some 80 source
// pixels per tap direction and converts YCbCr on each read: about 9 ms,
// too slow to redo on every resize. Averaging f×f blocks first (a box
// filter, which is exact area sampling for integer factors) takes a
// fraction of that and leaves CatmullRom a small image with 2–4× headroom,
// so quality is the same.

// shrinkFactor is the box factor that keeps at least twice the target
// size, or 1 when a box pass would not pay.
func shrinkFactor(sw, sh, tw, th int) int {
	if tw <= 0 || th <= 0 {
		return 1
	}
	return max(1, min(sw/(2*tw), sh/(2*th)))
}

// boxShrink averages f×f blocks of src into an RGBA image, or returns nil
// for image types it has no fast path for (the caller then scales src
// directly). A remainder of under f pixels at the right and bottom edges
// is dropped: less than half a pixel of the final size.
func boxShrink(src image.Image, f int) *image.RGBA {
	b := src.Bounds()
	w, h := b.Dx()/f, b.Dy()/f
	if f < 2 || w == 0 || h == 0 {
		return nil
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	n, half := f*f, f*f/2
	switch s := src.(type) {
	case *image.YCbCr:
		// YCbCr → RGB is affine, so averaging Y, Cb and Cr and converting
		// once per output pixel is the same as converting every pixel
		// (up to clamping of out-of-gamut values).
		for oy := range h {
			for ox := range w {
				var sy, scb, scr int
				x0, y0 := b.Min.X+ox*f, b.Min.Y+oy*f
				for y := y0; y < y0+f; y++ {
					yi := s.YOffset(x0, y)
					for x := range f {
						sy += int(s.Y[yi+x])
						ci := s.COffset(x0+x, y)
						scb += int(s.Cb[ci])
						scr += int(s.Cr[ci])
					}
				}
				r, g, bl := color.YCbCrToRGB(uint8((sy+half)/n), uint8((scb+half)/n), uint8((scr+half)/n))
				i := dst.PixOffset(ox, oy)
				dst.Pix[i], dst.Pix[i+1], dst.Pix[i+2], dst.Pix[i+3] = r, g, bl, 0xff
			}
		}
	case *image.RGBA:
		boxPix(dst, s.Pix, s.Stride, s.PixOffset(b.Min.X, b.Min.Y), f, false)
	case *image.NRGBA:
		boxPix(dst, s.Pix, s.Stride, s.PixOffset(b.Min.X, b.Min.Y), f, true)
	default:
		return nil
	}
	return dst
}

// boxPix averages f×f blocks of 4-byte pixels starting at off. NRGBA
// pixels are premultiplied on the way, as RGBA stores them.
func boxPix(dst *image.RGBA, pix []byte, stride, off, f int, nrgba bool) {
	n, half := f*f, f*f/2
	w, h := dst.Rect.Dx(), dst.Rect.Dy()
	for oy := range h {
		for ox := range w {
			var sum [4]int
			for y := range f {
				row := pix[off+(oy*f+y)*stride+ox*f*4:]
				for x := range f {
					p := row[4*x : 4*x+4 : 4*x+4]
					a := int(p[3])
					if nrgba {
						sum[0] += int(p[0]) * a / 255
						sum[1] += int(p[1]) * a / 255
						sum[2] += int(p[2]) * a / 255
					} else {
						sum[0] += int(p[0])
						sum[1] += int(p[1])
						sum[2] += int(p[2])
					}
					sum[3] += a
				}
			}
			i := dst.PixOffset(ox, oy)
			for c := range 4 {
				dst.Pix[i+c] = uint8((sum[c] + half) / n)
			}
		}
	}
}
