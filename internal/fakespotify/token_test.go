package fakespotify

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestCodeFlowHappyPath(t *testing.T) {
	e := newEnv(t, Options{})
	code, verifier := e.code("user-read-currently-playing", "user-read-playback-state")
	r := e.postToken(exchangeForm(code, verifier))
	if r.status != http.StatusOK {
		t.Fatalf("got %d %s", r.status, r.body)
	}
	if cc := r.header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q", cc)
	}
	var raw map[string]any
	e.decode(r, &raw)
	for _, k := range []string{"access_token", "token_type", "expires_in", "refresh_token", "scope"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("reply lacks %q: %s", k, r.body)
		}
	}
	var tr tokenReply
	e.decode(r, &tr)
	if tr.TokenType != "Bearer" || tr.ExpiresIn != 3600 || tr.Scope != "user-read-currently-playing user-read-playback-state" {
		t.Errorf("reply %+v", tr)
	}
	if tr.AccessToken == "" || tr.RefreshToken == "" || tr.AccessToken == tr.RefreshToken {
		t.Errorf("tokens %q %q", tr.AccessToken, tr.RefreshToken)
	}
	if r, _ := e.playing(tr.AccessToken, ""); r.status != http.StatusOK {
		t.Errorf("token does not work: %d %s", r.status, r.body)
	}
	e.noViolations()
}

func TestTokenExchangeErrors(t *testing.T) {
	tests := []struct {
		name      string
		edit      func(f url.Values)
		hdr       []string
		wantCode  string
		wantDesc  string
		violation string
	}{
		{name: "wrong verifier", edit: func(f url.Values) { f.Set("code_verifier", strings.Repeat("a", 43)) }, wantCode: "invalid_grant", wantDesc: "code_verifier was incorrect"},
		{name: "missing verifier", edit: func(f url.Values) { f.Del("code_verifier") }, wantCode: "invalid_grant", wantDesc: "code_verifier was incorrect", violation: "PKCE missing"},
		{name: "redirect mismatch", edit: func(f url.Values) { f.Set("redirect_uri", "http://127.0.0.1:8974/other") }, wantCode: "invalid_grant", wantDesc: "Invalid redirect URI"},
		{name: "unknown code", edit: func(f url.Values) { f.Set("code", "AQnope") }, wantCode: "invalid_grant", wantDesc: "Invalid authorization code"},
		{name: "unknown client", edit: func(f url.Values) { f.Set("client_id", "nope") }, wantCode: "invalid_client"},
		{name: "missing client", edit: func(f url.Values) { f.Del("client_id") }, wantCode: "invalid_client"},
		{name: "client secret field", edit: func(f url.Values) { f.Set("client_secret", "s3cr3t") }, wantCode: "invalid_client", wantDesc: "Invalid client secret", violation: "client secret sent"},
		{name: "basic auth header", edit: func(url.Values) {}, hdr: []string{"Authorization", "Basic YWJjZGVmZzoxMjM0NTY3"}, wantCode: "invalid_client", wantDesc: "Invalid client secret", violation: "client secret sent"},
		{name: "unsupported grant", edit: func(f url.Values) { f.Set("grant_type", "client_credentials") }, wantCode: "unsupported_grant_type"},
		{name: "missing grant", edit: func(f url.Values) { f.Del("grant_type") }, wantCode: "invalid_request"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, Options{})
			code, verifier := e.code()
			f := exchangeForm(code, verifier)
			tc.edit(f)
			r := e.postToken(f, tc.hdr...)
			if r.status != http.StatusBadRequest {
				t.Fatalf("got %d %s", r.status, r.body)
			}
			gotCode, gotDesc := e.oauthError(r)
			if gotCode != tc.wantCode || (tc.wantDesc != "" && gotDesc != tc.wantDesc) {
				t.Errorf("got %q %q, want %q %q", gotCode, gotDesc, tc.wantCode, tc.wantDesc)
			}
			if tc.violation != "" {
				e.wantViolation(tc.violation)
			} else {
				e.noViolations()
			}
			if strings.Contains(fmt.Sprint(e.s.Violations()), "s3cr3t") {
				t.Error("a violation leaks the secret")
			}
		})
	}
}

func TestTokenWrongContentType(t *testing.T) {
	e := newEnv(t, Options{})
	code, verifier := e.code()
	body, _ := json.Marshal(map[string]string{"grant_type": "authorization_code", "code": code, "code_verifier": verifier})
	r := e.do(http.MethodPost, "/api/token", "", strings.NewReader(string(body)), "Content-Type", "application/json")
	if r.status != http.StatusBadRequest {
		t.Fatalf("got %d", r.status)
	}
	if r := e.get("/api/token", ""); r.status != http.StatusMethodNotAllowed {
		t.Fatalf("GET: %d", r.status)
	}
}

func TestCodeIsSingleUse(t *testing.T) {
	e := newEnv(t, Options{})
	code, verifier := e.code()
	if r := e.postToken(exchangeForm(code, verifier)); r.status != http.StatusOK {
		t.Fatalf("first: %d %s", r.status, r.body)
	}
	r := e.postToken(exchangeForm(code, verifier))
	if c, d := e.oauthError(r); r.status != 400 || c != "invalid_grant" || d != "Invalid authorization code" {
		t.Fatalf("reuse: %d %s", r.status, r.body)
	}
	e.wantViolation("authorization code reused")
}

func TestCodeExpiresAfterTenMinutes(t *testing.T) {
	e := newEnv(t, Options{})
	code, verifier := e.code()
	e.clock.Advance(10*time.Minute + time.Second)
	r := e.postToken(exchangeForm(code, verifier))
	if c, _ := e.oauthError(r); c != "invalid_grant" {
		t.Fatalf("got %d %s", r.status, r.body)
	}
}

func TestRefresh(t *testing.T) {
	t.Run("rotation", func(t *testing.T) {
		e := newEnv(t, Options{})
		first := e.login()
		r := e.postToken(refreshForm(first.RefreshToken))
		if r.status != http.StatusOK {
			t.Fatalf("refresh: %d %s", r.status, r.body)
		}
		var second tokenReply
		e.decode(r, &second)
		if second.RefreshToken == "" || second.RefreshToken == first.RefreshToken || second.AccessToken == first.AccessToken {
			t.Fatalf("no rotation: %+v", second)
		}
		if second.Scope != first.Scope {
			t.Errorf("scope %q, want %q", second.Scope, first.Scope)
		}
		if r, _ := e.playing(second.AccessToken, ""); r.status != 200 {
			t.Errorf("new access token: %d", r.status)
		}
		e.noViolations()
		r = e.postToken(refreshForm(first.RefreshToken))
		if c, d := e.oauthError(r); c != "invalid_grant" || d != "Invalid refresh token" {
			t.Fatalf("old refresh token: %d %s", r.status, r.body)
		}
		e.wantViolation("rotation")
		if r := e.postToken(refreshForm(second.RefreshToken)); r.status != 200 {
			t.Fatalf("new refresh token: %d %s", r.status, r.body)
		}
	})
	t.Run("omitted", func(t *testing.T) {
		e := newEnv(t, Options{})
		first := e.login()
		e.s.SetOmitRefreshToken(true)
		for i := 0; i < 2; i++ {
			r := e.postToken(refreshForm(first.RefreshToken))
			if r.status != http.StatusOK {
				t.Fatalf("refresh %d: %d %s", i, r.status, r.body)
			}
			var raw map[string]any
			e.decode(r, &raw)
			if _, ok := raw["refresh_token"]; ok {
				t.Fatalf("refresh_token present: %s", r.body)
			}
		}
		e.noViolations()
	})
	t.Run("revoked", func(t *testing.T) {
		e := newEnv(t, Options{})
		first := e.login()
		e.s.RevokeRefreshTokens()
		r := e.postToken(refreshForm(first.RefreshToken))
		if c, d := e.oauthError(r); r.status != 400 || c != "invalid_grant" || d != "Invalid refresh token" {
			t.Fatalf("got %d %s", r.status, r.body)
		}
		e.noViolations()
		if r, _ := e.playing(first.AccessToken, ""); r.status != 200 {
			t.Errorf("access token died with the refresh token: %d", r.status)
		}
		if again := e.login(); again.RefreshToken == "" {
			t.Error("new login after revocation gave no refresh token")
		}
	})
}

func TestAccessTokenExpiry(t *testing.T) {
	t.Run("knob", func(t *testing.T) {
		e := newEnv(t, Options{})
		tr := e.login()
		e.s.ExpireAccessTokens()
		r, _ := e.playing(tr.AccessToken, "")
		if ae := e.apiError(r); ae.Status != 401 || ae.Message != "The access token expired" {
			t.Fatalf("got %+v", ae)
		}
		if !strings.Contains(r.header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("WWW-Authenticate %q", r.header.Get("WWW-Authenticate"))
		}
		r = e.postToken(refreshForm(tr.RefreshToken))
		var next tokenReply
		e.decode(r, &next)
		if r, _ := e.playing(next.AccessToken, ""); r.status != 200 {
			t.Fatalf("refreshed token: %d %s", r.status, r.body)
		}
	})
	t.Run("clock", func(t *testing.T) {
		e := newEnv(t, Options{AccessTokenTTL: 2 * time.Minute})
		tr := e.login()
		if tr.ExpiresIn != 120 {
			t.Errorf("expires_in %d", tr.ExpiresIn)
		}
		e.clock.Advance(119 * time.Second)
		if r, _ := e.playing(tr.AccessToken, ""); r.status != 200 {
			t.Fatalf("before expiry: %d", r.status)
		}
		e.clock.Advance(time.Second)
		r, _ := e.playing(tr.AccessToken, "")
		if ae := e.apiError(r); ae.Message != "The access token expired" {
			t.Fatalf("after expiry: %+v", ae)
		}
	})
}

func TestRequestsRedactSecrets(t *testing.T) {
	e := newEnv(t, Options{})
	code, verifier := e.code()
	r := e.postToken(exchangeForm(code, verifier))
	var tr tokenReply
	e.decode(r, &tr)
	e.postToken(refreshForm(tr.RefreshToken))
	e.playing(tr.AccessToken, "")

	reqs := e.s.Requests()
	dump := fmt.Sprintf("%+v", reqs)
	for _, secret := range []string{code, verifier, tr.AccessToken, tr.RefreshToken} {
		if strings.Contains(dump, secret) {
			t.Fatalf("Requests() leaks a secret: %s", dump)
		}
	}
	var tokenReqs []Request
	for _, rq := range reqs {
		if rq.Path == "/api/token" {
			tokenReqs = append(tokenReqs, rq)
		}
	}
	if len(tokenReqs) != 2 {
		t.Fatalf("%d token requests", len(tokenReqs))
	}
	ex, rf := tokenReqs[0].Form, tokenReqs[1].Form
	if ex.Get("code") != "REDACTED" || ex.Get("code_verifier") != "REDACTED" || ex.Get("grant_type") != "authorization_code" || ex.Get("client_id") != DemoClientID {
		t.Errorf("exchange form %v", ex)
	}
	if rf.Get("refresh_token") != "REDACTED" || rf.Get("grant_type") != "refresh_token" {
		t.Errorf("refresh form %v", rf)
	}
	last := reqs[len(reqs)-1]
	if last.Method != "GET" || last.Path != "/v1/me/player/currently-playing" || last.Status != 200 || !last.HasAuthorizationHeader || last.Form != nil {
		t.Errorf("last request %+v", last)
	}
	if reqs[0].Path != "/authorize" || reqs[0].Status != http.StatusFound || reqs[0].Query.Get("state") != "st8" {
		t.Errorf("first request %+v", reqs[0])
	}
	if n := e.s.RequestCount("POST", "/api/token"); n != 2 {
		t.Errorf("RequestCount = %d", n)
	}
	// The log is a copy: editing it must not change the server's.
	reqs[1].Form.Set("grant_type", "x")
	if e.s.Requests()[1].Form.Get("grant_type") != "authorization_code" {
		t.Error("Requests() shares maps with the server")
	}
}

func TestIssueTokens(t *testing.T) {
	e := newEnv(t, Options{})
	at, rt := e.s.IssueTokens()
	if r, _ := e.playing(at, ""); r.status != 200 {
		t.Fatalf("issued access token: %d", r.status)
	}
	if r := e.postToken(refreshForm(rt)); r.status != 200 {
		t.Fatalf("issued refresh token: %d", r.status)
	}
	narrow, _ := e.s.IssueTokens("user-library-read")
	if r, _ := e.playing(narrow, ""); r.status != 403 {
		t.Fatalf("narrow token: %d", r.status)
	}
}
