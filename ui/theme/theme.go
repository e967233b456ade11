// Package theme is spotui's colours: one named set for a dark or a light
// background at each colour depth, every one chosen so text meets WCAG
// contrast against that background (TestContrast prints the figures).
//
// The caller decides the background (config, COLORFGBG, the terminal's
// answer to OSC 11) and the colour depth: nothing here asks the terminal,
// unlike lipgloss.AdaptiveColor, whose query can stall and guesses wrong
// inside tmux.
//
// Backgrounds the colours are checked against (Backgrounds): for truecolor
// and 256 colours, black, #1E1E1E, #282C34 and #2E3440 (dark) or white,
// #FDF6E3 and #EEEEEE (light), so common editor themes are covered; for 16
// colours, whose values the user's terminal decides, xterm's default
// palette on black (dark) or white (light).
package theme

import (
	"io"
	"strconv"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Colour names, as config's [theme] table writes them.
const (
	NameAccent = "accent"
	NameText   = "text"
	NameSubtle = "subtle"
	NameFaint  = "faint"
	NameTrack  = "track"
	NameWarn   = "warn"
	NameError  = "error"
)

// Names are the colours a user may override.
func Names() []string {
	return []string{NameAccent, NameText, NameSubtle, NameFaint, NameTrack, NameWarn, NameError}
}

// Theme is the colours for one background and colour depth, and a
// renderer that sends them at that depth.
type Theme struct {
	Dark    bool
	Profile termenv.Profile

	// Text reads at ≥ 4.5:1: titles, body text.
	Text lipgloss.TerminalColor
	// Subtle reads at ≥ 4.5:1, quieter than Text: artists, album, times, help keys.
	Subtle lipgloss.TerminalColor
	// Accent reads at ≥ 4.5:1: brand, playing, links, the progress bar.
	Accent lipgloss.TerminalColor
	// Warn reads at ≥ 4.5:1: paused, notices.
	Warn lipgloss.TerminalColor
	// Error reads at ≥ 4.5:1.
	Error lipgloss.TerminalColor
	// Faint reads at ≥ 3:1: hints, help descriptions, separators.
	Faint lipgloss.TerminalColor
	// Track is decorative: the unplayed part of the progress bar.
	Track lipgloss.TerminalColor

	r *lipgloss.Renderer
}

// swatch is one colour at each depth: hex for truecolor, an index 16–255
// for 256 colours (never 0–15, which users recolour), an index 0–15 for 16.
type swatch struct {
	hex       string
	c256, c16 int
}

func (s swatch) at(p termenv.Profile) lipgloss.TerminalColor {
	switch p {
	case termenv.TrueColor:
		return lipgloss.Color(s.hex)
	case termenv.ANSI256:
		return lipgloss.Color(strconv.Itoa(s.c256))
	case termenv.ANSI:
		return lipgloss.Color(strconv.Itoa(s.c16))
	}
	return lipgloss.NoColor{}
}

type palette struct {
	text, subtle, accent, warn, err, faint, track swatch
}

// darkPalette and lightPalette: the figures behind each choice are in
// TestContrast's output; change a colour only with the test passing.
func darkPalette() palette {
	return palette{
		text:   swatch{"#F2F2F2", 255, 15},
		subtle: swatch{"#B3B3B3", 249, 7},
		accent: swatch{"#1DB954", 41, 10},
		warn:   swatch{"#E3B341", 178, 11},
		err:    swatch{"#FF7B7B", 210, 9},
		faint:  swatch{"#8C8C8C", 245, 8},
		track:  swatch{"#4A4A4A", 239, 8},
	}
}

// lightPalette: on white only black, red, blue and magenta of xterm's 16
// reach 4.5:1, so 16 colours use blue for the accent, magenta for warnings.
func lightPalette() palette {
	return palette{
		text:   swatch{"#1A1A1A", 234, 0},
		subtle: swatch{"#4F4F4F", 239, 0},
		accent: swatch{"#0A7034", 22, 4},
		warn:   swatch{"#855600", 94, 5},
		err:    swatch{"#B71C1C", 124, 1},
		faint:  swatch{"#767676", 243, 8},
		track:  swatch{"#C4C4C4", 250, 8},
	}
}

// New is the theme for a dark or light background at profile. overrides
// maps Names to "#rrggbb" or "0"–"255" (config checks them; anything else
// is ignored); lipgloss fits a hex override to smaller profiles. An
// override is the user's choice: it is not held to the contrast rules.
//
// termenv.Ascii (NO_COLOR, no colour support) gets no colours but keeps
// bold, italic, underline and reverse: lipgloss drops those too at Ascii,
// so its renderer works at 16 colours and is simply never given one.
func New(dark bool, profile termenv.Profile, overrides map[string]string) Theme {
	p := lightPalette()
	if dark {
		p = darkPalette()
	}
	t := Theme{
		Dark: dark, Profile: profile,
		Text: p.text.at(profile), Subtle: p.subtle.at(profile), Accent: p.accent.at(profile),
		Warn: p.warn.at(profile), Error: p.err.at(profile), Faint: p.faint.at(profile),
		Track: p.track.at(profile),
	}
	if profile != termenv.Ascii {
		t.applyOverrides(overrides)
	}
	t.r = lipgloss.NewRenderer(io.Discard)
	if profile == termenv.Ascii {
		t.r.SetColorProfile(termenv.ANSI)
	} else {
		t.r.SetColorProfile(profile)
	}
	t.r.SetHasDarkBackground(dark) // never asked: no AdaptiveColor is used
	return t
}

func (t *Theme) applyOverrides(overrides map[string]string) {
	_, track := overrides[NameTrack]
	for name, v := range overrides {
		if !validColour(v) {
			continue
		}
		c := lipgloss.Color(v)
		switch name {
		case NameAccent:
			t.Accent = c
		case NameText:
			t.Text = c
		case NameSubtle:
			t.Subtle = c
		case NameFaint:
			t.Faint = c
			if !track { // older configs dim the track with faint
				t.Track = c
			}
		case NameTrack:
			t.Track = c
		case NameWarn:
			t.Warn = c
		case NameError:
			t.Error = c
		}
	}
}

func validColour(v string) bool {
	if _, ok := ParseHex(v); ok {
		return true
	}
	n, err := strconv.Atoi(v)
	return err == nil && n >= 0 && n <= 255
}

// Style is a new style that renders at the theme's colour depth.
func (t Theme) Style() lipgloss.Style {
	if t.r == nil { // the zero Theme
		return lipgloss.NewStyle()
	}
	return t.r.NewStyle()
}

// Colour is the named colour; nil for an unknown name.
func (t Theme) Colour(name string) lipgloss.TerminalColor {
	switch name {
	case NameAccent:
		return t.Accent
	case NameText:
		return t.Text
	case NameSubtle:
		return t.Subtle
	case NameFaint:
		return t.Faint
	case NameTrack:
		return t.Track
	case NameWarn:
		return t.Warn
	case NameError:
		return t.Error
	}
	return nil
}

// Backgrounds are the backgrounds the theme's colours are checked against
// (see the package comment); none for Ascii, which sends no colour.
func Backgrounds(dark bool, p termenv.Profile) []RGB {
	switch {
	case p == termenv.Ascii:
		return nil
	case p == termenv.ANSI && dark:
		return []RGB{Indexed(0)}
	case p == termenv.ANSI:
		return []RGB{Indexed(15)}
	case dark:
		return []RGB{{0, 0, 0}, {0x1E, 0x1E, 0x1E}, {0x28, 0x2C, 0x34}, {0x2E, 0x34, 0x40}}
	}
	return []RGB{{0xFF, 0xFF, 0xFF}, {0xFD, 0xF6, 0xE3}, {0xEE, 0xEE, 0xEE}}
}
