package theme

import (
	"fmt"
	"math"
	"strconv"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// RGB is an sRGB colour, 8 bits a channel.
type RGB struct{ R, G, B uint8 }

func (c RGB) String() string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

// ParseHex reads "#rrggbb".
func ParseHex(s string) (RGB, bool) {
	if len(s) != 7 || s[0] != '#' {
		return RGB{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return RGB{}, false
	}
	return RGB{uint8(v >> 16), uint8(v >> 8), uint8(v)}, true
}

// Luminance is WCAG 2's relative luminance of c: 0 for black, 1 for white.
func Luminance(c RGB) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Contrast is WCAG 2's contrast ratio of a and b, from 1 to 21; the order
// does not matter.
func Contrast(a, b RGB) float64 {
	la, lb := Luminance(a), Luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// xterm16 is xterm's default palette for the 16 ANSI colours. Terminals let
// users change these; the contrast figures for 16 colours assume them.
func xterm16() [16]RGB {
	return [16]RGB{
		{0x00, 0x00, 0x00}, {0xCD, 0x00, 0x00}, {0x00, 0xCD, 0x00}, {0xCD, 0xCD, 0x00},
		{0x00, 0x00, 0xEE}, {0xCD, 0x00, 0xCD}, {0x00, 0xCD, 0xCD}, {0xE5, 0xE5, 0xE5},
		{0x7F, 0x7F, 0x7F}, {0xFF, 0x00, 0x00}, {0x00, 0xFF, 0x00}, {0xFF, 0xFF, 0x00},
		{0x5C, 0x5C, 0xFF}, {0xFF, 0x00, 0xFF}, {0x00, 0xFF, 0xFF}, {0xFF, 0xFF, 0xFF},
	}
}

// Indexed is palette entry i (0–255) as RGB: 0–15 xterm's defaults, 16–231
// the 6×6×6 cube, 232–255 the grey ramp. These (16–255) are the same in
// practically every terminal, which is why the 256-colour theme uses only them.
func Indexed(i int) RGB {
	switch {
	case i < 0 || i > 255:
		return RGB{}
	case i < 16:
		return xterm16()[i]
	case i < 232:
		level := func(v int) uint8 {
			if v == 0 {
				return 0
			}
			return uint8(55 + 40*v)
		}
		i -= 16
		return RGB{level(i / 36), level(i / 6 % 6), level(i % 6)}
	}
	g := uint8(8 + 10*(i-232))
	return RGB{g, g, g}
}

// Resolve is the colour a terminal with profile p actually shows for c, as
// lipgloss sends it: a hex colour becomes the nearest 256 or 16 colour on
// smaller profiles. ok is false when nothing is sent (no colour, Ascii): the
// terminal's default foreground shows.
func Resolve(c lipgloss.TerminalColor, p termenv.Profile) (rgb RGB, ok bool) {
	s, isColor := c.(lipgloss.Color)
	if !isColor || s == "" {
		return RGB{}, false
	}
	switch v := p.Color(string(s)).(type) {
	case termenv.RGBColor:
		return ParseHex(string(v))
	case termenv.ANSI256Color:
		return Indexed(int(v)), true
	case termenv.ANSIColor:
		return Indexed(int(v)), true
	}
	return RGB{}, false
}
