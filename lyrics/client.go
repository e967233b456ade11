package lyrics

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Track is what a look-up sends: the title, the artists, the album and the
// duration. Nothing else about the user leaves the machine.
type Track struct {
	Title    string
	Artists  []string
	Album    string
	Duration time.Duration
}

// Record is one LRCLIB lyrics record as /api/get and /api/search send it.
type Record struct {
	ID           int64   `json:"id"`
	TrackName    string  `json:"trackName"`
	ArtistName   string  `json:"artistName"`
	AlbumName    string  `json:"albumName"`
	Duration     float64 `json:"duration"`
	Instrumental bool    `json:"instrumental"`
	PlainLyrics  string  `json:"plainLyrics"`
	SyncedLyrics string  `json:"syncedLyrics"`
}

// Error is a non-2xx answer from LRCLIB other than "not found".
type Error struct {
	Status     int
	Message    string
	RetryAfter time.Duration // 429: how long to wait (also enforced by the client)
}

func (e *Error) Error() string {
	if e.Status == http.StatusTooManyRequests {
		return fmt.Sprintf("lyrics service: rate limited for %s", e.RetryAfter.Round(time.Second))
	}
	if e.Message != "" {
		return fmt.Sprintf("lyrics service: %d %s", e.Status, e.Message)
	}
	return fmt.Sprintf("lyrics service: %d", e.Status)
}

// errNotFound is LRCLIB's 404: no record for these fields.
var errNotFound = errors.New("lyrics: not found")

// Client asks LRCLIB, one request at a time, and honours 429 Retry-After
// for every later request (the limit is per client, not per endpoint).
type Client struct {
	base      string
	hc        *http.Client
	userAgent string
	now       func() time.Time
	timeout   time.Duration
	clean     func(string) string
	multiline func(string) string

	one sync.Mutex // one request in flight: LRCLIB is a free service

	mu        sync.Mutex
	waitUntil time.Time // no request before this (a 429's Retry-After)
}

// ClientOptions configures a Client. Zero values are sane defaults.
type ClientOptions struct {
	BaseURL   string              // "" → https://lrclib.net
	HTTP      *http.Client        // nil → a client with Timeout
	UserAgent string              // "spotui/<version> (<homepage>)"
	Now       func() time.Time    // nil → time.Now
	Timeout   time.Duration       // per request; 0 → 10 s
	Clean     func(string) string // one-line text cleaning; nil → identity
	CleanText func(string) string // multi-line text cleaning; nil → identity
}

// DefaultBaseURL is LRCLIB's public service.
const DefaultBaseURL = "https://lrclib.net"

// maxReply bounds a reply: a record is a few KB, a search at most 20 records.
const maxReply = 1 << 20

// NewClient builds a Client.
func NewClient(o ClientOptions) *Client {
	c := &Client{
		base: strings.TrimRight(o.BaseURL, "/"), hc: o.HTTP, userAgent: o.UserAgent,
		now: o.Now, timeout: o.Timeout, clean: o.Clean, multiline: o.CleanText,
	}
	if c.base == "" {
		c.base = DefaultBaseURL
	}
	if c.hc == nil {
		c.hc = &http.Client{}
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.timeout <= 0 {
		c.timeout = 10 * time.Second
	}
	if c.clean == nil {
		c.clean = func(s string) string { return s }
	}
	if c.multiline == nil {
		c.multiline = c.clean
	}
	return c
}

// maxRequests is the most requests one look-up sends.
const maxRequests = 3

// Lookup finds the lyrics of t: the full artist credit first, then the
// primary artist alone (LRCLIB files multi-artist tracks under one name
// more often than not), then a search preferring synced lyrics and the
// closest duration. found is false when LRCLIB has nothing; err is set only
// when the look-up could not finish (network, 429, 5xx), which is not a miss.
func (c *Client) Lookup(ctx context.Context, t Track) (l Lyrics, found bool, err error) {
	l, found, _, err = c.lookup(ctx, t, maxRequests)
	return l, found, err
}

// lookup is Lookup with a budget of requests; it reports how many it sent.
func (c *Client) lookup(ctx context.Context, t Track, budget int) (l Lyrics, found bool, sent int, err error) {
	// send spends the budget only on requests that left the machine.
	send := func(path string, q url.Values, out any) error {
		if sent >= budget {
			return ErrBudget
		}
		err := c.get(ctx, path, q, out)
		if rl := (*RateLimitedError)(nil); !errors.As(err, &rl) {
			sent++
		}
		return err
	}
	secs := int(math.Round(t.Duration.Seconds()))
	tries := []string{strings.Join(t.Artists, ", ")}
	if len(t.Artists) > 1 {
		tries = append(tries, t.Artists[0])
	}
	for _, artist := range tries {
		q := url.Values{"track_name": {t.Title}, "artist_name": {artist}, "album_name": {t.Album}, "duration": {strconv.Itoa(secs)}}
		var rec Record
		switch err := send("/api/get", q, &rec); {
		case errors.Is(err, errNotFound):
			continue
		case err != nil:
			return Lyrics{}, false, sent, err
		}
		return c.lyricsOf(rec), true, sent, nil
	}

	q := url.Values{"track_name": {t.Title}}
	if len(t.Artists) > 0 {
		q.Set("artist_name", t.Artists[0])
	}
	var recs []Record
	switch err := send("/api/search", q, &recs); {
	case errors.Is(err, errNotFound):
		return Lyrics{}, false, sent, nil
	case err != nil:
		return Lyrics{}, false, sent, err
	}
	best, ok := pick(recs, t.Duration)
	if !ok {
		return Lyrics{}, false, sent, nil
	}
	return c.lyricsOf(best), true, sent, nil
}

// pick prefers synced lyrics, then the closest duration; a record more than
// 10 s off is another recording and is not used.
func pick(recs []Record, want time.Duration) (Record, bool) {
	bestI, bestScore := -1, math.Inf(1)
	for i, r := range recs {
		off := math.Abs(r.Duration - want.Seconds())
		if want > 0 && off > 10 {
			continue
		}
		if !r.Instrumental && r.SyncedLyrics == "" && strings.TrimSpace(r.PlainLyrics) == "" {
			continue
		}
		score := off
		if r.SyncedLyrics == "" {
			score += 100 // any synced record beats every plain one
		}
		if score < bestScore {
			bestI, bestScore = i, score
		}
	}
	if bestI < 0 {
		return Record{}, false
	}
	return recs[bestI], true
}

func (c *Client) lyricsOf(r Record) Lyrics {
	if r.Instrumental {
		return Lyrics{Instrumental: true}
	}
	return Lyrics{Synced: ParseLRC(r.SyncedLyrics, c.clean), Plain: clip(c.multiline(r.PlainLyrics), maxPlain)}
}

// maxPlain bounds plain lyrics kept for the screen.
const maxPlain = 64 << 10

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}

// RateLimitedError is returned without sending anything while a 429's
// Retry-After runs.
type RateLimitedError struct{ Wait time.Duration }

func (e *RateLimitedError) Error() string {
	return fmt.Sprintf("lyrics service: rate limited, try again in %s", e.Wait.Round(time.Second))
}

func (c *Client) get(ctx context.Context, path string, q url.Values, out any) error {
	c.one.Lock()
	defer c.one.Unlock()
	c.mu.Lock()
	wait := c.waitUntil.Sub(c.now())
	c.mu.Unlock()
	if wait > 0 {
		return &RateLimitedError{Wait: wait}
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path+"?"+q.Encode(), nil)
	if err != nil {
		return err
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxReply))
	if err != nil {
		return err
	}
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return errNotFound
	case resp.StatusCode == http.StatusTooManyRequests:
		ra := retryAfter(resp.Header.Get("Retry-After"))
		c.mu.Lock()
		c.waitUntil = c.now().Add(ra)
		c.mu.Unlock()
		return &Error{Status: resp.StatusCode, RetryAfter: ra}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		var e struct {
			Message string `json:"message"`
		}
		_ = json.Unmarshal(body, &e)
		return &Error{Status: resp.StatusCode, Message: c.clean(clip(e.Message, 200))}
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("lyrics service sent a reply spotui cannot read: %w", err)
	}
	return nil
}

// retryAfter reads a Retry-After in seconds; missing or odd → 60 s, and at
// most an hour (the screen just shows no lyrics meanwhile).
func retryAfter(h string) time.Duration {
	n, err := strconv.Atoi(strings.TrimSpace(h))
	if err != nil || n < 0 {
		return time.Minute
	}
	return min(time.Duration(min(n, 3600))*time.Second, time.Hour)
}
