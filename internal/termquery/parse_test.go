package termquery

import (
	"reflect"
	"testing"
)

func TestFeed(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want replies
	}{
		{"DA1 with sixel", "\x1b[?63;1;2;4;6;9;15;16;22;28c",
			replies{da1: true, da1Attrs: []int{63, 1, 2, 4, 6, 9, 15, 16, 22, 28}}},
		{"DA1 without attributes", "\x1b[?c", replies{da1: true}},
		{"DA2 is not DA1", "\x1b[>1;10;0c", replies{}},
		{"kitty OK", "\x1b_Gi=31;OK\x1b\\", replies{kitty: true}},
		{"kitty error", "\x1b_Gi=31;ENOTSUPPORTED:no\x1b\\", replies{}},
		{"kitty, another id", "\x1b_Gi=7;OK\x1b\\", replies{}},
		{"xtversion with parentheses", "\x1bP>|XTerm(390)\x1b\\", replies{versions: []version{{"XTerm", "390"}}}},
		{"xtversion with a space", "\x1bP>|tmux 3.4\x1b\\", replies{versions: []version{{"tmux", "3.4"}}}},
		{"xtversion, name only", "\x1bP>|vte\x1b\\", replies{versions: []version{{"vte", ""}}}},
		{"other DCS", "\x1bP1$r0m\x1b\\", replies{}},
		{"cell size", "\x1b[6;18;9t", replies{cell: [2]int{9, 18}}},
		{"window size", "\x1b[4;768;1280t", replies{window: [2]int{1280, 768}}},
		{"cell size of 0 is no size", "\x1b[6;0;9t", replies{}},
		{"absurd cell size", "\x1b[6;99999999;9t", replies{}},
		{"bg, 4 digits, ST", "\x1b]11;rgb:ffff/8080/0000\x1b\\", replies{bg: RGB{255, 128, 0}, hasBG: true}},
		{"bg, 2 digits, BEL", "\x1b]11;rgb:ff/80/00\x07", replies{bg: RGB{255, 128, 0}, hasBG: true}},
		{"bg, 1 digit", "\x1b]11;rgb:f/8/0\x07", replies{bg: RGB{255, 136, 0}, hasBG: true}},
		{"bg, 3 digits", "\x1b]11;rgb:fff/000/800\x07", replies{bg: RGB{255, 0, 128}, hasBG: true}},
		{"bg, rgba", "\x1b]11;rgba:0000/0000/0000/ffff\x1b\\", replies{hasBG: true}},
		{"bg, 5 digits", "\x1b]11;rgb:fffff/0/0\x07", replies{}},
		{"bg, not hex", "\x1b]11;rgb:zz/00/00\x07", replies{}},
		{"bg, named", "\x1b]11;white\x07", replies{}},
		{"fg is not bg", "\x1b]10;rgb:ffff/ffff/ffff\x07", replies{}},
		{"keys around replies", "q\x1b[?62;c x", replies{da1: true, da1Attrs: []int{62, -1}, unrelated: 3}},
		{"a lone ESC, then a reply", "\x1b\x1b[?1;2c", replies{da1: true, da1Attrs: []int{1, 2}, unrelated: 1}},
		{"an OSC cut short by a reply", "\x1b]11;rgb:ff\x1b[?1c", replies{da1: true, da1Attrs: []int{1}}},
		{"everything, in order",
			"\x1b_Gi=31;OK\x1b\\\x1bP>|kitty(0.35.2)\x1b\\\x1b[6;20;10t\x1b[4;480;800t\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[?62;c",
			replies{da1: true, da1Attrs: []int{62, -1}, kitty: true, versions: []version{{"kitty", "0.35.2"}},
				cell: [2]int{10, 20}, window: [2]int{800, 480}, hasBG: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r replies
			if n := r.feed([]byte(tt.in)); n != len(tt.in) {
				t.Errorf("consumed %d of %d bytes", n, len(tt.in))
			}
			if !reflect.DeepEqual(r, tt.want) {
				t.Errorf("\n got %+v\nwant %+v", r, tt.want)
			}
		})
	}
}

// An unfinished reply is kept for the next read, whatever it is.
func TestFeedWaitsForTheRest(t *testing.T) {
	for _, in := range []string{"\x1b", "\x1b[", "\x1b[?62;", "\x1b]11;rgb:ff", "\x1b]11;rgb:ff\x1b", "\x1bP>|kitty", "\x1b_Gi=31;OK\x1b"} {
		var r replies
		if n := r.feed([]byte("x" + in)); n != 1 {
			t.Errorf("feed(%q) consumed %d bytes, want 1 (the rest is unfinished)", in, n)
		}
	}
	// A never-ending "reply" is given up after maxReply bytes.
	long := make([]byte, maxReply+10)
	copy(long, "\x1bP")
	for i := 2; i < len(long); i++ {
		long[i] = 'a'
	}
	var r replies
	if n := r.feed(long); n != len(long) {
		t.Errorf("a %d-byte unfinished DCS: consumed %d, want all", len(long), n)
	}
}

func TestDark(t *testing.T) {
	for _, tt := range []struct {
		bg   string
		dark bool
	}{
		{"rgb:0000/0000/0000", true},
		{"rgb:ffff/ffff/ffff", false},
		{"rgb:2828/2c2c/3434", true},  // One Dark
		{"rgb:fdfd/f6f6/e3e3", false}, // Solarized Light
		{"rgb:0000/0000/ffff", true},  // pure blue is dark
		{"rgb:0000/ffff/0000", false}, // pure green is light
	} {
		var r replies
		r.feed([]byte("\x1b]11;" + tt.bg + "\x07"))
		if got := finish(Caps{}, &r, WinSize{}); got.Dark != tt.dark || !got.HasBackground {
			t.Errorf("%s: dark %v (known %v), want %v", tt.bg, got.Dark, got.HasBackground, tt.dark)
		}
	}
}

func TestTmuxWrap(t *testing.T) {
	got := tmuxWrap("\x1b_Ga=q;AAAA\x1b\\")
	want := "\x1bPtmux;\x1b\x1b_Ga=q;AAAA\x1b\x1b\\\x1b\\"
	if got != want {
		t.Errorf("tmuxWrap = %q, want %q", got, want)
	}
}

// FuzzFeed: any bytes, in any split, never panic, and a reply split
// across reads parses as it does in one.
func FuzzFeed(f *testing.F) {
	for _, s := range []string{
		"\x1b[?63;1;2;4;6;9;15;16;22;28c",
		"\x1b_Gi=31;OK\x1b\\\x1bP>|kitty(0.35.2)\x1b\\\x1b[6;20;10t\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[?62;c",
		"\x1b]11;rgb:f/8/0\x07", "\x1b]11;rgba:0/0/0/0\x1b\\", "\x1b[4;480;800t", "q\x1b\x1b[", "\x1bP>|x(\x1b\\",
	} {
		f.Add([]byte(s), uint8(3))
	}
	f.Fuzz(func(t *testing.T, in []byte, split uint8) {
		var whole replies
		n := whole.feed(in)
		if n < 0 || n > len(in) {
			t.Fatalf("consumed %d of %d", n, len(in))
		}
		if len(in) > maxReply {
			return // a reply this long is given up on as it arrives: no equivalence
		}
		var parts replies
		var buf []byte
		step := int(split)%7 + 1
		for i := 0; i < len(in); i += step {
			buf = append(buf, in[i:min(i+step, len(in))]...)
			buf = buf[parts.feed(buf):]
		}
		if !reflect.DeepEqual(whole, parts) {
			t.Errorf("in one read %+v\nin %d-byte reads %+v", whole, step, parts)
		}
		finish(Caps{}, &whole, WinSize{Cols: 80, Rows: 24}) // must not panic either
	})
}
