package ui

import (
	"strings"
	"sync"
	"time"

	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/ui/upnext"
)

// View lays the whole frame out on every Update, but from one tick to the
// next only the clock (and now and then a lyric line) changes. viewMemo
// keeps the last rendering of each piece that is costly to style (lipgloss
// Render, width measuring), keyed by everything that piece is drawn from,
// so a hit gives exactly what drawing afresh would: View stays a function
// of the model. It holds one entry per piece and one line per row, so it
// stays as small as a frame.
//
// Every copy of a Model made from one New shares it (a pointer, like
// styles). A nil memo (a Model not made by New) draws everything afresh.
type viewMemo struct {
	mu       sync.Mutex // View may run on copies in other goroutines (tests)
	header   memoSlot[headerKey, string]
	title    memoSlot[titleKey, []string]
	progress memoSlot[progressKey, string]
	status   memoSlot[statusKey, statusView]
	keyBar   memoSlot[keyBarKey, string]
	upNext   memoSlot[upNextKey, []string]
	lyrics   memoSlot[lyricsKey, []string]
	rows     rowMemo
}

// memoSlot is one piece's last key and value.
type memoSlot[K comparable, V any] struct {
	ok  bool
	key K
	val V
}

// memoGet returns the slot's value when its key is k, else draw(k) (and
// keeps it). draw must depend on k alone (and the model's constant styles).
// It runs outside the lock: it may take a while.
func memoGet[K comparable, V any](m *viewMemo, slot func(*viewMemo) *memoSlot[K, V], k K, draw func(K) V) V {
	if m == nil {
		return draw(k)
	}
	m.mu.Lock()
	s := slot(m)
	if s.ok && s.key == k {
		v := s.val
		m.mu.Unlock()
		return v
	}
	m.mu.Unlock()
	v := draw(k)
	m.mu.Lock()
	*slot(m) = memoSlot[K, V]{ok: true, key: k, val: v}
	m.mu.Unlock()
	return v
}

// rowMemo is the last frame's rows: each row's pieces and the line they
// made. A row whose pieces are the same again (the cover, the title, the
// key bar) reuses its line instead of cutting and joining them anew.
type rowMemo struct {
	w    int
	segs [][]seg
	line []string
}

// line is the memoised line for row y made of segs, if any.
func (m *viewMemo) line(w, y int, segs []seg) (string, bool) {
	if m == nil {
		return "", false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	r := &m.rows
	if r.w != w || y >= len(r.segs) || !sameSegs(r.segs[y], segs) {
		return "", false
	}
	return r.line[y], true
}

// keepLine remembers row y of a w-wide frame.
func (m *viewMemo) keepLine(w, y int, segs []seg, line string) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	r := &m.rows
	if r.w != w {
		*r = rowMemo{w: w}
	}
	for len(r.segs) <= y {
		r.segs, r.line = append(r.segs, nil), append(r.line, "")
	}
	r.segs[y] = append(r.segs[y][:0], segs...)
	r.line[y] = line
}

// sameSegs compares pieces by value; strings drawn from memoised pieces
// share their bytes, which makes the comparison quick.
func sameSegs(a, b []seg) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// upNextKey is everything up next is drawn from: the queue (replaced, never
// changed in place), whether it belongs to the current item, the room.
type upNextKey struct {
	first *api.Item
	n     int
	known bool
	w, h  int
}

// upNextLines is up next's rows in a w×h rectangle.
func (m Model) upNextLines(w, h int) []string {
	k := upNextKey{n: len(m.queue), known: m.queueFor == m.itemURI(), w: w, h: h}
	if k.n > 0 {
		k.first = &m.queue[0]
	}
	lines := memoGet(m.memo, func(v *viewMemo) *memoSlot[upNextKey, []string] { return &v.upNext }, k, func(k upNextKey) []string {
		return upnext.View(m.upNextStyles(), upnext.Entries(m.upcoming()), k.known, k.w, k.h)
	})
	return lines[:len(lines):len(lines)]
}

// keyBarKey is everything the key bar is drawn from: the shown bindings
// (key, words, kept) and the width.
type keyBarKey struct {
	items string
	w     int
}

// shortHelpMemo is shortHelp, drawn again only when its bindings or width
// change.
func (m Model) shortHelpMemo(k KeyMap, w int) string {
	var b strings.Builder
	for _, it := range m.helpItems(k.ShortHelp(), k) {
		b.WriteString(it.key)
		b.WriteByte(0)
		b.WriteString(it.desc)
		if it.keep {
			b.WriteByte(1)
		}
		b.WriteByte(0)
	}
	return memoGet(m.memo, func(v *viewMemo) *memoSlot[keyBarKey, string] { return &v.keyBar }, keyBarKey{b.String(), w},
		func(keyBarKey) string { return m.shortHelp(k, w) })
}

// lyricsKey is everything synced lyrics are drawn from: the track's lines
// (loaded once per item), the room, the timing offset, and which line is
// current, told by when the next one starts (unique per line; -1 past
// the last).
type lyricsKey struct {
	uri          string
	w, h         int
	offset, next time.Duration
}

// lyricLines is the lyrics panel's rows in a w×h rectangle. Synced lyrics
// are drawn again only when the current line changes; anything else (a
// note, plain lyrics) is cheap and drawn each time.
func (m Model) lyricLines(w, h int) []string {
	pos := m.elapsed()
	if !m.lyrics.HasSynced() || !m.lyrics.Visible() || m.lyricsFor != m.itemURI() {
		return m.lyrics.View(w, h, pos)
	}
	k := lyricsKey{uri: m.lyricsFor, w: w, h: h, offset: m.lyrics.Offset(), next: -1}
	if d, ok := m.lyrics.NextWake(pos); ok {
		k.next = pos - k.offset + d
	}
	lines := memoGet(m.memo, func(v *viewMemo) *memoSlot[lyricsKey, []string] { return &v.lyrics }, k, func(lyricsKey) []string {
		return m.lyrics.View(w, h, pos)
	})
	return lines[:len(lines):len(lines)]
}
