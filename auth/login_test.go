package auth

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/spotui/spotui/internal/fakespotify"
	"golang.org/x/oauth2"
)

func TestLoginWithFake(t *testing.T) {
	e := newEnv(t)
	a := e.begin(t)

	au, err := url.Parse(a.URL())
	if err != nil {
		t.Fatal(err)
	}
	q := au.Query()
	if got := au.Scheme + "://" + au.Host + au.Path; got != e.cfg.AccountsURL+"/authorize" {
		t.Errorf("authorize endpoint %q", got)
	}
	want := map[string]string{
		"response_type":         "code",
		"client_id":             fakespotify.DemoClientID,
		"redirect_uri":          a.RedirectURI(),
		"scope":                 Scope,
		"code_challenge_method": "S256",
	}
	for k, v := range want {
		if q.Get(k) != v {
			t.Errorf("authorize URL %s = %q, want %q", k, q.Get(k), v)
		}
	}
	if q.Get("state") == "" || len(q.Get("code_challenge")) != 43 {
		t.Errorf("state %q / code_challenge %q missing or malformed", q.Get("state"), q.Get("code_challenge"))
	}
	if q.Has("client_secret") {
		t.Error("authorize URL carries a client secret")
	}
	// The redirect URI got the port that was actually bound.
	ru, _ := url.Parse(a.RedirectURI())
	if ru.Hostname() != "127.0.0.1" || ru.Port() == "" || ru.Port() == "0" || ru.Path != "/callback" {
		t.Errorf("RedirectURI() = %q, want http://127.0.0.1:<bound port>/callback", a.RedirectURI())
	}

	pg := browse(e.browser, a.URL())
	tok, err := a.Wait(context.Background())
	if err != nil {
		t.Fatalf("Wait: %v", err)
	}
	p := <-pg
	if p.err != nil || p.status != http.StatusOK || !strings.Contains(p.body, "Logged in to spotui — you can close this tab and return to the terminal.") {
		t.Errorf("success page: %d %v %q", p.status, p.err, p.body)
	}
	if ct := p.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cc := p.header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q", cc)
	}
	if tok.AccessToken == "" || tok.RefreshToken == "" || tok.TokenType != "Bearer" {
		t.Errorf("incomplete token: type %q, access %v, refresh %v", tok.TokenType, tok.AccessToken != "", tok.RefreshToken != "")
	}
	if wantExp := e.clock.Now().Add(time.Hour); !tok.Expiry.Equal(wantExp) {
		t.Errorf("expiry %v, want %v (from the injected clock)", tok.Expiry, wantExp)
	}
	if scopeOf(tok) != Scope {
		t.Errorf("scope %q", scopeOf(tok))
	}

	// The exchange as the fake saw it.
	reqs := e.tokenRequests()
	if len(reqs) != 1 {
		t.Fatalf("%d token requests, want 1", len(reqs))
	}
	f := reqs[0].Form
	for k, v := range map[string]string{
		"grant_type":    "authorization_code",
		"client_id":     fakespotify.DemoClientID,
		"redirect_uri":  a.RedirectURI(),
		"code":          "REDACTED",
		"code_verifier": "REDACTED",
	} {
		if f.Get(k) != v {
			t.Errorf("token form %s = %q, want %q", k, f.Get(k), v)
		}
	}
	if f.Has("client_secret") || reqs[0].HasAuthorizationHeader {
		t.Error("token request carried a client secret or Authorization header")
	}
	e.assertNoViolations(t)
	assertReleased(t, a)
}

func TestAttemptsDiffer(t *testing.T) {
	e := newEnv(t)
	seen := map[string]bool{}
	for i := 0; i < 3; i++ {
		a := e.begin(t)
		q, _ := url.Parse(a.URL())
		for _, k := range []string{"state", "code_challenge"} {
			v := q.Query().Get(k)
			if seen[v] {
				t.Errorf("attempt %d reuses %s", i, k)
			}
			seen[v] = true
		}
		_ = a.Close()
	}
}

// TestExchangeRawRequest records the token request byte for byte, without
// the fake's redaction, to check the verifier against the challenge.
func TestExchangeRawRequest(t *testing.T) {
	type recorded struct {
		header http.Header
		form   url.Values
		method string
		path   string
	}
	got := make(chan recorded, 1)
	rec := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		got <- recorded{r.Header.Clone(), r.PostForm, r.Method, r.URL.Path}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"access_token":"AT-raw","token_type":"Bearer","expires_in":3600,"refresh_token":"RT-raw","scope":"user-read-playback-state"}`)
	}))
	defer rec.Close()
	cfg := Config{ClientID: "cid", RedirectURI: portless, AccountsURL: rec.URL, HTTPClient: newClient(t, true)}
	a, err := cfg.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	au, _ := url.Parse(a.URL())
	state, challenge := au.Query().Get("state"), au.Query().Get("code_challenge")

	pg := browse(newClient(t, true), a.RedirectURI()+"?code=the-code&state="+url.QueryEscape(state))
	tok, err := a.Wait(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	<-pg
	if tok.AccessToken != "AT-raw" || scopeOf(tok) != "user-read-playback-state" {
		t.Errorf("token %q scope %q", tok.AccessToken, scopeOf(tok))
	}
	r := <-got
	if r.method != http.MethodPost || r.path != "/api/token" {
		t.Errorf("token request %s %s", r.method, r.path)
	}
	if h := r.header.Get("Authorization"); h != "" {
		t.Errorf("Authorization header sent: %q", h)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		t.Errorf("Content-Type %q", ct)
	}
	want := url.Values{
		"grant_type":    {"authorization_code"},
		"code":          {"the-code"},
		"client_id":     {"cid"},
		"redirect_uri":  {a.RedirectURI()},
		"code_verifier": {r.form.Get("code_verifier")},
	}
	if r.form.Encode() != want.Encode() {
		t.Errorf("token form\n got %v\nwant %v", r.form, want)
	}
	if v := r.form.Get("code_verifier"); v == "" || oauth2.S256ChallengeFromVerifier(v) != challenge {
		t.Errorf("code_verifier doesn't match the code_challenge of the authorize URL")
	}
}

func TestCompleteFromPastedURL(t *testing.T) {
	e := newEnv(t)
	a := e.begin(t)
	waitDone := make(chan error, 1)
	go func() {
		_, err := a.Wait(context.Background())
		waitDone <- err
	}()
	// The browser can't reach us (SSH): it stops at the redirect.
	resp, err := newClient(t, false).Get(a.URL())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc, a.RedirectURI()+"?") {
		t.Fatalf("authorize answered %d %q", resp.StatusCode, loc)
	}
	code := mustQuery(t, loc).Get("code")

	// A bad paste doesn't end the attempt.
	for _, junk := range []string{"", "hello", a.RedirectURI(), "http://127.0.0.1/callback?state=" + a.state} {
		if _, err := a.Complete(context.Background(), junk); !errors.Is(err, ErrIncompleteCallback) {
			t.Errorf("Complete(%q): %v, want ErrIncompleteCallback", junk, err)
		}
	}
	tok, err := a.Complete(context.Background(), "  "+loc+"\n")
	if err != nil || tok.AccessToken == "" {
		t.Fatalf("Complete: %v", err)
	}
	if err := <-waitDone; !errors.Is(err, ErrCancelled) {
		t.Errorf("Wait alongside Complete: %v, want ErrCancelled", err)
	}
	if _, err := a.Complete(context.Background(), loc); !errors.Is(err, ErrAttemptFinished) {
		t.Errorf("second Complete: %v, want ErrAttemptFinished", err)
	}
	assertNoSecrets(t, ErrAttemptFinished, code)
	e.assertNoViolations(t)
	assertReleased(t, a)
}

func TestCompleteStateMismatch(t *testing.T) {
	e := newEnv(t)
	a := e.begin(t)
	_, err := a.Complete(context.Background(), a.RedirectURI()+"?code=abc&state=wrong")
	if !errors.Is(err, ErrStateMismatch) {
		t.Fatalf("got %v, want ErrStateMismatch", err)
	}
	if n := len(e.tokenRequests()); n != 0 {
		t.Errorf("%d token requests after a mismatch", n)
	}
	// Another login's address doesn't end this one: the real one works.
	if a.finished() {
		t.Fatal("a mismatched paste ended the attempt")
	}
	pg := browse(e.browser, a.URL())
	if _, err := a.Wait(context.Background()); err != nil {
		t.Fatalf("real login after a mismatched paste: %v", err)
	}
	<-pg
	assertReleased(t, a)
}

// TestExchangeErrorsHideSecrets: a token endpoint that echoes the code and
// verifier back must not get them onto the screen or the browser page.
func TestExchangeErrorsHideSecrets(t *testing.T) {
	var verifier string
	rec := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		verifier = r.PostForm.Get("code_verifier")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"error":"invalid_grant","error_description":"bad code `+r.PostForm.Get("code")+` for verifier `+verifier+`"}`)
	}))
	defer rec.Close()
	cfg := Config{ClientID: "cid", RedirectURI: portless, AccountsURL: rec.URL, HTTPClient: newClient(t, true)}
	a, err := cfg.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	const code = "CODE-SECRET-42"
	pg := browse(newClient(t, true), a.RedirectURI()+"?code="+code+"&state="+url.QueryEscape(a.state))
	_, err = a.Wait(context.Background())
	var te *TokenError
	if !errors.As(err, &te) || te.Code != "invalid_grant" || errors.Is(err, ErrSessionExpired) {
		t.Fatalf("got %v, want *TokenError invalid_grant (not a session expiry)", err)
	}
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		t.Error("the oauth2 error should stay reachable with errors.As")
	}
	if verifier == "" {
		t.Fatal("no verifier sent")
	}
	assertNoSecrets(t, err, code, verifier, a.state)
	if !strings.Contains(err.Error(), "invalid_grant") {
		t.Errorf("message %q should name the OAuth error", err.Error())
	}
	p := <-pg
	if p.status != http.StatusBadGateway || strings.Contains(p.body, code) || strings.Contains(p.body, verifier) {
		t.Errorf("failure page %d shows a secret or wrong status: %q", p.status, p.body)
	}
}

func TestExchangeServerError(t *testing.T) {
	e := newEnv(t)
	e.fake.FailNext(fakespotify.Failure{Method: "POST", Path: "/api/token", Status: 503, Count: 1})
	a := e.begin(t)
	pg := browse(e.browser, a.URL())
	_, err := a.Wait(context.Background())
	var te *TokenError
	if !errors.As(err, &te) || te.Status != 503 || errors.Is(err, ErrSessionExpired) {
		t.Fatalf("got %v, want *TokenError with status 503", err)
	}
	if !strings.Contains(err.Error(), "503") {
		t.Errorf("message %q should give the status", err.Error())
	}
	<-pg
}
