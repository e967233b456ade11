package termquery

import (
	"context"
	"io"
	"time"

	"github.com/charmbracelet/x/term"
)

// DefaultDeadline is how long Probe waits for replies at most: a terminal
// that answers nothing delays the start by this much, no more.
const DefaultDeadline = 150 * time.Millisecond

// Probe asks the terminal on in/out (the tty) what it can do and returns
// what it said, within deadline. It puts the tty in raw mode while it
// reads (replies are neither echoed nor held for a newline) and restores
// it, and it stops reading before it returns, so no reply is left for the
// UI to read as keys (except replies that arrive after the deadline: a
// very slow link). Keys typed during the probe are dropped.
//
// A reader Probe cannot interrupt (neither a file nor one with read
// deadlines) is not probed: a Read left blocked would steal the UI's
// input. Such a call returns what the environment says, and writes
// nothing.
func Probe(ctx context.Context, in io.Reader, out io.Writer, env Env, deadline time.Duration) Caps {
	ctx, cancel := context.WithTimeout(ctx, deadline)
	defer cancel()

	c := multiplexer(env)
	ws := winsize(env, in)
	if ws.Width > 0 && ws.Height > 0 && ws.Cols > 0 && ws.Rows > 0 {
		c.CellWidth, c.CellHeight = ws.Width/ws.Cols, ws.Height/ws.Rows
	}
	if c.InTmux {
		c.Passthrough = passthrough(ctx, env)
	}

	restore := makeRaw(in)
	rd, ok := startReader(in)
	if !ok {
		restore()
		return finish(c, &replies{}, ws)
	}
	var r replies
	if _, err := io.WriteString(out, burst(c)); err == nil {
		collect(ctx, rd.chunks, c, &r)
	}
	rd.stop()
	restore()
	return finish(c, &r, ws)
}

// collect feeds what the terminal sends into r until the burst is
// answered, the reader ends or ctx is done.
func collect(ctx context.Context, chunks <-chan []byte, c Caps, r *replies) {
	var buf []byte
	for !answered(r, c) {
		select {
		case <-ctx.Done():
			return
		case b, ok := <-chunks:
			if !ok {
				return
			}
			buf = append(buf, b...)
			buf = buf[r.feed(buf):]
		}
	}
}

// answered: DA1's reply closes the burst, as terminals answer in order.
// Inside tmux, tmux answers DA1 itself while the passthrough replies come
// from the outer terminal, later: then the outer XTVERSION (sent after the
// kitty query) closes it.
func answered(r *replies, c Caps) bool {
	if !r.da1 {
		return false
	}
	if c.InTmux && c.Passthrough {
		return len(r.versions) >= 2
	}
	return true
}

// finish turns the replies into Caps.
func finish(c Caps, r *replies, ws WinSize) Caps {
	c.Answered = r.da1
	c.Sixel = r.sixel()
	c.KittyGraphics = r.kitty
	for _, v := range r.versions {
		if c.InTmux && v.name == "tmux" && c.TmuxVersion == "" {
			c.TmuxVersion = v.version
			continue
		}
		if c.TermName == "" {
			c.TermName, c.TermVersion = v.name, v.version
		}
	}
	if c.CellWidth == 0 || c.CellHeight == 0 {
		c.CellWidth, c.CellHeight = 0, 0
		switch {
		case r.cell[0] > 0 && r.cell[1] > 0:
			c.CellWidth, c.CellHeight = r.cell[0], r.cell[1]
		case r.window[0] >= ws.Cols && r.window[1] >= ws.Rows && ws.Cols > 0 && ws.Rows > 0:
			c.CellWidth, c.CellHeight = r.window[0]/ws.Cols, r.window[1]/ws.Rows
		}
	}
	c.Background, c.HasBackground = r.bg, r.hasBG
	// Unknown counts as dark, as it did before spotui asked: most
	// terminals are, and the dark theme is the one the README shows.
	c.Dark = !r.hasBG || r.bg.Luminance() < 0.5
	return c
}

// makeRaw puts in in raw mode when it is a terminal, and returns what
// undoes it.
func makeRaw(in io.Reader) (restore func()) {
	f, ok := in.(term.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return func() {}
	}
	old, err := term.MakeRaw(f.Fd())
	if err != nil {
		return func() {}
	}
	return func() { _ = term.Restore(f.Fd(), old) }
}

// winsize is the tty's size, from env or from in's TIOCGWINSZ.
func winsize(env Env, in io.Reader) WinSize {
	get := env.WinSize
	if get == nil {
		f, ok := in.(term.File)
		if !ok || !term.IsTerminal(f.Fd()) {
			return WinSize{}
		}
		get = func() (WinSize, error) { return ttySize(f.Fd()) }
	}
	ws, err := get()
	if err != nil || ws.Cols < 0 || ws.Rows < 0 || ws.Width < 0 || ws.Height < 0 {
		return WinSize{}
	}
	return ws
}
