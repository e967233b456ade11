package auth

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/spotui/spotui/internal/privatefile"
	"golang.org/x/oauth2"
)

// Load reads the cached token. A missing file gives ErrNoToken; anything
// unusable gives *CorruptTokenError, so the UI can offer a fresh login.
// See LoadNotice for what it repairs on the way.
func (s *Store) Load() (*oauth2.Token, error) {
	tok, _, err := s.LoadNotice()
	return tok, err
}

// LoadNotice is Load, plus a one-line notice for the user when it had to
// repair something that still allowed loading: a file other users could
// read or write is made 0600 (it holds the refresh token). A file whose
// content is unusable is moved aside to PATH.bad rather than left to be
// overwritten by the next login, so nothing the user had is lost silently;
// the *CorruptTokenError says where it went (MovedTo).
func (s *Store) LoadNotice() (tok *oauth2.Token, notice string, err error) {
	tok, sum, notice, err := s.read()
	if err == nil {
		s.setSeen(sum, tok)
	} else if errors.Is(err, ErrNoToken) || movedAside(err) {
		s.setSeen([sha256.Size]byte{}, nil)
	}
	return tok, notice, err
}

// changedToken returns the cached token if the file changed since this
// Store last read or wrote it (another spotui process saved a newer one),
// and nil if it didn't or holds nothing usable. missing: there is no file
// (logged out).
func (s *Store) changedToken() (tok *oauth2.Token, missing bool) {
	// Locked across the read, so a Save in this process can't land between
	// reading the old bytes and comparing them.
	s.mu.Lock()
	defer s.mu.Unlock()
	tok, sum, _, err := s.read()
	if err != nil {
		return nil, errors.Is(err, ErrNoToken)
	}
	if sum == s.seen {
		return nil, false
	}
	s.seen, s.held = sum, sha256.Sum256([]byte(tok.AccessToken))
	return tok, false
}

// setSeen records what the file holds now; tok nil: nothing.
func (s *Store) setSeen(sum [sha256.Size]byte, tok *oauth2.Token) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seen, s.held = sum, [sha256.Size]byte{}
	if tok != nil {
		s.held = sha256.Sum256([]byte(tok.AccessToken))
	}
}

// read opens, repairs and parses the file; sum hashes the bytes read.
func (s *Store) read() (tok *oauth2.Token, sum [sha256.Size]byte, notice string, err error) {
	// A FIFO or device here must not hang the app: refused unread.
	f, err := privatefile.OpenRegular(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, sum, "", ErrNoToken
	}
	if err != nil {
		return nil, sum, "", &CorruptTokenError{Path: s.path, Err: err}
	}
	defer f.Close()
	notice = s.fixMode(f)
	data, err := io.ReadAll(io.LimitReader(f, maxTokenFile+1))
	if err != nil {
		// Not readable at all (a directory, an I/O error): not ours to move.
		return nil, sum, notice, &CorruptTokenError{Path: s.path, Err: err}
	}
	sum = sha256.Sum256(data)
	if tok, err = parseToken(data); err != nil {
		return nil, sum, notice, s.moveAside(err)
	}
	return tok, sum, notice, nil
}

// fixMode makes a token file that other users can read or write private
// again. Chmod on the open file, so it is the file we read. It never fails
// the load: a notice says what happened either way.
func (s *Store) fixMode(f *os.File) string {
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return ""
	}
	perm := fi.Mode().Perm()
	if perm&0o077 == 0 {
		return ""
	}
	how := "accessible"
	switch {
	case perm&0o044 != 0:
		how = "readable"
	case perm&0o022 != 0:
		how = "writable"
	}
	name := filepath.Base(s.path)
	if err := f.Chmod(0o600); err != nil {
		return fmt.Sprintf("%s is %s by others (%s) and couldn't be fixed: run chmod 600 %s", name, how, perm, s.path)
	}
	return fmt.Sprintf("%s was %s by others (%s): fixed to 0600", name, how, perm)
}

// moveAside renames an unusable cache to PATH.bad (replacing an older
// one), so the next login starts clean without destroying what was there.
func (s *Store) moveAside(cause error) *CorruptTokenError {
	ce := &CorruptTokenError{Path: s.path, Err: cause}
	bad := s.path + ".bad"
	if err := os.Rename(s.path, bad); err != nil {
		ce.MoveErr = err
		return ce
	}
	ce.MovedTo = bad
	privatefile.SyncDir(filepath.Dir(s.path))
	return ce
}

func movedAside(err error) bool {
	var ce *CorruptTokenError
	return errors.As(err, &ce) && ce.MovedTo != ""
}

// parseToken decodes the file format; errors never quote the content.
func parseToken(data []byte) (*oauth2.Token, error) {
	if len(data) > maxTokenFile {
		return nil, errors.New("file too large")
	}
	var st storedToken
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, err
	}
	if st.AccessToken == "" {
		return nil, errors.New("no access token")
	}
	tok := &oauth2.Token{AccessToken: st.AccessToken, TokenType: st.TokenType, RefreshToken: st.RefreshToken}
	if st.Expiry != "" {
		var err error
		if tok.Expiry, err = time.Parse(time.RFC3339, st.Expiry); err != nil {
			return nil, errors.New("bad expiry")
		}
		// Saved in UTC, where an offset can push the year out of the
		// four digits RFC 3339 allows; such a file couldn't be rewritten.
		if y := tok.Expiry.UTC().Year(); y < 1 || y > 9999 {
			return nil, errors.New("bad expiry")
		}
	}
	if st.Scope != "" {
		tok = tok.WithExtra(map[string]any{"scope": st.Scope})
	}
	return tok, nil
}
