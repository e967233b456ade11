package cover

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"testing"

	"github.com/spotui/spotui/internal/hostilepng"
)

// FuzzDecode: whatever the bytes, decoding never panics, never allocates
// much beyond maxDecodeBytes, refuses without allocating, and what it
// returns is within maxCoverPx and 8 bits a channel.
func FuzzDecode(f *testing.F) {
	f.Add(jpegBytes(f, 16, 12, 0))
	f.Add(hostilepng.File(hostilepng.Spec{W: 9, H: 7, Depth: 16, ColorType: 6}))
	f.Add(hostilepng.File(hostilepng.Spec{W: 9, H: 7, Depth: 8, ColorType: 0}))
	f.Add(hostilepng.File(hostilepng.Spec{W: 3000, H: 2, Depth: 8, ColorType: 2, HeaderOnly: true}))
	f.Add(hostilepng.File(hostilepng.Spec{W: 8, H: 8, Depth: 16, ColorType: 2, Interlace: 1, HeaderOnly: true}))
	f.Add(jpegHeader(0xc2, 64, 48))
	f.Add(jpegHeader(0xc0, 2048, 2048))
	var p bytes.Buffer
	pal := image.NewPaletted(image.Rect(0, 0, 5, 5), color.Palette{color.Black, color.White})
	if err := png.Encode(&p, pal); err != nil {
		f.Fatal(err)
	}
	f.Add(p.Bytes())
	var g bytes.Buffer
	if err := gif.Encode(&g, pal, nil); err != nil {
		f.Fatal(err)
	}
	f.Add(g.Bytes())

	f.Fuzz(func(t *testing.T, data []byte) {
		var img image.Image
		var err error
		n := allocated(func() { img, _, err = decode(data) })
		var lim *LimitError
		switch {
		case errors.As(err, &lim):
			if n > 1<<20 {
				t.Fatalf("refusal %v allocated %d bytes", err, n)
			}
			return
		case n > maxDecodeBytes+12<<20:
			t.Fatalf("decode allocated %d MB (err %v)", n>>20, err)
		case err != nil:
			return
		}
		b := img.Bounds()
		if b.Empty() || b.Dx() > maxCoverPx || b.Dy() > maxCoverPx {
			t.Fatalf("decoded to %v", b)
		}
		switch img.(type) {
		case *image.YCbCr, *image.RGBA, *image.NRGBA, *image.Gray:
		default:
			t.Fatalf("decoded to %T", img)
		}
	})
}
