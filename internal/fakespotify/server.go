// Package fakespotify is a strict in-process fake of Spotify's accounts
// service and the parts of the Web API spotui uses. Tests and `spotui --demo`
// run against it because the real Spotify is out of reach; it is strict so
// that client mistakes (a sent secret, a reused code, ignoring Retry-After)
// show up as errors or Violations rather than passing silently.
//
// Accounts and API share one server: the accounts base is the server's URL
// (/authorize, /api/token) and the API base is that URL + "/v1".
package fakespotify

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// DemoClientID is the client id of the one app registered by default.
const DemoClientID = "5f2b1c0e9a8d4e7f8b6c3d2a1e0f9b8c"

// DefaultRedirectURI is the redirect URI registered by default.
const DefaultRedirectURI = "http://127.0.0.1:8974/callback"

// maxBody bounds what the fake reads of a request body; real bodies here are
// a few hundred bytes.
const maxBody = 1 << 20

// Options configures a Server. The zero value is a working demo.
type Options struct {
	ClientID       string           // the one registered app; "" → DemoClientID
	RedirectURIs   []string         // registered redirect URIs; nil → {DefaultRedirectURI}
	Now            func() time.Time // clock; nil → time.Now
	AccessTokenTTL time.Duration    // 0 → 1h (expires_in 3600)
	Items          []Item           // the looping playlist; nil → DemoPlaylist()
}

// Server is the fake. It is an http.Handler; Start serves it on a loopback
// port. All methods are safe for concurrent use.
type Server struct {
	// Fixed at New.
	clientID     string
	redirectURIs []string
	now          func() time.Time
	ttl          time.Duration
	items        []Item
	imageIDs     map[string]bool
	routes       map[string]map[string]route // path → method → route

	mu sync.Mutex
	// accounts
	codes       map[string]*authCode
	access      map[string]*accessToken
	refresh     map[string]*refreshToken
	rotated     map[string]bool // refresh tokens replaced by rotation
	denyNext    bool
	omitRefresh bool
	// player and library
	pb      playback
	devices []Device
	saved   map[string]bool
	// faults and records
	failures   []Failure
	requests   []Request
	violations []string
	retryUntil map[string]time.Time // service → end of a 429's Retry-After
	images     map[string][]byte    // encoded JPEG cache

	httpSrv *http.Server
}

// New builds a server from opts; see Options for the defaults.
func New(opts Options) *Server {
	s := &Server{
		clientID:     opts.ClientID,
		redirectURIs: append([]string(nil), opts.RedirectURIs...),
		now:          opts.Now,
		ttl:          opts.AccessTokenTTL,
		items:        copyItems(opts.Items),
		codes:        map[string]*authCode{},
		access:       map[string]*accessToken{},
		refresh:      map[string]*refreshToken{},
		rotated:      map[string]bool{},
		saved:        map[string]bool{},
		retryUntil:   map[string]time.Time{},
		images:       map[string][]byte{},
	}
	if s.clientID == "" {
		s.clientID = DemoClientID
	}
	if opts.RedirectURIs == nil {
		s.redirectURIs = []string{DefaultRedirectURI}
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.ttl <= 0 {
		s.ttl = time.Hour
	}
	s.imageIDs = map[string]bool{}
	for _, it := range s.items {
		for _, id := range []string{it.AlbumID, it.ShowID, it.coverID()} {
			if id != "" {
				s.imageIDs[id] = true
			}
		}
	}
	s.devices = demoDevices()
	s.pb = playback{
		playing:   true,
		changedAt: s.now(),
		activeDev: 0,
		lastDev:   0,
		premium:   true,
		repeat:    "context",
	}
	// One saved track so a demo shows both states of the "saved" mark.
	if len(s.items) > 1 {
		s.saved[s.items[1].URI()] = true
	}
	s.routes = s.buildRoutes()
	return s
}

// Start listens on 127.0.0.1:0 and serves until Close. It returns the base
// URL, e.g. "http://127.0.0.1:PORT".
func (s *Server) Start() (baseURL string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.httpSrv != nil {
		return "", errors.New("fakespotify: already started")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	s.httpSrv = srv
	go func() { _ = srv.Serve(ln) }() // ErrServerClosed after Close
	return "http://" + ln.Addr().String(), nil
}

// Close stops a server started with Start; it is a no-op otherwise. Open
// connections are closed, which also ends any injected Delay.
func (s *Server) Close() error {
	s.mu.Lock()
	srv := s.httpSrv
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	if err := srv.Close(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// call is what a route handler sees of one request.
type call struct {
	r     *http.Request
	now   time.Time
	query url.Values
	body  []byte
	base  string // "http://host" as the client reached us
}

// ServeHTTP logs the request, applies injected failures, and dispatches.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now := s.now()
	path := r.URL.Path
	var body []byte
	if path == tokenPath {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		_ = r.ParseForm() // a bad body leaves PostForm empty; the handler answers 400
	} else if r.Body != nil && r.Method != http.MethodGet {
		body, _ = io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	}

	s.mu.Lock()
	idx := s.logRequest(now, r)
	s.checkRetryWindow(now, path)
	f, failing := s.takeFailure(r.Method, path)
	s.mu.Unlock()

	var rep reply
	handled := false
	if failing {
		if f.Delay > 0 && !sleepCtx(r.Context(), f.Delay) {
			return // the client gave up; Status stays 0
		}
		if f.Status != 0 {
			rep, handled = failureReply(f, path), true
			if f.Status == http.StatusTooManyRequests && f.RetryAfter > 0 {
				s.mu.Lock()
				s.openRetryWindow(s.now(), path, f.RetryAfter)
				s.mu.Unlock()
			}
		}
		now = s.now() // a delay moved the clock on
	}
	if !handled {
		c := &call{r: r, now: now, query: r.URL.Query(), body: body, base: baseOf(r)}
		if strings.HasPrefix(path, imagesPrefix) {
			rep = s.serveImage(c)
		} else {
			s.mu.Lock()
			rep = s.dispatch(c)
			s.mu.Unlock()
		}
	}

	s.mu.Lock()
	s.requests[idx].Status = rep.statusCode()
	s.mu.Unlock()
	rep.write(w)
}

// dispatch routes a request; s.mu is held.
func (s *Server) dispatch(c *call) reply {
	byMethod, ok := s.routes[c.r.URL.Path]
	if !ok {
		return apiError(http.StatusNotFound, "Service not found", "")
	}
	rt, ok := byMethod[c.r.Method]
	if !ok {
		if c.r.URL.Path == authorizePath {
			return htmlPage(http.StatusMethodNotAllowed, "Method not allowed")
		}
		if c.r.URL.Path == tokenPath {
			return tokenError(http.StatusMethodNotAllowed, "invalid_request", "Method not allowed")
		}
		return apiError(http.StatusMethodNotAllowed, "Method not allowed", "")
	}
	if rt.api {
		tok, rep, ok := s.authenticate(c)
		if !ok {
			return rep
		}
		if !tok.hasAny(rt.scopes) {
			return apiError(http.StatusForbidden, "Insufficient client scope", "")
		}
	}
	return rt.handle(c)
}

// sleepCtx waits d of real time (injected delays test client timeouts, which
// run on the real clock); false if ctx ended first.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// baseOf is the scheme and host the client used, so URLs we hand out (images,
// hrefs) point back at this server whatever port it runs on.
func baseOf(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// serviceOf names the rate-limit domain of a path: Spotify limits the Web API
// and the accounts service separately.
func serviceOf(path string) string {
	switch {
	case strings.HasPrefix(path, "/v1/"):
		return "api"
	case path == tokenPath || path == authorizePath:
		return "accounts"
	}
	return ""
}
