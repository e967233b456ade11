package fakespotify

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

const cpPath = "/v1/me/player/currently-playing"

func TestFailNextRetryAfter(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	e.s.FailNext(Failure{Path: cpPath, Status: 429, RetryAfter: 2})

	r, _ := e.playing(tok, "")
	ae := e.apiError(r)
	if ae.Status != 429 || ae.RetryAfter != 2*time.Second || ae.Message != "API rate limit exceeded" {
		t.Fatalf("got %+v", ae)
	}
	e.noViolations()

	// Asking again at once ignores Retry-After: answered, but noted.
	if r, _ := e.playing(tok, ""); r.status != 200 {
		t.Fatalf("second: %d", r.status)
	}
	e.wantViolation("request to " + cpPath + " during Retry-After window")

	// The accounts service is limited separately.
	_, rt := e.s.IssueTokens()
	e.postToken(refreshForm(rt))
	if n := len(e.s.Violations()); n != 1 {
		t.Errorf("violations %q", e.s.Violations())
	}

	e.clock.Advance(2 * time.Second)
	e.playing(tok, "")
	if n := len(e.s.Violations()); n != 1 {
		t.Errorf("after the window: %q", e.s.Violations())
	}
}

func TestFailNextMatching(t *testing.T) {
	tests := []struct {
		name    string
		f       Failure
		reqs    []string // "METHOD path"
		want    []int
		wantMsg string
		reason  string
	}{
		{name: "count", f: Failure{Path: cpPath, Status: 503, Count: 2},
			reqs: []string{"GET " + cpPath, "GET " + cpPath, "GET " + cpPath}, want: []int{503, 503, 200}, wantMsg: "Service unavailable"},
		{name: "method filter", f: Failure{Method: "PUT", Path: "/v1/me/player/pause", Status: 500},
			reqs: []string{"GET " + cpPath, "PUT /v1/me/player/pause", "PUT /v1/me/player/pause"}, want: []int{200, 500, 204}, wantMsg: "Server error"},
		{name: "path filter", f: Failure{Path: "/v1/me/player", Status: 502},
			reqs: []string{"GET " + cpPath, "GET /v1/me/player"}, want: []int{200, 502}, wantMsg: "Bad gateway"},
		{name: "any path", f: Failure{Status: 500, Message: "boom", Reason: "X"},
			reqs: []string{"GET /v1/me/player/devices", "GET /v1/me/player/devices"}, want: []int{500, 200}, wantMsg: "boom", reason: "X"},
		{name: "injected 401", f: Failure{Path: cpPath, Status: 401},
			reqs: []string{"GET " + cpPath}, want: []int{401}, wantMsg: "Invalid access token"},
		{name: "injected 403 with reason", f: Failure{Path: "/v1/me/player/next", Status: 403, Message: "Player command failed: Premium required", Reason: "PREMIUM_REQUIRED"},
			reqs: []string{"POST /v1/me/player/next"}, want: []int{403}, wantMsg: "Player command failed: Premium required", reason: "PREMIUM_REQUIRED"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, Options{})
			tok := e.token()
			e.s.FailNext(tc.f)
			for i, rq := range tc.reqs {
				method, path, _ := strings.Cut(rq, " ")
				r := e.do(method, path, tok, nil)
				if r.status != tc.want[i] {
					t.Fatalf("request %d (%s): %d, want %d", i, rq, r.status, tc.want[i])
				}
				if r.status == tc.f.Status {
					if ae := e.apiError(r); ae.Message != tc.wantMsg || ae.Reason != tc.reason {
						t.Errorf("request %d: %+v", i, ae)
					}
				}
			}
			if got := e.s.Requests()[0].Status; got != tc.want[0] {
				t.Errorf("logged status %d", got)
			}
		})
	}
}

func TestFailNextShapes(t *testing.T) {
	t.Run("token endpoint", func(t *testing.T) {
		e := newEnv(t, Options{})
		e.s.FailNext(Failure{Path: "/api/token", Status: 503, RetryAfter: 5})
		code, verifier := e.code()
		r := e.postToken(exchangeForm(code, verifier))
		c, d := e.oauthError(r)
		if r.status != 503 || c != "temporarily_unavailable" || d != "Service unavailable" || r.header.Get("Retry-After") != "5" {
			t.Fatalf("got %d %s %v", r.status, r.body, r.header)
		}
		// The code was not spent by the failed attempt.
		if r := e.postToken(exchangeForm(code, verifier)); r.status != 200 {
			t.Fatalf("retry: %d %s", r.status, r.body)
		}
		e.noViolations()
	})
	t.Run("token endpoint with reason", func(t *testing.T) {
		e := newEnv(t, Options{})
		e.s.FailNext(Failure{Path: "/api/token", Status: 400, Reason: "invalid_grant", Message: "Refresh token revoked"})
		_, rt := e.s.IssueTokens()
		if c, d := e.oauthError(e.postToken(refreshForm(rt))); c != "invalid_grant" || d != "Refresh token revoked" {
			t.Fatalf("got %q %q", c, d)
		}
	})
	t.Run("raw body", func(t *testing.T) {
		e := newEnv(t, Options{})
		e.s.FailNext(Failure{Path: cpPath, Status: 502, Body: "<html>bad gateway</html>"})
		r, _ := e.playing(e.token(), "")
		if r.status != 502 || string(r.body) != "<html>bad gateway</html>" || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
			t.Fatalf("got %d %q %q", r.status, r.body, r.header.Get("Content-Type"))
		}
	})
}

func TestFailNextDelay(t *testing.T) {
	t.Run("client gives up", func(t *testing.T) {
		e := newEnv(t, Options{})
		e.s.FailNext(Failure{Path: cpPath, Status: 503, Delay: 10 * time.Second})
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, "GET", e.ts.URL+cpPath, nil)
		req.Header.Set("Authorization", "Bearer "+e.token())
		start := time.Now()
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			t.Fatalf("got a response: %d", resp.StatusCode)
		}
		if time.Since(start) > 5*time.Second {
			t.Fatal("the delay did not stop with the client")
		}
		if reqs := e.s.Requests(); len(reqs) != 1 || reqs[0].Status != 0 {
			t.Errorf("log %+v", reqs)
		}
	})
	t.Run("delay then normal answer", func(t *testing.T) {
		e := newEnv(t, Options{})
		e.s.FailNext(Failure{Path: cpPath, Delay: 50 * time.Millisecond})
		start := time.Now()
		r, cp := e.playing(e.token(), "")
		if r.status != 200 || cp.Item == nil || time.Since(start) < 50*time.Millisecond {
			t.Fatalf("got %d after %v", r.status, time.Since(start))
		}
	})
}

// Spotify limits the app, not the endpoint: a 429 on a control or on the
// like lookup puts every Web API path in the window.
func TestRetryAfterCoversEveryAPIPath(t *testing.T) {
	for _, first := range []string{"PUT /v1/me/player/pause", "GET /v1/me/library/contains"} {
		for _, next := range []string{"GET /v1/me/player", "GET /v1/me/library/contains", "PUT /v1/me/library",
			"GET /v1/me/player/devices", "POST /v1/me/player/next", "PUT /v1/me/player/volume", "PUT /v1/me/player"} {
			t.Run(first+" then "+next, func(t *testing.T) {
				e := newEnv(t, Options{})
				tok := e.token()
				m, p, _ := strings.Cut(first, " ")
				e.s.FailNext(Failure{Method: m, Path: p, Status: 429, RetryAfter: 5})
				if r := e.do(m, p, tok, nil); r.status != 429 {
					t.Fatalf("first: %d", r.status)
				}
				e.clock.Advance(4900 * time.Millisecond)
				m, p, _ = strings.Cut(next, " ")
				e.do(m, p, tok, nil)
				e.wantViolation(ViolationRetryAfterIgnored + ": request to " + p)
				if n := len(e.s.Violations()); n != 1 {
					t.Errorf("violations %q", e.s.Violations())
				}
			})
		}
	}
}

func TestAShorter429KeepsTheLongerWindow(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	e.s.FailNext(Failure{Path: "/v1/me/player/pause", Status: 429, RetryAfter: 30})
	e.do("PUT", "/v1/me/player/pause", tok, nil)
	e.s.FailNext(Failure{Path: "/v1/me/library/contains", Status: 429, RetryAfter: 1})
	e.do("GET", "/v1/me/library/contains", tok, nil) // itself inside the window: one violation
	e.clock.Advance(10 * time.Second)
	e.get("/v1/me/player", tok)
	if n := len(e.s.Violations()); n != 2 {
		t.Errorf("violations %q, want the 30 s window kept", e.s.Violations())
	}
	e.clock.Advance(20 * time.Second)
	e.get("/v1/me/player", tok)
	if n := len(e.s.Violations()); n != 2 {
		t.Errorf("after 30 s: %q", e.s.Violations())
	}
}
