package cover

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"

	"github.com/muesli/termenv"
)

// photo is a decoded w×h JPEG with smooth gradients and some texture, so
// the encoder and the scaler do realistic work.
func photo(tb testing.TB, w, h int) image.Image {
	tb.Helper()
	data := jpegBytes(tb, w, h, 0)
	img, _, err := decode(data)
	if err != nil {
		tb.Fatal(err)
	}
	return img
}

func BenchmarkRenderCover(b *testing.B) {
	img := photo(b, 640, 640)
	if _, ok := img.(*image.YCbCr); !ok {
		b.Fatalf("decoded %T, want *image.YCbCr as a real JPEG gives", img)
	}
	b.ReportAllocs()
	for b.Loop() {
		if s := halfBlocks(img, 30, 15, termenv.TrueColor, cell12); s == "" {
			b.Fatal("empty render")
		}
	}
}

func BenchmarkView(b *testing.B) {
	m := New(Options{Profile: termenv.TrueColor})
	m.cols, m.rows = 30, 15
	m.view = halfBlocks(photo(b, 640, 640), 30, 15, termenv.TrueColor, cell12)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n += len(m.View())
	}
	if n == 0 {
		b.Fatal("empty view")
	}
}

// jpegBytes encodes a w×h test picture; seed varies its colours so two
// covers render differently.
func jpegBytes(tb testing.TB, w, h int, seed uint8) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			i := img.PixOffset(x, y)
			img.Pix[i+0] = uint8(x*255/max(1, w-1)) + seed
			img.Pix[i+1] = uint8(y*255/max(1, h-1)) ^ seed
			img.Pix[i+2] = uint8((x*7+y*13)%64) + 96 + seed
			img.Pix[i+3] = 255
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
