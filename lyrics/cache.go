package lyrics

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spotui/spotui/internal/privatefile"
)

// Cache keeps what look-ups found, and what they did not, on disk, so a
// track seen before costs no request, even after a restart. It is best
// effort: a file that cannot be read or written just means a look-up.
type Cache struct {
	dir   string
	now   func() time.Time
	clean func(string) string
	max   int // entries kept; the least recently written go first
}

// Misses expire after a day: LRCLIB grows as people add lyrics.
const missTTL = 24 * time.Hour

// DefaultMaxEntries bounds the directory: a cached song is a few KB.
const DefaultMaxEntries = 2000

// maxEntryBytes bounds what is read back of one entry.
const maxEntryBytes = 256 << 10

// NewCache uses dir (e.g. $XDG_CACHE_HOME/spotui/lyrics); "" disables it.
func NewCache(dir string, now func() time.Time, clean func(string) string, maxEntries int) *Cache {
	if now == nil {
		now = time.Now
	}
	if clean == nil {
		clean = func(s string) string { return s }
	}
	if maxEntries <= 0 {
		maxEntries = DefaultMaxEntries
	}
	return &Cache{dir: dir, now: now, clean: clean, max: maxEntries}
}

type entry struct {
	Version      int       `json:"v"`
	Saved        time.Time `json:"saved"`
	Found        bool      `json:"found"`
	Instrumental bool      `json:"instrumental,omitempty"`
	Synced       []wline   `json:"synced,omitempty"`
	Plain        string    `json:"plain,omitempty"`
}

type wline struct {
	MS   int64  `json:"ms"`
	Text string `json:"text"`
}

// Key names a track in the cache: the fields a look-up sends.
func Key(t Track) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%d", strings.ToLower(t.Title), strings.ToLower(strings.Join(t.Artists, "\x01")),
		strings.ToLower(t.Album), int64(math.Round(t.Duration.Seconds())))
	return hex.EncodeToString(h.Sum(nil))[:40]
}

// Get returns a cached answer: ok is false when there is none (or a miss
// older than a day).
func (c *Cache) Get(t Track) (l Lyrics, found, ok bool) {
	if c == nil || c.dir == "" {
		return Lyrics{}, false, false
	}
	f, err := os.Open(filepath.Join(c.dir, Key(t)+".json"))
	if err != nil {
		return Lyrics{}, false, false
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return Lyrics{}, false, false
	}
	data, err := io.ReadAll(io.LimitReader(f, maxEntryBytes))
	if err != nil {
		return Lyrics{}, false, false
	}
	var e entry
	if json.Unmarshal(data, &e) != nil || e.Version != 1 {
		return Lyrics{}, false, false
	}
	if !e.Found {
		if c.now().Sub(e.Saved) > missTTL || e.Saved.After(c.now().Add(time.Hour)) {
			return Lyrics{}, false, false
		}
		return Lyrics{}, false, true
	}
	// The file is ours, but it is read back as untrusted as the service.
	l = Lyrics{Instrumental: e.Instrumental, Plain: clip(e.Plain, maxPlain)}
	for _, w := range e.Synced[:min(len(e.Synced), maxLines)] {
		if w.MS < 0 || time.Duration(w.MS)*time.Millisecond > maxStamp {
			continue
		}
		l.Synced = append(l.Synced, Line{At: time.Duration(w.MS) * time.Millisecond, Text: c.clean(w.Text)})
	}
	slices.SortStableFunc(l.Synced, func(a, b Line) int { return cmp.Compare(a.At, b.At) })
	return l, true, true
}

// Put records an answer (found or not).
func (c *Cache) Put(t Track, l Lyrics, found bool) error {
	if c == nil || c.dir == "" {
		return nil
	}
	e := entry{Version: 1, Saved: c.now(), Found: found, Instrumental: l.Instrumental, Plain: l.Plain}
	for _, ln := range l.Synced {
		e.Synced = append(e.Synced, wline{MS: ln.At.Milliseconds(), Text: ln.Text})
	}
	data, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if err := privatefile.Write(filepath.Join(c.dir, Key(t)+".json"), data, nil); err != nil {
		return err
	}
	c.prune()
	return nil
}

// prune keeps at most max entries, dropping the oldest.
func (c *Cache) prune() {
	des, err := os.ReadDir(c.dir)
	if err != nil || len(des) <= c.max {
		return
	}
	type file struct {
		name string
		mod  time.Time
	}
	var files []file
	for _, d := range des {
		if !strings.HasSuffix(d.Name(), ".json") {
			continue
		}
		if info, err := d.Info(); err == nil {
			files = append(files, file{d.Name(), info.ModTime()})
		}
	}
	slices.SortFunc(files, func(a, b file) int { return a.mod.Compare(b.mod) })
	for _, f := range files[:max(len(files)-c.max, 0)] {
		_ = os.Remove(filepath.Join(c.dir, f.name))
	}
}

// Service is what the UI calls: the cache first, then the client, with at
// most maxRequests requests per track for the life of the process.
type Service struct {
	client *Client
	cache  *Cache

	mu   sync.Mutex
	sent map[string]int // requests spent per track key (bounded below)
	mem  map[string]memEntry
	memQ []string // keys of mem, oldest first
}

// memEntry is an answer kept in memory: the disk cache may be off (the
// demo) or unwritable, and a track played again must not be asked again.
type memEntry struct {
	l     Lyrics
	found bool
	at    time.Time // misses expire like on disk
}

// memEntries bounds the memory cache: a few dozen songs of a few KB.
const memEntries = 64

// NewService combines a client and a cache; either may be nil (no client:
// cache only, as with lyrics = "off" there is no Service at all).
func NewService(client *Client, cache *Cache) *Service {
	return &Service{client: client, cache: cache, sent: map[string]int{}, mem: map[string]memEntry{}}
}

// ErrBudget means this track already cost its requests in this run.
var ErrBudget = errors.New("lyrics: no more look-ups for this track in this run")

// Find returns t's lyrics: found is false for a miss. err is set when the
// answer is not known yet (network, rate limit); the caller may ask again
// later, and the per-track budget stops a loop.
func (s *Service) Find(ctx context.Context, t Track) (Lyrics, bool, error) {
	key := Key(t)
	s.mu.Lock()
	e, ok := s.mem[key]
	s.mu.Unlock()
	if ok && (e.found || s.now().Sub(e.at) <= missTTL) {
		return e.l, e.found, nil
	}
	if l, found, ok := s.cache.Get(t); ok {
		s.remember(key, l, found)
		return l, found, nil
	}
	if s.client == nil {
		return Lyrics{}, false, nil
	}
	s.mu.Lock()
	budget := maxRequests - s.sent[key]
	if budget <= 0 {
		s.mu.Unlock()
		return Lyrics{}, false, ErrBudget
	}
	if len(s.sent) > 4096 {
		clear(s.sent) // a long session: forget old tracks, keep memory bounded
	}
	s.mu.Unlock()

	l, found, sent, err := s.client.lookup(ctx, t, budget)
	s.mu.Lock()
	s.sent[key] += sent
	s.mu.Unlock()
	if err != nil {
		return Lyrics{}, false, err
	}
	_ = s.cache.Put(t, l, found) // best effort
	s.remember(key, l, found)
	return l, found, nil
}

func (s *Service) now() time.Time {
	if s.cache != nil {
		return s.cache.now()
	}
	return time.Now()
}

func (s *Service) remember(key string, l Lyrics, found bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.mem[key]; !ok {
		s.memQ = append(s.memQ, key)
	}
	s.mem[key] = memEntry{l, found, s.now()}
	for len(s.memQ) > memEntries {
		delete(s.mem, s.memQ[0])
		s.memQ = s.memQ[1:]
	}
}
