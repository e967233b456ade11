//go:build linux

package notify

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/spotui/spotui/internal/nowstate"
	"github.com/spotui/spotui/internal/sessionbus"
)

const (
	service    = "org.freedesktop.Notifications"
	objectPath = dbus.ObjectPath("/org/freedesktop/Notifications")
	// callTimeout bounds one Notify: a hung notification daemon must not
	// hold back the next track's notification for ever.
	callTimeout = 5 * time.Second
)

// Notifier sends a notification per track change. A nil *Notifier accepts
// Update and Close and does nothing.
type Notifier struct {
	conn *dbus.Conn
	logf func(string, ...any)

	wake      chan struct{} // 1-slot: "latest changed"
	done      chan struct{}
	closeOnce sync.Once

	mu      sync.Mutex
	shown   shown           // decided in Update, so no change is lost to coalescing
	pending *nowstate.State // the next notification to send; a newer one replaces it
}

// Start connects to the bus. With no session bus it returns (nil, nil).
func Start(ctx context.Context, opts Options) (*Notifier, error) {
	n := &Notifier{logf: opts.Logf, wake: make(chan struct{}, 1), done: make(chan struct{})}
	if n.logf == nil {
		n.logf = func(string, ...any) {}
	}
	addr := opts.Address
	if addr == "" {
		addr = sessionbus.Address(opts.Getenv)
	}
	if addr == "" {
		n.logf("notify: no session bus (DBUS_SESSION_BUS_ADDRESS unset)")
		return nil, nil
	}
	conn, err := dbus.Connect(addr, dbus.WithContext(ctx))
	if err != nil {
		n.logf("notify: no session bus: %v", err)
		return nil, nil
	}
	n.conn = conn
	go n.loop(ctx)
	go func() {
		select {
		case <-ctx.Done():
			n.Close()
		case <-n.done:
		}
	}()
	return n, nil
}

// Update decides at once whether st is news (a new item, or the cover of
// the one just notified); sending it happens on the notifier's goroutine.
func (n *Notifier) Update(st nowstate.State) {
	if n == nil {
		return
	}
	n.mu.Lock()
	news := n.shown.next(st)
	if news {
		n.pending = &st
	}
	n.mu.Unlock()
	if !news {
		return
	}
	select {
	case n.wake <- struct{}{}:
	default:
	}
}

// Close leaves the bus. Safe to call more than once.
func (n *Notifier) Close() error {
	if n == nil {
		return nil
	}
	var err error
	n.closeOnce.Do(func() {
		close(n.done)
		err = n.conn.Close()
	})
	return err
}

// shown is what the notifications so far have said.
type shown struct {
	seen     bool   // a state arrived: what plays at start is no change
	item     string // the current item's key ("" for nothing)
	notified bool   // a notification for item was sent
	cover    bool   // with its cover
}

// next records st and says whether it deserves a notification.
func (s *shown) next(st nowstate.State) bool {
	if !s.seen && st.FetchedAt.IsZero() {
		return false // nothing heard from Spotify yet (starting, logging in): not the baseline
	}
	item, first := itemKey(st), !s.seen
	s.seen = true
	if item != s.item {
		s.item, s.notified, s.cover = item, false, false
		if first || item == "" {
			return false
		}
	} else if !s.notified || s.cover || st.CoverPath == "" {
		return false
	}
	s.notified, s.cover = true, st.CoverPath != ""
	return true
}

func (n *Notifier) loop(ctx context.Context) {
	var id uint32 // the server's id of the last notification, for replaces_id
	for {
		select {
		case <-n.done:
			return
		case <-n.wake:
		}
		n.mu.Lock()
		st := n.pending
		n.pending = nil
		n.mu.Unlock()
		if st == nil {
			continue
		}
		newID, err := n.notify(ctx, *st, id)
		if err != nil {
			// Likely no notification daemon; the next track tries again.
			n.logf("notify: %v", err)
			continue
		}
		id = newID
	}
}

// itemKey names the current item; "" when nothing is playing.
func itemKey(st nowstate.State) string {
	if !st.LoggedIn || st.Player == nil || st.Player.Item == nil {
		return ""
	}
	it := st.Player.Item
	if it.URI != "" {
		return it.URI
	}
	return it.Type + ":" + it.ID + ":" + it.Name
}

func (n *Notifier) notify(ctx context.Context, st nowstate.State, replaces uint32) (uint32, error) {
	it := st.Player.Item
	body := it.ArtistNames()
	if body == "" {
		body = it.Collection()
	}
	hints := map[string]dbus.Variant{}
	if st.CoverPath != "" {
		hints["image-path"] = dbus.MakeVariant((&url.URL{Scheme: "file", Path: st.CoverPath}).String())
	}
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	var id uint32
	err := n.conn.Object(service, objectPath).CallWithContext(ctx, service+".Notify", 0,
		"spotui", replaces, "", it.Name, escapeMarkup(body), []string{}, hints, int32(-1)).Store(&id)
	return id, err
}

// escapeMarkup keeps a body literal: servers may read it as a subset of
// HTML, where "Simon & Garfunkel" would be malformed.
func escapeMarkup(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
