package upnext

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/spotui/spotui/api"
)

func plain(lines []string) string { return ansi.Strip(strings.Join(lines, "\n")) }

var st = Styles{Heading: lipgloss.NewStyle(), Title: lipgloss.NewStyle(), Sub: lipgloss.NewStyle(), Time: lipgloss.NewStyle(), Faint: lipgloss.NewStyle()}

func TestEntriesShowArtistsOrTheShow(t *testing.T) {
	items := []api.Item{
		{Type: api.TypeTrack, Name: "Night Bus", DurationMS: 95_000, Artists: []api.Artist{{Name: "Mira"}, {Name: "DJ Fennec"}}},
		{Type: api.TypeEpisode, Name: "Ep. 42", DurationMS: 3_725_000, Show: &api.Show{Name: "The Curious Ear"}},
	}
	got := plain(View(st, Entries(items), true, 40, 5))
	want := "Up next\n" +
		"Night Bus — Mira, DJ Fennec         1:35\n" +
		"Ep. 42 — The Curious Ear         1:02:05"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestViewFitsItsRectangle(t *testing.T) {
	var es []Entry
	for i := range 30 {
		es = append(es, Entry{Title: strings.Repeat("long title ", 5), Sub: "someone", Duration: time.Duration(i) * time.Minute})
	}
	for _, size := range [][2]int{{8, 1}, {20, 3}, {40, 10}, {120, 40}} {
		lines := View(st, es, true, size[0], size[1])
		if len(lines) > size[1] {
			t.Errorf("%v: %d lines", size, len(lines))
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > size[0] {
				t.Errorf("%v: line %q too wide", size, ansi.Strip(l))
			}
		}
	}
	if got := plain(View(st, nil, true, 30, 4)); got != "Up next\nnothing queued" {
		t.Errorf("empty queue: %q", got)
	}
	if got := plain(View(st, nil, false, 30, 4)); got != "" {
		t.Errorf("loading: %q", got)
	}
}
