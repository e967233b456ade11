package fakelrclib

import (
	"fmt"
	"strings"
)

// DemoRecords are lyrics for the fake Spotify's demo playlist, filed the
// way LRCLIB often files real ones, so the demo shows every case:
//   - "Paper Lanterns": synced, under the full credit;
//   - "Night Bus to Nowhere": synced, under the primary artist only (the
//     track is credited to two artists);
//   - "Café au lait…": plain lyrics only, under another album name, found
//     by search;
//   - "Static Bloom": instrumental;
//   - "Tidewater": nothing (a miss).
//
// The words are invented for spotui.
func DemoRecords() []Record {
	return []Record{
		{
			TrackName: "Paper Lanterns", ArtistName: "The Velvet Orchards", AlbumName: "Harbour Lights",
			Duration: 61, SyncedLyrics: ptr(lrc(3, 4, []string{
				"Paper lanterns on the water",
				"Drifting out past the harbour wall",
				"Every light a little letter",
				"Written to nobody at all",
				"",
				"Hold the flame and let it go now",
				"Watch it lean into the tide",
				"Somewhere out beyond the breakers",
				"All our wishes ride",
				"",
				"Paper lanterns, paper lanterns",
				"Carry what we couldn't say",
				"Paper lanterns, paper lanterns",
				"Burning softly on their way",
			})),
			PlainLyrics: ptr("Paper lanterns on the water\nDrifting out past the harbour wall"),
		},
		{
			TrackName: "Night Bus to Nowhere", ArtistName: "Mira Calloway", AlbumName: "Late Departures",
			Duration: 95, SyncedLyrics: ptr(lrc(5, 5, []string{
				"Top deck, front seat, city in the glass",
				"Orange lights are counting every stop we pass",
				"Nobody's waiting where the line runs out",
				"That's what the ride is all about",
				"",
				"Night bus to nowhere, take me the long way",
				"Night bus to nowhere, I've got nothing to say",
				"Just the hum of the engine and the rain on the road",
				"Night bus to nowhere, I'm already home",
				"",
				"Driver knows my face but never knows my name",
				"Every night is different, every night the same",
				"Night bus to nowhere, take me the long way",
				"Night bus to nowhere, till the sky turns grey",
			})),
		},
		{
			TrackName:  "Café au lait sous la pluie (雨の日のワルツ) — Extended Midnight Mix",
			ArtistName: "Élodie Marchand", AlbumName: "Saisons / 季節 (Deluxe)", Duration: 143,
			PlainLyrics: ptr("Une tasse entre les mains\nLa pluie écrit sur le chemin\n\n" +
				"雨の日のワルツ\nゆっくり回る\n\nCafé au lait sous la pluie\nEt la ville qui s'endort aussi"),
		},
		{
			TrackName: "Static Bloom", ArtistName: "Ghost Radio", AlbumName: "Signal & Noise",
			Duration: 45, Instrumental: true,
		},
	}
}

// lrc times lines from start seconds, every step seconds.
func lrc(start, step int, lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		t := start + i*step
		fmt.Fprintf(&b, "[%02d:%02d.00] %s\n", t/60, t%60, l)
	}
	return b.String()
}

func ptr(s string) *string { return &s }
