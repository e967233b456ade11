//go:build linux

package mpris

import (
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/introspect"
	"github.com/godbus/dbus/v5/prop"
	"github.com/spotui/spotui/internal/nowstate"
	"github.com/spotui/spotui/internal/sessionbus"
)

// seekJump is how far the position may move from where the clock says it
// should be before clients are told it jumped (Seeked): polls re-anchor it
// by a few hundred ms all the time.
const seekJump = 2 * time.Second

// Server is one MPRIS player on one bus connection. A nil *Server (no
// session bus, or not Linux) accepts Update and Close and does nothing.
type Server struct {
	conn  *dbus.Conn
	props *prop.Properties
	meta  map[string]dbus.Variant // Metadata, replaced whole under mu
	send  func(nowstate.Command)
	now   func() time.Time
	logf  func(string, ...any)

	wake      chan struct{} // 1-slot: "latest changed"
	done      chan struct{}
	closeOnce sync.Once

	mu          sync.Mutex
	latest      nowstate.State
	seekPending bool // a Seek/SetPosition was sent; say Seeked when it lands
}

// Start connects to the bus, claims org.mpris.MediaPlayer2.spotui (or a
// .instance<pid> name when another spotui has it) and serves until ctx ends
// or Close. With no session bus it returns (nil, nil).
func Start(ctx context.Context, opts Options) (*Server, error) {
	s := &Server{send: opts.Send, now: opts.Now, logf: opts.Logf,
		wake: make(chan struct{}, 1), done: make(chan struct{})}
	if s.send == nil {
		s.send = func(nowstate.Command) {}
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.logf == nil {
		s.logf = func(string, ...any) {}
	}
	addr := opts.Address
	if addr == "" {
		addr = sessionbus.Address(opts.Getenv)
	}
	if addr == "" {
		s.logf("mpris: no session bus (DBUS_SESSION_BUS_ADDRESS unset)")
		return nil, nil
	}
	conn, err := dbus.Connect(addr, dbus.WithContext(ctx))
	if err != nil {
		// A desktop-less machine is normal, not an error to show.
		s.logf("mpris: no session bus: %v", err)
		return nil, nil
	}
	s.conn = conn
	if err := s.export(opts.DesktopEntry); err != nil {
		conn.Close()
		return nil, fmt.Errorf("mpris: %w", err)
	}
	if err := s.claimName(); err != nil {
		conn.Close()
		return nil, fmt.Errorf("mpris: %w", err)
	}
	go s.loop()
	go func() {
		select {
		case <-ctx.Done():
			s.Close()
		case <-s.done:
		}
	}()
	return s, nil
}

func (s *Server) export(desktopEntry string) error {
	props, err := prop.Export(s.conn, objectPath, propMap(nowstate.State{}, desktopEntry, s.onSet))
	if err != nil {
		return err
	}
	s.props = props
	// Replaces prop's own Properties export so Position is computed when read.
	if err := s.conn.Export(positionProps{s}, objectPath, "org.freedesktop.DBus.Properties"); err != nil {
		return err
	}
	if err := s.conn.Export(root{}, objectPath, rootIface); err != nil {
		return err
	}
	if err := s.conn.ExportWithMap(player{s}, playerMethodNames(), objectPath, playerIface); err != nil {
		return err
	}
	node := &introspect.Node{
		Name: string(objectPath),
		Interfaces: []introspect.Interface{
			introspect.IntrospectData,
			prop.IntrospectData,
			{Name: rootIface, Methods: introspect.Methods(root{}), Properties: props.Introspection(rootIface)},
			{Name: playerIface, Methods: playerMethods(), Properties: props.Introspection(playerIface),
				Signals: []introspect.Signal{{Name: "Seeked", Args: []introspect.Arg{{Name: "Position", Type: "x"}}}}},
		},
	}
	return s.conn.Export(introspect.NewIntrospectable(node), objectPath, "org.freedesktop.DBus.Introspectable")
}

func (s *Server) claimName() error {
	for _, name := range []string{busName, fmt.Sprintf("%s.instance%d", busName, os.Getpid())} {
		reply, err := s.conn.RequestName(name, dbus.NameFlagDoNotQueue)
		if err != nil {
			return err
		}
		if reply == dbus.RequestNameReplyPrimaryOwner {
			return nil
		}
	}
	return errors.New("the bus name " + busName + " is taken")
}

// Update publishes st: the changed properties go out from the server's
// goroutine, so Update never waits on the bus.
func (s *Server) Update(st nowstate.State) {
	if s == nil {
		return
	}
	s.mu.Lock()
	s.latest = st
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default: // a wake-up is already pending; it will read latest
	}
}

// Close leaves the bus. Safe to call more than once.
func (s *Server) Close() error {
	if s == nil {
		return nil
	}
	var err error
	s.closeOnce.Do(func() {
		close(s.done)
		err = s.conn.Close()
	})
	return err
}

// loop applies the latest state whenever Update says it changed; bursts of
// updates collapse into one.
func (s *Server) loop() {
	var prev nowstate.State
	for {
		select {
		case <-s.done:
			return
		case <-s.wake:
		}
		s.mu.Lock()
		st, seekPending := s.latest, s.seekPending
		s.mu.Unlock()
		seeked, landed := s.seeked(prev, st, seekPending)
		if landed {
			s.mu.Lock()
			s.seekPending = false
			s.mu.Unlock()
		}
		if err := s.apply(st, seeked); err != nil {
			s.logf("mpris: %v; leaving the bus", err)
			s.Close()
			return
		}
		prev = st
	}
}

// seeked says whether st's position jumped from where prev's clock puts
// it, and whether a pending seek has now landed (or can no longer).
func (s *Server) seeked(prev, st nowstate.State, seekPending bool) (jumped, landed bool) {
	if trackID(prev) != trackID(st) || trackID(st) == noTrack {
		return false, seekPending
	}
	now := s.now()
	diff := st.Position(now) - prev.Position(now)
	if diff < 0 {
		diff = -diff
	}
	if seekPending && diff > 0 {
		return true, true
	}
	return diff > seekJump, false
}

// apply sets the properties that changed (prop emits PropertiesChanged for
// each) and then Seeked, as the spec orders them.
func (s *Server) apply(st nowstate.State, seeked bool) (err error) {
	// prop's SetMust panics when the emit fails, i.e. the bus went away.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("emit: %v", r)
		}
	}()
	values := playerValues(st)
	// Metadata is a map: prop's Set would store the new one into the old
	// map in place, while a reply holding that map may still be encoding
	// on godbus's goroutine. So it is served from a snapshot replaced
	// whole (Get/GetAll below) and its change emitted here.
	if meta, ok := values["Metadata"].(map[string]dbus.Variant); ok {
		s.mu.Lock()
		changed := !reflect.DeepEqual(s.meta, meta)
		if changed {
			s.meta = meta
		}
		s.mu.Unlock()
		if changed {
			if err := s.conn.Emit(objectPath, "org.freedesktop.DBus.Properties.PropertiesChanged",
				playerIface, map[string]dbus.Variant{"Metadata": dbus.MakeVariant(meta)}, []string{}); err != nil {
				return err
			}
		}
	}
	for _, name := range dynamicProps() {
		if name == "Metadata" {
			continue
		}
		if v := values[name]; !reflect.DeepEqual(s.props.GetMust(playerIface, name), v) {
			s.props.SetMust(playerIface, name, v)
		}
	}
	if seeked {
		return s.conn.Emit(objectPath, playerIface+".Seeked", micros(st.Position(s.now())))
	}
	return nil
}

// current is the latest state, for reads at call time.
func (s *Server) current() nowstate.State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.latest
}

// positionProps is org.freedesktop.DBus.Properties: prop's, except that
// Position is computed from the clock when read.
type positionProps struct{ s *Server }

func (p positionProps) Get(iface, name string) (dbus.Variant, *dbus.Error) {
	switch {
	case iface == playerIface && name == "Position":
		return dbus.MakeVariant(p.s.position()), nil
	case iface == playerIface && name == "Metadata":
		return dbus.MakeVariant(p.s.metadata()), nil
	}
	return p.s.props.Get(iface, name)
}

func (p positionProps) GetAll(iface string) (map[string]dbus.Variant, *dbus.Error) {
	all, err := p.s.props.GetAll(iface)
	if err == nil && iface == playerIface {
		all["Position"] = dbus.MakeVariant(p.s.position())
		all["Metadata"] = dbus.MakeVariant(p.s.metadata())
	}
	return all, err
}

// metadata is the current Metadata snapshot: replaced whole, never changed
// in place, so a reply may keep encoding it.
func (s *Server) metadata() map[string]dbus.Variant {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.meta == nil {
		return metadata(nowstate.State{})
	}
	return s.meta
}

func (p positionProps) Set(iface, name string, v dbus.Variant) *dbus.Error {
	return p.s.props.Set(iface, name, v)
}

func (s *Server) position() int64 { return micros(s.current().Position(s.now())) }
