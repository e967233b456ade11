package cli

import (
	"fmt"
	"time"

	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/internal/nowstate"
	"github.com/spotui/spotui/internal/textclean"
)

// Playing is what a `spotui now --format` template sees. Its field names
// are a contract with users' status bar configs: add, never rename.
type Playing struct {
	Title     string
	Artist    string // the artists joined with ", "; an episode's publisher
	Artists   []string
	Album     string // tracks
	Show      string // episodes
	Type      string // "track" or "episode"
	Elapsed   Clock
	Duration  Clock
	Progress  int // 0–100
	IsPlaying bool
	Device    string
	URL       string
	Lyric     string // the synced lyric line being sung ("" when none); now --follow prints when it changes
	NextLyric string // the next line with words ("" when none)
}

// Clock is a position or a length. It prints as 1:23, or 1:02:03 past an
// hour, which is what a status bar wants; Seconds gives a number.
type Clock time.Duration

func (c Clock) String() string {
	s := max(int(time.Duration(c)/time.Second), 0)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// Seconds is the whole seconds, for arithmetic in scripts.
func (c Clock) Seconds() int { return int(time.Duration(c) / time.Second) }

// playingAt is what the template sees of s at now: the item of ps (its
// Item set) and the lyric lines of s, cleaned again as they may come over
// the socket (free for clean text).
func playingAt(ps *api.PlaybackState, s nowstate.State, now time.Time) Playing {
	p := playingFrom(ps)
	p.Lyric, p.NextLyric = textclean.Line(s.LyricAt(now), lyricLine), textclean.Line(s.NextLyricAt(now), lyricLine)
	return p
}

// playingFrom reads a player state whose Item is set.
func playingFrom(ps *api.PlaybackState) Playing {
	it := ps.Item
	p := Playing{
		Title:     it.Name,
		Artist:    it.ArtistNames(),
		Type:      it.Type,
		Duration:  Clock(time.Duration(it.DurationMS) * time.Millisecond),
		IsPlaying: ps.IsPlaying,
		Device:    ps.Device.Name,
		URL:       it.ExternalURLs.Spotify,
		Artists:   []string{},
	}
	for _, a := range it.Artists {
		if a.Name != "" {
			p.Artists = append(p.Artists, a.Name)
		}
	}
	if it.Album != nil {
		p.Album = it.Album.Name
	}
	if it.Show != nil {
		p.Show = it.Show.Name
		if p.Artist == "" {
			p.Artist = it.Show.Publisher
		}
	}
	elapsed := min(max(ps.ProgressMS, 0), max(it.DurationMS, 0))
	if it.DurationMS <= 0 {
		elapsed = max(ps.ProgressMS, 0)
	}
	p.Elapsed = Clock(time.Duration(elapsed) * time.Millisecond)
	if it.DurationMS > 0 {
		p.Progress = int(int64(elapsed) * 100 / int64(it.DurationMS))
	}
	return p
}
