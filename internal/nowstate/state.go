// Package nowstate is the one model of "now" that a running spotui shares
// beyond its window: with `spotui now` and status bars over a Unix socket,
// and with the desktop over MPRIS. It holds data only; the UI's poller
// fills it and the transports carry it.
package nowstate

import (
	"time"

	"github.com/spotui/spotui/api"
)

// Status values, as MPRIS and waybar name them (lower case here).
const (
	StatusPlaying = "playing"
	StatusPaused  = "paused"
	StatusStopped = "stopped"
)

// State is what one spotui knows of the account's player.
type State struct {
	// Seq grows with every published change, so a follower can tell a new
	// state from a repeat.
	Seq uint64 `json:"seq"`
	// LoggedIn is false when the publisher has no token (logged out).
	LoggedIn bool `json:"logged_in"`
	// Player is the last GET /me/player answer, cleaned at decode; nil when
	// nothing is playing (no active device).
	Player *api.PlaybackState `json:"player"`
	// FetchedAt is when Player.ProgressMS was the position: the position
	// now is ProgressMS + (now − FetchedAt) while playing.
	FetchedAt time.Time `json:"fetched_at"`
	// Lyrics are the item's synced lines with the user's timing offset
	// applied; empty when there are none.
	Lyrics []LyricLine `json:"lyrics,omitempty"`
	// CoverPath is a local file holding the cover (MPRIS mpris:artUrl).
	CoverPath string `json:"cover_path,omitempty"`
	// Stale says why the data may be out of date ("can't reach Spotify"),
	// "" when it is current.
	Stale string `json:"stale,omitempty"`
}

// LyricLine is one synced line.
type LyricLine struct {
	AtMS int64  `json:"at_ms"`
	Text string `json:"text"`
}

// Status is playing, paused or stopped (nothing playing, logged out).
func (s State) Status() string {
	switch {
	case !s.LoggedIn || s.Player == nil || s.Player.Item == nil && s.Player.CurrentlyPlayingType != api.TypeAd:
		return StatusStopped
	case s.Player.IsPlaying:
		return StatusPlaying
	}
	return StatusPaused
}

// Duration is the item's length; 0 when unknown.
func (s State) Duration() time.Duration {
	if s.Player == nil || s.Player.Item == nil {
		return 0
	}
	return time.Duration(s.Player.Item.DurationMS) * time.Millisecond
}

// Position is where playback is at now, derived from the last answer and
// the clock, never past the item's end.
func (s State) Position(now time.Time) time.Duration {
	if s.Player == nil {
		return 0
	}
	pos := time.Duration(s.Player.ProgressMS) * time.Millisecond
	if s.Player.IsPlaying && !s.FetchedAt.IsZero() && now.After(s.FetchedAt) {
		// Bounded, so a clock far off can't overflow the sum.
		pos += min(now.Sub(s.FetchedAt), 24*time.Hour)
	}
	if d := s.Duration(); d > 0 && pos > d {
		pos = d
	}
	return max(pos, 0)
}

// LyricAt is the line being sung at now ("" when none).
func (s State) LyricAt(now time.Time) string {
	pos := s.Position(now).Milliseconds()
	text := ""
	for _, l := range s.Lyrics {
		if l.AtMS > pos {
			break
		}
		text = l.Text
	}
	return text
}

// NextLyricAt is the next line with words after the one being sung at now
// ("" when none): a blank line is an instrumental break, not worth showing
// as what comes next.
func (s State) NextLyricAt(now time.Time) string {
	pos := s.Position(now).Milliseconds()
	for _, l := range s.Lyrics {
		if l.AtMS > pos && l.Text != "" {
			return l.Text
		}
	}
	return ""
}

// Command is a control asked for from outside the window (MPRIS, media
// keys). The UI runs it through the same path as its keys: the rate-limit
// gate, the optimistic update and the read-back.
type Command struct {
	Action     string `json:"action"`                // one of the Act* names
	PositionMS int64  `json:"position_ms,omitempty"` // ActSeekTo: absolute; ActSeekBy: relative (may be negative)
	Volume     int    `json:"volume,omitempty"`      // ActVolume: 0–100
	Shuffle    bool   `json:"shuffle,omitempty"`     // ActShuffle
	Repeat     string `json:"repeat,omitempty"`      // ActRepeat: off, context or track (api.Repeat*)
}

// Command actions.
const (
	ActPlay      = "play"
	ActPause     = "pause"
	ActPlayPause = "play_pause"
	ActNext      = "next"
	ActPrevious  = "previous"
	ActSeekTo    = "seek_to"
	ActSeekBy    = "seek_by"
	ActVolume    = "volume"
	ActShuffle   = "shuffle"
	ActRepeat    = "repeat"
)

// Same reports whether s and o hold the same data, Seq aside. It compares
// the player answer by pointer: the UI replaces it, never edits it, so this
// is cheap enough to run after every Update.
func (s State) Same(o State) bool {
	return s.LoggedIn == o.LoggedIn && s.Player == o.Player && s.FetchedAt.Equal(o.FetchedAt) &&
		s.Stale == o.Stale && s.CoverPath == o.CoverPath && sameLyrics(s.Lyrics, o.Lyrics)
}

func sameLyrics(a, b []LyricLine) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}
