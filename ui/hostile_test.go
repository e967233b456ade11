package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/internal/fakespotify"
	"github.com/spotui/spotui/internal/textclean"
)

// Text a podcast feed or a hostile reply could carry: OSC 52 writes the
// clipboard, OSC 2 renames the window, CSI 2J clears the screen, U+009B is
// a C1 CSI, U+202E reverses what follows.
const (
	evilTitle   = "Evil\x1b]52;c;SEFDS0VECg==\aSong\x1b]2;PWNED\a"
	cleanTitle  = "Evil]52;c;SEFDS0VECg==Song]2;PWNED"
	evilArtist  = "\x1b[2J\x1b[HMallory\u202e\u009b31m"
	cleanArtist = "[2J[HMallory31m"
)

// ownEscapes are the sequences the app itself writes: SGR styling and OSC 8
// links (the login URL).
var ownEscapes = regexp.MustCompile("\x1b\\[[0-9;:]*m|\x1b\\]8;[^\x1b\a]*(\x1b\\\\|\a)")

// controlsIn lists the control, C1 and bidi runes left in a frame once the
// app's own escapes are removed; line breaks are the frame's own.
func controlsIn(frame string) []string {
	var found []string
	if !utf8.ValidString(frame) {
		found = append(found, "invalid UTF-8")
	}
	for _, r := range ownEscapes.ReplaceAllString(frame, "") {
		if r != '\n' && textclean.Forbidden(r) {
			found = append(found, strconv.QuoteRune(r))
		}
	}
	return found
}

func (w *world) wantNoControls(where string) {
	w.t.Helper()
	if c := controlsIn(w.m.View()); len(c) > 0 {
		w.t.Fatalf("%s: the frame carries %v:\n%q", where, c, w.m.View())
	}
	if c := controlsIn(w.m.WindowTitle()); len(c) > 0 || strings.Contains(w.m.WindowTitle(), "\n") {
		w.t.Fatalf("%s: the window title %q carries %v", where, w.m.WindowTitle(), c)
	}
}

func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	w := newWorld(t)
	w.fake.EditItemText(0, func(it *fakespotify.Item) {
		it.Name, it.Artists, it.Album = evilTitle, []string{evilArtist}, "Album\x1b[8m\u2066"
	})
	w.fake.EditItemText(3, func(it *fakespotify.Item) { // the episode
		it.Name, it.Show, it.Publisher = evilTitle, "Show\x1b]0;x\a", evilArtist
		it.Description = "\x1b[31mred\x1b[0m description\r\nsecond line"
	})
	w.fake.EditDevice(0, func(d *fakespotify.Device) { d.Name = "Speaker\x1b]52;c;eA==\a" })
	w.fake.EditDevice(1, func(d *fakespotify.Device) { d.Name = "Kitchen\u009b2J" })
	w.send(tea.WindowSizeMsg{Width: 100, Height: 24})
	w.start()

	w.wantNoControls("a track")
	w.wantScreen(cleanTitle, cleanArtist, "Album[8m", "Speaker]52;c;eA==")
	if got, want := w.m.WindowTitle(), cleanArtist+" – "+cleanTitle; got != want {
		t.Errorf("window title %q, want %q", got, want)
	}

	w.key("d") // the device picker lists every name
	w.wantNoControls("the device picker")
	w.wantScreen("Kitchen2J")
	w.key("esc")

	w.fake.SetIndex(3)
	w.advance(pollPlaying)
	w.wantNoControls("an episode")
	w.wantScreen(cleanTitle, "Show]0;x", "[31mred[0m description")

	// Error messages from Spotify, on the poll and on a control.
	w.fake.FailNext(fakespotify.Failure{Path: cpPath, Status: 400, Message: "Bad\x1b[2J\u202erequest"})
	w.advance(pollPlaying)
	w.wantNoControls("a failed poll")
	w.wantScreen("Bad[2Jrequest")
	w.advance(backoffMax)
	w.fake.FailNext(fakespotify.Failure{Method: "PUT", Path: "/v1/me/player/pause", Status: 403, Message: "Ānother\x1b]2;PWNED\a\x1b[2J"})
	w.key("space")
	w.wantNoControls("a refused control")
	w.wantScreen("ānother]2;PWNED[2J")
}

// rawReply makes the fake answer the poll with body, as a proxy or a broken
// Spotify might, for the rest of the test.
func rawReply(w *world, body string) {
	w.fake.FailNext(fakespotify.Failure{Method: "GET", Path: cpPath, Status: http.StatusOK, Body: body, Count: 1 << 20})
}

func playerJSON(durationMS, progressMS, volume int64, title string) string {
	return `{"is_playing":true,"progress_ms":` + strconv.FormatInt(progressMS, 10) + `,"currently_playing_type":"track",
	  "device":{"id":"d1","name":"Speaker","type":"Computer","is_active":true,"supports_volume":true,"volume_percent":` + strconv.FormatInt(volume, 10) + `},
	  "item":{"type":"track","id":"t1","uri":"spotify:track:t1","name":` + jsonString(title) + `,"duration_ms":` + strconv.FormatInt(durationMS, 10) + `,
	    "artists":[{"name":"Artist"}],"album":{"name":"Album"}}}`
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// duration_ms MaxInt64 used to overflow the poll timer into a poll every
// second; a volume of MinInt32 was shown as such.
func TestAbsurdNumbersFromSpotify(t *testing.T) {
	tests := []struct {
		name                 string
		duration, progress   int64
		volume               int64
		wantShown, wantNever []string
	}{
		{"MaxInt64 duration", math.MaxInt64, 1000, 50, []string{"Plain", "vol 50%"}, nil},
		{"negative duration and progress", -5000, -3000, 50, []string{"Plain"}, []string{"-"}},
		{"MinInt32 volume", 200_000, 1000, math.MinInt32, []string{"Plain", "vol 0%"}, []string{"2147483648"}},
		{"MaxInt32 volume", 200_000, 1000, math.MaxInt32, []string{"vol 100%"}, []string{"2147483647"}},
		{"progress past the end", 200_000, math.MaxInt64, 50, []string{"Plain"}, []string{"-"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			rawReply(w, playerJSON(tt.duration, tt.progress, tt.volume, "Plain"))
			w.send(tea.WindowSizeMsg{Width: 100, Height: 24})
			w.start()
			before := w.fake.RequestCount("GET", cpPath)
			w.advance(30 * time.Second)
			// At most every 5 s while playing: never the 1 s floor.
			if n := w.fake.RequestCount("GET", cpPath) - before; n > 6 {
				t.Errorf("%d polls in 30 s", n)
			}
			w.wantScreen(tt.wantShown...)
			s := w.screen()
			for _, never := range tt.wantNever {
				if strings.Contains(s, never) {
					t.Errorf("screen shows %q:\n%s", never, s)
				}
			}
		})
	}
}

// hugeReply is a 3 MB title and 20,000 artists.
func hugeReply() string {
	var b strings.Builder
	b.WriteString(`{"is_playing":true,"progress_ms":1000,"currently_playing_type":"track",`)
	b.WriteString(`"device":{"id":"d1","name":"Speaker","is_active":true},`)
	b.WriteString(`"item":{"type":"track","id":"t1","duration_ms":200000,"album":{"name":"Album"},"name":"`)
	b.WriteString(strings.Repeat("Long title ", 3<<20/11))
	b.WriteString(`","artists":[`)
	for i := range 20_000 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"name":"Artist ` + strconv.Itoa(i) + `"}`)
	}
	b.WriteString(`]}}`)
	return b.String()
}

// A huge reply is held clipped, so a frame costs what a normal one does
// (it took 24 % of a core before).
func TestHugeRepliesRenderCheaply(t *testing.T) {
	w := newWorld(t)
	rawReply(w, hugeReply())
	w.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	w.start()
	it := w.m.np.Item
	if len(it.Name) > 1100 || len(it.Artists) > 32 {
		t.Fatalf("the model holds a %d-byte title and %d artists", len(it.Name), len(it.Artists))
	}
	w.wantScreen("Long title Long title", "Artist 0, Artist 1")

	m := w.m
	tick := func() { mm, _ := m.Update(tickMsg{gen: m.tickGen, at: m.now.Add(time.Second)}); _ = mm }
	tick()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	const n = 20
	for range n {
		tick()
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / n; per > 256<<10 {
		t.Errorf("a tick's render allocates %d KB", per>>10)
	}
}

// cannedReply is a transport that answers every request with one reply.
type cannedReply struct {
	status int
	body   []byte
}

func (c cannedReply) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: c.status, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(c.body)), Request: r}, nil
}

// FuzzReplyRender feeds arbitrary replies through the api decoder and the
// screen: whatever Spotify sends, the frame and the window title carry no
// control sequence but the app's own styling.
func FuzzReplyRender(f *testing.F) {
	f.Add([]byte(playerJSON(200_000, 1000, 50, evilTitle)), false)
	f.Add([]byte(playerJSON(math.MaxInt64, math.MinInt64, math.MinInt32, evilArtist)), false)
	f.Add([]byte(`{"error":{"status":400,"message":"`+"\\u001b]2;x\\u0007"+`"}}`), true)
	f.Add([]byte(`{"is_playing":true,"item":{"type":"episode","name":"\u009b2J","show":{"name":"\u202eS"},"description":"a\r\n\u001b[2Jb"}}`), false)
	f.Fuzz(func(t *testing.T, body []byte, asError bool) {
		status := http.StatusOK
		if asError {
			status = http.StatusBadRequest
		}
		c := api.New("http://spotify.invalid/v1", &http.Client{Transport: cannedReply{status, body}})
		ps, err := c.PlaybackState(context.Background())
		m := connected(nil, 0)
		m.width, m.height = 100, 24
		m, _ = update(m, nowPlayingMsg{gen: m.pollGen, cp: ps, err: err, at: t0})
		m, _ = update(m, tickMsg{gen: m.tickGen, at: t0.Add(time.Second)})
		if c := controlsIn(m.View()); len(c) > 0 {
			t.Fatalf("the frame carries %v:\n%q", c, m.View())
		}
		if c := controlsIn(m.WindowTitle()); len(c) > 0 || strings.Contains(m.WindowTitle(), "\n") {
			t.Fatalf("the window title %q carries %v", m.WindowTitle(), c)
		}
	})
}
