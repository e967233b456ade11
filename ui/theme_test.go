package ui

import (
	"strings"
	"testing"

	"github.com/muesli/termenv"
)

// sgrBefore is the SGR sequence that styles the first text on screen:
// its parameters, or "" when the text is unstyled.
func sgrBefore(t *testing.T, screen, text string) string {
	t.Helper()
	i := strings.Index(screen, text)
	if i < 0 {
		t.Fatalf("%q not on screen:\n%s", text, screen)
	}
	head := screen[:i]
	if !strings.HasSuffix(head, "m") {
		return ""
	}
	j := strings.LastIndex(head, "\x1b[")
	if j < 0 {
		return ""
	}
	return head[j+2 : len(head)-1]
}

// The colours users see follow the background and depth the app decided:
// a dark title on a light background (it was colour 231 on white), bold
// kept under NO_COLOR, help keys apart from their descriptions, and the
// picker in the theme's accent instead of bubbles' pink.
func TestThemeReachesTheScreen(t *testing.T) {
	for _, c := range []struct {
		name       string
		light      bool
		p          termenv.Profile
		title, key string // SGR parameters of the title and of a help key
		desc, pick string // of a help description and of the selected device
	}{
		{"light 256", true, termenv.ANSI256, "1;38;5;234", "1;38;5;239", "38;5;243", "1;38;5;22"},
		{"dark 256", false, termenv.ANSI256, "1;38;5;255", "1;38;5;249", "38;5;245", "1;38;5;41"},
		{"light 16", true, termenv.ANSI, "1;30", "1;30", "90", "1;34"},
		{"dark 16", false, termenv.ANSI, "1;97", "1;37", "90", "1;92"},
		{"light truecolor", true, termenv.TrueColor, "1;38;2;26;26;26", "1;38;2;79;79;79", "38;2;118;118;118", "1;38;2;10;112;52"},
		{"NO_COLOR", false, termenv.Ascii, "1", "1", "", "1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t, func(d *Deps) { d.LightBackground, d.ColorProfile = c.light, c.p })
			w.start()
			screen := w.m.View()
			if got := sgrBefore(t, screen, w.current()); got != c.title {
				t.Errorf("title SGR %q, want %q", got, c.title)
			}
			if got := sgrBefore(t, screen, "q\x1b[0m"); got != c.key {
				t.Errorf("help key SGR %q, want %q", got, c.key)
			}
			if got := sgrBefore(t, screen, "quit"); got != c.desc {
				t.Errorf("help description SGR %q, want %q", got, c.desc)
			}
			w.key("d")
			sel, _ := w.m.picker.Selected()
			if got := sgrBefore(t, w.m.View(), sel.Name); got != c.pick {
				t.Errorf("selected device SGR %q, want %q", got, c.pick)
			}
		})
	}
}
