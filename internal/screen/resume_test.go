package screen

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/spotui/spotui/internal/screen/screentest"
)

func TestResumeCutsBeforeTheFirstDifferenceWhereNothingCarriesOver(t *testing.T) {
	cover := "\x1b[38;2;1;2;3;48;2;4;5;6m▀▀\x1b[38;2;7;8;9m▀\x1b[0m" // three cells
	for _, tc := range []struct {
		name, old, new string
		from, col      int
	}{
		{"plain text", "abc1", "abc2", 3, 3},
		{"new is longer", "abc", "abcdef", 3, 3},
		{"new is shorter", "abcdef", "abc", 3, 3},
		{"the first byte", "abc", "xbc", 0, 0},
		{"after a cover row", cover + "  lyric one", cover + "  lyric two", len(cover) + 8, 11},
		{"the styled text after a cover", cover + "  \x1b[1mone\x1b[0m", cover + "  \x1b[1mtwo\x1b[0m", len(cover) + 2, 5},
		{"inside an attribute", "\x1b[1mabc\x1b[0m", "\x1b[1mabd\x1b[0m", 0, 0},
		{"inside an SGR", "\x1b[31mab", "\x1b[32mab", 0, 0},
		{"inside a bar character", "━━ 1:02 ━━", "━━ 1:02 ━─", len("━━ 1:02 ━"), 9},
		{"after a geometric shape", "▶ a", "▶ b", len("▶ "), 2},
		{"after an emoji", "⏸ a", "⏸ b", 0, 0},
		{"after an accent", "Café x", "Café y", 3, 3},
		{"after an image", "\x1b_Gi=1\x1b\\ab", "\x1b_Gi=1\x1b\\ac", 0, 0},
		{"after a wide character", "日本 a", "日本 b", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from, col := resume(tc.old, tc.new)
			if from != tc.from || col != tc.col {
				t.Errorf("resume = byte %d, cell %d; want byte %d, cell %d", from, col, tc.from, tc.col)
			}
		})
	}
}

// A frame written in part shows exactly what the whole frame written on a
// blank terminal shows, styles included.
func TestPartialLinesShowTheSameAsWholeOnes(t *testing.T) {
	const w, h = 40, 6
	cover := func(shade int) string {
		return fmt.Sprintf("\x1b[38;2;%d;80;120;48;2;20;%d;40m▀▀▀▀▀▀\x1b[0m", shade, shade)
	}
	frame := func(step int) string {
		lines := []string{fmt.Sprintf("\x1b[1mspotui %d\x1b[0m", step)} // a change inside an attribute
		for y := range 3 {
			text := fmt.Sprintf("line %d", y+step)
			if y == step%3 {
				text = "\x1b[1;38;2;200;100;0m" + text + "\x1b[0m" // the current lyric
			}
			lines = append(lines, cover(y*40)+"  "+text)
		}
		bar := strings.Repeat("━", step) + strings.Repeat("─", 10-step)
		lines = append(lines, fmt.Sprintf("▶ 0:%02d \x1b[38;2;0;200;0m%s\x1b[0m 0:10", step, bar))
		if step%2 == 0 {
			lines = append(lines, "Café — naïve ünïcode "+strings.Repeat("x", step))
		} else {
			lines = append(lines, "Café")
		}
		return strings.Join(lines, "\n")
	}
	tm := screentest.New(w, h)
	s := started(t, tm)
	for step := range 8 {
		f := frame(step)
		s.Draw(f, w, h)
		whole := screentest.New(w, h)
		fresh := New(whole, Options{})
		fresh.write(state{lines: strings.Split(f, "\n"), width: w, height: h})
		tm.WaitFor(t, whole.Screen())
		var got, want string
		tm.Do(func(e *vt.Emulator) { got = e.Render() })
		whole.Do(func(e *vt.Emulator) { want = e.Render() })
		if got != want {
			t.Fatalf("step %d: written in part the terminal shows\n%q\nwritten whole\n%q", step, got, want)
		}
	}
}

// Beside the cover, a lyric change sends the lyric, not the cover again.
func TestALineBesideTheCoverResendsOnlyItsText(t *testing.T) {
	tm := screentest.New(60, 3)
	s := started(t, tm)
	cover := strings.Repeat("\x1b[38;2;10;20;30;48;2;40;50;60m▀", 20) + "\x1b[0m"
	s.Draw("spotui\n"+cover+"  first line", 60, 3)
	tm.WaitFor(t, "spotui\n"+strings.Repeat("▀", 20)+"  first line")
	n := tm.Writes()
	s.Draw("spotui\n"+cover+"  second line", 60, 3)
	tm.WaitFor(t, "spotui\n"+strings.Repeat("▀", 20)+"  second line")
	got := tm.Sent(n)
	if strings.Contains(got, "▀") || !strings.Contains(got, "second line") {
		t.Errorf("sent %q: want the new text only", got)
	}
}

func TestUntilStopsWhereTheRowAlreadyShowsTheRest(t *testing.T) {
	progress := func(clock, bar string) string {
		return "\x1b[32m▶\x1b[0m \x1b[2m" + clock + "\x1b[0m \x1b[32m" + bar + "\x1b[0m \x1b[2m4:10\x1b[0m"
	}
	for _, tc := range []struct {
		name, old, new, want string // want: what is written
	}{
		{"the clock alone", progress("0:01", "━━──"), progress("0:02", "━━──"), "\x1b[2m0:02\x1b[0m"},
		{"the clock and the bar", progress("0:01", "━━──"), progress("0:02", "━━━─"), "\x1b[2m0:02\x1b[0m \x1b[32m━━━─\x1b[0m"},
		{"a longer clock", progress("9:59", "━━──"), progress("10:00", "━━──"), "\x1b[2m10:00\x1b[0m \x1b[32m━━──\x1b[0m \x1b[2m4:10\x1b[0m"},
		{"no reset in common", "abc1", "abc2", "2"},
		{"unknown width in between", "\x1b[1mé1\x1b[0m end", "\x1b[1mé2\x1b[0m end", "\x1b[1mé2\x1b[0m end"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from, _ := resume(tc.old, tc.new)
			to := until(tc.old, tc.new, from)
			if got := tc.new[from:to]; got != tc.want {
				t.Errorf("writes %q, want %q", got, tc.want)
			}
		})
	}
}

// A tick sends the clock, not the whole progress line.
func TestATickResendsOnlyTheClock(t *testing.T) {
	tm := screentest.New(40, 2)
	s := started(t, tm)
	line := func(sec int) string {
		return fmt.Sprintf("\x1b[32m▶\x1b[0m \x1b[2m0:%02d\x1b[0m \x1b[32m━━━━━━━━━━──────────\x1b[0m \x1b[2m4:10\x1b[0m", sec)
	}
	s.Draw("spotui\n"+line(1), 40, 2)
	tm.WaitFor(t, "spotui\n▶ 0:01 ━━━━━━━━━━────────── 4:10")
	n := tm.Writes()
	s.Draw("spotui\n"+line(2), 40, 2)
	tm.WaitFor(t, "spotui\n▶ 0:02 ━━━━━━━━━━────────── 4:10")
	if got := tm.Sent(n); strings.Contains(got, "━") || len(got) > 30 {
		t.Errorf("a tick sent %d bytes: %q", len(got), got)
	}
}

// Sixel pixels lie over rows of spaces below their escape, and text written
// over them erases them: while an image is on screen, lines go whole.
func TestLinesUnderAnImageAreWrittenWhole(t *testing.T) {
	tm := screentest.New(40, 3)
	s := started(t, tm)
	sixel := "\x1bPq#0;2;0;0;0#0~~\x1b\\"
	s.Draw(sixel+"      a\n      first", 40, 3)
	waitShows(t, tm, "first")
	n := tm.Writes()
	s.Draw(sixel+"      a\n      devices", 40, 3) // the picker replaces the text
	waitShows(t, tm, "devices")
	if got := tm.Sent(n); !strings.Contains(got, "\x1b[2;1H      devices") {
		t.Errorf("sent %q: want the whole line from column 1", got)
	}
}

// waitShows waits until the terminal shows text somewhere.
func waitShows(t *testing.T, tm *screentest.Term, text string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(tm.Screen(), text); {
		if time.Now().After(deadline) {
			t.Fatalf("the terminal never showed %q:\n%s", text, tm.Screen())
		}
		time.Sleep(time.Millisecond)
	}
}
