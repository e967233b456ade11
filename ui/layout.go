package ui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/spotui/spotui/api"
)

// coverLayout is where the cover goes at a terminal size.
type coverLayout int

const (
	coverNone  coverLayout = iota // too small: text only
	coverSide                     // cover left, text right
	coverStack                    // cover above the text
)

// Sizes of the layout rules, in cells.
const (
	minCoverWidth  = 40 // below this many columns, or
	minCoverHeight = 12 // this many rows, the cover is hidden
	minCoverRows   = 4
	maxCoverRows   = 20
	sideTextMin    = 28 // the text column beside the cover needs this
	gutter         = 2
	chromeRows     = 4 // header + blank above, status + help below
	belowSideCover = 3 // blank, progress, device line under a side cover
	stackTextRows  = 7 // blank, title, artist, album, blank, progress, device
)

// coverPlan picks the layout and the cover's cell size (cols = 2*rows: a
// cell is about twice as tall as wide and half blocks halve it, so the cover
// stays square).
func coverPlan(width, height int) (how coverLayout, cols, rows int) {
	if width < minCoverWidth || height < minCoverHeight {
		return coverNone, 0, 0
	}
	w := width - 2
	body := height - chromeRows
	rows = min(body-belowSideCover, maxCoverRows, (w-gutter-sideTextMin)/2)
	if rows >= minCoverRows+2 {
		return coverSide, 2 * rows, rows
	}
	rows = min(body-stackTextRows, w/2, maxCoverRows)
	if rows >= minCoverRows {
		return coverStack, 2 * rows, rows
	}
	return coverNone, 0, 0
}

// syncCover asks the cover component for the current item at the current
// size; the same request again costs nothing.
func (m Model) syncCover() (Model, tea.Cmd) {
	how, cols, rows := coverPlan(m.width, m.height)
	if how == coverNone || m.np == nil {
		return m, nil
	}
	var images []api.Image
	label := "♪"
	switch it := m.np.Item; {
	case it != nil:
		images, label = it.CoverImages(), it.Collection()
	case m.np.CurrentlyPlayingType == api.TypeAd:
		label = "Ad"
	}
	var cmd tea.Cmd
	m.cover, cmd = m.cover.SetImage(images, label, cols, rows)
	return m, cmd
}

// withCover lays the item's text lines out around the cover. The progress
// and device lines always stand alone below the cover: the progress changes
// every second, and a terminal line shared with the cover would make the
// renderer resend the cover's escape codes each time.
//
// It also reports how many leading lines fit the width by construction.
func (m Model) withCover(w int, text []string, progress, status string) ([]string, int) {
	how, cols, rows := coverPlan(m.width, m.height)
	switch how {
	case coverSide:
		art := m.art.lines(m.cover.View(), cols, rows)
		tw := w - cols - gutter
		lines := make([]string, 0, rows+3)
		for i := range rows {
			l := art[i]
			if i < len(text) && text[i] != "" {
				l += strings.Repeat(" ", gutter) + ansi.Truncate(text[i], tw, "…")
			}
			lines = append(lines, l)
		}
		return append(lines, "", progress, status), rows
	case coverStack:
		lines := append([]string{}, m.art.lines(m.cover.View(), cols, rows)...)
		lines = append(lines, "")
		lines = append(lines, text...)
		return append(lines, "", progress, status), rows
	}
	lines := append([]string{}, text...)
	return append(lines, "", progress, status), 0
}

// artMemo keeps the cover split into rows: the cover changes a few times a
// track, the frame is rendered every second. Shared by the model's copies,
// like the cover component's own caches; only Update's goroutine uses it.
type artMemo struct {
	view       string
	cols, rows int
	split      []string
}

func (a *artMemo) lines(view string, cols, rows int) []string {
	if a.split == nil || a.view != view || a.cols != cols || a.rows != rows {
		a.view, a.cols, a.rows, a.split = view, cols, rows, coverLines(view, cols, rows)
	}
	return a.split
}

// coverLines splits the cover into exactly rows lines, padding with blanks
// while a resized cover is still being rendered.
func coverLines(view string, cols, rows int) []string {
	lines := strings.Split(view, "\n")
	if view == "" {
		lines = nil
	}
	blank := strings.Repeat(" ", cols)
	out := make([]string, rows)
	for i := range out {
		if i < len(lines) && ansi.StringWidth(lines[i]) == cols {
			out[i] = lines[i]
		} else {
			out[i] = blank
		}
	}
	return out
}
