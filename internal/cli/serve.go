package cli

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/config"
	"github.com/spotui/spotui/internal/app"
	"github.com/spotui/spotui/internal/nowstate"
	"github.com/spotui/spotui/internal/share"
)

const serveUsage = `Usage: spotui serve [--debug]

Runs spotui without a window: it polls Spotify on the window's schedule and
serves the player state on its socket, for spotui now, status bars and
other spotui windows, which then send Spotify nothing. Runs until SIGTERM or
SIGINT (ctrl+c), and removes its socket then. When another spotui already
serves the account, it follows that one and takes over when it goes.

It never logs in: log in first with spotui login.
`

func (c *cmd) serve(args []string) int {
	cfg, fileErr := config.Base(c.env.ConfigFile, c.env.Getenv)
	fs := config.NewFlagSet("spotui serve")
	cfg.DebugFlag(fs)
	if code, done := c.parse(fs, args, serveUsage); done {
		return code
	}
	log, closeLog, ok := c.begin(&cfg, fileErr, "command", "serve", "version", app.Version())
	if !ok {
		return ExitUsage
	}
	defer closeLog()
	return c.headless(cfg, log, nil)
}

// follow is now --follow: the headless spotui with f printing its states.
func (c *cmd) follow(cfg config.Config, log *slog.Logger, f *feed) int {
	return c.headless(cfg, log, func(ctx context.Context, states <-chan nowstate.State) error {
		return printFeed(ctx, f, states, c.stdout, time.Now)
	})
}

// headless runs app.Headless until SIGINT or SIGTERM (or Env.Context ends).
func (c *cmd) headless(cfg config.Config, log *slog.Logger, watch func(context.Context, <-chan nowstate.State) error) int {
	ctx := c.env.Context
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := app.Headless(ctx, cfg, app.HeadlessOptions{
		TokenFile: c.env.TokenFile, Getenv: c.env.Getenv, Log: log, Warn: c.stderr, Watch: watch,
		LyricsCache: c.env.LyricsCache,
	})
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, app.ErrNoClientID):
		c.errorf("no client ID is set: set client_id in %s or %s, then run spotui login", cfg.File, config.EnvClientID)
		return ExitUsage
	}
	c.errorf("%s", explain(err, cfg))
	return ExitUsage
}

// current is the player now: from the spotui serving this account when one
// answers (no request to Spotify), else from Spotify. s is the whole state
// (lyrics too); shared says it came from a running spotui.
func (c *cmd) current(cfg config.Config, log *slog.Logger) (ps *api.PlaybackState, s nowstate.State, shared bool, err error) {
	if share.Supported {
		path := share.SocketPath(share.Dir(c.env.Getenv), share.Account{TokenFile: c.env.TokenFile, ClientID: cfg.ClientID, APIURL: cfg.APIURL})
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		s, err := share.Get(ctx, path)
		cancel()
		// Logged in with at least one answer: a server that just started
		// knows nothing yet, and Spotify does.
		if err == nil && s.LoggedIn && !s.FetchedAt.IsZero() {
			log.Info("now", "from", "socket", "stale", s.Stale)
			return playerAt(s, time.Now()), s, true, nil
		}
		log.Info("now", "from", "api", "socket", err)
	}
	ps, err = c.fetch(cfg, log)
	return ps, nowstate.State{LoggedIn: true, Player: ps, FetchedAt: time.Now()}, false, err
}
