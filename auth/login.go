package auth

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/oauth2"
)

// Attempt is one login in progress: a loopback server waiting for the
// browser, plus the state and PKCE verifier that only this attempt knows.
// Finish it with Wait or Complete, or abandon it with Close; until then its
// server keeps running.
type Attempt struct {
	cfg      Config
	oauth    *oauth2.Config
	state    string
	verifier string
	authURL  string
	redirect string
	host     string // host:port the browser must use
	path     string // redirect path, the only one served

	srv    *http.Server
	ln     net.Listener
	conns  *connTracker
	served chan struct{} // closed when Serve returns

	results chan callbackResult // the first ending callback; buffered 1
	life    context.Context     // done once the attempt has ended
	cancel  context.CancelFunc

	mu      sync.Mutex
	done    bool          // an ending callback was accepted, or the attempt ended
	ignored int           // callbacks refused for a wrong or missing state
	strays  chan struct{} // signalled (coalescing) when ignored grows

	stopOnce sync.Once
}

// Begin starts a login attempt: fresh state and PKCE verifier, and a
// loopback server bound only to the redirect URI's host and port. When
// the redirect URI has no port, a free one is chosen and used in the
// redirect_uri sent to Spotify (Spotify accepts any port for a port-less
// registered loopback URI). ctx bounds only the setup; the attempt lives
// until Wait, Complete or Close.
func (c Config) Begin(ctx context.Context) (*Attempt, error) {
	if c.ClientID == "" {
		return nil, ErrNoClientID
	}
	u, err := ValidateRedirectURI(c.redirectURI())
	if err != nil {
		return nil, err
	}
	host, port := u.Hostname(), u.Port()
	listenPort := port
	if listenPort == "" {
		listenPort = "0"
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", net.JoinHostPort(host, listenPort))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, &PortInUseError{Port: port, Err: err}
		}
		return nil, fmt.Errorf("couldn't listen for the login reply on %s — check SPOTUI_REDIRECT_URI: %w", u.Host, err)
	}
	if port == "" {
		port = strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
		u.Host = net.JoinHostPort(host, port)
	}

	a := &Attempt{
		cfg:      c,
		oauth:    c.OAuth2(),
		state:    rand.Text(),
		verifier: oauth2.GenerateVerifier(),
		redirect: u.String(),
		host:     u.Host,
		path:     u.Path,
		ln:       ln,
		conns:    &connTracker{},
		served:   make(chan struct{}),
		results:  make(chan callbackResult, 1),
		strays:   make(chan struct{}, 1),
	}
	a.oauth.RedirectURL = a.redirect
	a.authURL = a.oauth.AuthCodeURL(a.state, oauth2.S256ChallengeOption(a.verifier))
	a.life, a.cancel = context.WithCancel(context.Background())
	a.srv = &http.Server{
		Handler:           callbackHandler{a},
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    16 << 10,
		ConnState:         a.conns.track,
		// Keep net/http's complaints (bad requests from stray clients)
		// off the terminal the TUI owns.
		ErrorLog: discardLogger(),
	}
	go func() {
		defer close(a.served)
		_ = a.srv.Serve(ln)
	}()
	return a, nil
}

// URL is the authorize URL to open in the browser.
func (a *Attempt) URL() string { return a.authURL }

// RedirectURI is the redirect_uri sent to Spotify, with the port in use.
func (a *Attempt) RedirectURI() string { return a.redirect }

// String describes the attempt without its secrets, so logging one by
// accident leaks nothing.
func (a *Attempt) String() string { return "auth.Attempt{redirect: " + a.redirect + "}" }

// GoString keeps %#v as safe as %v.
func (a *Attempt) GoString() string { return a.String() }

// Wait blocks until the browser comes back with this attempt's state, ctx
// ends, or Close is called, then exchanges the code for a token. Replies
// with another state are refused and don't end the wait. It always stops
// the server before returning, and saves nothing.
func (a *Attempt) Wait(ctx context.Context) (*oauth2.Token, error) {
	return a.wait(ctx, -1)
}

// WaitReporting is Wait, except that it also returns, with an
// *IgnoredCallbackError and the attempt still running, once more than seen
// replies were ignored; call it again with Count to go on waiting. This
// lets a UI say that a stray request was refused.
func (a *Attempt) WaitReporting(ctx context.Context, seen int) (*oauth2.Token, error) {
	return a.wait(ctx, seen)
}

// wait is Wait; seen < 0 never reports ignored replies.
func (a *Attempt) wait(ctx context.Context, seen int) (*oauth2.Token, error) {
	var strays <-chan struct{}
	if seen >= 0 {
		strays = a.strays
	}
	for {
		if n := a.ignoredCount(); seen >= 0 && n > seen {
			return nil, &IgnoredCallbackError{Count: n}
		}
		select {
		case <-strays:
			continue // the count above says whether it's news
		case r := <-a.results:
			tok, err := a.finish(ctx, r)
			a.stop() // after the exchange: its page gets written first
			return tok, err
		case <-ctx.Done():
			a.stop()
			return nil, ctx.Err()
		case <-a.life.Done():
			a.stop()
			return nil, ErrCancelled
		}
	}
}

// finish exchanges the code of the callback that ended the attempt and
// tells its browser page how it went.
func (a *Attempt) finish(ctx context.Context, r callbackResult) (*oauth2.Token, error) {
	if r.err != nil {
		return nil, r.err
	}
	// Close must also abort an exchange in flight.
	xctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(a.life, cancel)()
	tok, err := a.exchange(xctx, r.code)
	if err != nil {
		switch {
		case ctx.Err() != nil:
			err = ctx.Err()
		case a.life.Err() != nil:
			err = ErrCancelled
		}
	}
	r.reply <- err
	return tok, err
}

// Complete finishes the attempt from the redirected URL the user pasted
// (for logins where the browser can't reach this machine). A paste without
// code or error (ErrIncompleteCallback) or of another login
// (ErrStateMismatch) leaves the attempt running so the user can paste
// again; anything else ends it, and a Wait in progress then returns
// ErrCancelled.
func (a *Attempt) Complete(ctx context.Context, redirectedURL string) (*oauth2.Token, error) {
	q, ok := pastedQuery(redirectedURL)
	if !ok {
		return nil, ErrIncompleteCallback
	}
	code, err := ParseCallback(q, a.state)
	if errors.Is(err, ErrIncompleteCallback) || errors.Is(err, ErrStateMismatch) {
		return nil, err // not this login's reply: the attempt goes on
	}
	if !a.claim(callbackResult{}) {
		return nil, ErrAttemptFinished
	}
	a.stop()
	if err != nil {
		return nil, err
	}
	return a.exchange(ctx, code)
}

// pastedQuery accepts a full URL or just its query, since people copy
// what they can.
func pastedQuery(raw string) (url.Values, bool) {
	raw = strings.TrimSpace(raw)
	if i := strings.IndexByte(raw, '?'); i >= 0 {
		raw = raw[i+1:]
	}
	if i := strings.IndexByte(raw, '#'); i >= 0 {
		raw = raw[:i]
	}
	q, err := url.ParseQuery(raw)
	return q, err == nil
}

// Close abandons the attempt: the server stops and Wait returns
// ErrCancelled. Safe to call more than once, and after Wait.
func (a *Attempt) Close() error {
	a.stop()
	return nil
}

// claim makes r the attempt's outcome if none was accepted yet; the first
// reply wins and later ones are told the login already finished.
func (a *Attempt) claim(r callbackResult) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.done {
		return false
	}
	a.done = true
	if r.code != "" || r.err != nil {
		a.results <- r // never blocks: buffered, and only one claim succeeds
	}
	return true
}

// ignore counts a refused reply and wakes a WaitReporting.
func (a *Attempt) ignore() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.ignored++
	select {
	case a.strays <- struct{}{}:
	default: // one signal pending is enough: the count says the rest
	}
}

func (a *Attempt) ignoredCount() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.ignored
}

func (a *Attempt) finished() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.done
}

// stop ends the attempt and waits until its server and goroutines are gone.
func (a *Attempt) stop() {
	a.mu.Lock()
	a.done = true
	a.mu.Unlock()
	a.cancel() // releases a handler waiting for the exchange
	a.stopOnce.Do(func() {
		// Stop accepting first, so after Serve returns every connection
		// is known to the tracker and no new one can appear.
		_ = a.ln.Close()
		<-a.served
		a.conns.closeFresh()
		ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		_ = a.srv.Shutdown(ctx) // lets the last page finish writing
		_ = a.srv.Close()       // then drops whatever is left
	})
}

// exchange trades the code for a token, proving possession of the
// verifier; public client, so no secret is sent.
func (a *Attempt) exchange(ctx context.Context, code string) (*oauth2.Token, error) {
	tok, err := a.oauth.Exchange(a.cfg.clientContext(ctx), code, oauth2.VerifierOption(a.verifier))
	if err != nil {
		return nil, tokenError("log in", err, code, a.verifier, a.state)
	}
	return a.cfg.stamp(tok), nil
}

// discardLogger silences http.Server's error log.
func discardLogger() *log.Logger { return log.New(io.Discard, "", 0) }
