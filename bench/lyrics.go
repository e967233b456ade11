package main

import (
	"fmt"
	"strings"

	"github.com/spotui/spotui/internal/fakelrclib"
)

// lyricStep is the time between two synced lines of the bench's lyrics: a
// line every 4 s, as in a busy song, so the lyrics window holds about 15
// line changes a minute on top of the clock's 60 ticks.
const lyricStep = 4

// lyricRecords are synced lyrics for every track of the playlist, filed
// under the title, the primary artist and the album, so each is found by
// the look-up's first or second request.
func lyricRecords() []fakelrclib.Record {
	var out []fakelrclib.Record
	for _, it := range playlist() {
		var b strings.Builder
		for i, t := 0, 1; t*1000 < it.DurationMS; i, t = i+1, t+lyricStep {
			fmt.Fprintf(&b, "[%02d:%02d.%02d] %s, line %d of the bench's song\n", t/60, t%60, (i*37)%100, it.Name, i+1)
		}
		synced := b.String()
		out = append(out, fakelrclib.Record{
			TrackName: it.Name, ArtistName: it.Artists[0], AlbumName: it.Album,
			Duration: float64(it.DurationMS) / 1000, SyncedLyrics: &synced,
		})
	}
	return out
}

// lyricOnScreen reports whether screen shows a line of the bench's lyrics.
func lyricOnScreen(screen string) bool { return strings.Contains(screen, "of the bench's song") }
