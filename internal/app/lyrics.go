package app

import (
	"net/http"
	"path/filepath"

	"github.com/adrg/xdg"
	"github.com/spotui/spotui/config"
	"github.com/spotui/spotui/internal/textclean"
	"github.com/spotui/spotui/lyrics"
	"github.com/spotui/spotui/ui/lyricspanel"
)

// homepage goes in the lyrics service's User-Agent, as LRCLIB asks of
// clients.
const homepage = "https://github.com/spotui/spotui"

// Lyric lines are short; plain lyrics keep their line breaks.
const (
	maxLyricLine  = 512
	maxPlainLyric = 64 << 10
)

// lyricsFinder is the lyrics look-up for cfg: nil (an untyped nil, so the
// UI sees "off") when lyrics are off, else LRCLIB at base behind a cache in
// cacheDir ("" : no disk cache). Text is cleaned where it is decoded.
func lyricsFinder(cfg config.Config, base, cacheDir string, transport http.RoundTripper) lyricspanel.Finder {
	if cfg.Lyrics == "off" {
		return nil
	}
	line := func(s string) string { return textclean.Line(s, maxLyricLine) }
	client := lyrics.NewClient(lyrics.ClientOptions{
		BaseURL:   base,
		HTTP:      &http.Client{Transport: transport},
		UserAgent: "spotui/" + Version() + " (" + homepage + ")",
		Clean:     line,
		CleanText: func(s string) string { return textclean.Text(s, maxPlainLyric) },
	})
	return lyrics.NewService(client, lyrics.NewCache(cacheDir, nil, line, 0))
}

// lyricsCacheDir is $XDG_CACHE_HOME/spotui/lyrics.
func lyricsCacheDir() string { return filepath.Join(xdg.CacheHome, "spotui", "lyrics") }
