// Package notify shows a desktop notification (org.freedesktop.Notifications)
// when the track changes: title, artists and the cover, each one replacing
// the last so they don't pile up. Linux only; elsewhere Start returns a nil
// *Notifier and nothing links D-Bus.
package notify

// Options configures Start. Every field is optional.
type Options struct {
	// Address is the D-Bus address; "" means the session bus. Without
	// one, Start returns (nil, nil): notifications are silently absent.
	Address string
	// Getenv reads the environment; nil means os.Getenv.
	Getenv func(string) string
	// Logf, if set, is told why a notification failed (for --debug).
	Logf func(format string, args ...any)
}
