// Package mpris puts spotui on the desktop's media controls: it serves the
// MPRIS D-Bus interfaces (org.mpris.MediaPlayer2 and its Player) from the
// shared nowstate.State, and hands every control it receives to the UI as
// a nowstate.Command, so media keys and playerctl go through the same gate
// and optimistic updates as the keys. Linux only; elsewhere Start returns a
// nil *Server and nothing links D-Bus.
package mpris

import (
	"time"

	"github.com/spotui/spotui/internal/nowstate"
)

// Options configures Start. Every field is optional.
type Options struct {
	// Address is the D-Bus address to serve on; "" means the session bus:
	// DBUS_SESSION_BUS_ADDRESS, else $XDG_RUNTIME_DIR/bus. Without one,
	// Start returns (nil, nil): MPRIS is silently absent.
	Address string
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
	// Send delivers a control to the UI. It is called from D-Bus's
	// goroutine and must not block for long (tea.Program.Send is fine).
	Send func(nowstate.Command)
	// Now is the clock the Position property reads; nil means time.Now.
	Now func() time.Time
	// DesktopEntry is the .desktop file's basename, if one is installed.
	DesktopEntry string
	// Logf, if set, is told why MPRIS is absent or stopped (for --debug).
	Logf func(format string, args ...any)
}
