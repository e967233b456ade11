package sessionbus

import (
	"net"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestAddress(t *testing.T) {
	withSocket, withFile := t.TempDir(), t.TempDir()
	if runtime.GOOS != "windows" {
		ln, err := net.Listen("unix", filepath.Join(withSocket, "bus"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ln.Close() })
	}
	if err := os.WriteFile(filepath.Join(withFile, "bus"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"the variable", map[string]string{"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus", "XDG_RUNTIME_DIR": withSocket},
			"unix:path=/run/user/1000/bus"},
		{"nothing set", nil, ""},
		{"autolaunch is not a bus", map[string]string{"DBUS_SESSION_BUS_ADDRESS": "autolaunch:"}, ""},
		{"a plain file is not a bus", map[string]string{"XDG_RUNTIME_DIR": withFile}, ""},
	}
	if runtime.GOOS != "windows" {
		tests = append(tests, struct {
			name string
			env  map[string]string
			want string
		}{"systemd's user bus", map[string]string{"XDG_RUNTIME_DIR": withSocket}, "unix:path=" + filepath.Join(withSocket, "bus")})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Address(func(k string) string { return tt.env[k] }); got != tt.want {
				t.Errorf("Address = %q, want %q", got, tt.want)
			}
		})
	}
}
