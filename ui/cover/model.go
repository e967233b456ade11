// Package cover draws an album cover in the terminal: a Bubble Tea
// sub-model in the style of charmbracelet/bubbles, with its own Update,
// View and messages. Downloading, decoding and rendering all run in
// tea.Cmds; View returns a string rendered beforehand.
//
// Covers are drawn with Unicode half blocks in any colour terminal, or with
// the kitty or iTerm2 graphics protocols where those work, and fall back to
// a placeholder box with the album's initials.
package cover

import (
	"image"
	"net/http"
	"slices"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"
	"github.com/spotui/spotui/api"
)

const (
	// DefaultMaxDiskBytes is the disk cache budget when Options leaves it 0.
	DefaultMaxDiskBytes = 50 << 20
	// ResizeDebounce is how long SetSize waits for the size to settle.
	ResizeDebounce = 120 * time.Millisecond

	httpTimeout = 15 * time.Second
	maxImages   = 16 // decoded covers kept in memory: an album or two of history
	maxViews    = 32 // rendered strings: a few covers at a few sizes
	// Byte budgets of the two caches, so that no run of covers, hostile
	// or not, can grow them. Small on purpose: with Go's GC pacing every
	// live MB costs about 2 MB of RSS, and the app's 18 MB leave 7 MB under
	// the 25 MB target. The disk cache makes going back to a cover cheap
	// anyway. 2 MB hold three 640² JPEG covers (0.6 MB decoded, YCbCr
	// 4:2:0) or one 640² RGBA; 1 MB a dozen half-block views or a kitty
	// one or two (a base64 PNG).
	maxImageBytes = 2 << 20
	maxViewBytes  = 1 << 20
)

// TickFunc schedules fn after d, like tea.Tick.
type TickFunc func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd

// Options configure New. The zero value works: blocks, no disk cache.
type Options struct {
	HTTPClient   *http.Client    // nil → a client with a 15 s timeout
	CacheDir     string          // disk cache of downloaded covers; "" → none
	MaxDiskBytes int64           // disk cache budget; 0 → DefaultMaxDiskBytes
	Mode         Mode            // already resolved (see Resolve); ModeAuto → blocks
	Profile      termenv.Profile // colours for blocks and placeholder; Ascii → placeholder only
	Tick         TickFunc        // nil → tea.Tick; tests fire timers by hand
	KittyID      int             // kitty image ID; 0 → DefaultKittyID
	Cell         CellSize        // pixels per cell; zero → DefaultCell
	Tmux         bool            // inside tmux: kitty uploads go through its passthrough
	SixelColors  int             // sixel colour registers the terminal has; 0 → 256
}

// Model is the cover sub-component. It is a value, like bubbles' models;
// its copies share their caches (see engine). Make one with New: the zero
// Model ignores every call and draws nothing.
type Model struct {
	eng  *engine
	tick TickFunc

	// What the caller asked for last.
	images     []api.Image
	label      string
	cols, rows int
	asked      bool // SetImage was called at least once

	gen         int      // bumped by every request; older results are dropped
	view        string   // what View returns
	lines       []string // view split into rows, once per view: the layout reads them every frame
	viewCols    int      // the width every line of view has
	placeholder bool     // view is a placeholder, not a cover
	err         error    // why the current cover could not be shown
	file        string   // the disk cache file of the cover asked for, once known
}

// RenderedMsg delivers a rendered cover, or a placeholder and the error
// that caused it. Pass it (or every message) to Update.
type RenderedMsg struct {
	eng         *engine
	gen         int
	view        string
	placeholder bool
	err         error
	file        string // the image's disk cache file, "" when none
}

// ResizeMsg is SetSize's debounce timer firing. Pass it to Update.
type ResizeMsg struct {
	eng *engine
	gen int
}

// New makes a cover model. It does no I/O.
func New(opts Options) Model {
	e := &engine{
		client:  opts.HTTPClient,
		dir:     opts.CacheDir,
		maxDisk: opts.MaxDiskBytes,
		mode:    opts.Mode,
		profile: opts.Profile,
		kittyID: opts.KittyID,
		cell:    opts.Cell.OrDefault(),
		images:  newLRU[string, image.Image](maxImages, maxImageBytes, imageBytes),
		views:   newLRU[viewKey, string](maxViews, maxViewBytes, func(s string) int { return len(s) }),
		flights: make(map[string]*flight),
		onDisk:  make(map[string]string),
	}
	if e.client == nil {
		e.client = &http.Client{Timeout: httpTimeout}
	}
	if e.maxDisk <= 0 {
		e.maxDisk = DefaultMaxDiskBytes
	}
	if e.mode < ModeBlocks || e.mode > ModeKittyPlaceholders {
		e.mode = ModeBlocks
	}
	if e.kittyID <= 0 {
		e.kittyID = DefaultKittyID
	}
	e.gfx = gfx{kittyID: e.kittyID, cellW: e.cell.W, cellH: e.cell.H, tmux: opts.Tmux, sixelColors: opts.SixelColors}
	m := Model{eng: e, tick: opts.Tick}
	if m.tick == nil {
		m.tick = tea.Tick
	}
	return m
}

// SetImage asks for the cover of an item: its image sizes (may be empty), a
// label for the placeholder's initials (album or show name) and the cell
// size to fill. The cover on screen stays until the new one is rendered.
// The same arguments again cost nothing; the same item at a new size is a
// resize (debounced, see SetSize).
func (m Model) SetImage(images []api.Image, label string, cols, rows int) (Model, tea.Cmd) {
	if m.eng == nil {
		return m, nil
	}
	if m.asked && label == m.label && slices.Equal(images, m.images) {
		return m.SetSize(cols, rows)
	}
	m.asked = true
	m.images = slices.Clone(images)
	m.label = label
	m.cols, m.rows = max(cols, 0), max(rows, 0)
	return m.start()
}

// SetSize changes the cell size. The render waits ResizeDebounce for the
// size to settle, so dragging a window renders once; meanwhile View keeps
// returning the old string, whose size may differ for that moment.
func (m Model) SetSize(cols, rows int) (Model, tea.Cmd) {
	if m.eng == nil {
		return m, nil
	}
	cols, rows = max(cols, 0), max(rows, 0)
	if cols == m.cols && rows == m.rows {
		return m, nil
	}
	m.cols, m.rows = cols, rows
	m.gen++ // a timer for an earlier size is now stale
	if m.eng.mode == ModeOff {
		return m, nil
	}
	if cols == 0 || rows == 0 {
		m = m.setView("", false)
		return m, nil
	}
	eng, gen := m.eng, m.gen
	return m, m.tick(ResizeDebounce, func(time.Time) tea.Msg { return ResizeMsg{eng: eng, gen: gen} })
}

// Update handles this package's messages and ignores all others. A result
// for an older request, or for another Model, is dropped.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if m.eng == nil {
		return m, nil
	}
	switch msg := msg.(type) {
	case ResizeMsg:
		if msg.eng == m.eng && msg.gen == m.gen {
			return m.start()
		}
	case RenderedMsg:
		if msg.eng == m.eng && msg.gen == m.gen {
			m = m.setView(msg.view, msg.placeholder)
			m.err, m.file = msg.err, msg.file
		}
	}
	return m, nil
}

// View is the cover as rendered last: rows lines of cols cells ("" when off
// or of zero size). It does no work.
func (m Model) View() string { return m.view }

// Rows is View split into lines, each exactly cols cells wide (nil when
// there is no view). During a resize they are the old size until the new
// render arrives. The slice is shared: do not modify it.
func (m Model) Rows() (lines []string, cols int) { return m.lines, m.viewCols }

// setView makes view (rendered for the current size) the one shown.
func (m Model) setView(view string, placeholder bool) Model {
	m.view, m.placeholder = view, placeholder
	m.lines, m.viewCols = nil, 0
	if view != "" {
		m.lines, m.viewCols = strings.Split(view, "\n"), m.cols
	}
	return m
}

// File is the disk cache file holding the current item's cover as
// downloaded (for MPRIS and notifications), "" until it has been read or
// written there, and with no disk cache, no cover shown or a placeholder.
// It does no I/O: the file was seen by the load that rendered the cover.
func (m Model) File() string { return m.file }

// Size is the cell size asked for last (which View may not have caught up
// with yet).
func (m Model) Size() (cols, rows int) { return m.cols, m.rows }

// Err is why the cover shows a placeholder instead of the image (a failed
// download or decode), or nil. Meant for a faint status line at most.
func (m Model) Err() error { return m.err }

// Clear is an escape that removes the cover image from the screen, for a
// view that stops showing the cover. Only kitty's direct placements need
// it: they sit on their own layer, and text drawn where they were does not
// hide them. Sixel and iTerm2 images live in the cells and kitty's
// placeholders are text: what the next view writes there replaces them.
func (m Model) Clear() string {
	if m.eng != nil && m.eng.mode == ModeKitty {
		return kittyDelete(m.eng.kittyID)
	}
	return ""
}

// start works towards a view for the current request: at once when no
// download or rendering is needed, else through a cmd.
func (m Model) start() (Model, tea.Cmd) {
	m.gen++
	m.err, m.file = nil, ""
	e := m.eng
	if e.mode == ModeOff || m.cols == 0 || m.rows == 0 {
		return m.setView("", false), nil
	}
	img, ok := m.pick()
	if !ok || e.profile == termenv.Ascii {
		return m.setView(e.placeholder(m.label, m.cols, m.rows), true), nil
	}
	k := viewKey{url: img.URL, cols: m.cols, rows: m.rows, mode: e.mode, profile: e.profile}
	if s, ok := e.cachedView(k); ok {
		m.file = e.file(img.URL)
		return m.setView(s, false), nil
	}
	// Keep the old cover on screen meanwhile, unless there is none: then
	// (or if it is only a placeholder) show this item's placeholder.
	if m.view == "" || m.placeholder {
		m = m.setView(e.placeholder(m.label, m.cols, m.rows), true)
	}
	return m, renderCmd(e, k, m.label, m.gen)
}

// pick chooses the image size to download. Graphics protocols show real
// pixels, the cell's size in pixels each, so they want a bigger one.
func (m Model) pick() (api.Image, bool) {
	if g := m.eng.gfx; m.eng.mode != ModeBlocks {
		return PickImage(m.images, m.cols*g.cellW, m.rows*g.cellH/2)
	}
	return PickImage(m.images, m.cols, m.rows)
}

// renderCmd loads and renders off the UI loop. A failure becomes the
// placeholder plus the error, never a crash or an error wall.
func renderCmd(e *engine, k viewKey, label string, gen int) tea.Cmd {
	return func() tea.Msg {
		s, err := e.renderView(k)
		if err != nil {
			return RenderedMsg{eng: e, gen: gen, view: e.placeholder(label, k.cols, k.rows), placeholder: true, err: err}
		}
		return RenderedMsg{eng: e, gen: gen, view: s, file: e.file(k.url)}
	}
}
