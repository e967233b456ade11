package cover

import (
	"strings"
	"testing"

	"github.com/muesli/termenv"
)

func TestInitials(t *testing.T) {
	for label, want := range map[string]string{
		"Best Collection '75":       "BC",
		"the dark side of the moon": "TD",
		"Thriller":                  "T",
		"  '75  ":                   "7",
		"東京事変 教育":                   "東教",
		"":                          "♪",
		"!!! ???":                   "♪",
	} {
		if got := initials(label); got != want {
			t.Errorf("initials(%q) = %q, want %q", label, got, want)
		}
	}
}

func TestPlaceholderShape(t *testing.T) {
	labels := []string{"Best Collection '75", "", "東京事変 教育", "x"}
	sizes := [][2]int{{1, 1}, {2, 1}, {3, 2}, {4, 3}, {5, 4}, {20, 10}, {31, 15}, {1, 7}}
	profiles := []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI, termenv.Ascii}
	for _, l := range labels {
		for _, s := range sizes {
			for _, p := range profiles {
				checkShape(t, placeholder(l, s[0], s[1], p), s[0], s[1])
			}
		}
	}
	if placeholder("x", 0, 5, termenv.TrueColor) != "" {
		t.Error("zero width placeholder is not empty")
	}
}

func TestPlaceholderLooks(t *testing.T) {
	got := placeholder("Best Collection '75", 8, 5, termenv.Ascii)
	want := "╭──────╮\n" +
		"│      │\n" +
		"│  BC  │\n" +
		"│      │\n" +
		"╰──────╯"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// In colour, the background depends on the label only.
	a1 := placeholder("Blue Train", 8, 5, termenv.TrueColor)
	a2 := placeholder("Blue Train", 8, 5, termenv.TrueColor)
	b := placeholder("Kind of Blue", 8, 5, termenv.TrueColor)
	if a1 != a2 || a1 == b {
		t.Error("placeholder colour is not a function of the label")
	}
	if !strings.Contains(a1, "\x1b[48;2;") || !strings.HasSuffix(a1, "\x1b[0m") {
		t.Errorf("no background in %q", a1)
	}
	// Muted: the background is dark.
	bg, _, _ := placeholderColors("Blue Train", termenv.TrueColor)
	if r, g, b := bg>>16&0xff, bg>>8&0xff, bg&0xff; r+g+b > 3*90 {
		t.Errorf("background %06x is not muted", bg)
	}
}
