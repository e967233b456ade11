// Package screen draws full-screen frames on a terminal only when they change.
//
// Bubble Tea v1's standard renderer wakes on a fixed ticker (its frame rate)
// even when nothing changed, and on our machines those wake-ups, not the
// drawing, were most of an idle spotui's CPU. A Screen has no ticker: each
// frame is handed to one writer goroutine the moment Update produces it (a
// key reaches the screen in about a millisecond), frames that pile up while
// the terminal is slow collapse into the latest one, and only lines that
// differ from what is already on the terminal are written.
//
// A Screen owns the terminal modes a full-screen app needs (alternate screen,
// hidden cursor, mouse, focus reports, bracketed paste) and the window title,
// and restores all of them on Close.
package screen

import (
	"bytes"
	"io"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"
)

// Options choose the terminal modes Start enables.
type Options struct {
	Mouse       bool // button-event mouse tracking in SGR encoding (clicks, wheel, drags)
	ReportFocus bool // focus in/out reports
	// Panicked gets a panic of the writer goroutine, which then stops
	// writing, so the program can end and Close restore the terminal.
	// nil: the panic goes on and ends the process.
	Panicked func(value any, stack []byte)
}

// Screen is safe for concurrent use: Draw, Invalidate and SetTitle may be
// called from any goroutine and never block on the terminal.
type Screen struct {
	out  io.Writer
	opts Options

	mu      sync.Mutex
	next    state // what the terminal should show, the latest wins
	dirty   bool  // next differs from what the writer last took
	started bool
	closed  bool
	invalid bool          // Invalidate was called: the next Draw repaints
	wake    chan struct{} // capacity 1: "there is something to write"
	stopped chan struct{} // closed when the writer goroutine ends

	// Owned by the writer goroutine.
	shown state
	rows  []row // the terminal's rows, top to bottom
	buf   bytes.Buffer
}

// state is everything the writer puts on the terminal.
type state struct {
	lines         []string // the frame
	width, height int
	title         string
	repaint       uint64 // bumped by a new size or Invalidate: clear and draw every line
}

// row is one line of a frame and what was written for it: the line cut to
// the width it was drawn at, and whether it holds an image (see graphic).
type row struct {
	line, shown string
	image       bool
}

// New returns a Screen that writes to out; nothing is written before Start.
func New(out io.Writer, opts Options) *Screen {
	return &Screen{
		out:     out,
		opts:    opts,
		wake:    make(chan struct{}, 1),
		stopped: make(chan struct{}),
	}
}

// Start enters the alternate screen, enables the chosen modes and starts the
// writer. Call Close to undo it.
func (s *Screen) Start() error {
	var b strings.Builder
	// Save the window title (XTWINOPS 22) so Close can give the shell its own
	// back; terminals without a title stack ignore it.
	b.WriteString(ansi.WindowOp(22, 0))
	b.WriteString(ansi.SetMode(ansi.ModeAltScreenSaveCursor))
	b.WriteString(ansi.EraseEntireScreen)
	b.WriteString(ansi.CursorHomePosition)
	b.WriteString(ansi.HideCursor)
	for _, m := range s.modes() {
		b.WriteString(ansi.SetMode(m))
	}
	if _, err := io.WriteString(s.out, b.String()); err != nil {
		return err
	}
	s.mu.Lock()
	s.started = true
	s.mu.Unlock()
	go s.run()
	return nil
}

// modes are the input modes Start enables and Close resets.
func (s *Screen) modes() []ansi.Mode {
	modes := []ansi.Mode{ansi.ModeBracketedPaste}
	if s.opts.Mouse {
		modes = append(modes, ansi.ModeMouseButtonEvent, ansi.ModeMouseExtSgr)
	}
	if s.opts.ReportFocus {
		modes = append(modes, ansi.ModeFocusEvent)
	}
	return modes
}

// Draw makes frame (lines separated by "\n"), made for a terminal of
// width×height cells, the screen's content; 0 means unknown. The frame and
// its size arrive together, so the writer never puts a frame on a terminal
// of another size. Lines wider than width are cut, rows below height
// dropped. A new size clears the screen and draws every line: a terminal
// reflows or crops what it showed when it changes size, so the lines on it
// are no longer known.
func (s *Screen) Draw(frame string, width, height int) {
	s.DrawLines(strings.Split(frame, "\n"), width, height)
}

// DrawLines is Draw for a frame already in lines, which the screen keeps:
// the caller must not change them. A renderer that lays out lines then
// need not join tens of KB (a cover's escape codes) for each frame, only
// for the screen to split them again.
func (s *Screen) DrawLines(lines []string, width, height int) {
	s.update(func(st *state) bool {
		resized := st.width != width || st.height != height
		if !resized && !s.invalid && slices.Equal(st.lines, lines) {
			return false
		}
		if resized || s.invalid {
			st.repaint++
			s.invalid = false
		}
		st.lines, st.width, st.height = lines, width, height
		return true
	})
}

// Invalidate says the terminal may no longer show what was written (it
// resized, perhaps back to the same size): the next Draw clears the screen
// and draws every line. It wakes nothing, because only the frame made for
// the new size may be written.
func (s *Screen) Invalidate() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.invalid = true
}

// SetTitle names the terminal window.
func (s *Screen) SetTitle(title string) {
	s.update(func(st *state) bool {
		if st.title == title {
			return false
		}
		st.title = title
		return true
	})
}

func (s *Screen) update(change func(*state) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || !change(&s.next) {
		return
	}
	s.dirty = true
	select {
	case s.wake <- struct{}{}:
	default: // the writer is already due to run and will take the latest
	}
}

// Close stops the writer, then leaves the alternate screen and restores the
// modes Start enabled. A frame still waiting is dropped: the alternate
// screen it would go to is about to disappear. Close is idempotent.
func (s *Screen) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	started := s.started
	s.mu.Unlock()
	if !started {
		return nil
	}
	close(s.wake)
	<-s.stopped

	var b strings.Builder
	modes := s.modes()
	for i := len(modes) - 1; i >= 0; i-- {
		b.WriteString(ansi.ResetMode(modes[i]))
	}
	b.WriteString(ansi.ShowCursor)
	b.WriteString(ansi.ResetMode(ansi.ModeAltScreenSaveCursor))
	b.WriteString(ansi.WindowOp(23, 0)) // the title saved by Start
	_, err := io.WriteString(s.out, b.String())
	return err
}

// run is the writer goroutine: it sleeps until there is something new, so an
// unchanged screen costs no wake-ups at all.
func (s *Screen) run() {
	defer close(s.stopped)
	defer func() {
		if r := recover(); r != nil {
			if s.opts.Panicked == nil {
				panic(r)
			}
			s.opts.Panicked(r, debug.Stack())
		}
	}()
	for range s.wake {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			return
		}
		st, dirty := s.next, s.dirty
		s.dirty = false
		s.mu.Unlock()
		if dirty {
			s.write(st)
		}
	}
}

// write brings the terminal from s.shown to st in one write call, so the
// terminal never shows half a frame.
func (s *Screen) write(st state) {
	b := &s.buf
	b.Reset()
	if st.title != s.shown.title {
		b.WriteString(ansi.SetWindowTitle(st.title))
	}
	if st.repaint != s.shown.repaint {
		b.WriteString(ansi.EraseEntireScreen)
		s.rows = s.rows[:0]
	}
	s.rows = diff(b, s.rows, st.lines, st.width, st.height)
	s.shown = st
	if b.Len() > 0 {
		// A failed write (the terminal is gone) has nobody to tell: the
		// program ends on its own when its input closes.
		_, _ = s.out.Write(b.Bytes())
	}
}

// diff appends to b what turns the terminal's rows old into lines and
// returns the new rows. Each changed line is cut to width, written at its
// row from where it starts to differ (see resume) and cleared to the right;
// rows the frame no longer reaches are cleared. A row's shown text is
// exactly what the terminal shows on it.
func diff(b *bytes.Buffer, old []row, lines []string, width, height int) []row {
	// Sixel pixels lie over the cells of rows below the one that drew them,
	// and only text written over them erases them: while an image is on
	// screen, changed lines are written whole, as its renderer expects.
	whole := slices.ContainsFunc(old, func(r row) bool { return r.image })
	n := 0
	for _, line := range lines {
		if height > 0 && n >= height {
			break // a frame taller than the terminal would scroll it
		}
		if n < len(old) && old[n].line == line {
			n++
			continue
		}
		shown, cells := clip(line, width)
		if n >= len(old) || old[n].shown != shown {
			from, col, to := 0, 0, len(shown)
			if n < len(old) && !whole {
				from, col = resume(old[n].shown, shown)
				to = until(old[n].shown, shown, from)
			}
			b.WriteString(ansi.CursorPosition(col+1, n+1))
			b.WriteString(shown[from:to])
			// Clearing after a line that fills the row would erase its last
			// cell: the cursor waits on that cell until the next character.
			if to == len(shown) && (width <= 0 || cells < width) {
				b.WriteString(ansi.EraseLineRight)
			}
		}
		if n < len(old) {
			old[n] = row{line, shown, graphic(shown)}
		} else {
			old = append(old, row{line, shown, graphic(shown)})
		}
		n++
	}
	for r := n; r < len(old); r++ {
		if old[r].shown != "" {
			b.WriteString(ansi.CursorPosition(1, r+1))
			b.WriteString(ansi.EraseEntireLine)
		}
	}
	return old[:n]
}

// clip cuts line to width cells (0: no limit), keeping its escape
// sequences, and says how many cells it takes. A wider line would wrap onto
// the next row, or scroll the screen on the last.
func clip(line string, width int) (string, int) {
	cells := ansi.StringWidth(line)
	if width > 0 && cells > width {
		line = ansi.Truncate(line, width, "")
		cells = ansi.StringWidth(line)
	}
	return line, cells
}
