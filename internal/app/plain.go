package app

import (
	"io"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"
	"github.com/spotui/spotui/ui"
	"github.com/spotui/spotui/ui/cover"
)

// A dumb terminal (TERM=dumb: Emacs's shell, some CI logs, serial lines)
// can't move the cursor, switch screens or take colours. There spotui is
// a line printer: one plain line whenever the item, play state or
// situation changes, never an escape sequence, and the keys still work.

// dumbTerminal reports whether TERM says the terminal understands nothing.
func dumbTerminal(getenv func(string) string) bool { return getenv("TERM") == "dumb" }

// plainDeps takes away what would write escape sequences: the clipboard
// (OSC 52) and the cover, which nobody would see.
func plainDeps(d ui.Deps) ui.Deps {
	d.Copy = nil
	d.Cover.Mode = cover.ModeOff
	return d
}

// plainProgram runs m as a line printer on stdout. Keys are read one by one
// (raw mode) where stdin is a terminal, so space and q act at once; lines
// then end in CR LF, as raw mode turns off the terminal's own.
func plainProgram(m ui.Model, stdin io.Reader, stdout io.Writer, started func(quit func()), sh sharing) (ui.Model, error) {
	nl := "\n"
	if in, ok := stdin.(term.File); ok && term.IsTerminal(in.Fd()) {
		old, err := term.MakeRaw(in.Fd())
		if err != nil {
			return m, err
		}
		defer term.Restore(in.Fd(), old) //nolint:errcheck // nothing left to tell
		nl = "\r\n"
	}
	lw := newLineWriter(stdout, nl)
	c := &crashes{}
	p := tea.NewProgram(guarded{inner: printed{ui: m, lines: lw, pub: sh.pub}, crashes: c},
		tea.WithoutRenderer(), tea.WithoutCatchPanics(), tea.WithoutSignalHandler(),
		tea.WithInput(stdin), tea.WithOutput(stdout))
	c.setQuit(p.Quit)
	started(p.Quit)
	defer sh.attach(p.Send)()
	final, err := p.Run()
	lw.close() // every line printed before the terminal is restored
	if crash := c.get(); crash != nil {
		return m, crash
	}
	if g, ok := final.(guarded); ok {
		if pm, ok := g.inner.(printed); ok {
			return pm.ui, err
		}
	}
	return m, err
}

// printed is the UI with its View replaced by a line per change.
type printed struct {
	ui    ui.Model
	lines *lineWriter
	last  string    // the key of the last line printed
	pub   Publisher // nil: nothing shared
}

func (p printed) Init() tea.Cmd { return p.ui.Init() }

func (p printed) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := p.ui.Update(msg)
	if m, ok := next.(ui.Model); ok {
		p.ui = m
	}
	publish(p.pub, p.ui)
	if line, key := p.ui.PlainStatus(); line != "" && key != p.last {
		p.last = key
		p.lines.send(line)
	}
	return p, cmd
}

// View is empty: Bubble Tea runs without a renderer.
func (p printed) View() string { return "" }

// lineWriter writes lines on its own goroutine, so Update never waits for
// the terminal.
type lineWriter struct {
	ch   chan string
	done sync.WaitGroup
}

func newLineWriter(w io.Writer, nl string) *lineWriter {
	lw := &lineWriter{ch: make(chan string, 64)}
	lw.done.Add(1)
	go func() {
		defer lw.done.Done()
		for line := range lw.ch {
			_, _ = io.WriteString(w, line+nl)
		}
	}()
	return lw
}

// send queues a line; a terminal 64 lines behind has stopped reading, and
// the line is dropped rather than the UI held up.
func (lw *lineWriter) send(line string) {
	select {
	case lw.ch <- line:
	default:
	}
}

func (lw *lineWriter) close() {
	close(lw.ch)
	lw.done.Wait()
}
