package theme

import (
	"math"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

func TestContrastRatio(t *testing.T) {
	black, white := RGB{0, 0, 0}, RGB{255, 255, 255}
	for _, c := range []struct {
		name string
		a, b RGB
		want float64
	}{
		{"black on white", black, white, 21},
		{"either order", white, black, 21},
		{"same colour", RGB{0x77, 0x77, 0x77}, RGB{0x77, 0x77, 0x77}, 1},
		// WebAIM's checker: #777777 on white is 4.48, just under AA.
		{"#777 on white", RGB{0x77, 0x77, 0x77}, white, 4.48},
		{"#767676 on white", RGB{0x76, 0x76, 0x76}, white, 4.54},
		{"red on black", RGB{0xFF, 0, 0}, black, 5.25},
		{"blue on white", RGB{0, 0, 0xFF}, white, 8.59},
	} {
		if got := Contrast(c.a, c.b); math.Abs(got-c.want) > 0.005 {
			t.Errorf("%s: contrast %.3f, want %.2f", c.name, got, c.want)
		}
	}
	if l := Luminance(RGB{0x80, 0x80, 0x80}); math.Abs(l-0.2159) > 0.0005 {
		t.Errorf("luminance of #808080 = %.4f, want 0.2159", l)
	}
}

func TestIndexed(t *testing.T) {
	for _, c := range []struct {
		i    int
		want string
	}{
		{0, "#000000"}, {1, "#CD0000"}, {7, "#E5E5E5"}, {8, "#7F7F7F"}, {12, "#5C5CFF"}, {15, "#FFFFFF"},
		{16, "#000000"}, {21, "#0000FF"}, {22, "#005F00"}, {41, "#00D75F"}, {196, "#FF0000"}, {231, "#FFFFFF"},
		{232, "#080808"}, {244, "#808080"}, {255, "#EEEEEE"},
		{-1, "#000000"}, {256, "#000000"}, // out of range: black, never a panic
	} {
		if got := Indexed(c.i).String(); got != c.want {
			t.Errorf("Indexed(%d) = %s, want %s", c.i, got, c.want)
		}
	}
}

func TestResolve(t *testing.T) {
	for _, c := range []struct {
		name   string
		c      lipgloss.TerminalColor
		p      termenv.Profile
		want   string
		wantOK bool
	}{
		{"hex at truecolor", lipgloss.Color("#1DB954"), termenv.TrueColor, "#1DB954", true},
		{"hex at 256: nearest cube colour", lipgloss.Color("#1DB954"), termenv.ANSI256, "#00AF5F", true},
		{"hex at 16: an xterm colour", lipgloss.Color("#FF0000"), termenv.ANSI, "#FF0000", true},
		{"index at truecolor", lipgloss.Color("41"), termenv.TrueColor, "#00D75F", true},
		{"ANSI index at 16", lipgloss.Color("9"), termenv.ANSI, "#FF0000", true},
		{"256 index at 16", lipgloss.Color("196"), termenv.ANSI, "#FF0000", true},
		{"Ascii sends nothing", lipgloss.Color("#FFFFFF"), termenv.Ascii, "#000000", false},
		{"no colour", lipgloss.NoColor{}, termenv.TrueColor, "#000000", false},
		{"garbage", lipgloss.Color("teal"), termenv.TrueColor, "#000000", false},
		{"adaptive is not concrete", lipgloss.AdaptiveColor{Light: "0", Dark: "15"}, termenv.ANSI, "#000000", false},
	} {
		got, ok := Resolve(c.c, c.p)
		if got.String() != c.want || ok != c.wantOK {
			t.Errorf("%s: Resolve = %s %v, want %s %v", c.name, got, ok, c.want, c.wantOK)
		}
	}
}

func TestNewPicksColoursForTheProfile(t *testing.T) {
	for _, c := range []struct {
		dark bool
		p    termenv.Profile
		want lipgloss.TerminalColor
	}{
		{true, termenv.TrueColor, lipgloss.Color("#F2F2F2")},
		{true, termenv.ANSI256, lipgloss.Color("255")},
		{true, termenv.ANSI, lipgloss.Color("15")},
		{false, termenv.ANSI, lipgloss.Color("0")},
		{false, termenv.Ascii, lipgloss.NoColor{}},
	} {
		if got := New(c.dark, c.p, nil).Text; got != c.want {
			t.Errorf("dark=%v %v: text %v, want %v", c.dark, c.p.Name(), got, c.want)
		}
	}
}

func TestOverrides(t *testing.T) {
	for _, c := range []struct {
		name      string
		overrides map[string]string
		p         termenv.Profile
		check     func(Theme) bool
	}{
		{"accent hex", map[string]string{"accent": "#FF0000"}, termenv.TrueColor,
			func(th Theme) bool { return th.Accent == lipgloss.Color("#FF0000") }},
		{"ANSI number", map[string]string{"error": "196"}, termenv.ANSI256,
			func(th Theme) bool { return th.Error == lipgloss.Color("196") }},
		{"faint also dims the track", map[string]string{"faint": "240"}, termenv.TrueColor,
			func(th Theme) bool { return th.Faint == lipgloss.Color("240") && th.Track == lipgloss.Color("240") }},
		{"track wins over faint", map[string]string{"faint": "240", "track": "236"}, termenv.TrueColor,
			func(th Theme) bool { return th.Faint == lipgloss.Color("240") && th.Track == lipgloss.Color("236") }},
		{"bad value ignored", map[string]string{"text": "pink", "subtle": "300"}, termenv.TrueColor,
			func(th Theme) bool {
				return th.Text == lipgloss.Color("#F2F2F2") && th.Subtle == lipgloss.Color("#B3B3B3")
			}},
		{"NO_COLOR wins over overrides", map[string]string{"accent": "#FF0000"}, termenv.Ascii,
			func(th Theme) bool { return th.Accent == lipgloss.NoColor{} }},
	} {
		if th := New(true, c.p, c.overrides); !c.check(th) {
			t.Errorf("%s: %+v", c.name, th)
		}
	}
	for _, n := range Names() {
		if New(true, termenv.TrueColor, map[string]string{n: "#123456"}).Colour(n) != lipgloss.Color("#123456") {
			t.Errorf("override of %q not applied", n)
		}
	}
}
