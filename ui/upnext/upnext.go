// Package upnext is the "up next" component: the items that play after the
// current one, as space allows. It draws into the rectangle the layout gives
// it and measures nothing itself.
package upnext

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/spotui/spotui/api"
)

// Styles come from the theme.
type Styles struct {
	Heading lipgloss.Style
	Title   lipgloss.Style
	Sub     lipgloss.Style // artist or show
	Time    lipgloss.Style
	Faint   lipgloss.Style
}

// Entry is one upcoming item, as shown.
type Entry struct {
	Title    string
	Sub      string // the artists of a track, the show of an episode
	Duration time.Duration
}

// Entries turns the queue into rows; nil items are skipped.
func Entries(items []api.Item) []Entry {
	out := make([]Entry, 0, len(items))
	for i := range items {
		it := &items[i]
		sub := it.ArtistNames()
		if it.IsEpisode() {
			sub = it.Collection()
		}
		out = append(out, Entry{Title: it.Name, Sub: sub, Duration: time.Duration(it.DurationMS) * time.Millisecond})
	}
	return out
}

// View draws a heading and as many entries as fit in width × height:
// "title — artist" on the left, the duration on the right. loaded is false
// while the queue has not arrived yet.
func View(s Styles, entries []Entry, loaded bool, width, height int) []string {
	if width < 8 || height < 1 {
		return nil
	}
	if !loaded {
		return nil // nothing while the queue is on its way
	}
	lines := []string{s.Heading.Render("Up next")}
	switch {
	case len(entries) == 0:
		return append(lines, s.Faint.Render("nothing queued"))[:min(2, height)]
	}
	for _, e := range entries {
		if len(lines) == height {
			break
		}
		lines = append(lines, row(s, e, width))
	}
	return lines[:min(len(lines), height)]
}

func row(s Styles, e Entry, width int) string {
	dur := ""
	if e.Duration > 0 {
		dur = fmtDuration(e.Duration)
	}
	room := width - ansi.StringWidth(dur) - 1
	if dur == "" {
		room = width
	}
	left := e.Title
	if e.Sub != "" {
		left += " — " + e.Sub
	}
	left = ansi.Truncate(left, room, "…")
	// Style the title and the rest apart, after cutting, so a cut never
	// splits a style.
	title, sub := left, ""
	if i := strings.Index(left, " — "); i >= 0 && strings.HasPrefix(e.Title+" — ", left[:i+len(" — ")]) {
		title, sub = left[:i], left[i:]
	}
	out := s.Title.Render(title)
	if sub != "" {
		out += s.Sub.Render(sub)
	}
	if dur != "" {
		gap := max(width-ansi.StringWidth(left)-ansi.StringWidth(dur), 1)
		out += strings.Repeat(" ", gap) + s.Time.Render(dur)
	}
	return out
}

func fmtDuration(d time.Duration) string {
	t := int(d / time.Second)
	if t >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", t/3600, t/60%60, t%60)
	}
	return fmt.Sprintf("%d:%02d", t/60, t%60)
}
