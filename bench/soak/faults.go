package main

import (
	"crypto/sha256"
	"encoding/json"
	"net/http"
	"os"
	"time"

	"github.com/spotui/spotui/internal/fakespotify"
)

const (
	tokenPath = "/api/token"
	downFor   = 10 * time.Second
)

// kind is one fault of the cycle: inject starts it; consumed reports,
// from the requests logged since, whether and when it has fully hit the
// app.
type kind struct {
	name     string
	inject   func(s *soak, f *fault)
	consumed func(s *soak, f *fault, since []fakespotify.Request) (time.Time, bool)
}

// fault is one injection and what became of it.
type fault struct {
	kind        *kind
	injectedAt  time.Time
	logIndex    int      // len(fake.Requests()) at injection
	poll        string   // the path the app polls, e.g. /v1/me/player
	tokenBefore [32]byte // fingerprint of token.json's refresh token
	consumedAt  time.Time
	recoveredAt time.Time // first healthy screen after a 200 poll after consumedAt
}

// cycle is the order faults are injected in, round and round.
func cycle() []*kind {
	return []*kind{
		{
			name: "401 (access tokens expired)",
			// The app's next call gets 401; api.Client refreshes once
			// and retries, so the user sees nothing.
			inject: func(s *soak, f *fault) { s.fake.ExpireAccessTokens() },
			consumed: func(s *soak, f *fault, since []fakespotify.Request) (time.Time, bool) {
				if _, ok := nth(since, "", "", http.StatusUnauthorized, 1); !ok {
					return time.Time{}, false
				}
				return nth(since, "POST", tokenPath, 200, 1)
			},
		},
		{
			name: "429 Retry-After 5",
			inject: func(s *soak, f *fault) {
				s.fake.FailNext(fakespotify.Failure{Method: "GET", Path: f.poll, Status: 429, RetryAfter: 5})
			},
			consumed: func(s *soak, f *fault, since []fakespotify.Request) (time.Time, bool) {
				return nth(since, "GET", f.poll, 429, 1)
			},
		},
		{
			name: "503 ×3",
			inject: func(s *soak, f *fault) {
				s.fake.FailNext(fakespotify.Failure{Method: "GET", Path: f.poll, Status: 503, Count: 3})
			},
			consumed: func(s *soak, f *fault, since []fakespotify.Request) (time.Time, bool) {
				return nth(since, "GET", f.poll, 503, 3)
			},
		},
		{
			name: "down 10s",
			inject: func(s *soak, f *fault) {
				s.proxy.Down()
				s.upAt = f.injectedAt.Add(downFor)
			},
			consumed: func(s *soak, f *fault, since []fakespotify.Request) (time.Time, bool) {
				return s.wentUp, !s.proxy.IsDown() && !s.wentUp.Before(f.injectedAt)
			},
		},
		{
			name: "token rotation",
			// Same trigger as the 401, but checked for what rotation
			// needs: the new refresh token reached token.json (the fake
			// flags any reuse of the old one as a violation).
			inject: func(s *soak, f *fault) { s.fake.ExpireAccessTokens() },
			consumed: func(s *soak, f *fault, since []fakespotify.Request) (time.Time, bool) {
				if fp, ok := refreshFingerprint(s.tokenFile); !ok || fp == f.tokenBefore {
					return time.Time{}, false
				}
				return nth(since, "POST", tokenPath, 200, 1)
			},
		},
	}
}

// nth finds the n-th request matching method and path ("" = any) and
// status, and returns when it arrived.
func nth(reqs []fakespotify.Request, method, path string, status, n int) (time.Time, bool) {
	for _, r := range reqs {
		if (method == "" || r.Method == method) && (path == "" || r.Path == path) && r.Status == status {
			if n--; n == 0 {
				return r.Time, true
			}
		}
	}
	return time.Time{}, false
}

// storedToken is the part of token.json the soak reads.
type storedToken struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
}

// readToken parses token.json; ok means valid JSON with an access token.
func readToken(path string) (storedToken, bool) {
	var st storedToken
	b, err := os.ReadFile(path)
	if err != nil || json.Unmarshal(b, &st) != nil {
		return st, false
	}
	return st, st.AccessToken != ""
}

// refreshFingerprint hashes the refresh token so it can be compared without
// ever being printed.
func refreshFingerprint(path string) ([32]byte, bool) {
	st, ok := readToken(path)
	if !ok || st.RefreshToken == "" {
		return [32]byte{}, false
	}
	return sha256.Sum256([]byte(st.RefreshToken)), true
}

// track advances every fault's bookkeeping; healthy is this tick's screen
// verdict (nil when no capture was taken).
func (s *soak) track(now time.Time, healthy *bool) {
	reqs := s.fake.Requests()
	for _, f := range s.faults {
		if f.consumedAt.IsZero() {
			if at, ok := f.kind.consumed(s, f, reqs[f.logIndex:]); ok {
				f.consumedAt = at
			}
		}
		if f.consumedAt.IsZero() || !f.recoveredAt.IsZero() || healthy == nil || !*healthy {
			continue
		}
		for _, r := range reqs[f.logIndex:] {
			if r.Method == "GET" && r.Path == f.poll && r.Status == 200 && !r.Time.Before(f.consumedAt) {
				f.recoveredAt = now
				break
			}
		}
	}
}
