package fakespotify

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/internal/clocktest"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// newClock is a settable clock for Options.Now.
func newClock() *clocktest.Clock {
	return clocktest.New(time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC))
}

// env is one fake behind an httptest server, with a client that does not
// follow redirects (the /authorize answers are what we test).
type env struct {
	t      *testing.T
	s      *Server
	ts     *httptest.Server
	clock  *clocktest.Clock
	client *http.Client
}

func newEnv(t *testing.T, opts Options) *env {
	t.Helper()
	clock := newClock()
	if opts.Now == nil {
		opts.Now = clock.Now
	}
	s := New(opts)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return &env{
		t: t, s: s, ts: ts, clock: clock,
		client: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
	}
}

// result is a finished response with its body read.
type result struct {
	status int
	header http.Header
	body   []byte
}

func (e *env) do(method, path, token string, body io.Reader, hdr ...string) result {
	e.t.Helper()
	req, err := http.NewRequest(method, e.ts.URL+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := e.client.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return result{resp.StatusCode, resp.Header, b}
}

func (e *env) get(path, token string) result { return e.do(http.MethodGet, path, token, nil) }

func (e *env) decode(r result, v any) {
	e.t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		e.t.Fatalf("decode %d %q: %v", r.status, r.body, err)
	}
}

// apiError reads a Web API error body the way the api package does.
func (e *env) apiError(r result) *api.Error {
	e.t.Helper()
	var wire struct {
		Error struct {
			Status  int    `json:"status"`
			Message string `json:"message"`
			Reason  string `json:"reason"`
		} `json:"error"`
	}
	e.decode(r, &wire)
	if wire.Error.Status != r.status {
		e.t.Errorf("body status %d, HTTP status %d", wire.Error.Status, r.status)
	}
	ae := &api.Error{Status: r.status, Message: wire.Error.Message, Reason: wire.Error.Reason}
	if n, err := strconv.Atoi(r.header.Get("Retry-After")); err == nil {
		ae.RetryAfter = time.Duration(n) * time.Second
	}
	return ae
}

// oauthError reads the accounts service's {"error","error_description"}.
func (e *env) oauthError(r result) (code, desc string) {
	e.t.Helper()
	var wire struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	e.decode(r, &wire)
	return wire.Error, wire.Description
}

func pkcePair() (verifier, challenge string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	verifier = base64.RawURLEncoding.EncodeToString(b)
	return verifier, s256(verifier)
}

func authorizeParams(challenge, state string, scopes ...string) url.Values {
	if len(scopes) == 0 {
		scopes = SpotuiScopes()
	}
	return url.Values{
		"client_id":             {DemoClientID},
		"response_type":         {"code"},
		"redirect_uri":          {DefaultRedirectURI},
		"state":                 {state},
		"scope":                 {strings.Join(scopes, " ")},
		"code_challenge_method": {"S256"},
		"code_challenge":        {challenge},
	}
}

// authorize calls /authorize and returns the response and, for a redirect,
// the parsed Location.
func (e *env) authorize(v url.Values) (result, *url.URL) {
	e.t.Helper()
	r := e.get("/authorize?"+v.Encode(), "")
	if r.status != http.StatusFound {
		return r, nil
	}
	loc, err := url.Parse(r.header.Get("Location"))
	if err != nil {
		e.t.Fatal(err)
	}
	return r, loc
}

// code runs /authorize successfully and returns the code and verifier.
func (e *env) code(scopes ...string) (code, verifier string) {
	e.t.Helper()
	verifier, challenge := pkcePair()
	_, loc := e.authorize(authorizeParams(challenge, "st8", scopes...))
	if loc == nil || loc.Query().Get("code") == "" {
		e.t.Fatalf("authorize did not return a code: %v", loc)
	}
	return loc.Query().Get("code"), verifier
}

func (e *env) postToken(form url.Values, hdr ...string) result {
	e.t.Helper()
	hdr = append([]string{"Content-Type", "application/x-www-form-urlencoded"}, hdr...)
	return e.do(http.MethodPost, "/api/token", "", strings.NewReader(form.Encode()), hdr...)
}

func exchangeForm(code, verifier string) url.Values {
	return url.Values{
		"grant_type":    {"authorization_code"},
		"code":          {code},
		"redirect_uri":  {DefaultRedirectURI},
		"client_id":     {DemoClientID},
		"code_verifier": {verifier},
	}
}

func refreshForm(refresh string) url.Values {
	return url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refresh}, "client_id": {DemoClientID}}
}

// login runs the whole PKCE flow and returns the token reply.
func (e *env) login(scopes ...string) tokenReply {
	e.t.Helper()
	code, verifier := e.code(scopes...)
	r := e.postToken(exchangeForm(code, verifier))
	if r.status != http.StatusOK {
		e.t.Fatalf("token exchange: %d %s", r.status, r.body)
	}
	var tr tokenReply
	e.decode(r, &tr)
	return tr
}

func (e *env) noViolations() {
	e.t.Helper()
	if v := e.s.Violations(); len(v) > 0 {
		e.t.Errorf("unexpected violations: %q", v)
	}
}

func (e *env) wantViolation(substr string) {
	e.t.Helper()
	for _, v := range e.s.Violations() {
		if strings.Contains(v, substr) {
			return
		}
	}
	e.t.Errorf("no violation containing %q in %q", substr, e.s.Violations())
}

// playing fetches currently-playing and decodes it.
func (e *env) playing(token, query string) (result, api.CurrentlyPlaying) {
	e.t.Helper()
	r := e.get("/v1/me/player/currently-playing"+query, token)
	var cp api.CurrentlyPlaying
	if r.status == http.StatusOK {
		e.decode(r, &cp)
	}
	return r, cp
}
