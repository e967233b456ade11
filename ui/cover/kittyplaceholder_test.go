package cover

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

func TestRowColumnDiacritics(t *testing.T) {
	d := rowColumnDiacritics
	if len(d) != 297 {
		t.Fatalf("%d diacritics, want kitty's 297", len(d))
	}
	// The start and end of kitty's rowcolumn-diacritics.txt, and a few
	// entries it skips (other combining classes) that are easy to slip in.
	for i, want := range []rune{0x0305, 0x030D, 0x030E, 0x0310, 0x0312, 0x033D, 0x033E, 0x033F, 0x0346, 0x034A} {
		if d[i] != want {
			t.Errorf("diacritic %d = U+%04X, want U+%04X", i, d[i], want)
		}
	}
	if d[296] != 0x1D244 || d[295] != 0x1D243 || d[294] != 0x1D242 {
		t.Errorf("last three = %U %U %U, want U+1D242 U+1D243 U+1D244", d[294], d[295], d[296])
	}
	seen := map[rune]bool{}
	for i, r := range d {
		if i > 0 && r <= d[i-1] {
			t.Errorf("entry %d (U+%04X) not ascending", i, r)
		}
		if seen[r] {
			t.Errorf("U+%04X twice", r)
		}
		seen[r] = true
		if !unicode.Is(unicode.Mn, r) {
			t.Errorf("U+%04X is not a non-spacing mark", r)
		}
	}
	for _, r := range []rune{0x0300, 0x0301, 0x0596, 0x059A, 0x065C} {
		if seen[r] {
			t.Errorf("U+%04X is not in kitty's table", r)
		}
	}
}

func TestPlaceholderCellsMatchKittyDocs(t *testing.T) {
	// kitty's docs: image 42's first row, first two columns, in 256 colours.
	got := placeholderFG(42) + placeholderCells(0, 2) + "\x1b[39m"
	want := "\x1b[38;5;42m\U0010EEEE\u0305\u0305\U0010EEEE\u0305\u030D\x1b[39m"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	// Row 2, column 3.
	if c := placeholderCells(2, 4); !strings.HasSuffix(c, "\U0010EEEE\u030E\u0310") {
		t.Errorf("row 2 col 3 = %q", c)
	}
	if w := ansi.StringWidth(placeholderCells(5, 7)); w != 7 {
		t.Errorf("7 cells are %d wide", w)
	}
}

func TestPlaceholderIDInColour(t *testing.T) {
	tests := []struct {
		id   int
		want string
	}{
		{1, "\x1b[38;5;1m"},
		{42, "\x1b[38;5;42m"},
		{255, "\x1b[38;5;255m"},
		{256, "\x1b[38;2;0;1;0m"},
		{0x5c07e, "\x1b[38;2;5;192;126m"},
		{0xffffff, "\x1b[38;2;255;255;255m"},
	}
	for _, tt := range tests {
		if got := placeholderFG(tt.id); got != tt.want {
			t.Errorf("placeholderFG(%#x) = %q, want %q", tt.id, got, tt.want)
		}
	}
	// The ID placeholders use always fits 256 colours and is never 0.
	for _, id := range []int{0, 1, 255, 256, 510, DefaultKittyID, 1 << 30} {
		if p := placeholderID(id); p < 1 || p > 255 {
			t.Errorf("placeholderID(%d) = %d", id, p)
		}
	}
}

func TestTmuxPassthrough(t *testing.T) {
	// kitty's docs: inside tmux, wrap the escape in tmux's DCS and double
	// every ESC inside it.
	esc := "\x1b_Ga=d,d=I,q=2,i=7\x1b\\"
	want := "\x1bPtmux;\x1b\x1b_Ga=d,d=I,q=2,i=7\x1b\x1b\\\x1b\\"
	if got := tmuxPassthrough(esc); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

var apcRE = regexp.MustCompile(`\x1b_G([^;\x1b]*)(?:;([^\x1b]*))?\x1b\\`)

func TestKittyPlaceholderRender(t *testing.T) {
	src := photo(t, 640, 640)
	for _, tmux := range []bool{false, true} {
		g := gfx{kittyID: 42, cellW: 8, cellH: 16, tmux: tmux}
		view, err := renderKittyPlaceholders(src, 30, 15, g)
		if err != nil {
			t.Fatal(err)
		}
		checkShape(t, view, 30, 15)
		lines := strings.Split(view, "\n")
		// A square cover in 8×16 cells: twice as many columns as rows.
		box := cellBox(640, 640, 30, 15, 8, 16)
		if box != image.Rect(0, 0, 30, 15) {
			t.Fatalf("box %v", box)
		}
		for y, l := range lines[:14] {
			if strings.Contains(l, "\x1b_G") || strings.Contains(l, "\x1bP") {
				t.Errorf("line %d carries an upload; only the last line should", y)
			}
			if !strings.HasPrefix(l, "\x1b[38;5;42m\U0010EEEE"+string(rowColumnDiacritics[y])+"\u0305") {
				t.Errorf("line %d does not start with row %d's first cell: %q", y, y, trim(l))
			}
		}
		last := lines[14]
		up := last[strings.Index(last, "\x1b[39m")+len("\x1b[39m"):]
		if tmux {
			if !strings.HasPrefix(up, "\x1bPtmux;") {
				t.Fatalf("tmux upload not wrapped: %q", trim(up))
			}
			up = unwrapTmux(t, up)
		}
		var ctl []string
		var data strings.Builder
		for _, m := range apcRE.FindAllStringSubmatch(up, -1) {
			ctl = append(ctl, m[1])
			data.WriteString(m[2])
		}
		if strings.Join(apcRE.FindAllString(up, -1), "") != up {
			t.Fatalf("upload holds more than graphics escapes: %q", trim(up))
		}
		if ctl[0] != "a=d,d=I,q=2,i=42" || ctl[1] != "a=T,U=1,q=2,f=100,i=42,c=30,r=15,m=1" || ctl[len(ctl)-1] != "m=0" {
			t.Errorf("controls %q", ctl)
		}
		raw, err := base64.StdEncoding.DecodeString(data.String())
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != 30*8 || b.Dy() != 15*16 {
			t.Errorf("image %v, want the cells' exact 240x240 pixels", b)
		}
	}
}

// unwrapTmux undoes tmuxPassthrough for every wrapped escape in s.
func unwrapTmux(t *testing.T, s string) string {
	t.Helper()
	var out strings.Builder
	for s != "" {
		rest, ok := strings.CutPrefix(s, "\x1bPtmux;")
		if !ok {
			t.Fatalf("not a tmux passthrough: %q", trim(s))
		}
		// The wrapper ends at the first ESC \ whose ESC is not doubled.
		i := 0
		for {
			j := strings.IndexByte(rest[i:], 0x1b)
			if j < 0 {
				t.Fatal("unterminated passthrough")
			}
			i += j
			if rest[i+1] == 0x1b {
				i += 2
				continue
			}
			break
		}
		out.WriteString(strings.ReplaceAll(rest[:i], "\x1b\x1b", "\x1b"))
		s = strings.TrimPrefix(rest[i:], "\x1b\\")
	}
	return out.String()
}

func TestCellBoxSquare(t *testing.T) {
	tests := []struct {
		cols, rows, cw, ch int
		want               image.Rectangle
	}{
		{30, 15, 8, 16, image.Rect(0, 0, 30, 15)},
		{30, 15, 10, 20, image.Rect(0, 0, 30, 15)},
		{30, 15, 9, 18, image.Rect(0, 0, 30, 15)},
		{40, 15, 8, 16, image.Rect(5, 0, 35, 15)},  // wide region: centred
		{30, 15, 10, 10, image.Rect(7, 0, 22, 15)}, // square cells
		{20, 20, 8, 16, image.Rect(0, 5, 20, 15)},  // tall region
	}
	for _, tt := range tests {
		if got := cellBox(500, 500, tt.cols, tt.rows, tt.cw, tt.ch); got != tt.want {
			t.Errorf("cellBox(%dx%d cells of %dx%d) = %v, want %v", tt.cols, tt.rows, tt.cw, tt.ch, got, tt.want)
		}
	}
}
