package auth

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/adrg/xdg"
	"golang.org/x/oauth2"
)

// maxTokenFile bounds Load's read; a real cache is a few hundred bytes.
const maxTokenFile = 64 << 10

// Store is the token cache file. It holds the refresh token, so it is
// private to the user (file 0600, directory 0700) and replaced atomically
// so a crash mid-write never leaves half a token behind.
type Store struct {
	path string
	// write puts data into the temporary file; nil means f.Write. Tests
	// swap it to fail halfway through a save.
	write func(f *os.File, data []byte) error

	mu sync.Mutex
	// seen hashes the bytes this Store last read or wrote, so a
	// TokenSource can tell when another spotui process replaced the file.
	seen [sha256.Size]byte
}

// storedToken is the file format. Expiry is RFC 3339; scope is kept
// because oauth2.Token only carries it in its raw extras.
type storedToken struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type,omitempty"`
	RefreshToken string `json:"refresh_token,omitempty"`
	Expiry       string `json:"expiry,omitempty"`
	Scope        string `json:"scope,omitempty"`
}

// NewStore returns a store for the file at path; nothing is touched yet.
func NewStore(path string) *Store { return &Store{path: path} }

// DefaultTokenPath is $XDG_CONFIG_HOME/spotui/token.json (~/.config/...
// when unset). xdg.ConfigFile is avoided because it creates directories
// with mode 0755.
func DefaultTokenPath() string {
	return filepath.Join(xdg.ConfigHome, "spotui", "token.json")
}

// Path is the cache file's location, for messages.
func (s *Store) Path() string { return s.path }

// Save writes t atomically: a 0600 temporary file in the same directory,
// synced, then renamed over the old one. On failure the old file is left
// as it was. Errors are *SaveError.
func (s *Store) Save(t *oauth2.Token) error {
	if t == nil || t.AccessToken == "" {
		return &SaveError{Path: s.path, Err: errors.New("no access token to save")}
	}
	st := storedToken{
		AccessToken:  t.AccessToken,
		TokenType:    t.TokenType,
		RefreshToken: t.RefreshToken,
		Scope:        scopeOf(t),
	}
	if !t.Expiry.IsZero() {
		st.Expiry = t.Expiry.UTC().Format(time.RFC3339Nano)
	}
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return &SaveError{Path: s.path, Err: err}
	}
	data = append(data, '\n')
	if err := s.save(data); err != nil {
		return &SaveError{Path: s.path, Err: err}
	}
	s.setSeen(sha256.Sum256(data))
	return nil
}

func (s *Store) save(data []byte) (err error) {
	dir := filepath.Dir(s.path)
	if err := ensurePrivateDir(dir); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".token-*.tmp") // CreateTemp uses 0600
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	// Explicit, in case a future CreateTemp or an odd umask differs.
	if err = f.Chmod(0o600); err != nil {
		return err
	}
	write := s.write
	if write == nil {
		write = func(f *os.File, data []byte) error { _, err := f.Write(data); return err }
	}
	if err = write(f, data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, s.path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// ensurePrivateDir creates dir with 0700 if missing. A directory that
// already exists is left alone: it may be ~/.config or somewhere the user
// chose, and its mode is theirs; the file itself is 0600 anyway.
func ensurePrivateDir(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return os.Chmod(dir, 0o700) // the umask may have taken bits away
}

// syncDir makes the rename durable. Best effort: some systems can't fsync
// a directory, and the data itself is already safe.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}

// Clear removes the cache (log out). A missing file is fine.
func (s *Store) Clear() error {
	if err := os.Remove(s.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("couldn't delete the saved login: %w", err)
	}
	s.setSeen([sha256.Size]byte{})
	return nil
}
