package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/config"
	"github.com/spotui/spotui/internal/app"
	"github.com/spotui/spotui/internal/netfail"
	"github.com/spotui/spotui/internal/nowstate"
	"github.com/spotui/spotui/internal/textclean"
	"github.com/spotui/spotui/lyrics"
)

const lyricsUsage = `Usage: spotui lyrics [--lrc]

Prints the lyrics of the track playing on your Spotify account: plain text,
or with --lrc as LRC, a line per lyric with its time ([mm:ss.xx] words;
synced lyrics only).

While a spotui runs, lyrics asks it (its lines carry your [ ] timing shift)
and sends Spotify nothing. Otherwise it asks Spotify once what is playing.
Lyrics the running spotui doesn't have (plain ones), or all of them when
none runs, come from the lyrics cache, else from the lyrics service: the
title, artists, album and duration go to SPOTUI_LYRICS_URL (lrclib.net by
default). With lyrics = "off" nothing is ever sent there.

Exit status: 0 lyrics printed, 1 none (nothing playing, an episode, an
instrumental, none found), 2 an error (not logged in, no network, ...).
Messages go to stderr, never to stdout.
`

// lyricsTimeout bounds a look-up of `now` and `lyrics`: up to three
// requests to the lyrics service, each with its own timeout.
const lyricsTimeout = 15 * time.Second

// lyricLine is the longest lyric line printed; the service's are cleaned
// to this already, the socket's are cleaned here.
const lyricLine = 512

func (c *cmd) lyrics(args []string) int {
	cfg, fileErr := config.Base(c.env.ConfigFile, c.env.Getenv)
	fs := config.NewFlagSet("spotui lyrics")
	asLRC := fs.Bool("lrc", false, "print LRC: each line with its time, [mm:ss.xx]")
	cfg.DebugFlag(fs)
	if code, done := c.parse(fs, args, lyricsUsage); done {
		return code
	}
	log, closeLog, ok := c.begin(&cfg, fileErr, "command", "lyrics", "lrc", *asLRC)
	if !ok {
		return ExitUsage
	}
	defer closeLog()

	ps, st, _, err := c.current(cfg, log)
	switch {
	case err != nil:
		c.errorf("%s", explain(err, cfg))
		return ExitUsage
	case ps == nil:
		c.errorf("nothing is playing")
		return ExitFailure
	case ps.Item == nil:
		c.errorf("nothing to show: %s", noItem(ps))
		return ExitFailure
	case ps.Item.Type != api.TypeTrack:
		c.errorf("an episode is playing: spotui looks up lyrics for tracks only")
		return ExitFailure
	}
	name := ps.Item.Name
	var l lyrics.Lyrics
	if len(st.Lyrics) > 0 {
		l.Synced = linesOf(st.Lyrics) // the running spotui's, with its timing shift
	} else {
		if cfg.Lyrics == "off" {
			c.errorf("lyrics are off (lyrics = \"off\"): spotui sends nothing to the lyrics service; set lyrics = \"auto\" or %s=auto to look them up", config.EnvLyrics)
			return ExitUsage
		}
		var found bool
		l, found, err = c.findLyrics(cfg, log, ps.Item)
		switch {
		case err != nil:
			c.errorf("couldn't get the lyrics of %q: %s", name, explainLyrics(err))
			return ExitUsage
		case !found:
			c.errorf("no lyrics found for %q", name)
			return ExitFailure
		}
	}
	var out string
	switch {
	case l.Instrumental && len(l.Synced) == 0:
		c.errorf("%q is an instrumental: it has no lyrics", name)
		return ExitFailure
	case *asLRC && len(l.Synced) == 0:
		c.errorf("only unsynced lyrics exist for %q: run spotui lyrics without --lrc", name)
		return ExitFailure
	case *asLRC:
		out = lrcText(l.Synced)
	case len(l.Synced) > 0:
		out = plainText(l.Synced)
	default:
		out = strings.Trim(l.Plain, "\n") + "\n"
	}
	_, _ = fmt.Fprint(c.stdout, out)
	return ExitOK
}

// withLyrics gives a state from Spotify (no spotui runs) the track's synced
// lines, for {{.Lyric}}: one look-up through the lyrics cache and service,
// none with lyrics = "off". A failure only leaves the line empty: the rest
// of the status bar matters more.
func (c *cmd) withLyrics(cfg config.Config, log *slog.Logger, st nowstate.State) nowstate.State {
	if cfg.Lyrics == "off" || st.Player == nil || st.Player.Item == nil {
		return st
	}
	l, found, err := c.findLyrics(cfg, log, st.Player.Item)
	if err != nil || !found {
		log.Info("lyrics", "found", found, "err", err)
		return st
	}
	for _, line := range l.Synced {
		st.Lyrics = append(st.Lyrics, nowstate.LyricLine{AtMS: line.At.Milliseconds(), Text: line.Text})
	}
	return st
}

// findLyrics looks it up as the window would (found false for episodes).
func (c *cmd) findLyrics(cfg config.Config, log *slog.Logger, it *api.Item) (lyrics.Lyrics, bool, error) {
	t := app.LyricsTrack(it)
	f := app.Lyrics(cfg, c.env.LyricsCache, log)
	if t == nil || f == nil {
		return lyrics.Lyrics{}, false, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), lyricsTimeout)
	defer cancel()
	return f.Find(ctx, *t)
}

// explainLyrics says in one line why a look-up failed.
func explainLyrics(err error) string {
	var (
		rl *lyrics.RateLimitedError
		le *lyrics.Error
		ue *url.Error
	)
	if errors.As(err, &ue) {
		err = ue.Err // the request's URL is ours, not the user's business
	}
	switch {
	case errors.As(err, &rl):
		return "the lyrics service is rate limiting spotui: try again " + retryIn(rl.Wait)
	case errors.As(err, &le) && le.Status == http.StatusTooManyRequests:
		return "the lyrics service is rate limiting spotui: try again " + retryIn(le.RetryAfter)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("the lyrics service didn't answer within %s", lyricsTimeout)
	case netfail.Is(err):
		return netfail.Sentence
	case errors.As(err, &le):
		return le.Error()
	}
	return err.Error()
}

// linesOf reads shared lines back, cleaned: they came over a socket.
func linesOf(ls []nowstate.LyricLine) []lyrics.Line {
	out := make([]lyrics.Line, len(ls))
	for i, l := range ls {
		out[i] = lyrics.Line{At: time.Duration(max(l.AtMS, 0)) * time.Millisecond, Text: textclean.Line(l.Text, lyricLine)}
	}
	return out
}

// plainText is synced lines without their times; a break between verses
// stays one blank line.
func plainText(ls []lyrics.Line) string {
	var b strings.Builder
	blank := true // no blank lines at the top
	for _, l := range ls {
		if l.Text == "" {
			if !blank {
				b.WriteByte('\n')
			}
			blank = true
			continue
		}
		b.WriteString(l.Text)
		b.WriteByte('\n')
		blank = false
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// lrcText is LRC: "[mm:ss.xx] words", "[mm:ss.xx]" for a break.
func lrcText(ls []lyrics.Line) string {
	var b strings.Builder
	for _, l := range ls {
		cs := l.At.Milliseconds() / 10
		fmt.Fprintf(&b, "[%02d:%02d.%02d]", cs/6000, cs/100%60, cs%100)
		if l.Text != "" {
			b.WriteString(" " + l.Text)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
