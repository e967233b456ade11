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
// when f < 2. A remainder of under f pixels at the right and bottom edges
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
		boxPix(dst, s.Pix, s.Stride, s.PixOffset(b.Min.X, b.Min.Y), f, 1, false)
	case *image.NRGBA:
		boxPix(dst, s.Pix, s.Stride, s.PixOffset(b.Min.X, b.Min.Y), f, 1, true)
	case *image.RGBA64: // 16-bit PNGs
		boxPix(dst, s.Pix, s.Stride, s.PixOffset(b.Min.X, b.Min.Y), f, 2, false)
	case *image.NRGBA64:
		boxPix(dst, s.Pix, s.Stride, s.PixOffset(b.Min.X, b.Min.Y), f, 2, true)
	default:
		boxAny(dst, src, f)
	}
	return dst
}

// boxAny is boxShrink for any other image (gray, paletted, CMYK): slower,
// through RGBA64At, which every standard image type has and which does not
// allocate as At does.
func boxAny(dst *image.RGBA, src image.Image, f int) {
	b := src.Bounds()
	s, ok := src.(image.RGBA64Image)
	n, half := f*f, f*f/2
	for oy := range dst.Rect.Dy() {
		for ox := range dst.Rect.Dx() {
			var sum [4]int
			for y := b.Min.Y + oy*f; y < b.Min.Y+(oy+1)*f; y++ {
				for x := b.Min.X + ox*f; x < b.Min.X+(ox+1)*f; x++ {
					var c color.RGBA64
					if ok {
						c = s.RGBA64At(x, y)
					} else {
						c = color.RGBA64Model.Convert(src.At(x, y)).(color.RGBA64)
					}
					sum[0] += int(c.R >> 8)
					sum[1] += int(c.G >> 8)
					sum[2] += int(c.B >> 8)
					sum[3] += int(c.A >> 8)
				}
			}
			i := dst.PixOffset(ox, oy)
			for c := range 4 {
				dst.Pix[i+c] = uint8((sum[c] + half) / n)
			}
		}
	}
}

// boxPix averages f×f blocks of 4-channel pixels of cb bytes a channel
// (1, or 2 for 16 bits: big-endian, so the high byte comes first and is the
// one read) starting at off. NRGBA pixels are premultiplied on the way, as
// RGBA stores them.
func boxPix(dst *image.RGBA, pix []byte, stride, off, f, cb int, nrgba bool) {
	n, half := f*f, f*f/2
	w, h := dst.Rect.Dx(), dst.Rect.Dy()
	px := 4 * cb
	for oy := range h {
		for ox := range w {
			var sum [4]int
			for y := range f {
				row := pix[off+(oy*f+y)*stride+ox*f*px:]
				for x := range f {
					p := row[px*x : px*x+px : px*x+px]
					r, g, bl, a := int(p[0]), int(p[cb]), int(p[2*cb]), int(p[3*cb])
					if nrgba {
						r, g, bl = r*a/255, g*a/255, bl*a/255
					}
					sum[0] += r
					sum[1] += g
					sum[2] += bl
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
