package cover

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/spotui/spotui/api"
)

// heldTimer is what the fake Tick returns: the harness keeps it until the
// test fires it.
type heldTimer struct {
	d  time.Duration
	fn func(time.Time) tea.Msg
}

// harness drives a Model as Bubble Tea would, synchronously: it runs cmds,
// expands batches, feeds messages back into Update until none are left,
// and holds timers until fire is called.
type harness struct {
	t      *testing.T
	m      Model
	timers []heldTimer
	seen   []tea.Msg
}

func newHarness(t *testing.T, opts Options) *harness {
	t.Helper()
	opts.Tick = func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		return func() tea.Msg { return heldTimer{d, fn} }
	}
	return &harness{t: t, m: New(opts)}
}

// run executes cmd and everything it leads to, except held timers.
func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case heldTimer:
			h.timers = append(h.timers, msg)
		default:
			h.seen = append(h.seen, msg)
			var next tea.Cmd
			h.m, next = h.m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// fire fires every held timer, oldest first.
func (h *harness) fire() {
	h.t.Helper()
	timers := h.timers
	h.timers = nil
	for _, tm := range timers {
		h.run(func() tea.Msg { return tm.fn(time.Time{}) })
	}
}

func (h *harness) setImage(images []api.Image, label string, cols, rows int) {
	h.t.Helper()
	var cmd tea.Cmd
	h.m, cmd = h.m.SetImage(images, label, cols, rows)
	h.run(cmd)
}

func (h *harness) setSize(cols, rows int) {
	h.t.Helper()
	var cmd tea.Cmd
	h.m, cmd = h.m.SetSize(cols, rows)
	h.run(cmd)
}

// stats reads the engine's work counters.
func (m Model) stats() (downloads, renders int) {
	m.eng.mu.Lock()
	defer m.eng.mu.Unlock()
	return m.eng.downloads, m.eng.renders
}

// checkShape fails unless view is rows lines of exactly cols cells.
func checkShape(t *testing.T, view string, cols, rows int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != rows {
		t.Fatalf("view has %d lines, want %d", len(lines), rows)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != cols {
			t.Fatalf("line %d is %d cells wide, want %d: %q", i, w, cols, l)
		}
	}
}

// coverServer serves generated JPEGs and counts requests per path.
type coverServer struct {
	*httptest.Server
	mu     sync.Mutex
	hits   map[string]int
	bodies map[string][]byte
	gate   chan struct{} // when set, requests wait for it to close
	arrive chan string   // when set, gets each path as it arrives
}

func newCoverServer(t *testing.T) *coverServer {
	t.Helper()
	s := &coverServer{hits: map[string]int{}, bodies: map[string][]byte{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// add serves a w×h JPEG at path and returns its URL.
func (s *coverServer) add(t *testing.T, path string, w, h int, seed uint8) string {
	t.Helper()
	s.mu.Lock()
	s.bodies[path] = jpegBytes(t, w, h, seed)
	s.mu.Unlock()
	return s.URL + path
}

func (s *coverServer) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	body, ok := s.bodies[r.URL.Path]
	gate, arrive := s.gate, s.arrive
	s.mu.Unlock()
	if arrive != nil {
		arrive <- r.URL.Path
	}
	if gate != nil {
		<-gate
	}
	switch {
	case r.URL.Path == "/html":
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<!doctype html><title>nope</title>"))
	case r.URL.Path == "/slow":
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	case r.URL.Path == "/octet" && ok:
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write(body)
	case ok:
		w.Header().Set("Content-Type", "image/jpeg")
		_, _ = w.Write(body)
	default:
		http.NotFound(w, r)
	}
}

func (s *coverServer) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *coverServer) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, v := range s.hits {
		n += v
	}
	return n
}

// one is an image list with a single 640×640 size.
func one(url string) []api.Image { return []api.Image{{URL: url, Width: 640, Height: 640}} }

// cell12 is a cell of exactly 1:2, which the fixtures' expected sizes assume.
var cell12 = CellSize{W: 10, H: 20}
