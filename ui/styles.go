package ui

import "github.com/charmbracelet/lipgloss"

// Styles holds every style the view uses, adaptive to light and dark
// terminals, so a theme is one struct to swap.
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
}

// Palette is the handful of colours every style derives from; the config
// file's [theme] overrides them by name.
type Palette struct {
	Accent, Text, Subtle, Faint, Track, Warn, Error lipgloss.TerminalColor
}

// DefaultPalette adapts to light and dark terminals. Spotify's green reads
// well on both; greys are picked per background.
func DefaultPalette() Palette {
	return Palette{
		Accent: lipgloss.AdaptiveColor{Light: "#0C8A3E", Dark: "#1DB954"},
		Text:   lipgloss.AdaptiveColor{Light: "#1A1A1A", Dark: "#F2F2F2"},
		Subtle: lipgloss.AdaptiveColor{Light: "#5A5A5A", Dark: "#B3B3B3"},
		Faint:  lipgloss.AdaptiveColor{Light: "#8A8A8A", Dark: "#6A6A6A"},
		Track:  lipgloss.AdaptiveColor{Light: "#D0D0D0", Dark: "#3A3A3A"},
		Warn:   lipgloss.AdaptiveColor{Light: "#9A6700", Dark: "#E3B341"},
		Error:  lipgloss.AdaptiveColor{Light: "#C62828", Dark: "#FF6B6B"},
	}
}

// WithTheme replaces colours named in theme (accent, text, subtle, faint,
// warn, error; "#rrggbb" or an ANSI number, validated by config).
func (p Palette) WithTheme(theme map[string]string) Palette {
	for name, c := range theme {
		col := lipgloss.Color(c)
		switch name {
		case "accent":
			p.Accent = col
		case "text":
			p.Text = col
		case "subtle":
			p.Subtle = col
		case "faint":
			p.Faint, p.Track = col, col
		case "warn":
			p.Warn = col
		case "error":
			p.Error = col
		}
	}
	return p
}

// DefaultStyles is spotui's theme.
func DefaultStyles() Styles { return NewStyles(DefaultPalette()) }

// NewStyles derives every style from a palette.
func NewStyles(p Palette) Styles {
	return Styles{
		App:      lipgloss.NewStyle().Padding(0, 1),
		Brand:    lipgloss.NewStyle().Bold(true).Foreground(p.Accent),
		Badge:    lipgloss.NewStyle().Foreground(p.Warn),
		Title:    lipgloss.NewStyle().Bold(true).Foreground(p.Text),
		Artist:   lipgloss.NewStyle().Foreground(p.Subtle),
		Album:    lipgloss.NewStyle().Foreground(p.Faint).Italic(true),
		Faint:    lipgloss.NewStyle().Foreground(p.Faint),
		Playing:  lipgloss.NewStyle().Foreground(p.Accent),
		Paused:   lipgloss.NewStyle().Foreground(p.Warn),
		BarFull:  lipgloss.NewStyle().Foreground(p.Accent),
		BarEmpty: lipgloss.NewStyle().Foreground(p.Track),
		Time:     lipgloss.NewStyle().Foreground(p.Subtle),
		URL:      lipgloss.NewStyle().Foreground(p.Accent).Underline(true),
		Notice:   lipgloss.NewStyle().Foreground(p.Warn),
		Error:    lipgloss.NewStyle().Foreground(p.Error).Bold(true),
		Heading:  lipgloss.NewStyle().Bold(true).Foreground(p.Text),
		Stale:    lipgloss.NewStyle().Foreground(p.Faint),
		Disabled: lipgloss.NewStyle().Foreground(p.Track).Strikethrough(true),
		On:       lipgloss.NewStyle().Foreground(p.Accent).Bold(true),
	}
}
