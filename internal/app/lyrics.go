package app

import (
	"log/slog"
	"net/http"
	"path/filepath"
	"time"

	"github.com/adrg/xdg"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/config"
	"github.com/spotui/spotui/internal/debuglog"
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

// LyricsCacheDir is where the window keeps lyrics, for the commands that
// share its cache (now, lyrics).
func LyricsCacheDir() string { return lyricsCacheDir() }

// Lyrics is the look-up of `spotui now` and `spotui lyrics` when no spotui
// runs: the window's service (LRCLIB at cfg.LyricsURL, at most 3 requests
// a track) behind its disk cache in cacheDir ("": none), logged with
// --debug. nil when lyrics are off: nothing may be sent then.
func Lyrics(cfg config.Config, cacheDir string, log *slog.Logger) lyricspanel.Finder {
	return lyricsFinder(cfg, cfg.LyricsURL, cacheDir, debuglog.Transport(nil, log))
}

// LyricsTrack is what a look-up sends for it, as the window builds it (so
// both find the same cache entries); nil for episodes, ads and nothing.
func LyricsTrack(it *api.Item) *lyrics.Track {
	if it == nil || it.Type != api.TypeTrack {
		return nil
	}
	t := &lyrics.Track{Title: it.Name, Album: it.Collection(), Duration: time.Duration(it.DurationMS) * time.Millisecond}
	for _, a := range it.Artists {
		if a.Name != "" {
			t.Artists = append(t.Artists, a.Name)
		}
	}
	return t
}
