package cover

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/draw"
)

// Limits on what a cover may cost. Covers come from a CDN we do not
// control, and a few KB of PNG can declare gigabytes of pixels.
const (
	// maxSide refuses a cover by its header: Spotify's largest is 640 px,
	// and nothing on a terminal needs more than maxCoverPx.
	maxSide = 2048
	// maxDecodeBytes is the most one decode may allocate, by estimate
	// (decodeCost): exactly a 2048² 16-bit PNG. It refuses what fits
	// maxSide but still costs more, such as a 2048² progressive JPEG, whose
	// decoder keeps every DCT coefficient as an int32 (60 MB).
	maxDecodeBytes = 32 << 20
	// maxCoverPx is the side a decoded cover is shrunk to before caching.
	// It is Spotify's largest size, so real covers are never resampled on
	// load; it is also more than any view needs: half blocks show 2 px per
	// cell (640 px is 320 columns), and the kitty and iTerm2 views are
	// scaled for 10×20 px cells, where 640 px fill a 64×32-cell box and
	// the terminal stretches anything bigger as well as we could.
	maxCoverPx = 640
)

// LimitError is a cover refused before decoding: its header declares too
// many pixels, or a decode that would take more than maxDecodeBytes.
type LimitError struct {
	Format        string // "png" or "jpeg"
	Width, Height int    // as the header declares them
	Bytes         int64  // estimated memory to decode it
}

func (e *LimitError) Error() string {
	if e.Width > maxSide || e.Height > maxSide || e.Width <= 0 || e.Height <= 0 {
		return fmt.Sprintf("cover: %s of %d×%d pixels refused (at most %d×%d)",
			e.Format, e.Width, e.Height, maxSide, maxSide)
	}
	return fmt.Sprintf("cover: %s of %d×%d pixels refused: decoding it takes %d MB (at most %d)",
		e.Format, e.Width, e.Height, e.Bytes>>20, maxDecodeBytes>>20)
}

var pngMagic = []byte("\x89PNG\r\n\x1a\n")

// decode reads a JPEG or PNG cover within the limits above and returns it
// compacted (see compact), with the estimated cost of the decode. Formats
// are chosen here, not by image's registry, so a decoder some other package
// registers never sees cover bytes.
func decode(data []byte) (img image.Image, cost int64, err error) {
	var cfgFn func([]byte) (image.Config, error)
	var decFn func([]byte) (image.Image, error)
	var format string
	switch {
	case bytes.HasPrefix(data, pngMagic):
		format = "png"
		cfgFn = func(b []byte) (image.Config, error) { return png.DecodeConfig(bytes.NewReader(b)) }
		decFn = func(b []byte) (image.Image, error) { return png.Decode(bytes.NewReader(b)) }
	case bytes.HasPrefix(data, []byte{0xff, 0xd8}):
		format = "jpeg"
		cfgFn = func(b []byte) (image.Config, error) { return jpeg.DecodeConfig(bytes.NewReader(b)) }
		decFn = func(b []byte) (image.Image, error) { return jpeg.Decode(bytes.NewReader(b)) }
	default:
		return nil, 0, fmt.Errorf("cover: decode: not a JPEG or PNG")
	}
	cfg, err := cfgFn(data)
	if err != nil {
		return nil, 0, fmt.Errorf("cover: decode: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > maxSide || cfg.Height > maxSide {
		return nil, 0, &LimitError{Format: format, Width: cfg.Width, Height: cfg.Height}
	}
	cost = decodeCost(format, cfg, data)
	if cost > maxDecodeBytes {
		return nil, 0, &LimitError{Format: format, Width: cfg.Width, Height: cfg.Height, Bytes: cost}
	}
	img, err = decFn(data)
	if err != nil {
		return nil, cost, fmt.Errorf("cover: decode: %w", err)
	}
	if b := img.Bounds(); b.Dx() != cfg.Width || b.Dy() != cfg.Height {
		// Never seen from the standard decoders; the limits above rely on it.
		return nil, cost, fmt.Errorf("cover: decode: %dx%d pixels, header said %dx%d",
			b.Dx(), b.Dy(), cfg.Width, cfg.Height)
	}
	return compact(img), cost, nil
}

// decodeCost estimates, from the header, the bytes the standard decoders
// allocate for an image: always at least the truth, never far above it.
func decodeCost(format string, cfg image.Config, data []byte) int64 {
	w, h := int64(cfg.Width), int64(cfg.Height)
	switch format {
	case "png":
		bpp := int64(4) // 8-bit images decode to at most NRGBA
		switch cfg.ColorModel {
		case color.RGBA64Model, color.NRGBA64Model, color.Gray16Model:
			bpp = 8 // 16 bits a channel, and tRNS can turn gray into NRGBA64
		}
		n := w * h * bpp
		if pngInterlaced(data) {
			n *= 2 // each Adam7 pass gets its own image; together, one more
		}
		return n
	default: // jpeg
		// Pixels are decoded in whole MCUs, up to 32 px square.
		w, h = (w+31)&^31, (h+31)&^31
		var comps, bpp int64
		switch cfg.ColorModel {
		case color.GrayModel:
			comps, bpp = 1, 1
		case color.CMYKModel:
			comps, bpp = 4, 8 // YCbCr planes and K, then the CMYK result
		default:
			// YCbCr planes (4:4:4 at most), plus an RGBA copy when markers
			// after the header turn out to make it an RGB JPEG.
			comps, bpp = 3, 7
		}
		n := w * h * bpp
		if jpegProgressive(data) {
			n += w * h * comps * 4 // a [64]int32 per 8×8 block per component
		}
		return n
	}
}

// pngInterlaced reads the IHDR's interlace byte (DecodeConfig has checked
// that an IHDR comes first).
func pngInterlaced(data []byte) bool {
	const at = 8 + 8 + 12 // signature, chunk length and type, 12 bytes in
	return len(data) > at && data[at] != 0
}

// jpegProgressive walks the marker segments to the first SOF and reports
// whether it is progressive. Anything it cannot follow counts as
// progressive, the costlier guess: the standard decoder is more lenient.
func jpegProgressive(data []byte) bool {
	i := 2 // after SOI
	for i+4 <= len(data) {
		if data[i] != 0xff {
			return true
		}
		m := data[i+1]
		switch {
		case m == 0xff: // fill byte
			i++
			continue
		case m >= 0xd0 && m <= 0xd7 || m == 0x01: // no payload
			i += 2
			continue
		case m == 0xc0 || m == 0xc1:
			return false
		case m == 0xc2:
			return true
		case m == 0xd9 || m == 0xda || m == 0x00: // EOI or SOS before SOF: broken
			return true
		}
		i += 2 + int(binary.BigEndian.Uint16(data[i+2:]))
	}
	return true
}

// compact makes img what the cache keeps: at most maxCoverPx a side, 8 bits
// a channel. YCbCr (every JPEG cover), RGBA, NRGBA and Gray stay as they
// are when small enough: they are compact and the scalers have fast paths
// for them. Anything else (16-bit, paletted, CMYK) becomes RGBA.
func compact(img image.Image) image.Image {
	b := img.Bounds()
	if b.Dx() <= maxCoverPx && b.Dy() <= maxCoverPx {
		switch img.(type) {
		case *image.YCbCr, *image.RGBA, *image.NRGBA, *image.Gray:
			return img
		}
		dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Src)
		return dst
	}
	fit := fitRect(b.Dx(), b.Dy(), maxCoverPx, maxCoverPx)
	// Not CatmullRom: its buffer would take 42 MB for 2048 px.
	dst := image.NewRGBA(image.Rect(0, 0, fit.Dx(), fit.Dy()))
	boxBilinear(dst, dst.Bounds(), img)
	return dst
}

// imageBytes is what a cached cover costs in memory.
func imageBytes(img image.Image) int {
	switch m := img.(type) {
	case *image.YCbCr:
		return len(m.Y) + len(m.Cb) + len(m.Cr)
	case *image.RGBA:
		return len(m.Pix)
	case *image.NRGBA:
		return len(m.Pix)
	case *image.Gray:
		return len(m.Pix)
	}
	b := img.Bounds()
	return b.Dx() * b.Dy() * 8 // not made by compact; assume the worst
}
