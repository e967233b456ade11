package cover

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"runtime"
)

// pngSpec describes a PNG written row by row, so a test can make a real
// 4096² 16-bit file without holding its 128 MB of pixels.
type pngSpec struct {
	w, h       int
	depth      byte // 8 or 16
	colorType  byte // 2 RGB, 6 RGBA, 0 gray
	interlace  byte
	headerOnly bool // IHDR and nothing else: what a declared size costs
}

// channels per pixel of a PNG colour type.
func (p pngSpec) channels() int {
	switch p.colorType {
	case 2:
		return 3
	case 6:
		return 4
	case 4:
		return 2
	}
	return 1
}

// pngFile writes the PNG: every sample is 0x80 (0x8080 in 16 bits), so it
// compresses to almost nothing.
func pngFile(p pngSpec) []byte {
	var out bytes.Buffer
	out.Write(pngMagic)
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(p.w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(p.h))
	ihdr[8], ihdr[9], ihdr[12] = p.depth, p.colorType, p.interlace
	pngChunk(&out, "IHDR", ihdr)
	if p.headerOnly {
		return out.Bytes()
	}
	if p.interlace != 0 {
		panic("pngFile writes non-interlaced pixel data only")
	}
	row := bytes.Repeat([]byte{0x80}, 1+p.w*p.channels()*int(p.depth)/8)
	row[0] = 0 // filter: none
	var idat bytes.Buffer
	// Writes to a bytes.Buffer cannot fail.
	z, _ := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	for range p.h {
		_, _ = z.Write(row)
	}
	_ = z.Close()
	pngChunk(&out, "IDAT", idat.Bytes())
	pngChunk(&out, "IEND", nil)
	return out.Bytes()
}

func pngChunk(out *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	out.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	out.WriteString(typ)
	out.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	out.Write(n[:])
}

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
