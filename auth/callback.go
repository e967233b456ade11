package auth

import (
	"crypto/subtle"
	"errors"
	"html"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"
)

// ParseCallback reads the query of the URL Spotify redirected to. It
// returns the code only when the state matches wantState exactly.
//
// A query with neither code nor error gives ErrIncompleteCallback (a
// reload, a browser pre-connect, a half-copied URL). Any reply that carries
// a code or an error but the wrong state gives ErrStateMismatch (callers
// ignore it and keep waiting). error=access_denied gives ErrAccessDenied;
// other error= values *CallbackError.
func ParseCallback(q url.Values, wantState string) (code string, err error) {
	code, errCode := q.Get("code"), q.Get("error")
	if code == "" && errCode == "" {
		return "", ErrIncompleteCallback
	}
	// Exactly one state, compared in constant time so a local attacker
	// can't learn it byte by byte from response timing.
	states := q["state"]
	if wantState == "" || len(states) != 1 ||
		subtle.ConstantTimeCompare([]byte(states[0]), []byte(wantState)) != 1 {
		return "", ErrStateMismatch
	}
	if errCode != "" {
		if errCode == "access_denied" {
			return "", ErrAccessDenied
		}
		return "", &CallbackError{Code: errCode, Description: q.Get("error_description")}
	}
	return code, nil
}

// Timeouts of the loopback server: a browser sends one small GET, so
// anything slow is not a browser we care about.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 5 * time.Second
	writeTimeout      = 10 * time.Second
	idleTimeout       = 5 * time.Second
	// pageWait is how long the callback page waits for the code exchange
	// so it can say whether login worked; below writeTimeout so the page
	// still gets written.
	pageWait = 8 * time.Second
	// shutdownGrace bounds how long a finished attempt waits for the
	// last page to be written before closing connections hard.
	shutdownGrace = 3 * time.Second
)

// callbackResult is the first callback that ended the attempt. reply, if
// set, receives the outcome of the code exchange for the browser page.
type callbackResult struct {
	code  string
	err   error
	reply chan error
}

// callbackHandler serves the redirect path of one attempt.
type callbackHandler struct{ a *Attempt }

func (h callbackHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a := h.a
	// Host check: a DNS-rebinding page could otherwise reach this port
	// under its own name and end the attempt with a bogus reply.
	if r.Host != a.host {
		writePage(w, http.StatusMisdirectedRequest, "Wrong address", "This is spotui's login page; it only answers at "+a.host+".")
		return
	}
	if r.URL.Path != a.path {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		writePage(w, http.StatusMethodNotAllowed, "Not allowed", "spotui's login page only answers GET requests.")
		return
	}
	if a.finished() {
		writePage(w, http.StatusOK, "Already finished", "This spotui login already finished — you can close this tab.")
		return
	}
	code, err := ParseCallback(r.URL.Query(), a.state)
	switch {
	case errors.Is(err, ErrIncompleteCallback):
		writePage(w, http.StatusBadRequest, "Waiting for Spotify", "This page receives Spotify's reply when you log in from spotui. Nothing to do here yet.")
		return
	case errors.Is(err, ErrStateMismatch):
		// Any web page or local process can send this: refuse it, and
		// keep waiting for the real reply so it can't knock the login over.
		a.ignore()
		writePage(w, http.StatusBadRequest, "Not this login",
			"This reply isn't from the login spotui started (its state doesn't match), so spotui ignored it and is still waiting for Spotify. "+
				"If you didn't just log in from spotui, someone else's link led here: close this tab.")
		return
	}
	res := callbackResult{code: code, err: err}
	if err == nil {
		res.reply = make(chan error, 1)
	}
	if !a.claim(res) {
		writePage(w, http.StatusOK, "Already finished", "This spotui login already finished — you can close this tab.")
		return
	}
	if err != nil {
		writeFailure(w, err)
		return
	}
	timer := time.NewTimer(pageWait)
	defer timer.Stop()
	select {
	case err := <-res.reply:
		if err != nil {
			writeFailure(w, err)
			return
		}
		writePage(w, http.StatusOK, "Logged in", "Logged in to spotui — you can close this tab and return to the terminal.")
	case <-timer.C:
		writePage(w, http.StatusOK, "Login received", "Login received — return to the terminal to see the result.")
	case <-a.life.Done():
		writePage(w, http.StatusOK, "Login cancelled", "This login was cancelled in the terminal — you can close this tab.")
	}
}

// writeFailure shows err's text, which is safe to show: our errors never
// carry tokens, codes or verifiers.
func writeFailure(w http.ResponseWriter, err error) {
	status := http.StatusBadRequest
	if errors.Is(err, ErrAccessDenied) {
		status = http.StatusForbidden
	}
	var te *TokenError
	if errors.As(err, &te) {
		status = http.StatusBadGateway
	}
	writePage(w, status, "Login failed", "Login failed: "+err.Error()+". Return to the terminal to try again.")
}

// writePage sends a tiny HTML page. no-store and no-referrer because the
// page's URL holds the one-time code.
func writePage(w http.ResponseWriter, status int, title, msg string) {
	body := "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>spotui — " + html.EscapeString(title) +
		"</title></head>\n<body style=\"font-family:sans-serif;margin:3em;max-width:40em\"><h1>spotui</h1><p>" +
		html.EscapeString(msg) + "</p></body></html>\n"
	hdr := w.Header()
	hdr.Set("Content-Type", "text/html; charset=utf-8")
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("Referrer-Policy", "no-referrer")
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// connTracker remembers connections that have not sent a request yet.
// http.Server.Shutdown waits up to 5 s for those, and browsers open them
// speculatively; closing them lets a finished login return at once.
type connTracker struct {
	mu    sync.Mutex
	fresh map[net.Conn]struct{}
}

func (t *connTracker) track(c net.Conn, s http.ConnState) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if s == http.StateNew {
		if t.fresh == nil {
			t.fresh = make(map[net.Conn]struct{})
		}
		t.fresh[c] = struct{}{}
		return
	}
	delete(t.fresh, c)
}

func (t *connTracker) closeFresh() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for c := range t.fresh {
		_ = c.Close()
		delete(t.fresh, c)
	}
}
