package app

import (
	"io"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"
	"github.com/spotui/spotui/internal/rawio"
	"github.com/spotui/spotui/internal/screen"
	"github.com/spotui/spotui/ui"
)

// program runs m full screen on stdin/stdout and returns the final model.
// started gets the function that ends the program, once it runs. A panic
// anywhere in it comes back as a *Crash after the terminal is restored.
//
// On a terminal it runs Bubble Tea without its renderer and draws through a
// screen.Screen, which writes only when Update produced a new frame: Bubble
// Tea v1's renderer wakes at its frame rate even when nothing changed, and
// those wake-ups were most of an idle spotui's CPU. Anywhere else (output
// not a terminal, no resize signal) the standard renderer does the job.
func program(m ui.Model, stdin io.Reader, stdout io.Writer, started func(quit func()), sh sharing) (ui.Model, error) {
	out, ok := stdout.(term.File)
	if !ok || !term.IsTerminal(out.Fd()) || !canWatchResize {
		return standard(m, stdin, stdout, started, sh)
	}
	if in, ok := stdin.(term.File); ok && term.IsTerminal(in.Fd()) {
		// Bubble Tea puts the terminal in raw mode only for its own renderer.
		old, err := term.MakeRaw(in.Fd())
		if err != nil {
			return m, err
		}
		defer term.Restore(in.Fd(), old) //nolint:errcheck // nothing left to tell
	}
	sizes := func(send func(tea.Msg)) func() { return watchResize(out.Fd(), send) }
	// Frames go through a writer that wakes no other thread (internal/rawio);
	// where there is none, straight to stdout.
	w := stdout
	if tw, err := rawio.Terminal(out.Fd()); err == nil {
		defer tw.Close() //nolint:errcheck // after the screen's last write
		w = tw
	}
	final, err := onScreen(m, stdin, w, sizes, started, sh)
	if fm, ok := final.(ui.Model); ok {
		return fm, err
	}
	return m, err
}

// framed is what drawn draws: a ui.Model, or a test's model.
type framed interface {
	tea.Model
	WindowTitle() string
}

// onScreen runs m on a Screen over out, sized by sizes (which sends a
// WindowSizeMsg now and on every change, until its stop is called), and
// returns the final model once the Screen has restored the terminal. Bubble
// Tea's own panic recovery is off (it prints into the alternate screen,
// which Close then wipes): guarded records a panic and quits, so it comes
// back here as a *Crash.
func onScreen(m framed, in io.Reader, out io.Writer, sizes func(send func(tea.Msg)) (stop func()), started func(quit func()), sh sharing) (tea.Model, error) {
	c := &crashes{}
	scr := screen.New(out, screen.Options{Mouse: true, ReportFocus: true,
		Panicked: func(v any, stack []byte) { c.fail(&Crash{Value: v, Stack: stack}) }})
	if err := scr.Start(); err != nil {
		return m, err
	}
	defer scr.Close() //nolint:errcheck // the terminal is gone

	p := tea.NewProgram(guarded{inner: drawn{ui: m, scr: scr, pub: sh.pub}, crashes: c},
		tea.WithoutRenderer(), tea.WithoutCatchPanics(), tea.WithoutSignalHandler(),
		tea.WithInput(in), tea.WithOutput(out))
	c.setQuit(p.Quit)
	started(p.Quit)
	defer sh.attach(p.Send)()
	stop := sizes(p.Send)
	defer stop()
	final, err := p.Run()
	if crash := c.get(); crash != nil {
		return m, crash
	}
	if g, ok := final.(guarded); ok {
		if d, ok := g.inner.(drawn); ok {
			return d.ui, err
		}
	}
	return m, err
}

// standard runs m with Bubble Tea's own renderer. Focus reports let the poll
// slow down while the terminal is in the background; the mouse seeks (click
// the bar) and sets the volume (wheel).
func standard(m ui.Model, stdin io.Reader, stdout io.Writer, started func(quit func()), sh sharing) (ui.Model, error) {
	c := &crashes{}
	p := tea.NewProgram(guarded{inner: published{ui: m, pub: sh.pub}, crashes: c}, tea.WithAltScreen(), tea.WithReportFocus(),
		tea.WithMouseCellMotion(), tea.WithFPS(frameRate), tea.WithoutCatchPanics(), tea.WithoutSignalHandler(),
		tea.WithInput(stdin), tea.WithOutput(stdout))
	c.setQuit(p.Quit)
	started(p.Quit)
	defer sh.attach(p.Send)()
	final, err := p.Run()
	if crash := c.get(); crash != nil {
		return m, crash
	}
	if g, ok := final.(guarded); ok {
		if fm, ok := g.inner.(published); ok {
			return fm.ui, err
		}
	}
	return m, err
}

// frameRate is the standard renderer's: a frame every 100 ms at most, so a
// key reaches the screen within the 100 ms target.
const frameRate = 10

// drawn hands every frame the UI renders, and its window title, to a Screen,
// with the size the frame was made for. The UI renders its frame inside
// Update, so View here costs nothing.
type drawn struct {
	ui            framed
	scr           *screen.Screen
	width, height int       // the last WindowSizeMsg's; 0 until the first
	pub           Publisher // nil: nothing shared
}

func (d drawn) Init() tea.Cmd {
	d.draw()
	return d.ui.Init()
}

func (d drawn) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		// The terminal may have reflowed what it showed; the frame for the
		// new size, made below, repaints it all.
		d.width, d.height = ws.Width, ws.Height
		d.scr.Invalidate()
	}
	next, cmd := d.ui.Update(msg)
	if m, ok := next.(framed); ok {
		d.ui = m
	}
	if m, ok := d.ui.(ui.Model); ok {
		publish(d.pub, m)
	}
	d.scr.SetTitle(d.ui.WindowTitle())
	d.draw()
	return d, cmd
}

// draw hands the UI's frame to the screen once the size is known: a frame
// made for no size in particular could be wider than the terminal.
func (d drawn) draw() {
	if d.width <= 0 || d.height <= 0 {
		return
	}
	if l, ok := d.ui.(interface{ Lines() []string }); ok {
		d.scr.DrawLines(l.Lines(), d.width, d.height)
		return
	}
	d.scr.Draw(d.ui.View(), d.width, d.height)
}

// View is empty: Bubble Tea runs without a renderer and ignores it.
func (d drawn) View() string { return "" }
