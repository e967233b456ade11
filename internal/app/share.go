package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/spotui/spotui/config"
	"github.com/spotui/spotui/internal/debuglog"
	"github.com/spotui/spotui/internal/mpris"
	"github.com/spotui/spotui/internal/notify"
	"github.com/spotui/spotui/internal/nowstate"
	"github.com/spotui/spotui/internal/share"
	"github.com/spotui/spotui/ui"
)

// Publisher takes the model's shared state after each Update. It must not
// block and must drop repeats itself (share.Hub does both).
type Publisher interface{ Publish(nowstate.State) }

// publish hands m's state to pub, if there is one.
func publish(pub Publisher, m ui.Model) {
	if pub != nil {
		pub.Publish(m.SharedState())
	}
}

// published is a ui.Model whose every state goes to pub: for the standard
// renderer and for the headless program (serve, now --follow).
type published struct {
	ui  ui.Model
	pub Publisher
}

func (p published) Init() tea.Cmd { return p.ui.Init() }

func (p published) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := p.ui.Update(msg)
	if m, ok := next.(ui.Model); ok {
		p.ui = m
	}
	publish(p.pub, p.ui)
	return p, cmd
}

func (p published) View() string { return p.ui.View() }

// Transport carries the shared state beyond the process and brings
// controls back (MPRIS goes here): it runs until ctx ends, reads states
// from hub.Subscribe and sends ui.RemoteMsg.
type Transport func(ctx context.Context, hub *share.Hub, send func(tea.Msg))

// transports are the ones every spotui runs (the screen, serve, now
// --follow) beside the socket: MPRIS (on unless mpris = false) and track
// notifications (notify = true), both Linux only and silently absent
// without a session bus (found through getenv).
func transports(cfg config.Config, log *slog.Logger, getenv func(string) string) []Transport {
	if log == nil {
		log = debuglog.Discard()
	}
	logf := func(format string, args ...any) { log.Info("desktop", "msg", fmt.Sprintf(format, args...)) }
	var ts []Transport
	if !cfg.NoMPRIS {
		ts = append(ts, func(ctx context.Context, hub *share.Hub, send func(tea.Msg)) {
			srv, err := mpris.Start(ctx, mpris.Options{
				Send:   func(c nowstate.Command) { send(ui.RemoteMsg{Cmd: c}) },
				Logf:   logf,
				Getenv: getenv,
			})
			if err != nil || srv == nil {
				if err != nil {
					log.Warn("mpris", "err", err)
				}
				return
			}
			defer srv.Close() //nolint:errcheck // the bus is going away with us
			follow(ctx, hub, srv.Update)
		})
	}
	if cfg.Notify {
		ts = append(ts, func(ctx context.Context, hub *share.Hub, _ func(tea.Msg)) {
			n, err := notify.Start(ctx, notify.Options{Logf: logf, Getenv: getenv})
			if err != nil || n == nil {
				if err != nil {
					log.Warn("notify", "err", err)
				}
				return
			}
			defer n.Close() //nolint:errcheck // nothing left to tell
			follow(ctx, hub, n.Update)
		})
	}
	return ts
}

// follow hands every state the hub publishes to update until ctx ends.
func follow(ctx context.Context, hub *share.Hub, update func(nowstate.State)) {
	states, cancel := hub.Subscribe()
	defer cancel()
	for {
		select {
		case <-ctx.Done():
			return
		case st := <-states:
			update(st)
		}
	}
}

// sharing is one program's part in the state shared on this machine. The
// zero value shares nothing.
type sharing struct {
	pub        Publisher
	node       *share.Node // nil: no socket
	hub        *share.Hub
	transports []Transport
	log        *slog.Logger
}

// startSharing serves the account's state on its socket, or finds the
// spotui that does; following says this one must not poll. Any problem is
// logged and leaves the program to poll on its own.
func startSharing(acct share.Account, getenv func(string) string, log *slog.Logger, warn io.Writer) (sh sharing, following bool) {
	sh.hub = share.NewHub()
	sh.pub = sh.hub
	sh.log = log
	if !share.Supported {
		return sh, false
	}
	path := share.SocketPath(share.Dir(getenv), acct)
	node, err := share.Start(path, sh.hub)
	if err != nil {
		log.Warn("share", "err", err)
		if warn != nil {
			fmt.Fprintln(warn, "spotui: warning: not sharing the player state:", err)
		}
		return sh, false
	}
	sh.node = node
	log.Info("share", "socket", path, "following", node.Following())
	return sh, node.Following()
}

// attach starts the socket's follow loop and the transports, sending to
// the program; stop ends them and removes the socket.
func (sh sharing) attach(send func(tea.Msg)) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	if sh.node != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sh.node.Run(ctx, share.Events{
				State: func(s nowstate.State) { send(ui.SharedStateMsg{State: s}) },
				Lead: func() {
					sh.log.Info("share", "took over", sh.node.Path())
					send(ui.FollowEndedMsg{})
				},
				Alone: func(err error) {
					sh.log.Warn("share", "err", err)
					send(ui.FollowEndedMsg{})
				},
			})
		}()
	}
	for _, t := range sh.transports {
		wg.Add(1)
		go func() { defer wg.Done(); t(ctx, sh.hub, send) }()
	}
	return func() { cancel(); wg.Wait() }
}
