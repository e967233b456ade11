package cover

import (
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"
)

func TestEachCoverDownloadsOnce(t *testing.T) {
	srv := newCoverServer(t)
	a := srv.add(t, "/a.jpg", 640, 640, 0)
	b := srv.add(t, "/b.jpg", 640, 640, 90)
	dir := filepath.Join(t.TempDir(), "art")

	h := newHarness(t, Options{CacheDir: dir, Profile: termenv.TrueColor})
	var views []string
	for _, u := range []string{a, b, a, b, a} {
		h.setImage(one(u), "Album", 20, 10)
		if err := h.m.Err(); err != nil {
			t.Fatal(err)
		}
		checkShape(t, h.m.View(), 20, 10)
		views = append(views, h.m.View())
	}
	if views[0] == views[1] || views[0] != views[2] || views[1] != views[3] {
		t.Error("switching between two albums did not switch between two covers")
	}
	// A new size of a cover already in memory renders without a download.
	h.setImage(one(b), "Album", 30, 15)
	checkShape(t, h.m.View(), 30, 15)
	if n, m := srv.count("/a.jpg"), srv.count("/b.jpg"); n != 1 || m != 1 {
		t.Errorf("downloads: a %d, b %d; want 1 each", n, m)
	}
	if d, r := h.m.stats(); d != 2 || r != 3 {
		t.Errorf("engine counted %d downloads, %d renders; want 2, 3", d, r)
	}

	// The next run (new memory, same disk cache) downloads nothing.
	h2 := newHarness(t, Options{CacheDir: dir, Profile: termenv.TrueColor})
	for _, u := range []string{a, b, a} {
		h2.setImage(one(u), "Album", 20, 10)
		if err := h2.m.Err(); err != nil {
			t.Fatal(err)
		}
	}
	if got := srv.total(); got != 2 {
		t.Errorf("second model: server saw %d requests in all, want still 2", got)
	}
	if h2.m.View() != views[0] {
		t.Error("cover from the disk cache renders differently")
	}
}

func TestSameArgumentsAreFree(t *testing.T) {
	srv := newCoverServer(t)
	a := srv.add(t, "/a.jpg", 64, 64, 0)
	h := newHarness(t, Options{Profile: termenv.TrueColor})
	h.setImage(one(a), "Album", 20, 10)
	var cmd tea.Cmd
	if h.m, cmd = h.m.SetImage(one(a), "Album", 20, 10); cmd != nil {
		t.Error("SetImage with the same arguments returned a cmd")
	}
	// Another track of the same album: a new label, the same cover, which
	// is already rendered.
	if h.m, cmd = h.m.SetImage(one(a), "Album (Deluxe)", 20, 10); cmd != nil {
		t.Error("SetImage of a rendered cover returned a cmd")
	}
	if _, r := h.m.stats(); r != 1 {
		t.Errorf("%d renders, want 1", r)
	}
}

func TestConcurrentRequestsDownloadOnce(t *testing.T) {
	srv := newCoverServer(t)
	a := srv.add(t, "/a.jpg", 640, 640, 0)
	gate := make(chan struct{})
	arrive := make(chan string, 4)
	srv.mu.Lock()
	srv.gate, srv.arrive = gate, arrive
	srv.mu.Unlock()

	m := New(Options{Profile: termenv.TrueColor})
	// Two copies of one model ask for the same cover at different sizes,
	// so neither can be answered from the other's rendered string.
	_, cmd1 := m.SetImage(one(a), "A", 20, 10)
	_, cmd2 := m.SetImage(one(a), "A", 30, 15)
	if cmd1 == nil || cmd2 == nil {
		t.Fatal("no cmds")
	}
	var wg sync.WaitGroup
	msgs := make([]tea.Msg, 2)
	wg.Add(2)
	go func() { defer wg.Done(); msgs[0] = cmd1() }()
	<-arrive // the first download has reached the server
	go func() { defer wg.Done(); msgs[1] = cmd2() }()
	time.Sleep(100 * time.Millisecond) // give the second time to (wrongly) download too
	close(gate)
	wg.Wait()

	if n := srv.count("/a.jpg"); n != 1 {
		t.Errorf("server saw %d downloads, want 1", n)
	}
	for i, msg := range msgs {
		rm, ok := msg.(RenderedMsg)
		if !ok || rm.err != nil || rm.placeholder {
			t.Errorf("cmd %d: %#v", i, msg)
		}
	}
}

func TestLRU(t *testing.T) {
	c := newLRU[string, int](2, 100, func(int) int { return 1 })
	c.put("a", 1)
	c.put("b", 2)
	c.get("a") // b is now the oldest
	c.put("c", 3)
	if _, ok := c.get("b"); ok {
		t.Error("b survived")
	}
	if v, ok := c.get("a"); !ok || v != 1 {
		t.Error("a was evicted")
	}
	c.put("a", 10)
	if v, _ := c.get("a"); v != 10 || len(c.order) != 2 {
		t.Errorf("update: a=%d, %d entries", v, len(c.order))
	}
}

// TestLRUByteBudget: values count by their size, the oldest go first, and
// one bigger than the whole budget is not kept.
func TestLRUByteBudget(t *testing.T) {
	type op struct {
		key  string
		size int
	}
	tests := []struct {
		name  string
		puts  []op
		want  []string // keys left, oldest first
		bytes int
	}{
		{"fits", []op{{"a", 4}, {"b", 6}}, []string{"a", "b"}, 10},
		{"evicts oldest", []op{{"a", 4}, {"b", 4}, {"c", 4}}, []string{"b", "c"}, 8},
		{"evicts several", []op{{"a", 3}, {"b", 3}, {"c", 3}, {"d", 9}}, []string{"d"}, 9},
		{"too big is dropped", []op{{"a", 4}, {"b", 11}}, []string{"a"}, 4},
		{"replacing frees the old size", []op{{"a", 8}, {"a", 2}, {"b", 8}}, []string{"a", "b"}, 10},
		{"replacing by too big removes", []op{{"a", 2}, {"a", 20}}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newLRU[string, int](10, 10, func(v int) int { return v })
			for _, p := range tt.puts {
				c.put(p.key, p.size)
			}
			if !slices.Equal(c.order, tt.want) || len(c.m) != len(tt.want) || c.bytes != tt.bytes {
				t.Errorf("order %v (%d in map), %d bytes; want %v, %d bytes", c.order, len(c.m), c.bytes, tt.want, tt.bytes)
			}
		})
	}
}
