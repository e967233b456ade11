// Package hostilepng writes the PNGs the cover limits are tested and
// measured with (ui/cover's tests, bench/coverpeak): any declared size,
// depth and colour type, written row by row so a real 4096² 16-bit file
// costs its compressed few hundred KB, not 128 MB.
package hostilepng

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
)

// Spec describes the file.
type Spec struct {
	W, H       int
	Depth      byte // 8 or 16
	ColorType  byte // 0 gray, 2 RGB, 4 gray+alpha, 6 RGBA
	Interlace  byte // declared only: the pixel data is never interlaced
	HeaderOnly bool // IHDR and nothing else: what a declared size costs
}

// channels per pixel of the colour type.
func (p Spec) channels() int {
	switch p.ColorType {
	case 2:
		return 3
	case 6:
		return 4
	case 4:
		return 2
	}
	return 1
}

// File writes the PNG: every sample is 0x80 (0x8080 in 16 bits), so it
// compresses to almost nothing.
func File(p Spec) []byte {
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(p.W))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(p.H))
	ihdr[8], ihdr[9], ihdr[12] = p.Depth, p.ColorType, p.Interlace
	chunk(&out, "IHDR", ihdr)
	if p.HeaderOnly {
		return out.Bytes()
	}
	row := bytes.Repeat([]byte{0x80}, 1+p.W*p.channels()*int(p.Depth)/8)
	row[0] = 0 // filter: none
	var idat bytes.Buffer
	// Writes to a bytes.Buffer cannot fail.
	z, _ := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	for range p.H {
		_, _ = z.Write(row)
	}
	_ = z.Close()
	chunk(&out, "IDAT", idat.Bytes())
	chunk(&out, "IEND", nil)
	return out.Bytes()
}

func chunk(out *bytes.Buffer, typ string, data []byte) {
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
