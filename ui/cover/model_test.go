package cover

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"
	"github.com/spotui/spotui/api"
)

func TestStaleResultIsDropped(t *testing.T) {
	srv := newCoverServer(t)
	a := srv.add(t, "/a.jpg", 64, 64, 0)
	b := srv.add(t, "/b.jpg", 64, 64, 90)
	c := srv.add(t, "/c.jpg", 64, 64, 180)
	h := newHarness(t, Options{Profile: termenv.TrueColor})
	h.setImage(one(c), "C", 20, 10)
	shownC := h.m.View()

	m, cmdA := h.m.SetImage(one(a), "A", 20, 10)
	m, cmdB := m.SetImage(one(b), "B", 20, 10)
	if cmdA == nil || cmdB == nil {
		t.Fatal("no cmds")
	}
	if m.View() != shownC {
		t.Fatal("the old cover left the screen before the new one was ready")
	}
	msgB, msgA := cmdB(), cmdA()
	m, _ = m.Update(msgB)
	shownB := m.View()
	if shownB == shownC || shownB != msgB.(RenderedMsg).view {
		t.Fatal("B's result was not shown")
	}
	m, _ = m.Update(msgA) // A arrives late
	if m.View() != shownB {
		t.Error("a stale result replaced the current cover")
	}
	if msgA.(RenderedMsg).view == shownB {
		t.Fatal("test is void: A and B render the same")
	}

	// Another model's messages are not ours either.
	other := New(Options{Profile: termenv.TrueColor})
	other, _ = other.SetImage(one(a), "A", 20, 10)
	before := other.View()
	other, _ = other.Update(msgB)
	if other.View() != before {
		t.Error("a model accepted another model's result")
	}
}

func TestFirstCoverShowsPlaceholderWhileLoading(t *testing.T) {
	srv := newCoverServer(t)
	a := srv.add(t, "/a.jpg", 64, 64, 0)
	m := New(Options{Profile: termenv.TrueColor})
	m, cmd := m.SetImage(one(a), "Best Collection '75", 20, 10)
	if cmd == nil {
		t.Fatal("no cmd")
	}
	checkShape(t, m.View(), 20, 10)
	if !strings.Contains(m.View(), "BC") {
		t.Errorf("no initials while loading:\n%s", m.View())
	}
}

func TestFailuresShowPlaceholder(t *testing.T) {
	srv := newCoverServer(t)
	client := &http.Client{Timeout: 200 * time.Millisecond}
	tests := []struct {
		name string
		path string
		want string // in the error
	}{
		{"404", "/missing.jpg", "404"},
		{"not an image", "/html", "not an image"},
		{"timeout", "/slow", "Timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Options{HTTPClient: client, Profile: termenv.ANSI256})
			h.setImage(one(srv.URL+tt.path), "Best Collection '75", 20, 10)
			err := h.m.Err()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Err() = %v, want it to mention %q", err, tt.want)
			}
			checkShape(t, h.m.View(), 20, 10)
			if !strings.Contains(h.m.View(), "BC") {
				t.Errorf("no initials in\n%s", h.m.View())
			}
			// The same item again does not retry in a loop.
			if _, cmd := h.m.SetImage(one(srv.URL+tt.path), "Best Collection '75", 20, 10); cmd != nil {
				t.Error("SetImage of the failed item again returned a cmd")
			}
		})
	}

	// A good cover afterwards clears the error.
	a := srv.add(t, "/a.jpg", 64, 64, 0)
	h := newHarness(t, Options{Profile: termenv.TrueColor})
	h.setImage(one(srv.URL+"/missing.jpg"), "X", 10, 5)
	h.setImage(one(a), "A", 10, 5)
	if h.m.Err() != nil || h.m.placeholder {
		t.Errorf("after a good cover: Err() = %v, placeholder %v", h.m.Err(), h.m.placeholder)
	}
}

func TestOctetStreamIsSniffed(t *testing.T) {
	srv := newCoverServer(t)
	srv.add(t, "/octet", 64, 64, 0)
	h := newHarness(t, Options{Profile: termenv.TrueColor})
	h.setImage(one(srv.URL+"/octet"), "A", 10, 5)
	if err := h.m.Err(); err != nil || h.m.placeholder {
		t.Errorf("Err() = %v, placeholder %v", err, h.m.placeholder)
	}
}

func TestNoImageAdsAndAscii(t *testing.T) {
	srv := newCoverServer(t)
	a := srv.add(t, "/a.jpg", 64, 64, 0)

	// An ad or a local file: no images, placeholder at once, no cmd.
	m := New(Options{Profile: termenv.TrueColor})
	m, cmd := m.SetImage(nil, "Local Files", 12, 6)
	if cmd != nil {
		t.Error("cmd for an item without images")
	}
	checkShape(t, m.View(), 12, 6)
	if !strings.Contains(m.View(), "LF") {
		t.Errorf("placeholder without initials:\n%s", m.View())
	}

	// No colour: placeholder only, no escapes, no download.
	m = New(Options{Profile: termenv.Ascii})
	m, cmd = m.SetImage(one(a), "Blue Train", 12, 6)
	if cmd != nil {
		t.Error("cmd under the Ascii profile")
	}
	checkShape(t, m.View(), 12, 6)
	if strings.Contains(m.View(), "\x1b") {
		t.Errorf("escapes under the Ascii profile: %q", m.View())
	}
	if srv.total() != 0 {
		t.Error("downloaded under the Ascii profile")
	}
}

func TestOffAndZeroSize(t *testing.T) {
	srv := newCoverServer(t)
	a := srv.add(t, "/a.jpg", 64, 64, 0)
	m := New(Options{Mode: ModeOff, Profile: termenv.TrueColor})
	m, cmd := m.SetImage(one(a), "A", 20, 10)
	if cmd != nil || m.View() != "" {
		t.Errorf("ModeOff: cmd %v, view %q", cmd != nil, m.View())
	}
	if m, cmd = m.SetSize(30, 15); cmd != nil || m.View() != "" {
		t.Error("ModeOff SetSize did something")
	}

	h := newHarness(t, Options{Profile: termenv.TrueColor})
	h.setImage(one(a), "A", 20, 10)
	h.setSize(0, 10)
	if h.m.View() != "" {
		t.Errorf("zero width: view %q", h.m.View())
	}
	h.setImage(one(a), "A", 0, 0)
	if h.m.View() != "" || len(h.timers) != 0 {
		t.Error("zero size rendered or scheduled something")
	}
	if c, r := h.m.Size(); c != 0 || r != 0 {
		t.Errorf("Size() = %d, %d", c, r)
	}
	// Negative sizes are zero, not a panic.
	h.setImage(one(a), "A", -3, -1)
	if h.m.View() != "" {
		t.Error("negative size drew something")
	}
}

func TestResizeDebounce(t *testing.T) {
	srv := newCoverServer(t)
	a := srv.add(t, "/a.jpg", 640, 640, 0)
	h := newHarness(t, Options{Profile: termenv.TrueColor})
	h.setImage(one(a), "A", 20, 10)
	old := h.m.View()
	_, r0 := h.m.stats()

	for _, s := range [][2]int{{21, 10}, {24, 11}, {22, 12}, {26, 13}} {
		h.setSize(s[0], s[1])
	}
	if len(h.timers) != 4 {
		t.Fatalf("%d timers held, want 4", len(h.timers))
	}
	for _, tm := range h.timers {
		if tm.d != ResizeDebounce {
			t.Errorf("timer of %v, want %v", tm.d, ResizeDebounce)
		}
	}
	if h.m.View() != old {
		t.Error("view changed before the debounce fired")
	}
	if c, r := h.m.Size(); c != 26 || r != 13 {
		t.Errorf("Size() = %d, %d; want the latest, 26, 13", c, r)
	}
	h.fire()
	if _, r := h.m.stats(); r != r0+1 {
		t.Errorf("%d renders after a burst of resizes, want 1", r-r0)
	}
	checkShape(t, h.m.View(), 26, 13)

	// Back to a size already rendered: the cached string, no render.
	h.setImage(one(a), "A", 20, 10) // same item, new size: a resize
	h.fire()
	if h.m.View() != old {
		t.Error("returning to the first size did not restore its cover")
	}
	if _, r := h.m.stats(); r != r0+1 {
		t.Errorf("a cached size was rendered again")
	}

	// A new item cancels a pending resize: it renders at its own size.
	b := srv.add(t, "/b.jpg", 640, 640, 90)
	h.setSize(30, 15)
	h.setImage(one(b), "B", 18, 9)
	h.fire()
	checkShape(t, h.m.View(), 18, 9)
}

func TestUpdateIgnoresOtherMessages(t *testing.T) {
	m := New(Options{Profile: termenv.TrueColor})
	m, _ = m.SetImage(nil, "A", 10, 5)
	before := m.View()
	for _, msg := range []tea.Msg{tea.KeyMsg{}, tea.WindowSizeMsg{Width: 1, Height: 1}, nil, errors.New("x")} {
		var cmd tea.Cmd
		if m, cmd = m.Update(msg); cmd != nil || m.View() != before {
			t.Errorf("Update(%T) did something", msg)
		}
	}
}

func TestGraphicsModesPickBiggerImage(t *testing.T) {
	srv := newCoverServer(t)
	images := []api.Image{
		{URL: srv.add(t, "/640.jpg", 640, 640, 0), Width: 640, Height: 640},
		{URL: srv.add(t, "/300.jpg", 300, 300, 0), Width: 300, Height: 300},
		{URL: srv.add(t, "/64.jpg", 64, 64, 0), Width: 64, Height: 64},
	}
	h := newHarness(t, Options{Mode: ModeKitty, Profile: termenv.TrueColor})
	h.setImage(images, "A", 20, 10) // about 200×200 pixels: the 300 one
	if srv.count("/300.jpg") != 1 || srv.total() != 1 {
		t.Errorf("kitty at 20×10 downloaded %v", srv.hits)
	}
	if !strings.HasPrefix(h.m.View(), kittyDelete(DefaultKittyID)+"\x1b_G") {
		t.Errorf("kitty view starts %q", h.m.View()[:min(60, len(h.m.View()))])
	}
	h2 := newHarness(t, Options{Mode: ModeBlocks, Profile: termenv.TrueColor})
	h2.setImage(images, "A", 20, 10)
	if srv.count("/64.jpg") != 1 {
		t.Errorf("blocks at 20×10 downloaded %v", srv.hits)
	}
	if h.m.Clear() != kittyDelete(DefaultKittyID) || h2.m.Clear() != "" {
		t.Error("Clear() is wrong")
	}
}

func TestZeroModelIsInert(t *testing.T) {
	var m Model
	m, cmd := m.SetImage(one("http://x/a.jpg"), "A", 10, 5)
	if cmd != nil || m.View() != "" {
		t.Error("zero Model did something on SetImage")
	}
	if m, cmd = m.SetSize(20, 10); cmd != nil || m.View() != "" || m.Clear() != "" {
		t.Error("zero Model did something on SetSize")
	}
	m, _ = m.Update(RenderedMsg{view: "x"})
	if m.View() != "" {
		t.Error("zero Model accepted a message")
	}
}
