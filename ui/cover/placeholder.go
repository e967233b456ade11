package cover

import (
	"hash/fnv"
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// noLabel stands in for initials when there is no name to take them from.
const noLabel = "♪"

// initials are the first letter or digit of the label's first two words,
// upper-cased: "Best Collection '75" → "BC".
func initials(label string) string {
	var out []rune
	for _, w := range strings.Fields(label) {
		for _, r := range w {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				out = append(out, unicode.ToUpper(r))
				break
			}
		}
		if len(out) == 2 {
			break
		}
	}
	if len(out) == 0 {
		return noLabel
	}
	return string(out)
}

// placeholderColors derives a muted palette from the label, so an album
// keeps its colour across runs and neighbours tend to differ.
func placeholderColors(label string, p termenv.Profile) (bg, border, text int32) {
	h := fnv.New32a()
	_, _ = h.Write([]byte(label))
	hue := float64(h.Sum32() % 360)
	code := func(s, l float64) int32 {
		r, g, b := hslToRGB(hue, s, l)
		return colorCode(p, r, g, b)
	}
	return code(0.30, 0.20), code(0.25, 0.45), code(0.20, 0.85)
}

// hslToRGB converts hue (degrees), saturation and lightness (0–1).
func hslToRGB(h, s, l float64) (r, g, b uint8) {
	c := (1 - abs(2*l-1)) * s
	hp := h / 60
	x := c * (1 - abs(mod2(hp)-1))
	var r1, g1, b1 float64
	switch {
	case hp < 1:
		r1, g1 = c, x
	case hp < 2:
		r1, g1 = x, c
	case hp < 3:
		g1, b1 = c, x
	case hp < 4:
		g1, b1 = x, c
	case hp < 5:
		r1, b1 = x, c
	default:
		r1, b1 = c, x
	}
	m := l - c/2
	to8 := func(v float64) uint8 { return uint8(min(255, max(0, (v+m)*255+0.5))) }
	return to8(r1), to8(g1), to8(b1)
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// mod2 is v mod 2 for v ≥ 0.
func mod2(v float64) float64 { return v - 2*float64(int(v/2)) }

// placeholder is a cols × rows box with the label's initials in the middle:
// what shows when there is no cover (ads, local files, failures, no colour).
// With the Ascii profile it carries no escapes at all.
func placeholder(label string, cols, rows int, p termenv.Profile) string {
	if cols <= 0 || rows <= 0 {
		return ""
	}
	text := initials(label)
	colour := p != termenv.Ascii
	bg, border, fg := placeholderColors(label, p)
	box := rows >= 3 && cols >= 4
	inner := cols
	if box {
		inner = cols - 2
	}
	if ansi.StringWidth(text) > inner {
		text = ansi.Truncate(text, inner, "")
	}
	tw := ansi.StringWidth(text)
	mid := (rows - 1) / 2

	var sb strings.Builder
	sb.Grow(rows * (cols*3 + 64))
	for y := range rows {
		if y > 0 {
			sb.WriteByte('\n')
		}
		if colour {
			writeBG(&sb, p, bg)
			writeFG(&sb, p, border)
		}
		edge := ""
		switch {
		case box && y == 0:
			sb.WriteString("╭" + strings.Repeat("─", inner) + "╮")
		case box && y == rows-1:
			sb.WriteString("╰" + strings.Repeat("─", inner) + "╯")
		default:
			if box {
				sb.WriteString("│")
				edge = "│"
			}
			if y != mid {
				sb.WriteString(strings.Repeat(" ", inner))
			} else {
				pad := (inner - tw) / 2
				sb.WriteString(strings.Repeat(" ", pad))
				if colour {
					writeFG(&sb, p, fg)
					sb.WriteString("\x1b[1m")
				}
				sb.WriteString(text)
				if colour {
					sb.WriteString("\x1b[22m")
					writeFG(&sb, p, border)
				}
				sb.WriteString(strings.Repeat(" ", inner-pad-tw))
			}
			sb.WriteString(edge)
		}
		if colour {
			sb.WriteString(sgrReset)
		}
	}
	return sb.String()
}
