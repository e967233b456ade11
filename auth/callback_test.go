package auth

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

func TestParseCallback(t *testing.T) {
	const st = "STATE-123"
	tests := []struct {
		name     string
		query    string
		want     string
		wantErr  error
		wantCode string // for *CallbackError
	}{
		{"ok", "code=abc&state=STATE-123", "abc", nil, ""},
		{"no params", "", "", ErrIncompleteCallback, ""},
		{"state only", "state=STATE-123", "", ErrIncompleteCallback, ""},
		{"empty code", "code=&state=STATE-123", "", ErrIncompleteCallback, ""},
		{"wrong state", "code=abc&state=STATE-124", "", ErrStateMismatch, ""},
		{"state prefix", "code=abc&state=STATE-12", "", ErrStateMismatch, ""},
		{"missing state", "code=abc", "", ErrStateMismatch, ""},
		{"empty state", "code=abc&state=", "", ErrStateMismatch, ""},
		{"two states", "code=abc&state=STATE-123&state=STATE-123", "", ErrStateMismatch, ""},
		{"denied", "error=access_denied&state=STATE-123", "", ErrAccessDenied, ""},
		{"denied wrong state", "error=access_denied&state=nope", "", ErrStateMismatch, ""},
		{"other error", "error=server_error&error_description=try+later&state=STATE-123", "", nil, "server_error"},
		{"error beats code", "code=abc&error=access_denied&state=STATE-123", "", ErrAccessDenied, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			code, err := ParseCallback(q, st)
			if code != tt.want {
				t.Errorf("code = %q, want %q", code, tt.want)
			}
			if tt.wantCode != "" {
				var ce *CallbackError
				if !errors.As(err, &ce) || ce.Code != tt.wantCode {
					t.Fatalf("err = %v, want *CallbackError %s", err, tt.wantCode)
				}
				if ce.Description != "try later" || !strings.Contains(err.Error(), "try later") {
					t.Errorf("description lost: %q", err.Error())
				}
				return
			}
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
		})
	}
	// An attempt without a state must never accept anything.
	if code, err := ParseCallback(url.Values{"code": {"abc"}, "state": {""}}, ""); err == nil || code != "" {
		t.Errorf("empty wanted state accepted: %q, %v", code, err)
	}
}

// FuzzParseCallback: never panics, and a code comes back only with exactly
// the wanted state.
func FuzzParseCallback(f *testing.F) {
	f.Add("code=abc&state=xyz", "xyz")
	f.Add("error=access_denied&state=xyz", "xyz")
	f.Add("code=abc&state=xyz&state=xyz", "xyz")
	f.Add("code=%ZZ&state=", "")
	f.Fuzz(func(t *testing.T, rawQuery, wantState string) {
		q, _ := url.ParseQuery(rawQuery) // keeps what parsed before an error
		code, err := ParseCallback(q, wantState)
		if err == nil {
			if code == "" || wantState == "" || len(q["state"]) != 1 || q["state"][0] != wantState || q.Get("code") != code {
				t.Fatalf("accepted %q with state %q", rawQuery, wantState)
			}
			if q.Get("error") != "" {
				t.Fatalf("accepted a code alongside error=%q", q.Get("error"))
			}
		} else if code != "" {
			t.Fatalf("returned code %q with error %v", code, err)
		}
	})
}

func TestValidateRedirectURI(t *testing.T) {
	tests := []struct {
		raw       string
		ok        bool
		localhost bool
		mention   string // expected in the message
	}{
		{"http://127.0.0.1:8974/callback", true, false, ""},
		{"http://127.0.0.1/callback", true, false, ""},
		{"http://[::1]:9000/cb", true, false, ""},
		{"http://[::1]/cb/deeper", true, false, ""},
		{"http://localhost:8974/callback", false, true, "http://127.0.0.1:8974/callback"},
		{"http://LOCALHOST/callback", false, true, "127.0.0.1:PORT/callback"},
		{"https://127.0.0.1:8974/callback", false, false, "http://"},
		{"spotui://callback", false, false, ""},
		{"http://192.168.1.2:8974/callback", false, false, "127.0.0.1"},
		{"http://127.0.0.2:8974/callback", false, false, "127.0.0.1"},
		{"http://example.com/callback", false, false, "127.0.0.1"},
		{"http://127.0.0.1:8974", false, false, "path"},
		{"http://127.0.0.1:8974/", false, false, "path"},
		{"http://127.0.0.1:8974/callback?x=1", false, false, "query"},
		{"http://127.0.0.1:8974/callback?", false, false, "query"},
		{"http://127.0.0.1:8974/callback#top", false, false, "fragment"},
		{"http://127.0.0.1:99999/callback", false, false, "port"},
		{"http://127.0.0.1:0/callback", false, false, "port"},
		{"http://127.0.0.1:/callback", false, false, "port"},
		{"http://user@127.0.0.1:8974/callback", false, false, "user"},
		{"", false, false, ""},
		{"127.0.0.1:8974/callback", false, false, ""},
	}
	for _, tt := range tests {
		u, err := ValidateRedirectURI(tt.raw)
		if tt.ok {
			if err != nil || u == nil {
				t.Errorf("%q: got %v, want ok", tt.raw, err)
			}
			continue
		}
		var re *RedirectURIError
		if err == nil || !errors.As(err, &re) || u != nil {
			t.Errorf("%q: got %v, %v; want *RedirectURIError", tt.raw, u, err)
			continue
		}
		if errors.Is(err, ErrLocalhostRedirect) != tt.localhost {
			t.Errorf("%q: errors.Is(ErrLocalhostRedirect) = %v", tt.raw, !tt.localhost)
		}
		if !strings.Contains(err.Error(), tt.mention) {
			t.Errorf("%q: message %q doesn't mention %q", tt.raw, err.Error(), tt.mention)
		}
	}
}
