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

// DefaultStyles is spotui's theme.
func DefaultStyles() Styles {
	// Spotify's green reads well on both backgrounds; greys are picked per background.
	var (
		green  = lipgloss.AdaptiveColor{Light: "#0C8A3E", Dark: "#1DB954"}
		text   = lipgloss.AdaptiveColor{Light: "#1A1A1A", Dark: "#F2F2F2"}
		subtle = lipgloss.AdaptiveColor{Light: "#5A5A5A", Dark: "#B3B3B3"}
		faint  = lipgloss.AdaptiveColor{Light: "#8A8A8A", Dark: "#6A6A6A"}
		track  = lipgloss.AdaptiveColor{Light: "#D0D0D0", Dark: "#3A3A3A"}
		amber  = lipgloss.AdaptiveColor{Light: "#9A6700", Dark: "#E3B341"}
		red    = lipgloss.AdaptiveColor{Light: "#C62828", Dark: "#FF6B6B"}
	)
	return Styles{
		App:      lipgloss.NewStyle().Padding(0, 1),
		Brand:    lipgloss.NewStyle().Bold(true).Foreground(green),
		Badge:    lipgloss.NewStyle().Foreground(amber),
		Title:    lipgloss.NewStyle().Bold(true).Foreground(text),
		Artist:   lipgloss.NewStyle().Foreground(subtle),
		Album:    lipgloss.NewStyle().Foreground(faint).Italic(true),
		Faint:    lipgloss.NewStyle().Foreground(faint),
		Playing:  lipgloss.NewStyle().Foreground(green),
		Paused:   lipgloss.NewStyle().Foreground(amber),
		BarFull:  lipgloss.NewStyle().Foreground(green),
		BarEmpty: lipgloss.NewStyle().Foreground(track),
		Time:     lipgloss.NewStyle().Foreground(subtle),
		URL:      lipgloss.NewStyle().Foreground(green).Underline(true),
		Notice:   lipgloss.NewStyle().Foreground(amber),
		Error:    lipgloss.NewStyle().Foreground(red).Bold(true),
		Heading:  lipgloss.NewStyle().Bold(true).Foreground(text),
		Stale:    lipgloss.NewStyle().Foreground(faint),
		Disabled: lipgloss.NewStyle().Foreground(track).Strikethrough(true),
		On:       lipgloss.NewStyle().Foreground(green).Bold(true),
	}
}
