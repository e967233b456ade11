// Package auth logs spotui in to Spotify with OAuth 2.0 Authorization Code
// + PKCE over a loopback redirect, as a public client: there is no client
// secret anywhere. It also caches the token on disk and refreshes it.
package auth

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// Scope is what spotui needs: read what's playing, control playback, and
// like/unlike tracks (the library scopes).
const Scope = "user-read-currently-playing user-read-playback-state user-modify-playback-state " +
	"user-library-read user-library-modify"

// ScopeLibrary is what the like key needs; older tokens may lack it.
const ScopeLibrary = "user-library-modify"

// DefaultRedirectURI must be registered in the user's Spotify app. It uses
// 127.0.0.1 because Spotify rejects "localhost" redirect URIs since 2025.
const DefaultRedirectURI = "http://127.0.0.1:8974/callback"

// DefaultAccountsURL is Spotify's accounts service.
const DefaultAccountsURL = "https://accounts.spotify.com"

// defaultHTTPTimeout bounds one token request so a dead network shows an
// error instead of a frozen login.
const defaultHTTPTimeout = 15 * time.Second

// Config describes the Spotify app and how to reach Spotify. The zero value
// of every field but ClientID has a usable default.
type Config struct {
	ClientID    string
	RedirectURI string           // "" → DefaultRedirectURI; validated by ValidateRedirectURI
	AccountsURL string           // "" → DefaultAccountsURL; /authorize and /api/token hang off it
	Scopes      []string         // nil → strings.Fields(Scope)
	HTTPClient  *http.Client     // token exchange and refresh; nil → 15 s timeout client
	Now         func() time.Time // nil → time.Now; decides token expiry
}

func (c Config) redirectURI() string {
	if c.RedirectURI == "" {
		return DefaultRedirectURI
	}
	return c.RedirectURI
}

func (c Config) accountsURL() string {
	if c.AccountsURL == "" {
		return DefaultAccountsURL
	}
	return strings.TrimRight(c.AccountsURL, "/")
}

func (c Config) scopes() []string {
	if c.Scopes == nil {
		return strings.Fields(Scope)
	}
	return c.Scopes
}

func (c Config) httpClient() *http.Client {
	if c.HTTPClient == nil {
		return &http.Client{Timeout: defaultHTTPTimeout}
	}
	return c.HTTPClient
}

func (c Config) now() time.Time {
	if c.Now == nil {
		return time.Now()
	}
	return c.Now()
}

// clientContext carries our HTTP client into oauth2, which has no other
// way to take one.
func (c Config) clientContext(ctx context.Context) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, c.httpClient())
}

// OAuth2 returns the oauth2 configuration for this app. AuthStyleInParams
// sends client_id in the form and never an Authorization header: a public
// client has no secret to put there, and oauth2's probing of both styles
// would send a needless second request.
func (c Config) OAuth2() *oauth2.Config {
	base := c.accountsURL()
	return &oauth2.Config{
		ClientID: c.ClientID,
		Endpoint: oauth2.Endpoint{
			AuthURL:   base + "/authorize",
			TokenURL:  base + "/api/token",
			AuthStyle: oauth2.AuthStyleInParams,
		},
		RedirectURL: c.redirectURI(),
		Scopes:      c.scopes(),
	}
}

// ValidateRedirectURI checks that raw is a loopback redirect Spotify will
// accept and that we can listen on: http://127.0.0.1[:port]/path or
// http://[::1][:port]/path.
func ValidateRedirectURI(raw string) (*url.URL, error) {
	bad := func(reason string) (*url.URL, error) {
		return nil, &RedirectURIError{URI: raw, Reason: reason}
	}
	u, err := url.Parse(raw)
	if err != nil || u.Opaque != "" {
		return bad("is not a valid URL — use e.g. " + DefaultRedirectURI)
	}
	if strings.EqualFold(u.Hostname(), "localhost") {
		port := u.Port()
		if port == "" {
			port = "PORT"
		}
		path := u.EscapedPath()
		if path == "" || path == "/" {
			path = "/callback"
		}
		return nil, &RedirectURIError{
			URI:    raw,
			Reason: "uses localhost, which Spotify no longer accepts — register http://127.0.0.1:" + port + path + " in your Spotify app and use that",
			Err:    ErrLocalhostRedirect,
		}
	}
	if u.Scheme != "http" {
		return bad(`must start with "http://" (the login reply comes back to this computer)`)
	}
	if u.User != nil {
		return bad("must not contain a user name or password")
	}
	// Exact literals only: Spotify compares redirect URIs as strings, and
	// these two are the loopback forms it documents.
	switch h := u.Host; {
	case h == "127.0.0.1" || strings.HasPrefix(h, "127.0.0.1:"):
	case h == "[::1]" || strings.HasPrefix(h, "[::1]:"):
	default:
		return bad("must use host 127.0.0.1 or [::1], e.g. " + DefaultRedirectURI)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 || p[0] == '0' {
			return bad("has an invalid port")
		}
	} else if strings.HasSuffix(u.Host, ":") {
		return bad("has an empty port")
	}
	if u.Path == "" || u.Path == "/" {
		return bad("needs a path, e.g. /callback")
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(raw, "#") {
		return bad("must not have a query or fragment")
	}
	return u, nil
}
