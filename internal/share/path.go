package share

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
)

// Dir is where the sockets live: $XDG_RUNTIME_DIR/spotui (a per-user
// directory the system empties at logout), else, where the system has no
// runtime directory (macOS, some containers), $TMPDIR/spotui-<uid>. Listen
// checks either is ours and private before using it.
func Dir(getenv func(string) string) string {
	if d := getenv("XDG_RUNTIME_DIR"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "spotui")
	}
	return filepath.Join(os.TempDir(), "spotui-"+strconv.Itoa(os.Getuid()))
}

// Account names one account's socket: only spotuis that share the token
// file, the client ID and the API serve each other.
type Account struct {
	TokenFile string
	ClientID  string
	APIURL    string
}

// SocketPath is the account's socket in dir. The name is a hash, so no
// path or ID shows in a directory listing, and it stays short: a Unix
// socket's path is limited to about 100 bytes.
func SocketPath(dir string, a Account) string {
	tok := a.TokenFile
	if abs, err := filepath.Abs(tok); err == nil {
		tok = abs
	}
	sum := sha256.Sum256([]byte(tok + "\x00" + a.ClientID + "\x00" + a.APIURL))
	return filepath.Join(dir, hex.EncodeToString(sum[:8])+".sock")
}
