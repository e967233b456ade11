package auth

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// refreshMargin: refresh this long before expiry so a request started
// with the token doesn't reach Spotify with it already expired.
const refreshMargin = time.Minute

// lockWait bounds the wait for another spotui's refresh (one token request,
// itself bounded by defaultHTTPTimeout) before refreshing without the lock.
const lockWait = defaultHTTPTimeout + 5*time.Second

// TokenSource hands out a valid access token, refreshing it with the
// refresh token before it expires and saving every new token to the store
// before handing it out (Spotify rotates refresh tokens, so an unsaved one
// would log the user out on the next start). Safe for concurrent use; one
// refresh runs at a time.
//
// Logging out is the token file's removal, from any process: once the
// file is gone, every call returns ErrLoggedOut, the in-memory token is
// dropped, and the file is never written again (only a login creates it).
type TokenSource struct {
	cfg   Config
	oauth *oauth2.Config
	ctx   context.Context // carries the HTTP client for refreshes
	store *Store          // nil: don't persist

	mu        sync.Mutex
	tok       *oauth2.Token
	unsaved   bool // tok is newer than the file: retry saving before handing out
	inFile    bool // the file was seen while this source lived: its removal is a logout
	loggedOut bool // latched: the file went away
}

// TokenSource wraps tok (as loaded from the store or returned by Wait).
// ctx bounds every refresh; cancelling it makes refreshes fail. A nil
// store disables persistence.
func (c Config) TokenSource(ctx context.Context, tok *oauth2.Token, store *Store) *TokenSource {
	return &TokenSource{
		cfg:   c,
		oauth: c.OAuth2(),
		ctx:   c.clientContext(ctx),
		store: store,
		tok:   tok,
	}
}

// Token returns a valid token, refreshing first if it is about to expire.
// An expired session (refresh token revoked, rotated away, or missing)
// gives an error wrapping ErrSessionExpired; other failures (network, 5xx)
// give a *TokenError, which is worth retrying.
func (ts *TokenSource) Token() (*oauth2.Token, error) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if err := ts.check(); err != nil {
		return nil, err
	}
	if ts.valid() && !ts.unsaved {
		return copyToken(ts.tok), nil
	}
	tok, err := ts.renew(false)
	if err != nil {
		// A transient failure inside the margin: the old token still
		// works for a little while, and the next call tries again.
		var te *TokenError
		if errors.As(err, &te) && ts.usable(ts.tok) {
			return copyToken(ts.tok), nil
		}
		return nil, err
	}
	return tok, nil
}

// ForceRefresh refreshes now, whatever the expiry says; for when the API
// answered 401 to a token we thought was valid. Same errors as Token.
func (ts *TokenSource) ForceRefresh() (*oauth2.Token, error) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if err := ts.check(); err != nil {
		return nil, err
	}
	return ts.renew(true)
}

// check fails when there is no token, or when the token file was removed
// (a logout elsewhere): one stat per call, so every running spotui notices
// at its next request. Called with mu held.
func (ts *TokenSource) check() error {
	switch {
	case ts.loggedOut:
		return ErrLoggedOut
	case ts.tok == nil:
		return ErrNoToken
	case ts.store == nil:
		return nil
	}
	if ts.store.present() {
		ts.inFile = true
		return nil
	}
	// Missing, but never seen and not the token the store last read or
	// wrote: a fresh login whose save hasn't landed yet.
	if !ts.inFile && !ts.store.holds(ts.tok) {
		return nil
	}
	return ts.logOut()
}

// logOut drops the token for good. Called with mu held.
func (ts *TokenSource) logOut() error {
	ts.tok, ts.unsaved, ts.loggedOut = nil, false, true
	return ErrLoggedOut
}

// renew replaces the token and saves it before handing it out. Another
// spotui sharing the cache may have refreshed first: its save rotated our
// refresh token away, so a token it saved since we last looked is taken
// as is when still fresh, and otherwise its refresh token is the one to
// use. force (a 401) always refreshes: a token that merely looks fresh may
// be the one the API just refused. A token not saved yet (an earlier save
// failed) is saved here, under the lock. Called with mu held.
func (ts *TokenSource) renew(force bool) (*oauth2.Token, error) {
	if ts.store != nil {
		// Held until the new token is saved, so the other process reads
		// it instead of refreshing with the refresh token we just spent,
		// and so a logout (Clear takes it too) can't slip in between
		// "the file is there" and our save: we never recreate it.
		defer lockDir(filepath.Dir(ts.store.path), lockWait)()
		ft, missing := ts.store.changedToken()
		switch {
		case missing:
			return nil, ts.logOut()
		case ft != nil:
			ts.tok, ts.unsaved = ft, false
			if !force && ts.valid() {
				return copyToken(ts.tok), nil
			}
		case !force && ts.valid():
			return ts.handOut() // only the save was due
		}
	}
	tok, err := ts.refresh()
	if err != nil {
		return nil, err
	}
	ts.tok, ts.unsaved = tok, true
	return ts.handOut()
}

// String omits the token.
func (ts *TokenSource) String() string { return "auth.TokenSource" }

// GoString keeps %#v as safe as %v.
func (ts *TokenSource) GoString() string { return ts.String() }

// handOut saves an unsaved token, then returns a copy so callers can't
// change ours. Called with mu and the directory lock held, after renew saw
// the file still there.
func (ts *TokenSource) handOut() (*oauth2.Token, error) {
	if ts.unsaved && ts.store != nil {
		if err := ts.store.Save(ts.tok); err != nil {
			return nil, err
		}
	}
	ts.unsaved = false
	return copyToken(ts.tok), nil
}

// refresh uses oauth2's own refresh, which keeps the old refresh token
// when the reply omits one. Called with mu held.
func (ts *TokenSource) refresh() (*oauth2.Token, error) {
	old := ts.tok
	if old.RefreshToken == "" {
		return nil, &expiredError{}
	}
	// An empty access token makes oauth2 refresh immediately.
	tok, err := ts.oauth.TokenSource(ts.ctx, &oauth2.Token{RefreshToken: old.RefreshToken}).Token()
	if err != nil {
		if isInvalidGrant(err) {
			return nil, &expiredError{cause: err}
		}
		return nil, tokenError("refresh the login", err, old.RefreshToken, old.AccessToken)
	}
	tok = ts.cfg.stamp(tok)
	// Spotify may leave scope out of a refresh reply; it hasn't changed.
	if scopeOf(tok) == "" && scopeOf(old) != "" {
		tok = tok.WithExtra(map[string]any{"scope": scopeOf(old)})
	}
	return tok, nil
}

// valid: good to hand out without refreshing. Without a refresh token
// there is nothing to gain by refreshing early: use the token until it
// really expires.
func (ts *TokenSource) valid() bool {
	return ts.fresh(ts.tok) || (ts.tok.RefreshToken == "" && ts.usable(ts.tok))
}

// fresh: valid and not inside the refresh margin.
func (ts *TokenSource) fresh(t *oauth2.Token) bool {
	return t.AccessToken != "" && (t.Expiry.IsZero() || ts.cfg.now().Add(refreshMargin).Before(t.Expiry))
}

// usable: not yet expired, even if inside the margin.
func (ts *TokenSource) usable(t *oauth2.Token) bool {
	return t.AccessToken != "" && (t.Expiry.IsZero() || ts.cfg.now().Before(t.Expiry))
}

// stamp recomputes Expiry from expires_in with our clock: oauth2 uses
// time.Now, which would disagree with an injected clock.
func (c Config) stamp(t *oauth2.Token) *oauth2.Token {
	if t.ExpiresIn > 0 {
		t.Expiry = c.now().Add(time.Duration(t.ExpiresIn) * time.Second)
	}
	return t
}

// scopeOf reads the granted scope, which oauth2 keeps only in Extra.
func scopeOf(t *oauth2.Token) string {
	if t == nil {
		return ""
	}
	s, _ := t.Extra("scope").(string)
	return s
}

func copyToken(t *oauth2.Token) *oauth2.Token {
	c := *t
	return &c
}
