package fakespotify

import "crypto/sha256"

// Item is one entry of the fake's playlist (a track or an episode).
type Item struct {
	Type        string // "track" or "episode"
	ID          string // 22-char base62-ish id
	Name        string
	Artists     []string // tracks
	Album       string   // tracks
	AlbumID     string
	Show        string // episodes
	ShowID      string
	Publisher   string
	Description string
	DurationMS  int
	Explicit    bool // shown as the "explicit" flag
}

// URI is the item's Spotify URI, e.g. "spotify:track:ID".
func (it Item) URI() string { return "spotify:" + it.Type + ":" + it.ID }

// coverID is the id whose images stand for the item's cover: the album's for
// a track, the episode's own for an episode.
func (it Item) coverID() string {
	if it.Type == typeEpisode {
		return it.ID
	}
	return it.AlbumID
}

const (
	typeTrack   = "track"
	typeEpisode = "episode"

	// DemoPlaylistID is the id of the playlist every item plays from (the
	// "context" of currently-playing).
	DemoPlaylistID = "5pOtUiDeMoPlAyLiSt0001"
	// DemoPlaylistURI is the context URI served with every item.
	DemoPlaylistURI = "spotify:playlist:" + DemoPlaylistID

	// minDurationMS keeps the playback clock from spinning on zero-length
	// items handed in through Options.Items.
	minDurationMS = 1000
)

// DemoPlaylist returns the fictional playlist the fake plays by default:
// five tracks and one podcast episode, looping. The first track is about a
// minute long so a demo shows a track change quickly.
func DemoPlaylist() []Item {
	items := []Item{
		{
			Type: typeTrack, Name: "Paper Lanterns",
			Artists: []string{"The Velvet Orchards"}, Album: "Harbour Lights",
			DurationMS: 61_000,
		},
		{
			Type: typeTrack, Name: "Night Bus to Nowhere",
			Artists: []string{"Mira Calloway", "DJ Fennec"}, Album: "Late Departures",
			DurationMS: 95_000, Explicit: true,
		},
		{
			Type: typeTrack, Name: "Café au lait sous la pluie (雨の日のワルツ) — Extended Midnight Mix",
			Artists: []string{"Élodie Marchand"}, Album: "Saisons / 季節",
			DurationMS: 143_000,
		},
		{
			Type: typeEpisode, Name: "Ep. 42 — Why Do Songs Get Stuck in Your Head?",
			Show: "The Curious Ear", Publisher: "Fernhill Audio",
			Description: "Earworms, explained: we talk to a music psychologist about " +
				"why some melodies refuse to leave, and how to get rid of them.",
			DurationMS: 120_000,
		},
		{
			Type: typeTrack, Name: "Static Bloom",
			Artists: []string{"Ghost Radio", "Kaito Mori"}, Album: "Signal & Noise",
			DurationMS: 45_000,
		},
		{
			Type: typeTrack, Name: "Tidewater",
			Artists: []string{"Juniper Vale"}, Album: "Low Country Songs",
			DurationMS: 200_000,
		},
	}
	for i := range items {
		it := &items[i]
		it.ID = fakeID(it.Type + ":" + it.Name)
		if it.Type == typeTrack {
			it.AlbumID = fakeID("album:" + it.Album)
		} else {
			it.ShowID = fakeID("show:" + it.Show)
		}
	}
	return items
}

// fakeID derives a stable 22-character base62 id from a seed, so ids look
// like Spotify's and never change between runs.
func fakeID(seed string) string {
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	sum := sha256.Sum256([]byte(seed))
	b := make([]byte, 22)
	for i := range b {
		b[i] = alphabet[int(sum[i])%len(alphabet)]
	}
	return string(b)
}

// copyItems deep-copies the caller's items and fills what the fake needs,
// so later changes to the caller's slice cannot reach the server.
func copyItems(in []Item) []Item {
	if len(in) == 0 {
		in = DemoPlaylist()
	}
	out := make([]Item, len(in))
	for i, it := range in {
		it.Artists = append([]string(nil), it.Artists...)
		if it.Type == "" {
			it.Type = typeTrack
		}
		if it.ID == "" {
			it.ID = fakeID(it.Type + ":" + it.Name)
		}
		if it.Type == typeTrack && it.AlbumID == "" {
			it.AlbumID = fakeID("album:" + it.Album)
		}
		if it.Type == typeEpisode && it.ShowID == "" {
			it.ShowID = fakeID("show:" + it.Show)
		}
		if it.DurationMS < minDurationMS {
			it.DurationMS = minDurationMS
		}
		out[i] = it
	}
	return out
}
