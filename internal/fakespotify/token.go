package fakespotify

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"math"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"
)

const (
	msgNoToken      = "No token provided"
	msgInvalidToken = "Invalid access token"
	msgExpiredToken = "The access token expired"
)

// accessToken is an issued bearer token.
type accessToken struct {
	scopes  []string
	expires time.Time
	expired bool // set by ExpireAccessTokens, independent of the clock
}

// hasAny reports whether the token carries one of scopes (none = any token).
func (t *accessToken) hasAny(scopes []string) bool {
	if len(scopes) == 0 {
		return true
	}
	for _, want := range scopes {
		for _, have := range t.scopes {
			if want == have {
				return true
			}
		}
	}
	return false
}

// refreshToken is an issued refresh token.
type refreshToken struct {
	scopes []string
}

// tokenReply is the accounts service's token response.
type tokenReply struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	RefreshToken string `json:"refresh_token,omitempty"`
	Scope        string `json:"scope"`
}

// handleToken is POST /api/token for a public PKCE client.
func (s *Server) handleToken(c *call) reply {
	mt, _, _ := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if mt != "application/x-www-form-urlencoded" {
		return tokenError(http.StatusBadRequest, "invalid_request", "Content-Type must be application/x-www-form-urlencoded")
	}
	f := c.r.PostForm
	// A PKCE client has no secret; sending one means it was built for the
	// wrong flow (or leaks a secret it should not have).
	if c.r.Header.Get("Authorization") != "" {
		s.violate("client secret sent to /api/token (Authorization header); a PKCE client has none")
		return tokenError(http.StatusBadRequest, "invalid_client", "Invalid client secret")
	}
	if f.Has("client_secret") {
		s.violate("client secret sent to /api/token (client_secret field); a PKCE client has none")
		return tokenError(http.StatusBadRequest, "invalid_client", "Invalid client secret")
	}
	if f.Get("client_id") != s.clientID {
		return tokenError(http.StatusBadRequest, "invalid_client", "Invalid client")
	}
	switch f.Get("grant_type") {
	case "authorization_code":
		return s.exchangeCode(c, f)
	case "refresh_token":
		return s.refreshGrant(c, f)
	case "":
		return tokenError(http.StatusBadRequest, "invalid_request", "grant_type must be provided")
	}
	return tokenError(http.StatusBadRequest, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token")
}

func (s *Server) exchangeCode(c *call, f url.Values) reply {
	invalid := func(desc string) reply { return tokenError(http.StatusBadRequest, "invalid_grant", desc) }
	ac, ok := s.codes[f.Get("code")]
	if !ok {
		return invalid("Invalid authorization code")
	}
	if ac.used {
		s.violate("authorization code reused")
		return invalid("Invalid authorization code")
	}
	// Any attempt spends the code, as OAuth requires: a failed exchange
	// cannot be retried with other parameters.
	ac.used = true
	if !c.now.Before(ac.expires) {
		return invalid("Invalid authorization code")
	}
	if f.Get("redirect_uri") != ac.redirectURI {
		return invalid("Invalid redirect URI")
	}
	verifier := f.Get("code_verifier")
	if verifier == "" {
		s.violate("PKCE missing: token request without code_verifier")
	}
	if !validPKCEString(verifier, true) || s256(verifier) != ac.challenge {
		return invalid("code_verifier was incorrect")
	}
	return s.tokenResponse(s.issue(c.now, ac.scopes, true))
}

func (s *Server) refreshGrant(c *call, f url.Values) reply {
	old := f.Get("refresh_token")
	rt, ok := s.refresh[old]
	if !ok {
		if s.rotated[old] {
			s.violate("refresh token reused after rotation (the new one was not kept)")
		}
		return tokenError(http.StatusBadRequest, "invalid_grant", "Invalid refresh token")
	}
	if s.omitRefresh {
		return s.tokenResponse(s.issue(c.now, rt.scopes, false))
	}
	delete(s.refresh, old)
	s.rotated[old] = true
	return s.tokenResponse(s.issue(c.now, rt.scopes, true))
}

// issue mints an access token (and a refresh token when withRefresh);
// s.mu is held.
func (s *Server) issue(now time.Time, scopes []string, withRefresh bool) tokenReply {
	at := newSecret("BQ")
	s.access[at] = &accessToken{scopes: scopes, expires: now.Add(s.ttl)}
	tr := tokenReply{
		AccessToken: at,
		TokenType:   "Bearer",
		ExpiresIn:   int(math.Ceil(s.ttl.Seconds())),
		Scope:       strings.Join(scopes, " "),
	}
	if withRefresh {
		tr.RefreshToken = newSecret("AQ")
		s.refresh[tr.RefreshToken] = &refreshToken{scopes: scopes}
	}
	return tr
}

func (s *Server) tokenResponse(tr tokenReply) reply {
	rp := jsonReply(http.StatusOK, tr)
	rp.set("Cache-Control", "no-store")
	rp.set("Pragma", "no-cache")
	return rp
}

// IssueTokens mints a token pair without the login flow, for tests of code
// that starts from a stored token. No scopes means SpotuiScopes().
func (s *Server) IssueTokens(scopes ...string) (accessToken, refreshToken string) {
	if len(scopes) == 0 {
		scopes = SpotuiScopes()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tr := s.issue(s.now(), dedupe(scopes), true)
	return tr.AccessToken, tr.RefreshToken
}

// SpotuiScopes are the scopes spotui's endpoints need.
func SpotuiScopes() []string {
	return []string{
		scopeReadCurrently, scopeReadState, scopeModifyState,
		scopeLibraryRead, scopeLibraryModify,
	}
}

// authenticate checks the bearer token of an API request; s.mu is held.
func (s *Server) authenticate(c *call) (*accessToken, reply, bool) {
	h := c.r.Header.Get("Authorization")
	if h == "" {
		return nil, apiError(http.StatusUnauthorized, msgNoToken, ""), false
	}
	scheme, tok, _ := strings.Cut(h, " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return nil, apiError(http.StatusBadRequest, "Only valid bearer authentication supported", ""), false
	}
	t, ok := s.access[strings.TrimSpace(tok)]
	if !ok {
		return nil, apiError(http.StatusUnauthorized, msgInvalidToken, ""), false
	}
	if t.expired || !c.now.Before(t.expires) {
		return nil, apiError(http.StatusUnauthorized, msgExpiredToken, ""), false
	}
	return t, reply{}, true
}

// s256 is the PKCE S256 transform: base64url-no-pad(SHA256(verifier)).
func s256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// newSecret returns a random token with a Spotify-like prefix.
func newSecret(prefix string) string {
	b := make([]byte, 48)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}
