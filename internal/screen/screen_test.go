package screen

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	"github.com/spotui/spotui/internal/screen/screentest"
)

func started(t *testing.T, tm *screentest.Term) *Screen {
	t.Helper()
	s := New(tm, Options{Mouse: true, ReportFocus: true})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestDrawShowsTheFrame(t *testing.T) {
	tm := screentest.New(20, 5)
	s := started(t, tm)
	frame := "title\n\x1b[1mbold\x1b[0m line\n\nlast"
	s.Draw(frame, 20, 5)
	tm.WaitFor(t, "title\nbold line\n\nlast")
}

func TestOnlyChangedLinesAreWritten(t *testing.T) {
	tm := screentest.New(30, 4)
	s := started(t, tm)
	s.Draw("Paper Lanterns\nThe Velvet Orchards\n▶ 0:01 ━───\nhelp", 30, 4)
	tm.WaitFor(t, "Paper Lanterns\nThe Velvet Orchards\n▶ 0:01 ━───\nhelp")

	n := tm.Writes()
	s.Draw("Paper Lanterns\nThe Velvet Orchards\n▶ 0:02 ━━──\nhelp", 30, 4)
	tm.WaitFor(t, "Paper Lanterns\nThe Velvet Orchards\n▶ 0:02 ━━──\nhelp")
	got := tm.Sent(n)
	if !strings.Contains(got, "2 ━━") { // from its first change on
		t.Errorf("the changed line was not written: %q", got)
	}
	for _, same := range []string{"Paper Lanterns", "Velvet", "help"} {
		if strings.Contains(got, same) {
			t.Errorf("an unchanged line (%q) was written again: %q", same, got)
		}
	}
}

func TestTheSameFrameWritesNothing(t *testing.T) {
	tm := screentest.New(20, 3)
	s := started(t, tm)
	s.Draw("a\nb", 20, 3)
	tm.WaitFor(t, "a\nb")
	n := tm.Writes()
	s.Draw("a\nb", 20, 3)
	s.Draw("a\nc", 20, 3) // a later frame proves the writer ran after the repeat
	tm.WaitFor(t, "a\nc")
	if got := tm.Sent(n); strings.Contains(got, "a") {
		t.Errorf("the repeated frame was written: %q", got)
	}
}

func TestShorterAndNarrowerFramesLeaveNothingBehind(t *testing.T) {
	tm := screentest.New(20, 5)
	s := started(t, tm)
	s.Draw("a long first line\nsecond\nthird\nfourth", 20, 5)
	tm.WaitFor(t, "a long first line\nsecond\nthird\nfourth")
	s.Draw("short\nsecond", 20, 5)
	tm.WaitFor(t, "short\nsecond")
}

func TestAFullWidthLineKeepsItsLastCell(t *testing.T) {
	tm := screentest.New(10, 3)
	s := started(t, tm)
	// Clearing to the right after the 10th cell would erase that cell.
	s.Draw("0123456789\nabc", 10, 3)
	tm.WaitFor(t, "0123456789\nabc")
	s.Draw("abcdefghij\nabc", 10, 3)
	tm.WaitFor(t, "abcdefghij\nabc")
}

func TestAFrameTallerThanTheTerminalIsCut(t *testing.T) {
	tm := screentest.New(10, 3)
	s := started(t, tm)
	s.Draw("1\n2\n3\n4\n5", 10, 3)
	// The top stays: a terminal that scrolled would show 3, 4, 5.
	tm.WaitFor(t, "1\n2\n3")
}

func TestResizeRepaintsEverything(t *testing.T) {
	tm := screentest.New(20, 4)
	s := started(t, tm)
	s.Draw("one\ntwo\nthree", 20, 4)
	tm.WaitFor(t, "one\ntwo\nthree")

	// A terminal that shrinks reflows or crops what it showed; simulate a
	// terminal that lost everything, as tmux may.
	tm.Do(func(e *vt.Emulator) {
		e.Resize(12, 4)
		e.WriteString(ansi.EraseEntireScreen)
	})
	n := tm.Writes()
	s.Draw("one\ntwo\nthree", 12, 4)
	tm.WaitFor(t, "one\ntwo\nthree")
	if got := tm.Sent(n); !strings.Contains(got, ansi.EraseEntireScreen) {
		t.Errorf("a resize did not clear the screen: %q", got)
	}
}

func TestTitleIsSetOnlyWhenItChanges(t *testing.T) {
	tm := screentest.New(20, 3)
	s := started(t, tm)
	s.SetTitle("Mira Calloway – Night Bus")
	s.Draw("x", 20, 3)
	tm.WaitFor(t, "x")
	if got := tm.Title(); got != "Mira Calloway – Night Bus" {
		t.Errorf("title = %q", got)
	}
	n := tm.Writes()
	s.SetTitle("Mira Calloway – Night Bus")
	s.Draw("y", 20, 3)
	tm.WaitFor(t, "y")
	if got := tm.Sent(n); strings.Contains(got, "Night Bus") {
		t.Errorf("an unchanged title was sent again: %q", got)
	}
}

func TestStartAndCloseRestoreTheTerminal(t *testing.T) {
	tm := screentest.New(20, 3)
	tm.Write([]byte("shell prompt $"))
	s := New(tm, Options{Mouse: true, ReportFocus: true})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	s.Draw("spotui", 20, 3)
	tm.WaitFor(t, "spotui")

	tm.Do(func(e *vt.Emulator) {
		if !e.IsAltScreen() || !e.CursorHidden() {
			t.Errorf("running: alt screen %v, cursor hidden %v; want both", e.IsAltScreen(), e.CursorHidden())
		}
	})
	modes := tm.Modes()
	for _, m := range []ansi.Mode{ansi.ModeMouseButtonEvent, ansi.ModeMouseExtSgr, ansi.ModeFocusEvent, ansi.ModeBracketedPaste} {
		if !modes[m] {
			t.Errorf("mode %v not enabled", m)
		}
	}
	n := tm.Writes()

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	tm.WaitFor(t, "shell prompt $")
	tm.Do(func(e *vt.Emulator) {
		if e.IsAltScreen() || e.CursorHidden() {
			t.Errorf("after Close: alt screen %v, cursor hidden %v; want neither", e.IsAltScreen(), e.CursorHidden())
		}
	})
	for m, on := range tm.Modes() {
		if on && m != ansi.ModeTextCursorEnable {
			t.Errorf("mode %v still enabled after Close", m)
		}
	}
	if got := tm.Sent(n); !strings.HasSuffix(got, ansi.WindowOp(23, 0)) {
		t.Errorf("Close did not restore the saved title: %q", got)
	}
}

func TestFramesWhileTheTerminalIsBusyCollapseIntoTheLatest(t *testing.T) {
	tm := screentest.New(20, 3)
	s := started(t, tm)
	s.Draw("frame 0", 20, 3)
	tm.WaitFor(t, "frame 0")
	n := tm.Writes()

	release := tm.Block()
	s.Draw("frame 1", 20, 3) // the writer takes it and blocks in Write
	for i := 2; i <= 50; i++ {
		s.Draw(fmt.Sprintf("frame %d", i), 20, 3)
	}
	s.Draw("latest", 20, 3)
	release()
	tm.WaitFor(t, "latest")
	if got := tm.Writes() - n; got > 2 {
		t.Errorf("%d writes for 51 frames drawn while the terminal was busy; want at most 2 (the first, then the latest)", got)
	}
}

func TestCloseIsSafeBeforeStartAndTwice(t *testing.T) {
	tm := screentest.New(10, 2)
	s := New(tm, Options{})
	s.Draw("never shown", 10, 2)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if tm.Writes() != 0 {
		t.Errorf("a Screen never started wrote %q", tm.Sent(0))
	}

	s = New(tm, Options{})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	n := tm.Writes()
	s.Draw("after close", 10, 2)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if tm.Writes() != n {
		t.Errorf("wrote after Close: %q", tm.Sent(n))
	}
}
