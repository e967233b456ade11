package fakespotify

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"html"
	"strings"
)

// Wire shapes of the Web API objects, field names as Spotify sends them.
// Fields spotui does not read are kept where Spotify always sends them, so
// clients are tested against realistic bodies.

type wireURLs struct {
	Spotify string `json:"spotify"`
}

type wireImage struct {
	Height int    `json:"height"`
	URL    string `json:"url"`
	Width  int    `json:"width"`
}

type wireArtist struct {
	ExternalURLs wireURLs `json:"external_urls"`
	Href         string   `json:"href"`
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Type         string   `json:"type"`
	URI          string   `json:"uri"`
}

type wireAlbum struct {
	AlbumType            string       `json:"album_type"`
	Artists              []wireArtist `json:"artists"`
	ExternalURLs         wireURLs     `json:"external_urls"`
	Href                 string       `json:"href"`
	ID                   string       `json:"id"`
	Images               []wireImage  `json:"images"`
	Name                 string       `json:"name"`
	ReleaseDate          string       `json:"release_date"`
	ReleaseDatePrecision string       `json:"release_date_precision"`
	TotalTracks          int          `json:"total_tracks"`
	Type                 string       `json:"type"`
	URI                  string       `json:"uri"`
}

type wireTrack struct {
	Album        wireAlbum         `json:"album"`
	Artists      []wireArtist      `json:"artists"`
	DiscNumber   int               `json:"disc_number"`
	DurationMS   int               `json:"duration_ms"`
	Explicit     bool              `json:"explicit"`
	ExternalIDs  map[string]string `json:"external_ids"`
	ExternalURLs wireURLs          `json:"external_urls"`
	Href         string            `json:"href"`
	ID           string            `json:"id"`
	IsLocal      bool              `json:"is_local"`
	IsPlayable   bool              `json:"is_playable"`
	Name         string            `json:"name"`
	Popularity   int               `json:"popularity"`
	PreviewURL   *string           `json:"preview_url"`
	TrackNumber  int               `json:"track_number"`
	Type         string            `json:"type"`
	URI          string            `json:"uri"`
}

type wireShow struct {
	Description        string      `json:"description"`
	Explicit           bool        `json:"explicit"`
	ExternalURLs       wireURLs    `json:"external_urls"`
	Href               string      `json:"href"`
	ID                 string      `json:"id"`
	Images             []wireImage `json:"images"`
	IsExternallyHosted bool        `json:"is_externally_hosted"`
	Languages          []string    `json:"languages"`
	MediaType          string      `json:"media_type"`
	Name               string      `json:"name"`
	Publisher          string      `json:"publisher"`
	TotalEpisodes      int         `json:"total_episodes"`
	Type               string      `json:"type"`
	URI                string      `json:"uri"`
}

type wireEpisode struct {
	AudioPreviewURL      *string     `json:"audio_preview_url"`
	Description          string      `json:"description"`
	DurationMS           int         `json:"duration_ms"`
	Explicit             bool        `json:"explicit"`
	ExternalURLs         wireURLs    `json:"external_urls"`
	Href                 string      `json:"href"`
	HTMLDescription      string      `json:"html_description"`
	ID                   string      `json:"id"`
	Images               []wireImage `json:"images"`
	IsExternallyHosted   bool        `json:"is_externally_hosted"`
	IsPlayable           bool        `json:"is_playable"`
	Language             string      `json:"language"`
	Languages            []string    `json:"languages"`
	Name                 string      `json:"name"`
	ReleaseDate          string      `json:"release_date"`
	ReleaseDatePrecision string      `json:"release_date_precision"`
	Show                 wireShow    `json:"show"`
	Type                 string      `json:"type"`
	URI                  string      `json:"uri"`
}

type wireContext struct {
	ExternalURLs wireURLs `json:"external_urls"`
	Href         string   `json:"href"`
	Type         string   `json:"type"`
	URI          string   `json:"uri"`
}

type wireActions struct {
	Disallows map[string]bool `json:"disallows"`
}

type wireDevice struct {
	ID               string `json:"id"`
	IsActive         bool   `json:"is_active"`
	IsPrivateSession bool   `json:"is_private_session"`
	IsRestricted     bool   `json:"is_restricted"`
	Name             string `json:"name"`
	SupportsVolume   bool   `json:"supports_volume"`
	Type             string `json:"type"`
	VolumePercent    *int   `json:"volume_percent"`
}

// wireCurrentlyPlaying serves both GET /me/player/currently-playing and,
// with the player fields set, GET /me/player.
type wireCurrentlyPlaying struct {
	Device               *wireDevice  `json:"device,omitempty"`
	ShuffleState         *bool        `json:"shuffle_state,omitempty"`
	SmartShuffle         *bool        `json:"smart_shuffle,omitempty"`
	RepeatState          string       `json:"repeat_state,omitempty"`
	Timestamp            int64        `json:"timestamp"`
	Context              *wireContext `json:"context"`
	ProgressMS           int          `json:"progress_ms"`
	Item                 any          `json:"item"` // *wireTrack, *wireEpisode or nil
	CurrentlyPlayingType string       `json:"currently_playing_type"`
	Actions              wireActions  `json:"actions"`
	IsPlaying            bool         `json:"is_playing"`
}

// imageSizes are the cover sizes Spotify serves, largest first.
func imageSizes() []int { return []int{640, 300, 64} }

func images(base, id string) []wireImage {
	var out []wireImage
	for _, n := range imageSizes() {
		out = append(out, wireImage{Height: n, Width: n, URL: fmt.Sprintf("%s%s%s-%d.jpg", base, imagesPrefix, id, n)})
	}
	return out
}

func open(kind, id string) wireURLs {
	return wireURLs{Spotify: "https://open.spotify.com/" + kind + "/" + id}
}

func apiHref(base, kind, id string) string { return base + "/v1/" + kind + "s/" + id }

// seeded gives stable pseudo-random numbers per id, so dates and counts
// look varied but never change.
func seeded(id string, i int) int {
	sum := sha256.Sum256([]byte(fmt.Sprint(id, "/", i)))
	return int(binary.BigEndian.Uint32(sum[:4]) & 0x7fffffff)
}

func releaseDate(id string) string {
	return fmt.Sprintf("%d-%02d-%02d", 2014+seeded(id, 1)%11, 1+seeded(id, 2)%12, 1+seeded(id, 3)%28)
}

func wireArtists(base string, names []string) []wireArtist {
	out := []wireArtist{}
	for _, name := range names {
		id := fakeID("artist:" + name)
		out = append(out, wireArtist{
			ExternalURLs: open("artist", id), Href: apiHref(base, "artist", id),
			ID: id, Name: name, Type: "artist", URI: "spotify:artist:" + id,
		})
	}
	return out
}

func trackObject(base string, it Item) *wireTrack {
	artists := wireArtists(base, it.Artists)
	return &wireTrack{
		Album: wireAlbum{
			AlbumType: "album", Artists: artists,
			ExternalURLs: open("album", it.AlbumID), Href: apiHref(base, "album", it.AlbumID),
			ID: it.AlbumID, Images: images(base, it.AlbumID), Name: it.Album,
			ReleaseDate: releaseDate(it.AlbumID), ReleaseDatePrecision: "day",
			TotalTracks: 8 + seeded(it.AlbumID, 4)%8, Type: "album", URI: "spotify:album:" + it.AlbumID,
		},
		Artists:      artists,
		DiscNumber:   1,
		DurationMS:   it.DurationMS,
		Explicit:     it.Explicit,
		ExternalIDs:  map[string]string{"isrc": "QZSPT" + strings.ToUpper(it.ID[:7])},
		ExternalURLs: open("track", it.ID),
		Href:         apiHref(base, "track", it.ID),
		ID:           it.ID,
		IsPlayable:   true,
		Name:         it.Name,
		Popularity:   seeded(it.ID, 5) % 100,
		TrackNumber:  1 + seeded(it.ID, 6)%8,
		Type:         typeTrack,
		URI:          it.URI(),
	}
}

func episodeObject(base string, it Item) *wireEpisode {
	return &wireEpisode{
		Description:          it.Description,
		DurationMS:           it.DurationMS,
		Explicit:             it.Explicit,
		ExternalURLs:         open("episode", it.ID),
		Href:                 apiHref(base, "episode", it.ID),
		HTMLDescription:      "<p>" + html.EscapeString(it.Description) + "</p>",
		ID:                   it.ID,
		Images:               images(base, it.ID),
		IsExternallyHosted:   false,
		IsPlayable:           true,
		Language:             "en",
		Languages:            []string{"en"},
		Name:                 it.Name,
		ReleaseDate:          releaseDate(it.ID),
		ReleaseDatePrecision: "day",
		Show: wireShow{
			Description:  "A podcast from " + it.Publisher + ".",
			ExternalURLs: open("show", it.ShowID), Href: apiHref(base, "show", it.ShowID),
			ID: it.ShowID, Images: images(base, it.ShowID), Languages: []string{"en"},
			MediaType: "audio", Name: it.Show, Publisher: it.Publisher,
			TotalEpisodes: 40 + seeded(it.ShowID, 7)%60, Type: "show", URI: "spotify:show:" + it.ShowID,
		},
		Type: typeEpisode,
		URI:  it.URI(),
	}
}

func (s *Server) wireDevice(i int) *wireDevice {
	d := s.devices[i]
	w := &wireDevice{
		ID: d.ID, IsActive: i == s.pb.activeDev, Name: d.Name,
		SupportsVolume: d.SupportsVolume, Type: d.Type,
	}
	if d.SupportsVolume {
		v := d.Volume
		w.VolumePercent = &v
	}
	return w
}

// playingObject renders the current state; s.mu is held and settle called.
// withEpisodes is the additional_types=episode opt-in: without it Spotify
// sends an episode as a null item.
func (s *Server) playingObject(c *call, withEpisodes bool) *wireCurrentlyPlaying {
	it := s.current()
	out := &wireCurrentlyPlaying{
		Timestamp:            s.pb.changedAt.UnixMilli(),
		ProgressMS:           s.progress(c.now),
		IsPlaying:            s.effectivelyPlaying(),
		CurrentlyPlayingType: it.Type,
		Context: &wireContext{
			ExternalURLs: open("playlist", DemoPlaylistID), Href: apiHref(c.base, "playlist", DemoPlaylistID),
			Type: "playlist", URI: DemoPlaylistURI,
		},
		Actions: wireActions{Disallows: s.disallows()},
	}
	switch {
	case s.pb.override != "":
		out.CurrentlyPlayingType = s.pb.override
	case it.Type == typeTrack:
		out.Item = trackObject(c.base, it)
	case it.Type == typeEpisode && withEpisodes:
		out.Item = episodeObject(c.base, it)
	}
	return out
}
