package theme_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/spotui/spotui/config"
	"github.com/spotui/spotui/ui"
	"github.com/spotui/spotui/ui/theme"
)

// WCAG 2 thresholds: text must be read; hints (help descriptions, faint
// text) and UI parts (the progress bar's filled part, the picker's bar) may
// be quieter; decorative parts need only be visible.
const (
	textMin       = 4.5
	hintMin       = 3.0
	decorativeMin = 1.4
)

// need classifies every lipgloss.Style reachable from ui.Styles, by field
// path. A style missing here fails TestContrast: classify it.
func need() map[string]float64 {
	n := map[string]float64{}
	for _, f := range []string{"Brand", "Badge", "Title", "Artist", "Album", "Playing", "Paused", "Time", "URL",
		"Notice", "Error", "Heading", "On", "Help.ShortKey", "Help.FullKey", "Picker.Title",
		"Picker.Item.NormalTitle", "Picker.Item.SelectedTitle", "Picker.Item.SelectedDesc"} {
		n[f] = textMin
	}
	for _, f := range []string{"Faint", "Stale", "Disabled", "BarFull", "Help.ShortDesc", "Help.FullDesc",
		"Help.ShortSeparator", "Help.FullSeparator", "Help.Ellipsis", "Picker.NoItems", "Picker.Pages",
		"Picker.ActiveDot", "Picker.Item.NormalDesc", "Picker.Item.DimmedTitle", "Picker.Item.DimmedDesc"} {
		n[f] = hintMin
	}
	n["BarEmpty"], n["Picker.InactiveDot"] = decorativeMin, decorativeMin
	// No colour of their own: padding, underline.
	n["App"], n["Picker.Item.FilterMatch"] = 0, 0
	return n
}

// styles lists every lipgloss.Style in v (ui.Styles and the structs in
// it) by field path.
func styles(prefix string, v reflect.Value, out map[string]lipgloss.Style) {
	for i := range v.NumField() {
		f, name := v.Field(i), prefix+v.Type().Field(i).Name
		switch {
		case !v.Type().Field(i).IsExported():
			// ui.Styles' ready-made paints: the exported styles above, made
			// ready (TestPaintMatchesRender holds them equal).
		case f.Type() == reflect.TypeFor[lipgloss.Style]():
			out[name] = f.Interface().(lipgloss.Style)
		case f.Kind() == reflect.Struct:
			styles(name+".", f, out)
		}
	}
}

// looks are the backgrounds and depths the theme is checked in.
type look struct {
	dark bool
	p    termenv.Profile
}

func (l look) String() string {
	bg := "light"
	if l.dark {
		bg = "dark"
	}
	return map[termenv.Profile]string{termenv.TrueColor: "truecolor", termenv.ANSI256: "256",
		termenv.ANSI: "16", termenv.Ascii: "NO_COLOR"}[l.p] + " " + bg
}

func looks() []look {
	var ls []look
	for _, p := range []termenv.Profile{termenv.TrueColor, termenv.ANSI256, termenv.ANSI} {
		ls = append(ls, look{true, p}, look{false, p})
	}
	return ls
}

// worst is the lowest contrast of c against the look's backgrounds (or
// against bg, when the style sets one).
func worst(c, bg lipgloss.TerminalColor, l look) (theme.RGB, float64, bool) {
	fg, ok := theme.Resolve(c, l.p)
	if !ok {
		return fg, 0, false
	}
	bgs := theme.Backgrounds(l.dark, l.p)
	if b, ok := theme.Resolve(bg, l.p); ok {
		bgs = []theme.RGB{b}
	}
	low := 21.0
	for _, b := range bgs {
		low = min(low, theme.Contrast(fg, b))
	}
	return fg, low, true
}

// TestContrast checks every style at every depth on both backgrounds and
// prints the figures as a Markdown table (go test ./ui/theme -run
// TestContrast -v).
func TestContrast(t *testing.T) {
	needs := need()
	rows := map[string][]string{}
	for _, l := range looks() {
		all := map[string]lipgloss.Style{}
		styles("", reflect.ValueOf(ui.NewStyles(theme.New(l.dark, l.p, nil))), all)
		for name, st := range all {
			want, known := needs[name]
			if !known {
				t.Errorf("style %s is not classified in need(): text (4.5), hint (3) or decorative", name)
				continue
			}
			fg, ratio, ok := worst(st.GetForeground(), st.GetBackground(), l)
			switch {
			case !ok && want > 0:
				t.Errorf("%s %s: no colour, want one reading at %.1f:1", l, name, want)
			case ok && want == 0:
				t.Errorf("%s %s: colour %s, but it is classified as having none", l, name, fg)
			case ok && ratio < want:
				t.Errorf("%s %s: %s reads at %.2f:1 at worst, want ≥ %.1f:1", l, name, fg, ratio, want)
			}
			if ok {
				rows[name] = append(rows[name], fmt.Sprintf("%s %.2f", fg, ratio))
			}
			if st.GetBorderLeft() {
				bfg, bratio, bok := worst(st.GetBorderLeftForeground(), nil, l)
				if bok && bratio < hintMin {
					t.Errorf("%s %s border: %s reads at %.2f:1, want ≥ %.1f:1", l, name, bfg, bratio, hintMin)
				}
			}
		}
	}
	t.Log("\n" + contrastTable(rows, needs))
}

// contrastTable is the figures as Markdown, for a note: each cell is the
// colour sent and its worst contrast against the backgrounds of that look.
func contrastTable(rows map[string][]string, needs map[string]float64) string {
	var b strings.Builder
	b.WriteString("| style | needs |")
	for _, l := range looks() {
		b.WriteString(" " + l.String() + " |")
	}
	b.WriteString("\n|---|---|" + strings.Repeat("---|", len(looks())) + "\n")
	names := make([]string, 0, len(rows))
	for n := range rows {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int {
		if needs[a] != needs[b] {
			return int(needs[b]*10 - needs[a]*10)
		}
		return strings.Compare(a, b)
	})
	for _, n := range names {
		fmt.Fprintf(&b, "| %s | %.1f | %s |\n", n, needs[n], strings.Join(rows[n], " | "))
	}
	return b.String()
}

// TestHelpKeysStandOut: in the help bar a key must not look like its
// description, in any look including NO_COLOR.
func TestHelpKeysStandOut(t *testing.T) {
	for _, l := range append(looks(), look{true, termenv.Ascii}) {
		h := ui.NewStyles(theme.New(l.dark, l.p, nil)).Help
		for _, pair := range [][2]lipgloss.Style{{h.ShortKey, h.ShortDesc}, {h.FullKey, h.FullDesc}} {
			key, desc := pair[0].Render("q"), pair[1].Render("q")
			if key == desc {
				t.Errorf("%s: key and description render the same: %q", l, key)
			}
		}
	}
}

// TestNoColorKeepsAttributes reads the bytes lipgloss writes under
// NO_COLOR: no colour at all, but bold, italic, reverse, underline and
// strikethrough still reach the terminal.
func TestNoColorKeepsAttributes(t *testing.T) {
	th := theme.New(true, termenv.Ascii, map[string]string{"accent": "#FF0000"})
	s := ui.NewStyles(th)
	for _, c := range []struct {
		name string
		st   lipgloss.Style
		want string // the one SGR attribute expected; "" for plain text
	}{
		{"title bold", s.Title, "1"},
		{"album italic", s.Album, "3"},
		{"link underlined", s.URL, "4"},
		{"disabled key struck through", s.Disabled, "9"},
		{"reverse", th.Style().Reverse(true), "7"},
		{"help key bold", s.Help.ShortKey, "1"},
		{"faint: plain", s.Faint, ""},
	} {
		got := c.st.Render("x")
		params := sgrParams(got)
		if c.want == "" && got != "x" {
			t.Errorf("%s: %q, want plain x", c.name, got)
		}
		if c.want != "" && !slices.Contains(params, c.want) {
			t.Errorf("%s: %q has no SGR %s", c.name, got, c.want)
		}
		for _, p := range params {
			if !slices.Contains([]string{"0", "1", "3", "4", "7", "9"}, p) {
				t.Errorf("%s: %q sends SGR %s under NO_COLOR", c.name, got, p)
			}
		}
	}
	// Without the theme, lipgloss at Ascii drops bold too: what the bug was.
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.Ascii)
	if got := r.NewStyle().Bold(true).Render("x"); got != "x" {
		t.Logf("lipgloss now keeps bold at Ascii (%q): the ANSI renderer workaround may go", got)
	}
}

// sgrParams are the parameters of every SGR sequence in s.
func sgrParams(s string) []string {
	var ps []string
	for _, part := range strings.Split(s, "\x1b[")[1:] {
		if i := strings.IndexByte(part, 'm'); i >= 0 {
			ps = append(ps, strings.Split(part[:i], ";")...)
		}
	}
	return ps
}

// TestConfigNamesAreThemeNames: every colour [theme] accepts changes the
// theme, so config and the theme can't drift apart.
func TestConfigNamesAreThemeNames(t *testing.T) {
	for _, n := range config.ThemeColors() {
		if !slices.Contains(theme.Names(), n) {
			t.Errorf("config accepts [theme] %s, the theme has no such colour", n)
		}
	}
	for _, n := range theme.Names() {
		if !slices.Contains(config.ThemeColors(), n) {
			t.Errorf("the theme's %s can't be set in [theme]", n)
		}
	}
}
