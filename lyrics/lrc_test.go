package lyrics

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func ident(s string) string { return s }

func TestParseLRC(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Line
	}{
		{"simple", "[00:01.00] one\n[00:02.50] two\n", []Line{{ms(1000), "one"}, {ms(2500), "two"}}},
		{"three-digit fraction and none", "[00:01.123]a\n[00:02]b", []Line{{ms(1123), "a"}, {ms(2000), "b"}}},
		{"one-digit fraction is tenths", "[00:01.5]a", []Line{{ms(1500), "a"}}},
		{"several stamps on a line", "[00:12.00][00:45.00] chorus\n[00:20.00] verse",
			[]Line{{ms(12000), "chorus"}, {ms(20000), "verse"}, {ms(45000), "chorus"}}},
		{"out of order sorted, stable for equal times", "[00:05.00]b\n[00:01.00]a\n[00:05.00]c",
			[]Line{{ms(1000), "a"}, {ms(5000), "b"}, {ms(5000), "c"}}},
		{"blank line is a break", "[00:01.00]a\n[00:03.00]\n[00:05.00]b", []Line{{ms(1000), "a"}, {ms(3000), ""}, {ms(5000), "b"}}},
		{"metadata tags skipped", "[ar:Someone]\n[ti:Song]\n[length: 03:00]\n[00:01.00]a", []Line{{ms(1000), "a"}}},
		{"positive offset shows lines earlier", "[offset:+500]\n[00:01.00]a\n[00:02.00]b", []Line{{ms(500), "a"}, {ms(1500), "b"}}},
		{"negative offset shows lines later", "[offset:-250]\n[00:01.00]a", []Line{{ms(1250), "a"}}},
		{"offset never below zero", "[offset:+5000]\n[00:01.00]a", []Line{{0, "a"}}},
		{"malformed lines skipped", "[xx:01.00]a\n[00:61.00]b\n[00:01.00\nplain text\n[1:2:3]c\n[00:02.00]ok",
			[]Line{{ms(2000), "ok"}}},
		{"CRLF and leading spaces", "  [00:01.00] a \r\n[00:02.00]b\r\n", []Line{{ms(1000), "a"}, {ms(2000), "b"}}},
		{"brackets inside the words kept", "[00:01.00] a [b] c", []Line{{ms(1000), "a [b] c"}}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ParseLRC(tt.in, ident)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("line %d = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestParseLRCCleansText(t *testing.T) {
	got := ParseLRC("[00:01.00] a\x1b]52;c;x\x07b", func(s string) string { return strings.ReplaceAll(s, "\x1b", "") })
	if len(got) != 1 || strings.ContainsRune(got[0].Text, 0x1b) {
		t.Fatalf("clean not applied: %q", got)
	}
}

func TestParseLRCBoundsLines(t *testing.T) {
	got := ParseLRC(strings.Repeat("[00:01.00][00:02.00][00:03.00] x\n", 5000), ident)
	if len(got) != maxLines {
		t.Fatalf("kept %d lines, want the bound %d", len(got), maxLines)
	}
}

func TestAtAndNextChange(t *testing.T) {
	lines := []Line{{ms(1000), "a"}, {ms(3000), "b"}, {ms(3000), "b2"}, {ms(7000), "c"}}
	tests := []struct {
		pos     time.Duration
		at      int
		next    time.Duration
		hasNext bool
	}{
		{0, -1, ms(1000), true},
		{ms(999), -1, ms(1), true},
		{ms(1000), 0, ms(2000), true},
		{ms(2999), 0, ms(1), true},
		{ms(3000), 2, ms(4000), true}, // equal stamps: the last one shows
		{ms(6999), 2, ms(1), true},
		{ms(7000), 3, 0, false},
		{ms(90000), 3, 0, false},
	}
	for _, tt := range tests {
		if got := At(lines, tt.pos); got != tt.at {
			t.Errorf("At(%v) = %d, want %d", tt.pos, got, tt.at)
		}
		next, ok := NextChange(lines, tt.pos)
		if next != tt.next || ok != tt.hasNext {
			t.Errorf("NextChange(%v) = %v, %v; want %v, %v", tt.pos, next, ok, tt.next, tt.hasNext)
		}
	}
	if At(nil, ms(5)) != -1 {
		t.Error("At on no lines should be -1")
	}
}

func FuzzParseLRC(f *testing.F) {
	f.Add("[00:01.00] one\n[offset:+500]\n[00:12.00][00:45.00] two\n")
	f.Add("[99:59.999]x\n[00:00]\n[ar:x]")
	f.Add("[0000:00.1]\x1b[2J\u202e")
	f.Fuzz(func(t *testing.T, in string) {
		lines := ParseLRC(in, ident)
		if len(lines) > maxLines {
			t.Fatalf("%d lines > %d", len(lines), maxLines)
		}
		for i, l := range lines {
			if l.At < 0 || l.At > maxStamp {
				t.Fatalf("line %d at %v out of range", i, l.At)
			}
			if i > 0 && lines[i-1].At > l.At {
				t.Fatalf("not sorted at %d", i)
			}
			if utf8.ValidString(in) && !utf8.ValidString(l.Text) {
				t.Fatalf("invalid UTF-8 from valid input")
			}
		}
		for _, pos := range []time.Duration{0, ms(1500), time.Hour} {
			i := At(lines, pos)
			if i >= len(lines) || (i >= 0 && lines[i].At > pos) {
				t.Fatalf("At(%v) = %d wrong", pos, i)
			}
			if d, ok := NextChange(lines, pos); ok && d <= 0 {
				t.Fatalf("NextChange(%v) = %v, not in the future", pos, d)
			}
		}
	})
}

// A 5-minute song, a line every 4 s: issue 14 asks for under 1 ms of CPU
// to parse it after the reply.
func BenchmarkParseLRC5Minutes(b *testing.B) {
	var sb strings.Builder
	for i := range 75 {
		t := i * 4
		sb.WriteString("[" + twoDigits(t/60) + ":" + twoDigits(t%60) + ".00] a line of a song, sung at its time\n")
	}
	text := sb.String()
	for b.Loop() {
		if len(ParseLRC(text, ident)) != 75 {
			b.Fatal("lines lost")
		}
	}
}

func twoDigits(n int) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }
