package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"text/template"
	"time"

	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/auth"
	"github.com/spotui/spotui/config"
	"github.com/spotui/spotui/internal/debuglog"
	"github.com/spotui/spotui/internal/netfail"
	"golang.org/x/oauth2"
)

const nowUsage = `Usage: spotui now [--follow] [--format TEMPLATE | --json | --waybar]

Prints what your Spotify account is playing, once, for scripts and status
bars. It uses the saved login (refreshing it when it has to) and never opens
a browser: log in first with spotui login.

While a spotui runs (the window, spotui serve or another now --follow), now
asks it over its socket and sends Spotify nothing; otherwise it asks Spotify.

--follow keeps running and prints a line per change: another item,
play/pause, a seek, and the lyric line when the format shows {{.Lyric}}; an
empty line when nothing plays. It follows the running spotui, or polls on
the window's schedule (and serves the others) when none runs.

--waybar prints waybar's custom-module JSON (text, tooltip, class and alt:
playing, paused or stopped, percentage), the text from --format.

Exit status: 0 something is playing or paused, 1 nothing is, 2 an error (not
logged in, no network, ...). Messages go to stderr, never to stdout.

--format is a Go template (text/template) over these fields:
  .Title      the track's or episode's name
  .Artist     the artists, joined with ", " (an episode: the show's publisher)
  .Artists    the artists, a list: {{join .Artists " & "}}
  .Album      the album (tracks)
  .Show       the show (episodes)
  .Type       "track" or "episode"
  .Elapsed    the position, as 1:23 (.Elapsed.Seconds is a number)
  .Duration   the length, as 3:45 (.Duration.Seconds is a number)
  .Progress   how much has played, 0 to 100
  .IsPlaying  true while playing, false while paused
  .Device     the name of the device playing
  .URL        the item's open.spotify.com link
  .Lyric      the synced lyric line being sung, "" when none
  .NextLyric  the next line with words, "" when none
The default is "{{.Artist}} – {{.Title}}" ("{{.Show}} – {{.Title}}" for an
episode). Example: spotui now --format '{{if .IsPlaying}}▶{{else}}⏸{{end}} {{.Title}} {{.Progress}}%'

With .Lyric or .NextLyric in the format and no spotui running, now looks
the track's lyrics up itself, as the window does: the lyrics cache first,
then the lyrics service (title, artists, album and duration go to
SPOTUI_LYRICS_URL, lrclib.net by default); never with lyrics = "off".

--json prints the GET /me/player answer as spotui decoded it and encodes it
again (Spotify's field names; fields spotui doesn't read are left out), also
when nothing is shown (an ad), so jq can look at it.
`

// defaultFormat leaves out the "Artist – " part when there is no artist
// (local files) rather than print a dangling dash.
const defaultFormat = `{{if eq .Type "episode"}}{{with .Show}}{{.}} – {{end}}{{else}}{{with .Artist}}{{.}} – {{end}}{{end}}{{.Title}}`

// nowTimeout bounds the whole command: a token refresh and one API call.
const nowTimeout = 20 * time.Second

func (c *cmd) now(args []string) int {
	cfg, fileErr := config.Base(c.env.ConfigFile, c.env.Getenv)
	fs := config.NewFlagSet("spotui now")
	format := fs.String("format", "", "Go template for the line printed (fields above)")
	asJSON := fs.Bool("json", false, "print the player state as JSON instead")
	follow := fs.Bool("follow", false, "keep running: a line per change")
	waybar := fs.Bool("waybar", false, "print waybar's custom-module JSON")
	cfg.DebugFlag(fs)
	if code, done := c.parse(fs, args, nowUsage); done {
		return code
	}
	if *asJSON && (*format != "" || *waybar) {
		c.errorf("now: use --json or --format/--waybar, not both")
		return ExitUsage
	}
	tmpl, err := parseFormat(*format)
	if err != nil {
		c.errorf("now: --format: %v", err)
		return ExitUsage
	}
	log, closeLog, ok := c.begin(&cfg, fileErr, "command", "now", "follow", *follow)
	if !ok {
		return ExitUsage
	}
	defer closeLog()
	kind := outText
	switch {
	case *asJSON:
		kind = outJSON
	case *waybar:
		kind = outWaybar
	}
	if *follow {
		return c.follow(cfg, log, newFeed(kind, tmpl, *format))
	}

	ps, st, shared, err := c.current(cfg, log)
	if err != nil {
		c.errorf("%s", explain(err, cfg))
		return ExitUsage
	}
	if !shared && !*asJSON && usesLyrics(*format) {
		st = c.withLyrics(cfg, log, st)
	}
	if *waybar {
		// One line, also for nothing playing: the bar shows "stopped".
		line, _, err := newFeed(kind, tmpl, *format).next(st, time.Now())
		if err != nil {
			c.errorf("now: --format: %v", err)
			return ExitUsage
		}
		fmt.Fprintln(c.stdout, line)
		return ExitOK
	}
	if ps == nil {
		c.errorf("nothing is playing")
		return ExitFailure
	}
	if *asJSON {
		out, err := json.MarshalIndent(ps, "", "  ")
		if err != nil {
			c.errorf("now: %v", err)
			return ExitUsage
		}
		_, _ = c.stdout.Write(append(out, '\n'))
	}
	if ps.Item == nil {
		c.errorf("nothing to show: %s", noItem(ps))
		return ExitFailure
	}
	if *asJSON {
		return ExitOK
	}
	// Rendered in full before anything is written, so a template that fails
	// halfway prints nothing on stdout.
	var b bytes.Buffer
	if err := tmpl.Execute(&b, playingAt(ps, st, time.Now())); err != nil {
		c.errorf("now: --format: %v", err)
		return ExitUsage
	}
	if !bytes.HasSuffix(b.Bytes(), []byte("\n")) {
		b.WriteByte('\n')
	}
	_, _ = c.stdout.Write(b.Bytes())
	return ExitOK
}

func parseFormat(format string) (*template.Template, error) {
	if format == "" {
		format = defaultFormat
	}
	return template.New("format").Funcs(template.FuncMap{"join": strings.Join}).Parse(format)
}

// fetch reads the player once with the cached token, refreshing it (and
// saving the new one) when needed.
func (c *cmd) fetch(cfg config.Config, log *slog.Logger) (*api.PlaybackState, error) {
	store := auth.NewStore(c.env.TokenFile)
	tok, notice, err := store.LoadNotice()
	if notice != "" {
		fmt.Fprintln(c.stderr, "spotui:", notice)
	}
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), nowTimeout)
	defer cancel()
	transport := debuglog.Transport(http.DefaultTransport, log)
	authCfg := auth.Config{
		ClientID:    cfg.ClientID,
		RedirectURI: cfg.RedirectURI,
		AccountsURL: cfg.AccountsURL,
		HTTPClient:  &http.Client{Timeout: tokenTimeout, Transport: transport},
	}
	ts := authCfg.TokenSource(ctx, tok, store)
	hc := &http.Client{Transport: &oauth2.Transport{Source: ts, Base: transport}}
	refresh := api.RefreshFunc(func() error { _, err := ts.ForceRefresh(); return err })
	return api.New(cfg.APIURL, hc, api.WithRefresher(refresh)).PlaybackState(ctx)
}

// explain turns a failed fetch into one line that says what to do.
func explain(err error, cfg config.Config) string {
	const relogin = ": run `spotui login`"
	var (
		ue  *url.Error
		ce  *auth.CorruptTokenError
		te  *auth.TokenError
		ae  *api.Error
		msg string
	)
	if errors.As(err, &ue) {
		err = ue.Err // drop the quoted URL: the request is ours, not the user's
	}
	switch {
	case errors.Is(err, auth.ErrNoToken):
		return "not logged in" + relogin
	case errors.Is(err, auth.ErrSessionExpired):
		return "the saved login has expired" + relogin
	case errors.As(err, &ce):
		return ce.Error() + relogin
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("Spotify didn't answer within %s", nowTimeout)
	case errors.As(err, &ae) && ae.Status == http.StatusTooManyRequests:
		// One request, never retried: asking again inside the window would
		// only extend Spotify's limit for every spotui of this app.
		return "Spotify is rate limiting spotui: try again " + retryIn(ae.RetryAfter)
	case errors.As(err, &ae) && ae.Status == http.StatusUnauthorized:
		return "Spotify refused the saved login (" + ae.Error() + ")" + relogin
	case netfail.Is(err) && errors.As(err, &te):
		// Go's text (the resolver, the address) is in the --debug log.
		return "couldn't " + te.Op + ": " + netfail.Sentence
	case netfail.Is(err):
		return netfail.Sentence
	case errors.As(err, &te):
		msg = te.Error()
		if cfg.ClientID == "" {
			msg += " (no client ID is set to refresh the login with: set client_id in " + cfg.File + " or " + config.EnvClientID + ")"
		}
		return msg
	}
	return err.Error()
}

// retryIn is "in 7s" (a Retry-After rounded up to the second), or "in a
// few seconds" when Spotify named no wait.
func retryIn(d time.Duration) string {
	if d <= 0 {
		return "in a few seconds"
	}
	return "in " + (d + time.Second - 1).Truncate(time.Second).String()
}

// noItem says why a player state has no item.
func noItem(ps *api.PlaybackState) string {
	switch ps.CurrentlyPlayingType {
	case api.TypeAd:
		return "an ad is playing"
	case api.TypeUnknown, "":
		return "Spotify doesn't say what is playing (a private session?)"
	}
	return "Spotify sent no " + ps.CurrentlyPlayingType
}
