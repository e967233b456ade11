package fakespotify

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestAuthorize(t *testing.T) {
	_, challenge := pkcePair()
	tests := []struct {
		name      string
		opts      Options
		edit      func(v url.Values)
		deny      bool
		wantPage  string // 400 page text; "" means a redirect is expected
		wantError string // error param of the redirect; "" means a code
		wantState bool
		violation string
	}{
		{name: "happy path", edit: func(url.Values) {}, wantState: true},
		{name: "unknown client", edit: func(v url.Values) { v.Set("client_id", "0000") }, wantPage: "INVALID_CLIENT: Invalid client"},
		{name: "missing client", edit: func(v url.Values) { v.Del("client_id") }, wantPage: "INVALID_CLIENT: Invalid client"},
		{name: "unregistered redirect", edit: func(v url.Values) { v.Set("redirect_uri", "http://127.0.0.1:8974/other") }, wantPage: "INVALID_CLIENT: Invalid redirect URI"},
		{name: "other port than registered", edit: func(v url.Values) { v.Set("redirect_uri", "http://127.0.0.1:9999/callback") }, wantPage: "INVALID_CLIENT: Invalid redirect URI"},
		{name: "missing redirect", edit: func(v url.Values) { v.Del("redirect_uri") }, wantPage: "INVALID_CLIENT: Invalid redirect URI"},
		{
			name: "localhost refused even when registered", opts: Options{RedirectURIs: []string{"http://localhost:8974/callback"}},
			edit:     func(v url.Values) { v.Set("redirect_uri", "http://localhost:8974/callback") },
			wantPage: "INVALID_CLIENT: Invalid redirect URI", violation: "localhost",
		},
		{
			name: "loopback without port matches any port", opts: Options{RedirectURIs: []string{"http://127.0.0.1/callback"}},
			edit: func(v url.Values) { v.Set("redirect_uri", "http://127.0.0.1:53682/callback") }, wantState: true,
		},
		{
			name: "ipv6 loopback without port matches any port", opts: Options{RedirectURIs: []string{"http://[::1]/callback"}},
			edit: func(v url.Values) { v.Set("redirect_uri", "http://[::1]:40000/callback") }, wantState: true,
		},
		{
			name: "loopback any port still needs the path", opts: Options{RedirectURIs: []string{"http://127.0.0.1/callback"}},
			edit: func(v url.Values) { v.Set("redirect_uri", "http://127.0.0.1:53682/cb") }, wantPage: "INVALID_CLIENT: Invalid redirect URI",
		},
		{
			name: "non-loopback host has no port wildcard", opts: Options{RedirectURIs: []string{"http://example.com/callback"}},
			edit: func(v url.Values) { v.Set("redirect_uri", "http://example.com:8080/callback") }, wantPage: "INVALID_CLIENT: Invalid redirect URI",
		},
		{name: "missing PKCE", edit: func(v url.Values) { v.Del("code_challenge"); v.Del("code_challenge_method") }, wantError: "invalid_request", wantState: true, violation: "PKCE missing"},
		{name: "plain method", edit: func(v url.Values) { v.Set("code_challenge_method", "plain") }, wantError: "invalid_request", wantState: true},
		{name: "short challenge", edit: func(v url.Values) { v.Set("code_challenge", "abc") }, wantError: "invalid_request", wantState: true},
		{name: "challenge not base64url", edit: func(v url.Values) { v.Set("code_challenge", strings.Repeat("+", 43)) }, wantError: "invalid_request", wantState: true},
		{name: "implicit response type", edit: func(v url.Values) { v.Set("response_type", "token") }, wantError: "invalid_request", wantState: true},
		{name: "missing scope", edit: func(v url.Values) { v.Del("scope") }, wantError: "invalid_request", wantState: true},
		{name: "unknown scope", edit: func(v url.Values) { v.Set("scope", "user-read-playback-state user-read-minds") }, wantError: "invalid_request", wantState: true},
		{name: "missing state is allowed but noted", edit: func(v url.Values) { v.Del("state") }, violation: "missing state"},
		{name: "user denies", edit: func(url.Values) {}, deny: true, wantError: "access_denied", wantState: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, tc.opts)
			if tc.deny {
				e.s.DenyNextLogin()
			}
			v := authorizeParams(challenge, "xyz-state")
			tc.edit(v)
			r, loc := e.authorize(v)

			if tc.wantPage != "" {
				if r.status != http.StatusBadRequest || !strings.Contains(string(r.body), tc.wantPage) {
					t.Fatalf("got %d %q, want 400 page with %q", r.status, r.body, tc.wantPage)
				}
				if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
					t.Errorf("Content-Type %q", ct)
				}
			} else {
				if loc == nil {
					t.Fatalf("got %d %q, want a redirect", r.status, r.body)
				}
				want, _ := url.Parse(v.Get("redirect_uri"))
				if loc.Scheme != want.Scheme || loc.Host != want.Host || loc.Path != want.Path {
					t.Errorf("redirected to %v, want %v", loc, want)
				}
				q := loc.Query()
				if got := q.Get("error"); got != tc.wantError {
					t.Errorf("error=%q (%s), want %q", got, q.Get("error_description"), tc.wantError)
				}
				if tc.wantError == "" && q.Get("code") == "" {
					t.Error("no code")
				}
				if tc.wantError != "" && q.Get("code") != "" {
					t.Error("code issued with an error")
				}
				if tc.wantError == "invalid_request" && q.Get("error_description") == "" {
					t.Error("no error_description")
				}
				if got := q.Get("state"); tc.wantState && got != "xyz-state" {
					t.Errorf("state=%q", got)
				}
			}
			if tc.violation != "" {
				e.wantViolation(tc.violation)
			} else {
				e.noViolations()
			}
		})
	}
}

func TestDenyNextLoginIsOneShot(t *testing.T) {
	e := newEnv(t, Options{})
	e.s.DenyNextLogin()
	_, challenge := pkcePair()
	_, loc := e.authorize(authorizeParams(challenge, "s"))
	if loc.Query().Get("error") != "access_denied" {
		t.Fatalf("first: %v", loc)
	}
	_, loc = e.authorize(authorizeParams(challenge, "s"))
	if loc.Query().Get("code") == "" {
		t.Fatalf("second: %v", loc)
	}
}

func TestAuthorizeWrongMethod(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.do(http.MethodPost, "/authorize", "", nil)
	if r.status != http.StatusMethodNotAllowed {
		t.Fatalf("got %d", r.status)
	}
}

func TestCustomClientID(t *testing.T) {
	e := newEnv(t, Options{ClientID: "0123456789abcdef0123456789abcdef"})
	_, challenge := pkcePair()
	if r, _ := e.authorize(authorizeParams(challenge, "s")); r.status != http.StatusBadRequest {
		t.Fatalf("demo id accepted by a server with another id: %d", r.status)
	}
	v := authorizeParams(challenge, "s")
	v.Set("client_id", "0123456789abcdef0123456789abcdef")
	if _, loc := e.authorize(v); loc == nil || loc.Query().Get("code") == "" {
		t.Fatal("registered id refused")
	}
}
