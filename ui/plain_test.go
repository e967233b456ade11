package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/spotui/spotui/api"
)

// The dumb-terminal line: what plays, plain, and a key that moves with the
// item and play state but not with the clock.
func TestPlainStatus(t *testing.T) {
	track := fixture(t, "track.json")
	title, artist := track.Item.Name, track.Item.Artists[0].Name
	paused := *track
	paused.IsPlaying = false
	evil := *track
	item := *track.Item
	item.Name = "Bad\x1b[31mTitle\x07"
	evil.Item = &item

	playing := connected(track, 0)
	later := connected(track, 7*time.Second)
	tests := []struct {
		name string
		m    Model
		want []string
	}{
		{"playing", playing, []string{"▶ " + title, artist, "(", " / "}},
		{"paused", connected(&paused, 0), []string{"⏸ " + title}},
		{"nothing", connected(nil, 0), []string{"Nothing is playing."}},
		{"offline", func() Model { m := connected(track, 0); m.pollErr = &api.Error{Status: 503}; return m }(), []string{"▶ " + title, "Spotify is having trouble (503)"}},
		{"notice", func() Model { m := connected(track, 0); m.notice = "Copied"; return m }(), []string{"— Copied"}},
		{"logged out", func() Model { m := connected(nil, 0); m.state = stateLoggedOut; return m }(), []string{"press l"}},
	}
	for _, tt := range tests {
		line, key := tt.m.PlainStatus()
		for _, w := range tt.want {
			if !strings.Contains(line, w) {
				t.Errorf("%s: %q lacks %q", tt.name, line, w)
			}
		}
		if strings.ContainsRune(line, '\x1b') || key == "" {
			t.Errorf("%s: line %q (key %q): escape or no key", tt.name, line, key)
		}
	}

	l0, k0 := playing.PlainStatus()
	l7, k7 := later.PlainStatus()
	if l0 == l7 || k0 != k7 {
		t.Errorf("the clock: lines %q / %q, keys equal %v; want new text, same key", l0, l7, k0 == k7)
	}
	if _, kp := connected(&paused, 0).PlainStatus(); kp == k0 {
		t.Error("pausing does not change the key")
	}
	if line, _ := connected(&evil, 0).PlainStatus(); strings.ContainsAny(line, "\x1b\x07") || !strings.Contains(line, "Bad[31mTitle") {
		t.Errorf("control characters reach the line: %q", line)
	}
	quitting := connected(track, 0)
	quitting.sess = nil
	if line, _ := quitting.PlainStatus(); line != "" {
		t.Errorf("quitting prints %q, want nothing", line)
	}
}
