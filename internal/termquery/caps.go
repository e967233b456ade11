// Package termquery asks the terminal what it can do, once, at start: one
// burst of queries (kitty graphics, XTVERSION, cell and window size in
// pixels, background colour) closed by DA1, read back with a short deadline.
//
// Every terminal answers DA1 and answers in order, so DA1's reply means
// every reply that will come has come; a terminal that answers nothing costs
// the deadline and no more. Inside tmux, queries tmux doesn't answer itself
// go to the outer terminal through tmux's passthrough, when the user allows
// it (read with `tmux display`, never changed).
package termquery

import "context"

// Caps is what the terminal said about itself. Zero values mean "unknown"
// or "no": callers fall back to what they did before asking.
type Caps struct {
	// CellWidth and CellHeight are one cell's size in pixels; 0 when
	// unknown (use Cell for a 1:2 default).
	CellWidth, CellHeight int

	Background    RGB  // the default background colour, when HasBackground
	HasBackground bool // the terminal (or tmux) answered OSC 11
	Dark          bool // Background is dark (luminance < 0.5); true when unknown

	Sixel         bool // DA1 lists attribute 4
	KittyGraphics bool // the kitty graphics query was answered OK

	// TermName and TermVersion come from XTVERSION, e.g. "kitty" "0.35.2";
	// inside tmux they name the outer terminal (empty when passthrough is
	// off). TmuxVersion is tmux's own answer, e.g. "3.4".
	TermName, TermVersion string
	TmuxVersion           string

	InTmux, InScreen, InZellij bool
	// Passthrough: inside tmux, allow-passthrough is on, so escape
	// sequences wrapped for passthrough reach the outer terminal.
	Passthrough bool

	// Answered: DA1's reply arrived before the deadline. False means a
	// terminal that answers no queries (or a slow link): everything above
	// is the fallback.
	Answered bool
}

// Cell returns the cell size in pixels, 8×16 when the terminal didn't say:
// most terminal fonts are about twice as tall as wide.
func (c Caps) Cell() (w, h int) {
	if c.CellWidth > 0 && c.CellHeight > 0 {
		return c.CellWidth, c.CellHeight
	}
	return 8, 16
}

// RGB is an 8-bit-per-channel colour.
type RGB struct{ R, G, B uint8 }

// Luminance is the colour's relative luminance in [0, 1] (Rec. 709 weights
// on the gamma-encoded values: cheap, and enough to tell light from dark).
func (c RGB) Luminance() float64 {
	return (0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)) / 255
}

// Env is what the probe needs from the process besides the tty.
type Env struct {
	// Getenv reads the environment (TMUX, STY, ZELLIJ); nil: empty.
	Getenv func(string) string
	// Tmux runs tmux with args and returns its standard output; nil runs
	// the tmux binary. Only read-only commands are run.
	Tmux func(ctx context.Context, args ...string) (string, error)
	// WinSize reports the tty's size (TIOCGWINSZ); nil reads it from the
	// probe's input when that is a terminal.
	WinSize func() (WinSize, error)
}

// WinSize is the tty's size in cells and, when the terminal fills them in,
// in pixels (0 otherwise).
type WinSize struct {
	Cols, Rows    int
	Width, Height int
}

func (e Env) getenv(k string) string {
	if e.Getenv == nil {
		return ""
	}
	return e.Getenv(k)
}
