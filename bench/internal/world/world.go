// Package world is what the bench plays: its playlist and its synced
// lyrics, shared by go run ./bench and bench/sidefake.
package world

import (
	"fmt"
	"strings"

	"github.com/spotui/spotui/internal/fakelrclib"
	"github.com/spotui/spotui/internal/fakespotify"
)

// Playlist is long tracks only, so a measuring window never holds a
// natural track change unless a phase makes one.
func Playlist() []fakespotify.Item {
	return []fakespotify.Item{
		{Name: "Slow Harbour Morning", Artists: []string{"The Bench Ensemble"}, Album: "Long Takes", DurationMS: 250_000},
		{Name: "Quiet Engine Room", Artists: []string{"Mira Calloway"}, Album: "Night Shift", DurationMS: 280_000},
		{Name: "Evening Overpass", Artists: []string{"Ghost Radio", "Kaito Mori"}, Album: "Signal & Noise", DurationMS: 300_000},
	}
}

// LyricStep is the time between two synced lines of the bench's lyrics: a
// line every 4 s, as in a busy song, so the lyrics window holds about 15
// line changes a minute on top of the clock's 60 ticks.
const LyricStep = 4

// LyricRecords are synced lyrics for every track of the playlist, filed
// under the title, the primary artist and the album, so each is found by
// the look-up's first or second request.
func LyricRecords() []fakelrclib.Record {
	var out []fakelrclib.Record
	for _, it := range Playlist() {
		var b strings.Builder
		for i, t := 0, 1; t*1000 < it.DurationMS; i, t = i+1, t+LyricStep {
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
