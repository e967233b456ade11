package nowstate

import (
	"testing"
	"time"

	"github.com/spotui/spotui/api"
)

func TestStatusPositionAndLyric(t *testing.T) {
	t0 := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	item := &api.Item{Type: api.TypeTrack, Name: "x", DurationMS: 60_000}
	playing := State{LoggedIn: true, FetchedAt: t0,
		Player: &api.PlaybackState{CurrentlyPlaying: api.CurrentlyPlaying{IsPlaying: true, ProgressMS: 10_000, Item: item}},
		Lyrics: []LyricLine{{AtMS: 5_000, Text: "a"}, {AtMS: 12_000, Text: "b"}, {AtMS: 20_000}, {AtMS: 21_000, Text: "c"}}}
	paused := playing
	paused.Player = &api.PlaybackState{CurrentlyPlaying: api.CurrentlyPlaying{ProgressMS: 10_000, Item: item}}
	tests := []struct {
		name   string
		s      State
		now    time.Time
		status string
		pos    time.Duration
		lyric  string
		next   string
	}{
		{"playing moves with the clock", playing, t0.Add(3 * time.Second), StatusPlaying, 13 * time.Second, "b", "c"}, // the blank break is skipped
		{"a clock behind the answer holds", playing, t0.Add(-8 * time.Second), StatusPlaying, 10 * time.Second, "a", "b"},
		{"never past the end", playing, t0.Add(time.Hour), StatusPlaying, time.Minute, "c", ""},
		{"paused holds", paused, t0.Add(3 * time.Second), StatusPaused, 10 * time.Second, "a", "b"},
		{"nothing playing", State{LoggedIn: true}, t0, StatusStopped, 0, "", ""},
		{"logged out", State{Player: playing.Player}, t0, StatusStopped, 10 * time.Second, "", ""},
		{"a far clock can't overflow", playing, t0.Add(200 * 365 * 24 * time.Hour), StatusPlaying, time.Minute, "c", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.Status(); got != tt.status {
				t.Errorf("Status = %q, want %q", got, tt.status)
			}
			if got := tt.s.Position(tt.now); got != tt.pos {
				t.Errorf("Position = %v, want %v", got, tt.pos)
			}
			if got := tt.s.LyricAt(tt.now); got != tt.lyric {
				t.Errorf("LyricAt = %q, want %q", got, tt.lyric)
			}
			if got := tt.s.NextLyricAt(tt.now); got != tt.next {
				t.Errorf("NextLyricAt = %q, want %q", got, tt.next)
			}
		})
	}
}
