//go:build linux

package mpris

import (
	"math"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/introspect"
	"github.com/godbus/dbus/v5/prop"
	"github.com/spotui/spotui/internal/nowstate"
)

// errNotSupported answers OpenUri: spotui plays what Spotify plays.
func errNotSupported() *dbus.Error {
	return dbus.NewError("org.mpris.MediaPlayer2.spotui.Error.NotSupported",
		[]any{"spotui can't open URIs; start playback in Spotify"})
}

// root is org.mpris.MediaPlayer2. CanRaise and CanQuit are false, and the
// spec says the methods then do nothing.
type root struct{}

func (root) Raise() *dbus.Error { return nil }
func (root) Quit() *dbus.Error  { return nil }

// player is org.mpris.MediaPlayer2.Player: each method becomes a Command
// for the UI, which runs it like the matching key.
type player struct{ s *Server }

func (p player) cmd(c nowstate.Command) *dbus.Error {
	p.s.send(c)
	return nil
}

func (p player) Next() *dbus.Error     { return p.cmd(nowstate.Command{Action: nowstate.ActNext}) }
func (p player) Previous() *dbus.Error { return p.cmd(nowstate.Command{Action: nowstate.ActPrevious}) }
func (p player) Pause() *dbus.Error    { return p.cmd(nowstate.Command{Action: nowstate.ActPause}) }
func (p player) Play() *dbus.Error     { return p.cmd(nowstate.Command{Action: nowstate.ActPlay}) }
func (p player) PlayPause() *dbus.Error {
	return p.cmd(nowstate.Command{Action: nowstate.ActPlayPause})
}

// Stop pauses: Spotify has no stop, and pausing keeps the place.
func (p player) Stop() *dbus.Error { return p.cmd(nowstate.Command{Action: nowstate.ActPause}) }

// SeekBy is MPRIS's Seek (renamed on export: go vet reserves Seek for
// io.Seeker): it moves by offset µs, negative is back.
func (p player) SeekBy(offset int64) *dbus.Error {
	p.s.markSeek()
	return p.cmd(nowstate.Command{Action: nowstate.ActSeekBy, PositionMS: offset / 1000})
}

// SetPosition seeks to pos µs in trackID; the spec says to ignore a stale
// trackID or a position outside the item.
func (p player) SetPosition(track dbus.ObjectPath, pos int64) *dbus.Error {
	st := p.s.current()
	if track != trackID(st) || pos < 0 || pos > micros(st.Duration()) {
		return nil
	}
	p.s.markSeek()
	return p.cmd(nowstate.Command{Action: nowstate.ActSeekTo, PositionMS: pos / 1000})
}

func (p player) OpenUri(string) *dbus.Error { return errNotSupported() }

// playerMethodNames maps Go method names to D-Bus ones where they differ.
func playerMethodNames() map[string]string { return map[string]string{"SeekBy": "Seek"} }

// playerMethods is the Player's introspection, under the D-Bus names.
func playerMethods() []introspect.Method {
	ms := introspect.Methods(player{})
	for i, m := range ms {
		if n, ok := playerMethodNames()[m.Name]; ok {
			ms[i].Name = n
		}
	}
	return ms
}

func (s *Server) markSeek() {
	s.mu.Lock()
	s.seekPending = true
	s.mu.Unlock()
}

// onSet turns a client's write of Volume, Shuffle, LoopStatus or Rate into
// a Command. prop stores the value at once; the UI's next state corrects it
// if Spotify didn't apply it.
func (s *Server) onSet(c *prop.Change) *dbus.Error {
	switch c.Name {
	case "Volume":
		v, _ := c.Value.(float64)
		if math.IsNaN(v) {
			return prop.ErrInvalidArg
		}
		// The spec clamps below 0; Spotify's volume stops at 100 %.
		s.send(nowstate.Command{Action: nowstate.ActVolume, Volume: int(math.Round(math.Max(0, math.Min(1, v)) * 100))})
	case "Shuffle":
		on, _ := c.Value.(bool)
		s.send(nowstate.Command{Action: nowstate.ActShuffle, Shuffle: on})
	case "LoopStatus":
		loop, _ := c.Value.(string)
		repeat, ok := loopToRepeat()[loop]
		if !ok {
			return dbus.NewError("org.freedesktop.DBus.Error.InvalidArgs",
				[]any{"LoopStatus must be None, Track or Playlist"})
		}
		s.send(nowstate.Command{Action: nowstate.ActRepeat, Repeat: repeat})
	case "Rate":
		if r, _ := c.Value.(float64); r != 1 {
			return dbus.NewError("org.freedesktop.DBus.Error.NotSupported", []any{"spotui plays at rate 1.0 only"})
		}
	}
	return nil
}
