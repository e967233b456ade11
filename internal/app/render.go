package app

import (
	"io"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"
	"github.com/spotui/spotui/internal/screen"
	"github.com/spotui/spotui/ui"
)

// program runs m full screen on stdin/stdout and returns the final model.
//
// On a terminal it runs Bubble Tea without its renderer and draws through a
// screen.Screen, which writes only when Update produced a new frame: Bubble
// Tea v1's renderer wakes at its frame rate even when nothing changed, and
// those wake-ups were most of an idle spotui's CPU. Anywhere else (output
// not a terminal, no resize signal) the standard renderer does the job.
func program(m ui.Model, stdin io.Reader, stdout io.Writer, sh sharing) (ui.Model, error) {
	out, ok := stdout.(term.File)
	if !ok || !term.IsTerminal(out.Fd()) || !canWatchResize {
		return standard(m, stdin, stdout, sh)
	}
	if in, ok := stdin.(term.File); ok && term.IsTerminal(in.Fd()) {
		// Bubble Tea puts the terminal in raw mode only for its own renderer.
		old, err := term.MakeRaw(in.Fd())
		if err != nil {
			return m, err
		}
		defer term.Restore(in.Fd(), old) //nolint:errcheck // nothing left to tell
	}

	scr := screen.New(stdout, screen.Options{Mouse: true, ReportFocus: true})
	if err := scr.Start(); err != nil {
		return m, err
	}
	defer scr.Close() //nolint:errcheck // the terminal is gone

	p := tea.NewProgram(drawn{ui: m, scr: scr, pub: sh.pub}, tea.WithoutRenderer(),
		tea.WithInput(stdin), tea.WithOutput(stdout))
	defer sh.attach(p.Send)()
	stop := watchResize(out.Fd(), p.Send)
	defer stop()
	final, err := p.Run()
	if d, ok := final.(drawn); ok {
		return d.ui, err
	}
	return m, err
}

// standard runs m with Bubble Tea's own renderer. Focus reports let the poll
// slow down while the terminal is in the background; the mouse seeks (click
// the bar) and sets the volume (wheel).
func standard(m ui.Model, stdin io.Reader, stdout io.Writer, sh sharing) (ui.Model, error) {
	p := tea.NewProgram(published{ui: m, pub: sh.pub}, tea.WithAltScreen(), tea.WithReportFocus(), tea.WithMouseCellMotion(),
		tea.WithFPS(frameRate), tea.WithInput(stdin), tea.WithOutput(stdout))
	defer sh.attach(p.Send)()
	final, err := p.Run()
	if fm, ok := final.(published); ok {
		return fm.ui, err
	}
	return m, err
}

// frameRate is the standard renderer's: a frame every 100 ms at most, so a
// key reaches the screen within the 100 ms target.
const frameRate = 10

// drawn hands every frame the UI renders, and its window title, to a Screen.
// The UI renders its frame inside Update, so View here costs nothing.
type drawn struct {
	ui  ui.Model
	scr *screen.Screen
	pub Publisher // nil: nothing shared
}

func (d drawn) Init() tea.Cmd {
	d.scr.Draw(d.ui.View())
	return d.ui.Init()
}

func (d drawn) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		d.scr.Resize(ws.Width, ws.Height)
	}
	next, cmd := d.ui.Update(msg)
	if m, ok := next.(ui.Model); ok {
		d.ui = m
	}
	publish(d.pub, d.ui)
	d.scr.SetTitle(d.ui.WindowTitle())
	d.scr.Draw(d.ui.View())
	return d, cmd
}

// View is empty: Bubble Tea runs without a renderer and ignores it.
func (d drawn) View() string { return "" }
