package cover

import (
	"runtime"
)

// jpegHeader is the start of a JPEG up to its frame header: SOI, a JFIF
// APP0 (so DecodeConfig stops at the frame header) and an SOF of the given
// marker (0xc0 baseline, 0xc2 progressive) with three 1×1-sampled
// components. No pixel data follows.
func jpegHeader(marker byte, w, h int) []byte {
	b := []byte{0xff, 0xd8, 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0}
	b = append(b, 0xff, marker, 0, 17, 8, byte(h>>8), byte(h), byte(w>>8), byte(w), 3)
	for id := byte(1); id <= 3; id++ {
		b = append(b, id, 0x11, 0)
	}
	return b
}

// allocated is how many bytes fn allocated (the package's tests do not
// run in parallel, so nothing else allocates much meanwhile).
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
