package textclean

import (
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"
)

func TestLine(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"plain", "Paper Lanterns", 0, "Paper Lanterns"},
		{"unicode kept", "Café au lait (雨の日のワルツ) — Mix 🎵", 0, "Café au lait (雨の日のワルツ) — Mix 🎵"},
		{"OSC 52 and title", "Evil\x1b]52;c;SEFDS0VECg==\aSong\x1b]2;PWNED\a", 0, "Evil]52;c;SEFDS0VECg==Song]2;PWNED"},
		{"CSI clear screen", "\x1b[2J\x1b[HArtist", 0, "[2J[HArtist"},
		{"C1 CSI and OSC", "a\u009b2Jb\u009d0;x\u009cc", 0, "a2Jb0;xc"},
		{"bidi override and isolates", "\u202eevil\u202c \u2066x\u2069\u202a\u202b\u202d\u2067\u2068", 0, "evil x"},
		{"DEL and NUL", "a\x7fb\x00c", 0, "abc"},
		{"tab, CR, LF", "a\tb\r\nc\rd\ne", 0, "a b c d e"},
		{"line separators", "a\u2028b\u2029c", 0, "a b c"},
		{"invalid UTF-8", "a\xffb\xc3", 0, "ab"},
		{"real U+FFFD kept", "a\uFFFDb", 0, "a\uFFFDb"},
		{"clip ASCII", "abcdefgh", 5, "abcde…"},
		{"clip on a rune boundary", "ééé", 5, "éé…"},
		{"clip counts cleaned bytes", "\x1b\x1b\x1babc", 3, "abc"},
		{"exactly max", "abc", 3, "abc"},
		{"empty", "", 10, ""},
		{"only controls", "\x1b\a\u009b", 10, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Line(tt.in, tt.max); got != tt.want {
				t.Errorf("Line(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"keeps line breaks", "one\ntwo\r\nthree\rfour\u2028five", 0, "one\ntwo\nthree\nfour\nfive"},
		{"drops controls", "a\x1b[31mb\u009b\u202ec\td", 0, "a[31mbc d"},
		{"clips", "line one\nline two", 10, "line one\nl…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in, tt.max); got != tt.want {
				t.Errorf("Text(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

// A clipped huge string is a copy: keeping a substring would keep the whole
// original alive.
func TestClipCopies(t *testing.T) {
	huge := strings.Repeat("x", 3<<20)
	got := Line(huge, 1024)
	if len(got) != 1024+len(Ellipsis) {
		t.Fatalf("len %d", len(got))
	}
	if unsafe.StringData(got) == unsafe.StringData(huge) {
		t.Fatal("the clipped string shares the original's memory")
	}
	if allocs := testing.AllocsPerRun(10, func() { _ = Line("clean and short", 100) }); allocs != 0 {
		t.Errorf("clean text allocated %v times", allocs)
	}
}

func FuzzLine(f *testing.F) {
	for _, s := range []string{"", "plain", "Evil\x1b]52;c;SEFDS0VECg==\aSong", "\u202e\u009b\xff", "é\r\n\t"} {
		f.Add(s, 8)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		max %= 4096
		for name, fn := range map[string]func(string, int) string{"Line": Line, "Text": Text} {
			out := fn(s, max)
			if !utf8.ValidString(out) {
				t.Fatalf("%s(%q) = %q: invalid UTF-8", name, s, out)
			}
			for _, r := range out {
				if Forbidden(r) && (r != '\n' || name == "Line") {
					t.Fatalf("%s(%q) = %q: contains %U", name, s, out, r)
				}
			}
			if max > 0 && len(out) > max+len(Ellipsis) {
				t.Fatalf("%s(%q, %d) is %d bytes", name, s, max, len(out))
			}
			if again := fn(out, 0); again != out {
				t.Fatalf("%s not idempotent: %q → %q", name, out, again)
			}
			if len(s) <= max || max <= 0 {
				if isClean(s, name == "Text") && out != s {
					t.Fatalf("%s changed clean %q to %q", name, s, out)
				}
			}
		}
	})
}
