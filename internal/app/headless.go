package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/spotui/spotui/auth"
	"github.com/spotui/spotui/config"
	"github.com/spotui/spotui/internal/nowstate"
	"github.com/spotui/spotui/internal/share"
	"github.com/spotui/spotui/internal/termquery"
	"github.com/spotui/spotui/ui"
	"github.com/spotui/spotui/ui/cover"
)

// ErrNoClientID: a headless spotui can't ask for one.
var ErrNoClientID = errors.New("no client ID is set")

// accountOf names the socket of deps' account.
func accountOf(d ui.Deps) share.Account {
	return share.Account{TokenFile: d.Store.Path(), ClientID: d.Auth.ClientID, APIURL: d.APIURL}
}

// HeadlessOptions configure Headless.
type HeadlessOptions struct {
	TokenFile string
	Getenv    func(string) string
	Log       *slog.Logger
	Warn      io.Writer // where a problem with the socket is reported; nil: the log only
	// Watch reads every new state until ctx ends (now --follow prints
	// them); its return ends Headless too. nil: nothing watches.
	Watch func(ctx context.Context, states <-chan nowstate.State) error
	// Transports beside the socket (MPRIS).
	Transports []Transport
	// LyricsCache is the lyrics disk cache ("": none); the window's is
	// LyricsCacheDir.
	LyricsCache string
}

// Headless runs the UI's model without a screen or keys until ctx ends:
// it polls (or follows the spotui that does), serves the state on the
// socket and feeds the transports. It never logs in: without a saved
// login it returns auth.ErrNoToken at once.
func Headless(ctx context.Context, cfg config.Config, o HeadlessOptions) error {
	if cfg.ClientID == "" && !cfg.Demo {
		return ErrNoClientID
	}
	deps, cleanup, err := Deps(cfg, io.Discard, o.Log, termquery.Caps{})
	if err != nil {
		return err
	}
	defer cleanup()
	if !cfg.Demo {
		deps.Store = auth.NewStore(o.TokenFile)
		if _, err := deps.Store.Load(); err != nil {
			return err
		}
		deps.Lyrics = Lyrics(cfg, o.LyricsCache, o.Log)
	}
	deps.Background, deps.Headless = true, true
	deps.Cover = cover.Options{Mode: cover.ModeOff}
	deps.Open = func(context.Context, string) error {
		return errors.New("spotui can't log in without a window: run spotui login")
	}

	sh, following := startSharing(accountOf(deps), o.Getenv, o.Log, o.Warn)
	sh.transports = append(transports(cfg, o.Log, o.Getenv), o.Transports...)
	deps.Follow = following
	o.Log.Info("headless", "following", following)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	p := tea.NewProgram(published{ui: ui.New(deps), pub: sh.pub}, tea.WithInput(nil), tea.WithoutRenderer(),
		tea.WithOutput(io.Discard), tea.WithoutSignalHandler(), tea.WithContext(ctx))
	stop := sh.attach(p.Send)
	defer stop()
	watched := make(chan error, 1)
	if o.Watch != nil {
		states, unsubscribe := sh.hub.Subscribe()
		defer unsubscribe()
		go func() { watched <- o.Watch(ctx, states); cancel() }()
	}
	_, err = p.Run()
	if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
		err = nil // asked to stop (a signal, the watcher ended)
	}
	if o.Watch != nil {
		cancel()
		if werr := <-watched; werr != nil && !errors.Is(werr, context.Canceled) {
			return werr
		}
	}
	if err != nil {
		return fmt.Errorf("headless: %w", err)
	}
	return nil
}
