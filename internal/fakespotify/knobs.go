package fakespotify

import (
	"net/http"
	"net/url"
	"time"
)

// Failure is a fault to inject: the next Count requests matching Method and
// Path are answered with Status instead of being handled.
type Failure struct {
	Method     string        // "" = any
	Path       string        // exact path without query, e.g. "/v1/me/player/currently-playing" or "/api/token"; "" = any
	Status     int           // e.g. 401, 429, 503; 0 = handle normally after Delay
	Message    string        // Spotify error message ("" → a Spotify-like default for the status)
	Reason     string        // e.g. "PREMIUM_REQUIRED"; for /api/token the "error" code
	RetryAfter int           // seconds → Retry-After header (0 = none)
	Count      int           // how many matching requests fail (0 → 1)
	Delay      time.Duration // real time to wait before answering; stops early if the request ctx is done
	Body       string        // raw body instead of the JSON error (e.g. "<html>bad gateway</html>")
}

// Request is one logged request. It holds no secrets.
type Request struct {
	Time                   time.Time
	Method                 string
	Path                   string // without query
	Query                  url.Values
	Form                   url.Values // for /api/token, with secret values replaced by "REDACTED"
	Status                 int        // what the fake answered; 0 if the client gave up first
	HasAuthorizationHeader bool
}

// Device is one fake Spotify Connect device.
type Device struct {
	ID             string
	Name           string
	Type           string
	Active         bool
	Volume         int
	SupportsVolume bool // false: volume commands answer 403 VOLUME_CONTROL_DISALLOW
}

// DenyNextLogin makes the next /authorize redirect back with
// error=access_denied, as when the user clicks Cancel.
func (s *Server) DenyNextLogin() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.denyNext = true
}

// SetOmitRefreshToken makes refresh replies omit refresh_token; the old one
// then stays valid (Spotify does this sometimes).
func (s *Server) SetOmitRefreshToken(omit bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.omitRefresh = omit
}

// ExpireAccessTokens expires every access token issued so far.
func (s *Server) ExpireAccessTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.access {
		t.expired = true
	}
}

// RevokeRefreshTokens invalidates every refresh token issued so far, as when
// the user removes the app from their account.
func (s *Server) RevokeRefreshTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.refresh)
	clear(s.rotated) // reusing a revoked token is not the client's fault
}

// SetActiveDevice false makes the user's devices all inactive: playback
// freezes, reads answer 204 and controls 404 NO_ACTIVE_DEVICE. True brings
// the last active device back.
func (s *Server) SetActiveDevice(active bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.setActive(s.now(), active)
}

// SetPremium false makes player controls answer 403 PREMIUM_REQUIRED.
func (s *Server) SetPremium(premium bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pb.premium = premium
}

// SetOverride makes the player report kind ("ad", "unknown") with a null
// item; "" returns to the playlist, which kept playing underneath.
func (s *Server) SetOverride(kind string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pb.override = kind
}

// Play resumes playback as if from another device.
func (s *Server) Play() { s.change(func(now time.Time) { s.pb.playing = true }) }

// Pause pauses playback as if from another device.
func (s *Server) Pause() { s.change(func(now time.Time) { s.pb.playing = false }) }

// Next skips to the next item as if from another device.
func (s *Server) Next() { s.change(func(now time.Time) { s.skip(1) }) }

// Previous goes back as the previous button does: to the start of the item
// past 3 s, else to the item before.
func (s *Server) Previous() { s.change(func(now time.Time) { s.previous() }) }

// Seek moves to ms in the current item; past its end it skips to the next.
func (s *Server) Seek(ms int) { s.change(func(now time.Time) { s.seek(ms) }) }

// SetIndex jumps to item i (modulo the playlist length) at position 0.
func (s *Server) SetIndex(i int) {
	s.change(func(now time.Time) {
		n := len(s.items)
		s.pb.index, s.pb.posMS = ((i%n)+n)%n, 0
	})
}

// FailNext queues an injected failure; queued failures match in order.
func (s *Server) FailNext(f Failure) {
	if f.Count <= 0 {
		f.Count = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, f)
}

// Requests returns the log of every request, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.requests))
	for i, r := range s.requests {
		r.Query = cloneValues(r.Query)
		r.Form = cloneValues(r.Form)
		out[i] = r
	}
	return out
}

// RequestCount counts logged requests with this method ("" = any) and path
// (without query).
func (s *Server) RequestCount(method, path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if (method == "" || r.Method == method) && r.Path == path {
			n++
		}
	}
	return n
}

// ViolationRetryAfterIgnored starts the violation recorded for a request
// sent to a service while a 429's Retry-After runs.
const ViolationRetryAfterIgnored = "retry_after_ignored"

// Violations lists client misbehaviour seen so far; empty for a correct
// client.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.violations...)
}

// Current reports the playlist item playing now, its progress and whether
// it is playing (false while no device is active).
func (s *Server) Current() (item Item, progressMS int, playing bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.settle(now)
	it := s.items[s.pb.index]
	it.Artists = append([]string(nil), it.Artists...)
	return it, s.progress(now), s.effectivelyPlaying()
}

// Devices lists the fake Connect devices.
func (s *Server) Devices() []Device {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := append([]Device(nil), s.devices...)
	for i := range out {
		out[i].Active = i == s.pb.activeDev
	}
	return out
}

// IsSaved reports whether uri is in the user's library.
func (s *Server) IsSaved(uri string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.saved[uri]
}

// change applies a playback change at the current time: progress so far is
// folded in first so the change starts from the true position.
func (s *Server) change(f func(now time.Time)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.mark(now)
	f(now)
}

// logRequest appends r to the log and returns its index; s.mu is held.
func (s *Server) logRequest(now time.Time, r *http.Request) int {
	req := Request{
		Time:                   now,
		Method:                 r.Method,
		Path:                   r.URL.Path,
		Query:                  redact(r.URL.Query()),
		HasAuthorizationHeader: r.Header.Get("Authorization") != "",
	}
	if r.URL.Path == tokenPath {
		req.Form = redact(cloneValues(r.PostForm))
		if req.Form == nil {
			req.Form = url.Values{}
		}
	}
	s.requests = append(s.requests, req)
	return len(s.requests) - 1
}

// checkRetryWindow records a violation for a request that a previous 429
// told the client to hold back; s.mu is held. The window covers the whole
// service (every /v1 path), not the endpoint that answered 429: Spotify
// limits an app as a whole.
func (s *Server) checkRetryWindow(now time.Time, path string) {
	svc := serviceOf(path)
	if svc == "" {
		return
	}
	if until, ok := s.retryUntil[svc]; ok && now.Before(until) {
		s.violate(ViolationRetryAfterIgnored + ": request to " + path + " during Retry-After window")
	}
}

// openRetryWindow starts a 429's window for path's service; a longer one
// already running is kept. s.mu is held.
func (s *Server) openRetryWindow(now time.Time, path string, seconds int) {
	svc := serviceOf(path)
	until := now.Add(time.Duration(seconds) * time.Second)
	if svc != "" && until.After(s.retryUntil[svc]) {
		s.retryUntil[svc] = until
	}
}

// takeFailure pops one use of the first queued failure matching the
// request; s.mu is held.
func (s *Server) takeFailure(method, path string) (Failure, bool) {
	for i := range s.failures {
		f := &s.failures[i]
		if (f.Method != "" && f.Method != method) || (f.Path != "" && f.Path != path) {
			continue
		}
		got := *f
		f.Count--
		if f.Count <= 0 {
			s.failures = append(s.failures[:i], s.failures[i+1:]...)
		}
		return got, true
	}
	return Failure{}, false
}

// violate records client misbehaviour; s.mu is held. Messages never carry
// secret values.
func (s *Server) violate(msg string) { s.violations = append(s.violations, msg) }

// redact replaces secret values so the log can be printed in test output.
func redact(v url.Values) url.Values {
	for _, k := range []string{"code", "code_verifier", "refresh_token", "client_secret", "access_token"} {
		if vals, ok := v[k]; ok {
			for i := range vals {
				vals[i] = "REDACTED"
			}
		}
	}
	return v
}

func cloneValues(v url.Values) url.Values {
	if v == nil {
		return nil
	}
	out := make(url.Values, len(v))
	for k, vals := range v {
		out[k] = append([]string(nil), vals...)
	}
	return out
}
