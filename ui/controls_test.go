package ui

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/spotui/spotui/internal/fakespotify"
)

// lastRequest is the fake's newest request to method+path.
func (w *world) lastRequest(method, path string) fakespotify.Request {
	w.t.Helper()
	reqs := w.fake.Requests()
	for i := len(reqs) - 1; i >= 0; i-- {
		if reqs[i].Method == method && reqs[i].Path == path {
			return reqs[i]
		}
	}
	w.t.Fatalf("no %s %s at the fake", method, path)
	return fakespotify.Request{}
}

func TestEachControlSendsItsRequestAndShowsAtOnce(t *testing.T) {
	w := newWorld(t)
	w.start()
	w.advance(20 * time.Second)
	vol := 0
	for _, d := range w.fake.Devices() {
		if d.Active {
			vol = d.Volume
		}
	}

	tests := []struct {
		key    string
		method string
		path   string
		query  string // param=value prefix the fake must receive
		screen string // shown before the confirming poll
	}{
		{"right", "PUT", "/v1/me/player/seek", "position_ms=30", "0:30"},
		{"left", "PUT", "/v1/me/player/seek", "position_ms=20", "0:20"},
		{"+", "PUT", "/v1/me/player/volume", fmt.Sprintf("volume_percent=%d", vol+5), fmt.Sprintf("vol %d%%", vol+5)},
		{"-", "PUT", "/v1/me/player/volume", fmt.Sprintf("volume_percent=%d", vol), fmt.Sprintf("vol %d%%", vol)},
		{"s", "PUT", "/v1/me/player/shuffle", "state=true", "shuffle on"},
		{"r", "PUT", "/v1/me/player/repeat", "state=track", "repeat one"},
		{"r", "PUT", "/v1/me/player/repeat", "state=off", "repeat off"},
	}
	for _, tt := range tests {
		before := w.fake.RequestCount(tt.method, tt.path)
		w.send(keyFor(tt.key))
		if w.fake.RequestCount(tt.method, tt.path) != before+1 {
			t.Fatalf("%s: no %s %s", tt.key, tt.method, tt.path)
		}
		r := w.lastRequest(tt.method, tt.path)
		name, val, _ := strings.Cut(tt.query, "=")
		if got := r.Query.Get(name); got == "" || !strings.HasPrefix(got, val) {
			t.Errorf("%s: %s=%q, want %s", tt.key, name, got, tt.query)
		}
		w.wantScreen(tt.screen)
		w.advance(afterAction) // the confirming poll agrees
		w.wantScreen(tt.screen)
	}
}

func keyFor(k string) tea.KeyMsg {
	switch k {
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	}
	return keyMsg(k)
}

func TestDisallowedControlIsExplainedNotSent(t *testing.T) {
	w := newWorld(t)
	w.start()
	w.m.np.Actions.Disallows = map[string]bool{"skipping_next": true}
	w.key("n")
	if w.fake.RequestCount("POST", "/v1/me/player/next") != 0 {
		t.Fatal("a disallowed skip was sent")
	}
	w.wantScreen("Spotify doesn't allow you to skip right now.")
}

func TestLikeTogglesTheLibrary(t *testing.T) {
	w := newWorld(t)
	w.start()
	it, _, _ := w.fake.Current()
	uri := "spotify:track:" + it.ID
	if w.fake.RequestCount("GET", "/v1/me/library/contains") != 1 {
		t.Errorf("liked state looked up %d times, want once per item", w.fake.RequestCount("GET", "/v1/me/library/contains"))
	}
	w.key("f")
	if !w.fake.IsSaved(uri) {
		t.Fatal("f did not save the track")
	}
	w.wantScreen(it.Name+" ♥", "Added to your Liked Songs.")
	w.advance(10 * time.Second)
	if n := w.fake.RequestCount("GET", "/v1/me/library/contains"); n != 1 {
		t.Errorf("liked state looked up %d times for one item", n)
	}
	w.key("f")
	if w.fake.IsSaved(uri) || strings.Contains(w.screen(), "♥") {
		t.Fatal("second f did not unlike")
	}
	w.wantScreen("Removed from your Liked Songs.")
}

func TestLikeWithAnOldTokenAsksToLogInAgain(t *testing.T) {
	m := live(t, fixture(t, "track.json"))
	m.sess.library = false
	m, cmd := update(m, keyMsg("f"))
	if !strings.Contains(m.notice, "press l to log in again") || cmd == nil {
		t.Errorf("notice %q", m.notice)
	}
}

func TestCopyPutsTheLinkOnTheClipboard(t *testing.T) {
	w := newWorld(t)
	var mu sync.Mutex
	var got string
	w.m.deps.Copy = func(s string) error { mu.Lock(); got = s; mu.Unlock(); return nil }
	w.start()
	w.key("c")
	it, _, _ := w.fake.Current()
	want := "https://open.spotify.com/track/" + it.ID
	mu.Lock()
	defer mu.Unlock()
	if got != want {
		t.Errorf("clipboard %q, want %q", got, want)
	}
	w.wantScreen("Sent the link to the terminal's clipboard (OSC 52).")
}

func TestFocusSlowsAndResumesPolling(t *testing.T) {
	w := newWorld(t)
	w.start()
	w.send(tea.BlurMsg{})
	w.advance(5 * time.Second) // the poll already scheduled runs, the next waits 30 s
	before := w.fake.RequestCount("GET", cpPath)
	w.advance(29 * time.Second)
	if n := w.fake.RequestCount("GET", cpPath) - before; n != 0 {
		t.Errorf("%d polls within 29 s while unfocused, want 0", n)
	}
	w.send(tea.FocusMsg{})
	if n := w.fake.RequestCount("GET", cpPath) - before; n != 1 {
		t.Errorf("%d polls on focus, want 1 at once", n)
	}
	w.advance(5 * time.Second)
	if n := w.fake.RequestCount("GET", cpPath) - before; n != 2 {
		t.Errorf("focused again: %d polls, want back to every 5 s", n)
	}
}

func TestEpisodeShowsShowAndDescription(t *testing.T) {
	m := connected(fixture(t, "episode.json"), 0)
	title, sub, coll := m.describeItem()
	if title != "Episode 42: The Long Answer" || sub != "The Long Show · Long Media" || coll != "Podcast episode · 2023" {
		t.Errorf("got %q / %q / %q", title, sub, coll)
	}
}

func TestRefusedChangeRollsBackWithAMessage(t *testing.T) {
	w := newWorld(t)
	w.start()
	// Spotify answers 204 but the player ignores it (it happens): the next
	// poll shows shuffle still off.
	w.fake.FailNext(fakespotify.Failure{Method: "PUT", Path: "/v1/me/player/shuffle", Status: 204, Body: " "})
	w.key("s")
	w.wantScreen("shuffle on") // optimistic
	w.advance(afterAction)
	w.wantScreen("shuffle off", "Spotify didn't change shuffle")
}

func TestDevicePickerListsAndTransfers(t *testing.T) {
	w := newWorld(t)
	w.start()
	devs := w.fake.Devices()
	w.key("d")
	if w.fake.RequestCount("GET", "/v1/me/player/devices") != 1 {
		t.Fatal("d did not fetch the devices")
	}
	for _, d := range devs {
		w.wantScreen(d.Name)
	}
	w.wantScreen("enter play here", "esc close")
	w.key("q") // closes the picker, does not quit
	if w.quit || w.m.picker.IsOpen() {
		t.Fatal("q in the picker must only close it")
	}
	w.key("d")
	if sel, _ := w.m.picker.Selected(); !sel.IsActive {
		t.Errorf("the picker opened on %q, want the active device", sel.Name)
	}
	var target fakespotify.Device
	for _, d := range devs {
		if !d.Active && target.ID == "" {
			target = d
		}
	}
	for range len(devs) { // walk the selection to the target
		if sel, _ := w.m.picker.Selected(); sel.ID == target.ID {
			break
		}
		w.send(tea.KeyMsg{Type: tea.KeyDown})
	}
	w.send(tea.KeyMsg{Type: tea.KeyEnter})
	if w.fake.RequestCount("PUT", "/v1/me/player") != 1 {
		t.Fatal("enter did not transfer playback")
	}
	w.advance(afterAction)
	w.wantScreen("on "+target.Name, "Playing on "+target.Name+".")
	for _, d := range w.fake.Devices() {
		if d.ID == target.ID && !d.Active {
			t.Errorf("the fake did not move playback to %s", target.Name)
		}
	}
}

func TestPausedElsewhereSlowsToTwoPollsAMinute(t *testing.T) {
	w := newWorld(t)
	w.start()
	w.advance(2 * time.Second)
	w.fake.Pause() // on another device, between two polls
	paused := w.clock.Now()
	w.advance(5 * time.Second)
	w.wantScreen("⏸ paused")
	// The window opens just before the minute is up (as bench/ measures it).
	w.advance(time.Minute - 7*time.Second - 100*time.Millisecond)
	before := w.fake.RequestCount("GET", cpPath)
	w.advance(time.Minute)
	if n := w.fake.RequestCount("GET", cpPath) - before; n > 2 {
		t.Errorf("%d polls in the second minute after the pause at %v, want ≤ 2", n, paused.Format("15:04:05"))
	}
}

// The 1 s tick only runs while its clock is on screen: the device picker
// covers it, so the loop stops, and closing the picker shows the right time
// at once and starts one loop again.
func TestTheClockStopsWhileThePickerCoversIt(t *testing.T) {
	w := newWorld(t)
	w.start()
	w.advance(2100 * time.Millisecond)
	w.wantScreen("0:02")

	ticks := func() (n int) {
		for _, msg := range w.seen {
			if _, ok := msg.(tickMsg); ok {
				n++
			}
		}
		return n
	}
	w.key("d")
	w.wantScreen("esc close")
	before := ticks()
	w.advance(10 * time.Second)
	if n := ticks() - before; n > 1 {
		t.Errorf("%d ticks while the picker covered the clock; want at most the one already due", n)
	}

	w.key("esc")
	w.advance(0) // the first tick is due at once
	w.wantScreen("0:12")
	before = ticks()
	w.advance(3 * time.Second)
	w.wantScreen("0:15")
	if n := ticks() - before; n != 3 {
		t.Errorf("%d ticks in the 3 s after the picker closed, want 3 (one loop)", n)
	}
}
