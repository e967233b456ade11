package ui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/spotui/spotui/ui/devices"
	"github.com/spotui/spotui/ui/theme"
)

// Styles holds every style the view uses, all from one theme.Theme, so a
// theme is one struct to swap. theme's TestContrast checks every field
// against the background.
type Styles struct {
	App      lipgloss.Style
	Brand    lipgloss.Style
	Badge    lipgloss.Style
	Title    lipgloss.Style
	Artist   lipgloss.Style
	Album    lipgloss.Style
	Faint    lipgloss.Style
	Playing  lipgloss.Style
	Paused   lipgloss.Style
	BarFull  lipgloss.Style
	BarEmpty lipgloss.Style
	Time     lipgloss.Style
	URL      lipgloss.Style
	Notice   lipgloss.Style
	Error    lipgloss.Style
	Heading  lipgloss.Style
	Stale    lipgloss.Style
	Disabled lipgloss.Style // keys Spotify disallows right now
	On       lipgloss.Style // shuffle/repeat when on

	Help   help.Styles    // the help bar: keys bold in subtle, descriptions faint
	Picker devices.Styles // the device picker

	paint paints // the styles above that every tick draws with, ready made
}

// DefaultStyles is spotui's theme on a dark truecolor terminal.
func DefaultStyles() Styles { return NewStyles(theme.New(true, termenv.TrueColor, nil)) }

// NewStyles derives every style from a theme. Text the user must read
// (title, artists, album, times, notices) uses colours held to 4.5:1;
// hints and help descriptions use Faint (3:1).
func NewStyles(t theme.Theme) Styles {
	fg := func(c lipgloss.TerminalColor) lipgloss.Style { return t.Style().Foreground(c) }
	s := Styles{
		App:      t.Style().Padding(0, 1),
		Brand:    fg(t.Accent).Bold(true),
		Badge:    fg(t.Warn),
		Title:    fg(t.Text).Bold(true),
		Artist:   fg(t.Subtle),
		Album:    fg(t.Subtle).Italic(true),
		Faint:    fg(t.Faint),
		Playing:  fg(t.Accent),
		Paused:   fg(t.Warn),
		BarFull:  fg(t.Accent),
		BarEmpty: fg(t.Track),
		Time:     fg(t.Subtle),
		URL:      fg(t.Accent).Underline(true),
		Notice:   fg(t.Warn),
		Error:    fg(t.Error).Bold(true),
		Heading:  fg(t.Text).Bold(true),
		Stale:    fg(t.Faint),
		Disabled: fg(t.Faint).Strikethrough(true),
		On:       fg(t.Accent).Bold(true),
		Help:     helpStyles(t),
		Picker:   devices.NewStyles(t),
	}
	s.paint = newPaints(&s)
	return s
}

// helpStyles: keys and descriptions differ in colour and weight, so they
// stay apart at every depth, and in bold alone under NO_COLOR.
func helpStyles(t theme.Theme) help.Styles {
	key := t.Style().Foreground(t.Subtle).Bold(true)
	desc := t.Style().Foreground(t.Faint)
	sep := t.Style().Foreground(t.Faint)
	return help.Styles{
		Ellipsis:       sep,
		ShortKey:       key,
		ShortDesc:      desc,
		ShortSeparator: sep,
		FullKey:        key,
		FullDesc:       desc,
		FullSeparator:  sep,
	}
}
