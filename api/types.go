// Package api is a small client for the parts of Spotify's Web API that
// spotui uses. It returns Spotify-shaped types and typed errors (*Error); it
// knows nothing about the terminal.
package api

import "strings"

// Item types as Spotify names them in "currently_playing_type" and "type".
const (
	TypeTrack   = "track"
	TypeEpisode = "episode"
	TypeAd      = "ad"
	TypeUnknown = "unknown"
)

// CurrentlyPlaying is the body of GET /me/player/currently-playing.
// Item is nil for ads, private sessions and unknown content.
type CurrentlyPlaying struct {
	Timestamp            int64    `json:"timestamp"`
	ProgressMS           int      `json:"progress_ms"`
	IsPlaying            bool     `json:"is_playing"`
	CurrentlyPlayingType string   `json:"currently_playing_type"`
	Item                 *Item    `json:"item"`
	Context              *Context `json:"context"`
	Actions              Actions  `json:"actions"`
}

// Context is the playlist, album, artist or show the item plays from.
type Context struct {
	Type         string       `json:"type"`
	URI          string       `json:"uri"`
	Href         string       `json:"href"`
	ExternalURLs ExternalURLs `json:"external_urls"`
}

// Actions lists what the player does not allow right now.
type Actions struct {
	Disallows map[string]bool `json:"disallows"`
}

// ExternalURLs holds public links; Spotify fills "spotify".
type ExternalURLs struct {
	Spotify string `json:"spotify"`
}

// Image is one size of a cover. Width and Height may be 0 (unknown).
type Image struct {
	URL    string `json:"url"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

// Artist is a simplified artist object.
type Artist struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	URI  string `json:"uri"`
}

// Album is a simplified album object.
type Album struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	URI     string   `json:"uri"`
	Artists []Artist `json:"artists"`
	Images  []Image  `json:"images"`
	// ReleaseDate is "2022-12-07", "2022-12" or "2022" (release_date_precision).
	ReleaseDate string `json:"release_date"`
}

// Show is a simplified show (podcast) object.
type Show struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	Publisher string  `json:"publisher"`
	URI       string  `json:"uri"`
	Images    []Image `json:"images"`
}

// Item is a track or an episode: Spotify sends both in the same "item" field
// and tells them apart by Type. Track-only fields (Artists, Album) and
// episode-only fields (Show, Images, Description) are empty for the other.
type Item struct {
	Type         string       `json:"type"`
	ID           string       `json:"id"`
	Name         string       `json:"name"`
	URI          string       `json:"uri"`
	DurationMS   int          `json:"duration_ms"`
	Explicit     bool         `json:"explicit"`
	IsLocal      bool         `json:"is_local"`
	ExternalURLs ExternalURLs `json:"external_urls"`

	Artists []Artist `json:"artists"`
	Album   *Album   `json:"album"`

	Show        *Show   `json:"show"`
	Images      []Image `json:"images"`
	Description string  `json:"description"`
	ReleaseDate string  `json:"release_date"` // episodes: "2023-11-01" (tracks: see Album)
}

// IsEpisode reports whether the item is a podcast episode.
func (it *Item) IsEpisode() bool { return it != nil && it.Type == TypeEpisode }

// ArtistNames joins the artists' names with ", ".
func (it *Item) ArtistNames() string {
	if it == nil {
		return ""
	}
	names := make([]string, 0, len(it.Artists))
	for _, a := range it.Artists {
		if a.Name != "" {
			names = append(names, a.Name)
		}
	}
	return strings.Join(names, ", ")
}

// Collection is the album's name for a track and the show's name for an episode.
func (it *Item) Collection() string {
	switch {
	case it == nil:
		return ""
	case it.Album != nil:
		return it.Album.Name
	case it.Show != nil:
		return it.Show.Name
	}
	return ""
}

// CoverImages returns the item's cover sizes: the album's for a track, the
// episode's own (or else the show's) for an episode.
func (it *Item) CoverImages() []Image {
	switch {
	case it == nil:
		return nil
	case it.Album != nil && len(it.Album.Images) > 0:
		return it.Album.Images
	case len(it.Images) > 0:
		return it.Images
	case it.Show != nil:
		return it.Show.Images
	}
	return nil
}

// Device is one Spotify Connect device (GET /me/player/devices).
type Device struct {
	ID            string `json:"id"`
	IsActive      bool   `json:"is_active"`
	IsRestricted  bool   `json:"is_restricted"`
	Name          string `json:"name"`
	Type          string `json:"type"`
	VolumePercent *int   `json:"volume_percent"`
	// SupportsVolume is false for devices whose volume Spotify can't set.
	SupportsVolume bool `json:"supports_volume"`
}

// PlaybackState is the body of GET /me/player: CurrentlyPlaying plus the
// device and the modes.
type PlaybackState struct {
	CurrentlyPlaying
	Device       Device `json:"device"`
	ShuffleState bool   `json:"shuffle_state"`
	RepeatState  string `json:"repeat_state"`
}
