// Package fakelrclib is a strict in-process fake of LRCLIB's read API
// (/api/get and /api/search), used by --demo and the tests because the real
// service is out of reach. It answers like LRCLIB, errors included, and
// records what a polite client must not do (no User-Agent, two requests at
// once, a request inside a 429's Retry-After) as Violations.
package fakelrclib

import (
	"encoding/json"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Record is one lyrics record, as LRCLIB stores it.
type Record struct {
	ID           int64   `json:"id"`
	TrackName    string  `json:"trackName"`
	ArtistName   string  `json:"artistName"`
	AlbumName    string  `json:"albumName"`
	Duration     float64 `json:"duration"`
	Instrumental bool    `json:"instrumental"`
	PlainLyrics  *string `json:"plainLyrics"`
	SyncedLyrics *string `json:"syncedLyrics"`
}

// Request is one logged request.
type Request struct {
	Time      time.Time
	Path      string
	Query     url.Values
	UserAgent string
	Status    int
}

// Failure answers the next Count requests to Path ("" = any) with Status.
type Failure struct {
	Path       string
	Status     int
	RetryAfter int // seconds; 429 sets a window the client must respect
	Count      int // 0 → 1
}

// Server is the fake. Safe for concurrent use.
type Server struct {
	now func() time.Time

	mu         sync.Mutex
	records    []Record
	requests   []Request
	violations []string
	failures   []Failure
	inFlight   int
	retryUntil time.Time
	httpSrv    *http.Server
}

// New returns a fake holding records (nil → DemoRecords()); now nil → time.Now.
func New(records []Record, now func() time.Time) *Server {
	if records == nil {
		records = DemoRecords()
	}
	if now == nil {
		now = time.Now
	}
	s := &Server{now: now}
	for i, r := range records {
		if r.ID == 0 {
			r.ID = int64(1000 + i)
		}
		s.records = append(s.records, r)
	}
	return s
}

// Start serves on a loopback port and returns the base URL.
func (s *Server) Start() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 5 * time.Second}
	s.mu.Lock()
	s.httpSrv = srv
	s.mu.Unlock()
	go func() { _ = srv.Serve(ln) }()
	return "http://" + ln.Addr().String(), nil
}

// Close stops a started server.
func (s *Server) Close() error {
	s.mu.Lock()
	srv := s.httpSrv
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	return srv.Close()
}

// Fail queues a fault.
func (s *Server) Fail(f Failure) {
	if f.Count <= 0 {
		f.Count = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, f)
}

// Requests returns a copy of the request log.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Violations returns what clients did wrong.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.violations...)
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	now := s.now()
	s.inFlight++
	if s.inFlight > 1 {
		s.violations = append(s.violations, "concurrent_requests: "+r.URL.Path)
	}
	ua := r.Header.Get("User-Agent")
	if !strings.HasPrefix(ua, "spotui/") {
		s.violations = append(s.violations, fmt.Sprintf("bad_user_agent: %q", ua))
	}
	if now.Before(s.retryUntil) {
		s.violations = append(s.violations, "retry_after_ignored: "+r.URL.Path)
	}
	s.requests = append(s.requests, Request{Time: now, Path: r.URL.Path, Query: r.URL.Query(), UserAgent: ua})
	idx := len(s.requests) - 1
	fail, failing := s.takeFailure(r.URL.Path)
	if failing && fail.Status == http.StatusTooManyRequests {
		s.retryUntil = now.Add(time.Duration(fail.RetryAfter) * time.Second)
	}
	s.mu.Unlock()

	status := s.serve(w, r, fail, failing)

	s.mu.Lock()
	s.inFlight--
	s.requests[idx].Status = status
	s.mu.Unlock()
}

func (s *Server) takeFailure(path string) (Failure, bool) {
	for i, f := range s.failures {
		if f.Path != "" && f.Path != path {
			continue
		}
		s.failures[i].Count--
		if s.failures[i].Count <= 0 {
			s.failures = append(s.failures[:i], s.failures[i+1:]...)
		}
		return f, true
	}
	return Failure{}, false
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request, fail Failure, failing bool) int {
	if failing {
		if fail.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(fail.RetryAfter))
		}
		return writeError(w, fail.Status, "Failure", http.StatusText(fail.Status))
	}
	if r.Method != http.MethodGet {
		return writeError(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "method not allowed")
	}
	q := r.URL.Query()
	switch r.URL.Path {
	case "/api/get":
		return s.get(w, q)
	case "/api/search":
		return s.search(w, q)
	}
	return writeError(w, http.StatusNotFound, "NotFound", "Not found")
}

// get matches LRCLIB's /api/get: every field is required; title, artist
// and album match case-insensitively and the duration within ±2 s.
func (s *Server) get(w http.ResponseWriter, q url.Values) int {
	for _, k := range []string{"track_name", "artist_name", "album_name", "duration"} {
		if strings.TrimSpace(q.Get(k)) == "" {
			return writeError(w, http.StatusBadRequest, "ValidationError", k+" is required")
		}
	}
	dur, err := strconv.ParseFloat(q.Get("duration"), 64)
	if err != nil || dur < 0 {
		return writeError(w, http.StatusBadRequest, "ValidationError", "duration must be a number")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, rec := range s.records {
		if strings.EqualFold(rec.TrackName, q.Get("track_name")) &&
			strings.EqualFold(rec.ArtistName, q.Get("artist_name")) &&
			strings.EqualFold(rec.AlbumName, q.Get("album_name")) &&
			math.Abs(rec.Duration-dur) <= 2 {
			return writeJSON(w, http.StatusOK, rec)
		}
	}
	return writeError(w, http.StatusNotFound, "TrackNotFound", "Failed to find specified track")
}

// search matches LRCLIB's /api/search: q or track_name is required; words
// match case-insensitively inside the fields; at most 20 results, [] when
// nothing matches.
func (s *Server) search(w http.ResponseWriter, q url.Values) int {
	text, track, artist := q.Get("q"), q.Get("track_name"), q.Get("artist_name")
	if strings.TrimSpace(text) == "" && strings.TrimSpace(track) == "" {
		return writeError(w, http.StatusBadRequest, "ValidationError", "q or track_name is required")
	}
	has := func(field, want string) bool {
		return want == "" || strings.Contains(strings.ToLower(field), strings.ToLower(want))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []Record{}
	for _, rec := range s.records {
		all := rec.TrackName + " " + rec.ArtistName + " " + rec.AlbumName
		if has(rec.TrackName, track) && has(rec.ArtistName, artist) && has(all, text) && len(out) < 20 {
			out = append(out, rec)
		}
	}
	return writeJSON(w, http.StatusOK, out)
}

func writeJSON(w http.ResponseWriter, status int, v any) int {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
	return status
}

func writeError(w http.ResponseWriter, status int, name, msg string) int {
	return writeJSON(w, status, map[string]any{"code": status, "name": name, "message": msg})
}
