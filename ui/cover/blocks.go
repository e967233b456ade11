package cover

import (
	"image"
	"strings"

	"github.com/muesli/termenv"
)

// Half blocks give each cell two pixels stacked: "▀" shows the foreground
// in the top half and the background in the bottom half.
const (
	upperHalf = "▀"
	lowerHalf = "▄"
	sgrReset  = "\x1b[0m"
	opaqueMin = 128 // alpha below this is "no pixel": the fit's margins
)

// renderBlocks turns a cols × 2·rows canvas into rows lines of cols cells.
// An SGR is written only when a colour differs from the previous cell's, and
// every line ends with a reset so lines can be laid out independently.
func renderBlocks(c *image.RGBA, cols, rows int, p termenv.Profile) string {
	codes := quantize(c, cols, 2*rows, p)
	var sb strings.Builder
	// Worst case per cell: two 19-byte truecolor SGRs and a 3-byte rune.
	sb.Grow(rows * (cols*41 + len(sgrReset) + 1))
	for y := range rows {
		if y > 0 {
			sb.WriteByte('\n')
		}
		fg, bg := colorDefault, colorDefault
		top, bot := codes[2*y*cols:(2*y+1)*cols], codes[(2*y+1)*cols:(2*y+2)*cols]
		for x := range cols {
			t, b := top[x], bot[x]
			switch {
			case t == colorDefault && b == colorDefault:
				if bg != colorDefault {
					bg = colorDefault
					writeBG(&sb, p, bg)
				}
				sb.WriteByte(' ')
				continue
			case b == colorDefault:
				fg = setFG(&sb, p, fg, t)
				bg = setBG(&sb, p, bg, colorDefault)
				sb.WriteString(upperHalf)
			case t == colorDefault:
				fg = setFG(&sb, p, fg, b)
				bg = setBG(&sb, p, bg, colorDefault)
				sb.WriteString(lowerHalf)
			default:
				fg = setFG(&sb, p, fg, t)
				bg = setBG(&sb, p, bg, b)
				sb.WriteString(upperHalf)
			}
		}
		sb.WriteString(sgrReset)
	}
	return sb.String()
}

func setFG(sb *strings.Builder, p termenv.Profile, cur, want int32) int32 {
	if cur != want {
		writeFG(sb, p, want)
	}
	return want
}

func setBG(sb *strings.Builder, p termenv.Profile, cur, want int32) int32 {
	if cur != want {
		writeBG(sb, p, want)
	}
	return want
}

func writeFG(sb *strings.Builder, p termenv.Profile, c int32) { writeSGR(sb, p, c, false) }
func writeBG(sb *strings.Builder, p termenv.Profile, c int32) { writeSGR(sb, p, c, true) }

// writeSGR writes one colour SGR by hand: fmt would allocate per cell.
func writeSGR(sb *strings.Builder, p termenv.Profile, c int32, bg bool) {
	sb.WriteString("\x1b[")
	switch {
	case c == colorDefault && bg:
		sb.WriteString("49")
	case c == colorDefault:
		sb.WriteString("39")
	case p == termenv.TrueColor:
		if bg {
			sb.WriteString("48;2;")
		} else {
			sb.WriteString("38;2;")
		}
		writeUint(sb, int(c>>16&0xff))
		sb.WriteByte(';')
		writeUint(sb, int(c>>8&0xff))
		sb.WriteByte(';')
		writeUint(sb, int(c&0xff))
	case p == termenv.ANSI256:
		if bg {
			sb.WriteString("48;5;")
		} else {
			sb.WriteString("38;5;")
		}
		writeUint(sb, int(c))
	default: // 16 colours: 30–37 / 90–97, backgrounds +10
		base := 30
		if c >= 8 {
			base, c = 90, c-8
		}
		if bg {
			base += 10
		}
		writeUint(sb, base+int(c))
	}
	sb.WriteByte('m')
}

// writeUint writes a small non-negative int (≤ 999) without allocating.
func writeUint(sb *strings.Builder, v int) {
	if v >= 100 {
		sb.WriteByte(byte('0' + v/100))
	}
	if v >= 10 {
		sb.WriteByte(byte('0' + v/10%10))
	}
	sb.WriteByte(byte('0' + v%10))
}
