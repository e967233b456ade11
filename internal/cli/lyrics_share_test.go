//go:build unix

package cli

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/internal/nowstate"
	"github.com/spotui/spotui/internal/share"
)

// serving plays the running spotui: the test publishes every state.
func (w *world) serving() *share.Hub {
	w.t.Helper()
	hub := share.NewHub()
	node, err := share.Start(w.socket(), hub)
	if err != nil || node.Following() {
		w.t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	w.t.Cleanup(cancel)
	go node.Run(ctx, share.Events{})
	return hub
}

func TestNowAndLyricsUseTheRunningSpotuisLines(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	hub := w.serving()
	// Lines as the window shares them: its timing shift (+0.5 s) applied.
	hub.Publish(nowstate.State{LoggedIn: true, FetchedAt: time.Now(), Player: &api.PlaybackState{CurrentlyPlaying: api.CurrentlyPlaying{
		IsPlaying: true, ProgressMS: 5_000, Item: &api.Item{Type: api.TypeTrack, ID: "x", Name: "Shared", DurationMS: 60_000}}},
		Lyrics: []nowstate.LyricLine{{AtMS: 3_500, Text: "one"}, {AtMS: 7_500}, {AtMS: 62_250, Text: "two \x1b[2Jthree"}}})

	code, out, errOut := w.run("now", "--format", "{{.Lyric}} / {{.NextLyric}}")
	if code != ExitOK || out != "one / two [2Jthree\n" {
		t.Errorf("now: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, errOut = w.run("lyrics", "--lrc")
	if want := "[00:03.50] one\n[00:07.50]\n[01:02.25] two [2Jthree\n"; code != ExitOK || out != want {
		t.Errorf("lyrics --lrc: exit %d, stdout %q, stderr %q; want %q", code, out, errOut, want)
	}
	code, out, _ = w.run("lyrics")
	if code != ExitOK || out != "one\n\ntwo [2Jthree\n" {
		t.Errorf("lyrics: exit %d, stdout %q", code, out)
	}
	if n, m := len(w.fake.Requests()), w.lyricsAsked(); n != 0 || m != 0 {
		t.Errorf("with a spotui serving, Spotify got %d requests and the lyrics service %d; want none", n, m)
	}
}

func TestServeSharesTheLyricsItLooksUp(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	w.start("serve")
	var s nowstate.State
	eventually(t, "served lyrics", func() bool {
		s = w.served()
		return len(s.Lyrics) > 0
	})
	spotify, lrc := len(w.fake.Requests()), w.lyricsAsked()
	code, out, errOut := w.run("lyrics")
	if code != ExitOK || !strings.HasPrefix(out, "Paper lanterns on the water\n") {
		t.Errorf("lyrics: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if n, m := len(w.fake.Requests())-spotify, w.lyricsAsked()-lrc; n != 0 || m != 0 {
		t.Errorf("lyrics with serve running: %d requests to Spotify, %d to the lyrics service; want none", n, m)
	}
}
