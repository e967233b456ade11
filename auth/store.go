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
	"github.com/spotui/spotui/internal/privatefile"
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
	write privatefile.WriteFunc

	mu sync.Mutex
	// seen hashes the bytes this Store last read or wrote, so a
	// TokenSource can tell when another spotui process replaced the file.
	seen [sha256.Size]byte
	// held hashes the access token in those bytes: a TokenSource holding
	// it came from the file, so the file's removal is a logout for it.
	held [sha256.Size]byte
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
	data, err := encodeToken(t)
	if err != nil {
		return &SaveError{Path: s.path, Err: err}
	}
	if err := s.save(data); err != nil {
		return &SaveError{Path: s.path, Err: err}
	}
	s.setSeen(sha256.Sum256(data), t)
	return nil
}

// encodeToken is the file format; parseToken reads it back.
func encodeToken(t *oauth2.Token) ([]byte, error) {
	if t == nil || t.AccessToken == "" {
		return nil, errors.New("no access token to save")
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
		return nil, err
	}
	return append(data, '\n'), nil
}

func (s *Store) save(data []byte) error {
	return privatefile.Write(s.path, data, s.write)
}

// Clear removes the cache (log out). A missing file is fine. It takes the
// directory lock, so another spotui's refresh, which saves only while the
// file is there, can't write it back a moment later.
func (s *Store) Clear() error {
	defer lockDir(filepath.Dir(s.path), lockWait)()
	if err := os.Remove(s.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("couldn't delete the saved login: %w", err)
	}
	s.setSeen([sha256.Size]byte{}, nil)
	return nil
}

// present reports whether the cache file exists; only its absence counts,
// so a transient stat error never logs anyone out.
func (s *Store) present() bool {
	_, err := os.Stat(s.path)
	return !errors.Is(err, fs.ErrNotExist)
}

// holds reports whether t is the token this Store last read or wrote.
func (s *Store) holds(t *oauth2.Token) bool {
	if t == nil || t.AccessToken == "" {
		return false
	}
	sum := sha256.Sum256([]byte(t.AccessToken))
	s.mu.Lock()
	defer s.mu.Unlock()
	return sum == s.held
}
