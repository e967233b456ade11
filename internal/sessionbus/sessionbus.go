// Package sessionbus finds the D-Bus session bus from the environment, for
// MPRIS and notifications; it links no D-Bus code.
package sessionbus

import (
	"os"
	"path/filepath"
)

// Address is the session bus's address, or "" when there is none:
// DBUS_SESSION_BUS_ADDRESS, else systemd's $XDG_RUNTIME_DIR/bus socket
// (the variable is often missing over SSH or in tmux). getenv nil means
// os.Getenv.
func Address(getenv func(string) string) string {
	if getenv == nil {
		getenv = os.Getenv
	}
	if a := getenv("DBUS_SESSION_BUS_ADDRESS"); a != "" && a != "autolaunch:" {
		return a
	}
	if dir := getenv("XDG_RUNTIME_DIR"); dir != "" {
		p := filepath.Join(dir, "bus")
		if fi, err := os.Stat(p); err == nil && fi.Mode()&os.ModeSocket != 0 {
			return "unix:path=" + p
		}
	}
	return ""
}
