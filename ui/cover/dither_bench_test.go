package cover

import (
	"testing"

	"github.com/muesli/termenv"
)

// The cover renders once per track and size; these keep the palette
// matching and dithering in proportion to the scaling.
func BenchmarkRenderCoverPalette(b *testing.B) {
	img := photo(b, 640, 640)
	for _, tc := range []struct {
		name       string
		p          termenv.Profile
		cols, rows int
	}{
		{"256/30x15", termenv.ANSI256, 30, 15},
		{"16/30x15", termenv.ANSI, 30, 15},
		{"256/110x56", termenv.ANSI256, 110, 56},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if s := halfBlocks(img, tc.cols, tc.rows, tc.p, cell12); s == "" {
					b.Fatal("empty render")
				}
			}
		})
	}
}

// BenchmarkQuantize is the matching and dithering alone, on a 110×112
// canvas (a cover at 200×60).
func BenchmarkQuantize(b *testing.B) {
	c := blockCanvas(photo(b, 640, 640), 110, 56, cell12)
	for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI} {
		b.Run(p.Name(), func(b *testing.B) {
			for b.Loop() {
				quantize(c, 110, 112, p)
			}
		})
	}
}
