package fakespotify

import (
	"net"
	"net/url"
	"strings"
	"time"
)

const (
	authorizePath = "/authorize"
	tokenPath     = "/api/token"

	// codeTTL is how long an authorization code can be exchanged.
	codeTTL = 10 * time.Minute
)

// authCode is an issued authorization code and what it was issued for.
type authCode struct {
	clientID    string
	redirectURI string
	challenge   string
	scopes      []string
	expires     time.Time
	used        bool
}

// knownScope reports whether Spotify defines scope.
func knownScope(scope string) bool {
	switch scope {
	case "app-remote-control", "streaming", "ugc-image-upload",
		"playlist-read-private", "playlist-read-collaborative",
		"playlist-modify-public", "playlist-modify-private",
		"user-library-read", "user-library-modify",
		"user-read-private", "user-read-email",
		"user-follow-read", "user-follow-modify",
		"user-top-read", "user-read-recently-played",
		"user-read-playback-position", "user-read-playback-state",
		"user-read-currently-playing", "user-modify-playback-state",
		"user-personalized":
		return true
	}
	return false
}

// handleAuthorize auto-approves a valid request, like a user clicking Agree.
// Errors that make the redirect URI untrustworthy are shown as a page;
// anything after that goes back to the app as an OAuth error redirect.
func (s *Server) handleAuthorize(c *call) reply {
	q := c.query
	if q.Get("client_id") != s.clientID {
		return htmlPage(400, "INVALID_CLIENT: Invalid client")
	}
	redirect := q.Get("redirect_uri")
	target, ok := s.redirectAllowed(redirect)
	if !ok {
		return htmlPage(400, "INVALID_CLIENT: Invalid redirect URI")
	}
	state := q.Get("state")
	if state == "" {
		s.violate("missing state in /authorize (no CSRF protection)")
	}
	back := func(params map[string]string) reply {
		v := target.Query()
		for k, val := range params {
			v.Set(k, val)
		}
		if state != "" {
			v.Set("state", state)
		}
		u := *target
		u.RawQuery = v.Encode()
		return redirectTo(u.String())
	}
	invalid := func(desc string) reply {
		return back(map[string]string{"error": "invalid_request", "error_description": desc})
	}

	if q.Get("response_type") != "code" {
		return invalid("response_type must be code")
	}
	challenge, method := q.Get("code_challenge"), q.Get("code_challenge_method")
	if challenge == "" {
		s.violate("PKCE missing: /authorize without code_challenge")
		return invalid("code_challenge required")
	}
	if method != "S256" {
		return invalid("code_challenge_method must be S256")
	}
	if !validPKCEString(challenge, false) {
		return invalid("code_challenge must be 43-128 base64url characters")
	}
	scopes := strings.Fields(q.Get("scope"))
	if len(scopes) == 0 {
		return invalid("scope required")
	}
	for _, sc := range scopes {
		if !knownScope(sc) {
			return invalid("Invalid scope: " + sc)
		}
	}

	if s.denyNext {
		s.denyNext = false
		return back(map[string]string{"error": "access_denied"})
	}
	code := newSecret("AQ")
	s.codes[code] = &authCode{
		clientID:    s.clientID,
		redirectURI: redirect,
		challenge:   challenge,
		scopes:      dedupe(scopes),
		expires:     c.now.Add(codeTTL),
	}
	return back(map[string]string{"code": code})
}

// redirectAllowed matches raw against the registered redirect URIs: exactly,
// or, for a registered loopback IP URI without a port, with any port (RFC
// 8252 §7.3). "localhost" is never accepted, as on Spotify since 2025.
func (s *Server) redirectAllowed(raw string) (*url.URL, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" || u.Fragment != "" {
		return nil, false
	}
	if strings.EqualFold(u.Hostname(), "localhost") {
		s.violate("localhost redirect URI used (Spotify refuses it; use 127.0.0.1)")
		return nil, false
	}
	for _, reg := range s.redirectURIs {
		if reg == raw {
			return u, true
		}
		r, err := url.Parse(reg)
		if err != nil || r.Port() != "" || u.Port() == "" {
			continue
		}
		ip := net.ParseIP(r.Hostname())
		if ip == nil || !ip.IsLoopback() {
			continue
		}
		if r.Scheme == u.Scheme && r.Hostname() == u.Hostname() &&
			r.EscapedPath() == u.EscapedPath() && r.RawQuery == u.RawQuery {
			return u, true
		}
	}
	return nil, false
}

// validPKCEString checks RFC 7636's shape: 43–128 characters, base64url for
// a challenge, any unreserved character for a verifier.
func validPKCEString(v string, verifier bool) bool {
	if len(v) < 43 || len(v) > 128 {
		return false
	}
	for _, r := range v {
		switch {
		case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9',
			r == '-', r == '_', verifier && (r == '.' || r == '~'):
		default:
			return false
		}
	}
	return true
}

func dedupe(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range in {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
