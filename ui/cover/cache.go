package cover

import (
	"image"
	"net/http"
	"slices"
	"sync"

	"github.com/muesli/termenv"
)

// engine is the part of a Model that its copies share. Bubble Tea models
// are values, copied on every Update, but a cover downloaded or rendered by
// one copy must be found by the next, and a cmd still running must deliver
// into the same caches: so the caches live here, behind a pointer and a
// mutex (cmds run on their own goroutines). Its settings never change
// after New. Its address also tells one Model's messages from another's.
type engine struct {
	client  *http.Client
	dir     string // disk cache; "" for none
	maxDisk int64
	mode    Mode
	profile termenv.Profile
	kittyID int
	cell    CellSize // pixels per cell, for covers square on screen

	// decodeMu lets one cover decode at a time: each may take up to
	// maxDecodeBytes, and two at once would double the peak.
	decodeMu sync.Mutex
	gfx      gfx // for the graphics protocols

	mu      sync.Mutex
	images  *lru[string, image.Image] // decoded, compacted covers by URL
	views   *lru[viewKey, string]     // rendered covers
	flights map[string]*flight        // downloads in progress, by URL
	onDisk  map[string]string         // URL → its disk cache file, where one was read or written

	// Counters for tests: how much real work happened.
	downloads int
	renders   int
}

// viewKey names one rendering of one image.
type viewKey struct {
	url        string
	cols, rows int
	mode       Mode
	profile    termenv.Profile
}

// flight is one load of a URL that later askers wait on instead of
// downloading it again.
type flight struct {
	done chan struct{}
	img  image.Image
	err  error
}

// cachedView is a rendered view if there is one. It only takes the lock,
// so Update may call it.
func (e *engine) cachedView(k viewKey) (string, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.views.get(k)
}

// renderView returns the view for k, loading and rendering as needed. It
// blocks: only cmds call it.
func (e *engine) renderView(k viewKey) (string, error) {
	if s, ok := e.cachedView(k); ok {
		return s, nil
	}
	img, err := e.image(k.url)
	if err != nil {
		return "", err
	}
	s, err := render(img, k.cols, k.rows, k.mode, k.profile, e.gfx)
	if err != nil {
		return "", err
	}
	e.mu.Lock()
	e.views.put(k, s)
	e.renders++
	e.mu.Unlock()
	return s, nil
}

// maxOnDisk bounds onDisk: a long session meets many covers, and
// forgetting one only means no local path until it is loaded again.
const maxOnDisk = 256

// noteDisk records (ok) or forgets url's disk file.
func (e *engine) noteDisk(url string, ok bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !ok {
		delete(e.onDisk, url)
		return
	}
	if len(e.onDisk) >= maxOnDisk {
		clear(e.onDisk)
	}
	e.onDisk[url] = e.diskPath(url)
}

// file is url's disk cache file, "" when not known to be there.
func (e *engine) file(url string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.onDisk[url]
}

// image returns the decoded image at url: from memory, or by waiting for a
// load already in flight, or by loading it (disk, then network).
func (e *engine) image(url string) (image.Image, error) {
	e.mu.Lock()
	if img, ok := e.images.get(url); ok {
		e.mu.Unlock()
		return img, nil
	}
	if f, ok := e.flights[url]; ok {
		e.mu.Unlock()
		<-f.done
		return f.img, f.err
	}
	f := &flight{done: make(chan struct{})}
	e.flights[url] = f
	e.mu.Unlock()

	f.img, f.err = e.load(url)

	e.mu.Lock()
	delete(e.flights, url)
	if f.err == nil {
		e.images.put(url, f.img)
	}
	e.mu.Unlock()
	close(f.done)
	return f.img, f.err
}

// placeholder is the placeholder view as this engine's mode needs it: in
// kitty mode it first deletes our image, which spaces would not cover.
func (e *engine) placeholder(label string, cols, rows int) string {
	s := placeholder(label, cols, rows, e.profile)
	if e.mode == ModeKitty && s != "" {
		s = kittyDelete(e.kittyID) + s
	}
	return s
}

// lru is a least-recently-used map bounded in entries and in bytes (as
// size counts them). Sizes here are tens of entries, so a slice scan beats
// the bookkeeping of a linked list.
type lru[K comparable, V any] struct {
	max    int // entries
	budget int // bytes
	size   func(V) int
	order  []K // least recent first
	m      map[K]V
	bytes  int // sum of size over m
}

func newLRU[K comparable, V any](max, budget int, size func(V) int) *lru[K, V] {
	return &lru[K, V]{max: max, budget: budget, size: size, m: make(map[K]V, max)}
}

func (c *lru[K, V]) get(k K) (V, bool) {
	v, ok := c.m[k]
	if ok {
		c.touch(k)
	}
	return v, ok
}

// put stores v under k and evicts the least recent entries until both
// bounds hold. A value bigger than the whole budget is not kept at all:
// the caller still has it, and it would only push out everything else.
func (c *lru[K, V]) put(k K, v V) {
	c.remove(k)
	n := c.size(v)
	if n > c.budget {
		return
	}
	for len(c.order) > 0 && (len(c.order) >= c.max || c.bytes+n > c.budget) {
		c.remove(c.order[0])
	}
	c.m[k] = v
	c.bytes += n
	c.order = append(c.order, k)
}

func (c *lru[K, V]) remove(k K) {
	v, ok := c.m[k]
	if !ok {
		return
	}
	c.bytes -= c.size(v)
	delete(c.m, k)
	if i := slices.Index(c.order, k); i >= 0 {
		c.order = slices.Delete(c.order, i, i+1)
	}
}

func (c *lru[K, V]) touch(k K) {
	if i := slices.Index(c.order, k); i >= 0 {
		c.order = append(slices.Delete(c.order, i, i+1), k)
	}
}
