package auth

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/spotui/spotui/internal/clocktest"
	"github.com/spotui/spotui/internal/fakespotify"
	"golang.org/x/oauth2"
)

// portless is registered in the fake so every test gets a free port.
const portless = "http://127.0.0.1/callback"

// env is a fake Spotify plus a config pointing at it.
type env struct {
	fake    *fakespotify.Server
	clock   *clocktest.Clock
	cfg     Config
	browser *http.Client // plays the user's browser; follows redirects
}

func newEnv(t *testing.T) *env {
	t.Helper()
	clk := newClock()
	fake := fakespotify.New(fakespotify.Options{
		ClientID:     fakespotify.DemoClientID,
		RedirectURIs: []string{portless},
		Now:          clk.Now,
	})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	return &env{
		fake:  fake,
		clock: clk,
		cfg: Config{
			ClientID:    fakespotify.DemoClientID,
			RedirectURI: portless,
			AccountsURL: srv.URL,
			HTTPClient:  newClient(t, true),
			Now:         clk.Now,
		},
		browser: newClient(t, true),
	}
}

// page is what the browser ended up showing.
type page struct {
	status int
	header http.Header
	body   string
	err    error
}

// browse opens u in the "browser" in the background: the callback page
// only answers once Wait has exchanged the code.
func browse(c *http.Client, u string) <-chan page {
	ch := make(chan page, 1)
	go func() {
		resp, err := c.Get(u)
		if err != nil {
			ch <- page{err: err}
			return
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		ch <- page{status: resp.StatusCode, header: resp.Header, body: string(body), err: err}
	}()
	return ch
}

func (e *env) begin(t *testing.T) *Attempt {
	t.Helper()
	a, err := e.cfg.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Close() })
	return a
}

// login runs a whole browser login and returns the token.
func (e *env) login(t *testing.T) *oauth2.Token {
	t.Helper()
	a := e.begin(t)
	pg := browse(e.browser, a.URL())
	tok, err := a.Wait(context.Background())
	if err != nil {
		t.Fatalf("Wait: %v", err)
	}
	if p := <-pg; p.err != nil || p.status != http.StatusOK {
		t.Fatalf("browser page: %d %v", p.status, p.err)
	}
	return tok
}

func (e *env) assertNoViolations(t *testing.T) {
	t.Helper()
	if v := e.fake.Violations(); len(v) != 0 {
		t.Errorf("fake Spotify recorded violations: %q", v)
	}
}

// tokenRequests returns the logged POSTs to /api/token.
func (e *env) tokenRequests() []fakespotify.Request {
	var out []fakespotify.Request
	for _, r := range e.fake.Requests() {
		if r.Method == http.MethodPost && r.Path == "/api/token" {
			out = append(out, r)
		}
	}
	return out
}

// assertReleased checks that the attempt's port can be bound again, i.e.
// its server is gone.
func assertReleased(t *testing.T, a *Attempt) {
	t.Helper()
	u, err := url.Parse(a.RedirectURI())
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", u.Host)
	if err != nil {
		t.Fatalf("port of the finished attempt still taken: %v", err)
	}
	_ = ln.Close()
}

func mustQuery(t *testing.T, raw string) url.Values {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}

func mustHost(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}
