package app

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	"github.com/spotui/spotui/auth"
	"github.com/spotui/spotui/internal/screen"
	"github.com/spotui/spotui/internal/screen/screentest"
	"github.com/spotui/spotui/ui"
)

// drawn must put each frame Update renders on the terminal, sized to the
// last WindowSizeMsg, without waiting for anything else to happen.
func TestDrawnShowsEveryFrameUpdateRenders(t *testing.T) {
	tm := screentest.New(60, 20)
	scr := screen.New(tm, screen.Options{})
	if err := scr.Start(); err != nil {
		t.Fatal(err)
	}
	defer scr.Close()

	// First run, no client ID: the onboarding form, which takes typing.
	var m tea.Model = drawn{ui: ui.New(ui.Deps{Auth: auth.Config{RedirectURI: auth.DefaultRedirectURI}}), scr: scr}
	m.Init()
	m, _ = m.Update(tea.WindowSizeMsg{Width: 60, Height: 20})
	shown := func() string { return ansi.Strip(m.(drawn).ui.View()) }
	if !strings.Contains(shown(), "Client ID") {
		t.Fatalf("not the onboarding screen:\n%s", shown())
	}
	tm.WaitFor(t, shown())

	for _, r := range "0a1b" {
		m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	if !strings.Contains(shown(), "› 0a1b") {
		t.Fatalf("typing did not reach the form:\n%s", shown())
	}
	tm.WaitFor(t, shown())
}

// A shrinking window gets the frame the UI made for its new size, and only
// that: nothing of the wider frame stays on screen or wraps.
func TestDrawnShowsTheFrameForTheNewSize(t *testing.T) {
	tm := screentest.New(100, 32)
	scr := screen.New(tm, screen.Options{})
	if err := scr.Start(); err != nil {
		t.Fatal(err)
	}
	defer scr.Close()

	var m tea.Model = drawn{ui: ui.New(ui.Deps{Auth: auth.Config{RedirectURI: auth.DefaultRedirectURI}}), scr: scr}
	m.Init()
	if tm.Writes() != 1 {
		t.Errorf("drew before the size was known: %q", tm.Sent(1))
	}
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 32})
	tm.WaitFor(t, ansi.Strip(m.(drawn).ui.View()))

	tm.Do(func(e *vt.Emulator) { e.Resize(40, 12) })
	m, _ = m.Update(tea.WindowSizeMsg{Width: 40, Height: 12})
	lines := strings.Split(m.(drawn).ui.View(), "\n")
	for i, l := range lines {
		lines[i] = ansi.Strip(ansi.Truncate(l, 40, ""))
	}
	tm.WaitFor(t, strings.Join(lines[:min(len(lines), 12)], "\n"))
}
