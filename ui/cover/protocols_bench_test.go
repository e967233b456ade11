package cover

import (
	"testing"

	"github.com/muesli/termenv"
)

// BenchmarkProtocols is one track change per protocol: decode a 640×640
// JPEG cover, scale it to 30×15 cells of 8×16 pixels and encode it; bytes/op
// is what reaches the terminal for that cover (sent once per track and size).
func BenchmarkProtocols(b *testing.B) {
	data := jpegBytes(b, 640, 640, 0)
	g := gfx{kittyID: 42, cellW: 8, cellH: 16}
	for _, mode := range []Mode{ModeBlocks, ModeSixel, ModeKitty, ModeKittyPlaceholders, ModeITerm} {
		b.Run(mode.String(), func(b *testing.B) {
			var n int
			for b.Loop() {
				img, _, err := decode(data)
				if err != nil {
					b.Fatal(err)
				}
				s, err := render(img, 30, 15, mode, termenv.TrueColor, g)
				if err != nil || s == "" {
					b.Fatal(err)
				}
				n = len(s)
			}
			b.ReportMetric(float64(n), "bytes/cover")
		})
	}
}
