package auth

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestForgedCallbackIsIgnored: a forged reply (any web page can send one to
// the loopback port) is refused with a page and doesn't end the attempt;
// the real one then logs in, and the forged code is never redeemed.
func TestForgedCallbackIsIgnored(t *testing.T) {
	tests := []struct{ name, query string }{
		{"wrong state", "code=x&state=forged"},
		{"missing state", "code=x"},
		{"denied, wrong state", "error=access_denied&state=forged"},
		{"two states", "code=x&state=forged&state=forged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			a := e.begin(t)
			waited := make(chan error, 1)
			go func() {
				_, err := a.WaitReporting(context.Background(), 0)
				waited <- err
			}()
			st, body := get(t, newClient(t, true), a.RedirectURI()+"?"+tt.query)
			if st != http.StatusBadRequest || !strings.Contains(body, "isn&#39;t from the login spotui started") {
				t.Errorf("forged callback page: %d %q", st, body)
			}
			var ig *IgnoredCallbackError
			if err := <-waited; !errors.As(err, &ig) || ig.Count != 1 {
				t.Fatalf("WaitReporting after a forged callback: %v, want *IgnoredCallbackError{1}", err)
			}
			if a.finished() {
				t.Fatal("the forged callback ended the attempt")
			}

			pg := browse(e.browser, a.URL())
			tok, err := a.WaitReporting(context.Background(), ig.Count)
			if err != nil || tok == nil || tok.AccessToken == "" {
				t.Fatalf("real login after a forged callback: %v", err)
			}
			if p := <-pg; p.status != http.StatusOK || !strings.Contains(p.body, "Logged in") {
				t.Errorf("real callback page: %d %q", p.status, p.body)
			}
			// One exchange, and it succeeded: "x" would have been refused.
			reqs := e.tokenRequests()
			if len(reqs) != 1 || reqs[0].Status != http.StatusOK || reqs[0].Form.Get("grant_type") != "authorization_code" {
				t.Errorf("token endpoint saw %+v; want only the real code's exchange", reqs)
			}
			e.assertNoViolations(t)
			assertReleased(t, a)
		})
	}
}

// TestWaitIgnoresForgedCallbackSilently: plain Wait (spotui login) doesn't
// report strays, it just keeps waiting.
func TestWaitIgnoresForgedCallbackSilently(t *testing.T) {
	e := newEnv(t)
	a := e.begin(t)
	if st, _ := get(t, newClient(t, true), a.RedirectURI()+"?code=x&state=forged"); st != http.StatusBadRequest {
		t.Errorf("forged callback: %d, want 400", st)
	}
	pg := browse(e.browser, a.URL())
	if tok, err := a.Wait(context.Background()); err != nil || tok == nil {
		t.Fatalf("Wait: %v", err)
	}
	<-pg
	if n := len(e.tokenRequests()); n != 1 {
		t.Errorf("%d token requests, want 1", n)
	}
}

func TestAccessDenied(t *testing.T) {
	e := newEnv(t)
	e.fake.DenyNextLogin()
	a := e.begin(t)
	pg := browse(e.browser, a.URL())
	tok, err := a.Wait(context.Background())
	if !errors.Is(err, ErrAccessDenied) || tok != nil {
		t.Fatalf("got %v, %v; want ErrAccessDenied", tok, err)
	}
	if err.Error() != "login refused in the browser" {
		t.Errorf("message %q", err.Error())
	}
	if p := <-pg; p.status != http.StatusForbidden || !strings.Contains(p.body, "login refused") {
		t.Errorf("denied page: %d %q", p.status, p.body)
	}
	if n := len(e.tokenRequests()); n != 0 {
		t.Errorf("%d token requests after a refusal", n)
	}
	e.assertNoViolations(t)
}

func TestCallbackErrorFromSpotify(t *testing.T) {
	e := newEnv(t)
	a := e.begin(t)
	pg := browse(e.browser, a.RedirectURI()+"?error=server_error&error_description=%3Cb%3Eoops%3C%2Fb%3E&state="+url.QueryEscape(a.state))
	_, err := a.Wait(context.Background())
	var ce *CallbackError
	if !errors.As(err, &ce) || ce.Code != "server_error" || ce.Description != "<b>oops</b>" {
		t.Fatalf("got %v, want *CallbackError server_error", err)
	}
	// Text from the URL is escaped on the page.
	if p := <-pg; strings.Contains(p.body, "<b>oops") || !strings.Contains(p.body, "&lt;b&gt;oops") {
		t.Errorf("page doesn't escape the description: %q", p.body)
	}
}

func TestStrayRequestsDontEndAttempt(t *testing.T) {
	e := newEnv(t)
	a := e.begin(t)
	ru, _ := url.Parse(a.RedirectURI())
	c := newClient(t, false)
	base := "http://" + ru.Host
	tests := []struct {
		method, url string
		host        string
		status      int
	}{
		{"GET", base + "/favicon.ico", "", http.StatusNotFound},
		{"GET", base + "/", "", http.StatusNotFound},
		{"GET", base + "/callback/extra?code=x&state=" + a.state, "", http.StatusNotFound},
		{"GET", a.RedirectURI(), "", http.StatusBadRequest},
		{"GET", a.RedirectURI() + "?state=" + a.state, "", http.StatusBadRequest},
		{"GET", a.RedirectURI() + "?foo=bar", "", http.StatusBadRequest},
		{"POST", a.RedirectURI() + "?code=x&state=" + a.state, "", http.StatusMethodNotAllowed},
		{"GET", a.RedirectURI() + "?code=x&state=" + a.state, "evil.example:" + ru.Port(), http.StatusMisdirectedRequest},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, tt.url, nil)
		if tt.host != "" {
			req.Host = tt.host
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%s %s (Host %q): %d, want %d", tt.method, tt.url, tt.host, resp.StatusCode, tt.status)
		}
	}
	// The attempt is still alive: the real login goes through.
	pg := browse(e.browser, a.URL())
	if _, err := a.Wait(context.Background()); err != nil {
		t.Fatalf("login after stray requests: %v", err)
	}
	if p := <-pg; p.status != http.StatusOK {
		t.Errorf("page %d", p.status)
	}
	e.assertNoViolations(t)
}

func TestFirstCallbackWins(t *testing.T) {
	e := newEnv(t)
	a := e.begin(t)
	first := browse(e.browser, a.URL()) // waits for the exchange in Wait
	waitFor(t, 10*time.Second, "the first callback", a.finished)
	st, body := get(t, newClient(t, true), a.RedirectURI()+"?code=second&state="+url.QueryEscape(a.state))
	if st != http.StatusOK || !strings.Contains(body, "already finished") {
		t.Errorf("second callback: %d %q", st, body)
	}
	tok, err := a.Wait(context.Background())
	if err != nil || tok == nil {
		t.Fatalf("Wait: %v", err)
	}
	if p := <-first; !strings.Contains(p.body, "Logged in") {
		t.Errorf("first page %q", p.body)
	}
	if n := len(e.tokenRequests()); n != 1 {
		t.Errorf("%d exchanges, want 1", n)
	}
	e.assertNoViolations(t)
}

func TestCloseCancelsWait(t *testing.T) {
	e := newEnv(t)
	a := e.begin(t)
	done := make(chan error, 1)
	go func() {
		_, err := a.Wait(context.Background())
		done <- err
	}()
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; !errors.Is(err, ErrCancelled) {
		t.Errorf("Wait after Close: %v, want ErrCancelled", err)
	}
	if err := a.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := a.Wait(context.Background()); !errors.Is(err, ErrCancelled) {
		t.Errorf("Wait on a closed attempt: %v", err)
	}
	assertReleased(t, a)
}

func TestContextEndsWait(t *testing.T) {
	e := newEnv(t)
	a := e.begin(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := a.Wait(ctx)
		done <- err
	}()
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Wait after cancel: %v, want context.Canceled", err)
	}
	assertReleased(t, a)
}

func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	cfg := Config{ClientID: "cid", RedirectURI: "http://127.0.0.1:" + port + "/callback"}
	a, err := cfg.Begin(context.Background())
	var pe *PortInUseError
	if !errors.As(err, &pe) || a != nil {
		t.Fatalf("got %v, %v; want *PortInUseError", a, err)
	}
	if pe.Port != port || !strings.Contains(err.Error(), "port "+port+" is already in use") ||
		!strings.Contains(err.Error(), "SPOTUI_REDIRECT_URI") {
		t.Errorf("PortInUseError{Port: %q}: %q", pe.Port, err.Error())
	}
}

func TestBeginRefusesBadConfig(t *testing.T) {
	_, err := Config{ClientID: "cid", RedirectURI: "http://localhost:8974/callback"}.Begin(context.Background())
	if !errors.Is(err, ErrLocalhostRedirect) || !strings.Contains(err.Error(), "http://127.0.0.1:8974/callback") {
		t.Errorf("localhost: %v", err)
	}
	if _, err := (Config{RedirectURI: portless}).Begin(context.Background()); !errors.Is(err, ErrNoClientID) {
		t.Errorf("no client ID: %v", err)
	}
	var re *RedirectURIError
	if _, err := (Config{ClientID: "cid", RedirectURI: "https://127.0.0.1/cb"}).Begin(context.Background()); !errors.As(err, &re) {
		t.Errorf("https redirect: %v", err)
	}
}

func TestNoGoroutineLeak(t *testing.T) {
	e := newEnv(t)
	e.login(t) // warm up lazily started runtime goroutines
	e.browser.CloseIdleConnections()
	e.cfg.HTTPClient.CloseIdleConnections()
	check := goroutineBaseline(t)

	e.login(t) // success

	closed := e.begin(t) // closed while waiting
	waited := make(chan struct{})
	go func() {
		defer close(waited)
		_, _ = closed.Wait(context.Background())
	}()
	_ = closed.Close()
	<-waited

	a := e.begin(t) // context cancelled
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _ = a.Wait(ctx)

	a = e.begin(t) // a browser connection that never sends a request
	conn, err := net.Dial("tcp", mustHost(t, a.RedirectURI()))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_ = a.Close()
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Close took %v with an idle browser connection", d)
	}
	_ = conn.Close()

	e.browser.CloseIdleConnections()
	e.cfg.HTTPClient.CloseIdleConnections()
	check()
	noAuthGoroutines(t)
}
