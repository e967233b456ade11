//go:build linux

package mpris

import (
	"math"
	"net/url"
	"strings"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/prop"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/internal/nowstate"
)

// Names the MPRIS spec fixes.
const (
	busName     = "org.mpris.MediaPlayer2.spotui"
	objectPath  = dbus.ObjectPath("/org/mpris/MediaPlayer2")
	rootIface   = "org.mpris.MediaPlayer2"
	playerIface = "org.mpris.MediaPlayer2.Player"
	noTrack     = dbus.ObjectPath("/org/mpris/MediaPlayer2/TrackList/NoTrack")
	trackPrefix = "/org/mpris/MediaPlayer2/spotui/"
)

// LoopStatus values and the Spotify repeat modes they stand for.
func loopToRepeat() map[string]string {
	return map[string]string{"None": api.RepeatOff, "Track": api.RepeatTrack, "Playlist": api.RepeatContext}
}

// dynamicProps are the Player properties that follow the state, in the
// order their changes are emitted (Metadata first: clients key the rest on it).
func dynamicProps() []string {
	return []string{"Metadata", "PlaybackStatus", "LoopStatus", "Shuffle", "Volume",
		"CanGoNext", "CanGoPrevious", "CanPlay", "CanPause", "CanSeek"}
}

// playerValues derives the dynamic Player properties from a state.
func playerValues(st nowstate.State) map[string]any {
	p := st.Player
	if !st.LoggedIn {
		p = nil
	}
	v := map[string]any{
		"Metadata":       metadata(st),
		"PlaybackStatus": playbackStatus(st),
		"LoopStatus":     "None",
		"Shuffle":        false,
		"Volume":         0.0,
	}
	can := func(disallow string) bool { return p != nil && !p.Actions.Disallows[disallow] }
	v["CanGoNext"] = can("skipping_next")
	v["CanGoPrevious"] = can("skipping_prev")
	// The spec wants CanPlay and CanPause not to change between playing
	// and paused, but Spotify disallows "resuming" while playing and
	// "pausing" while paused: only the other state's disallow counts.
	playingNow := p != nil && p.IsPlaying
	v["CanPlay"] = can("resuming") || playingNow
	v["CanPause"] = can("pausing") || p != nil && !playingNow
	v["CanSeek"] = can("seeking") && st.Duration() > 0
	if p == nil {
		return v
	}
	for loop, repeat := range loopToRepeat() {
		if p.RepeatState == repeat {
			v["LoopStatus"] = loop
		}
	}
	v["Shuffle"] = p.ShuffleState
	if p.Device.VolumePercent != nil {
		v["Volume"] = math.Max(0, math.Min(1, float64(*p.Device.VolumePercent)/100))
	}
	return v
}

func playbackStatus(st nowstate.State) string {
	switch st.Status() {
	case nowstate.StatusPlaying:
		return "Playing"
	case nowstate.StatusPaused:
		return "Paused"
	}
	return "Stopped"
}

// trackID names the item as an object path; D-Bus allows only [A-Za-z0-9_]
// in an element, which Spotify's base-62 ids already are.
func trackID(st nowstate.State) dbus.ObjectPath {
	if !st.LoggedIn || st.Player == nil || st.Player.Item == nil {
		return noTrack
	}
	it := st.Player.Item
	kind, id := pathElement(it.Type), pathElement(it.ID)
	if id == "" {
		// Local files have no id; their URI is still unique.
		kind, id = "uri", pathElement(it.URI)
	}
	if kind == "" || id == "" {
		return noTrack
	}
	return dbus.ObjectPath(trackPrefix + kind + "/" + id)
}

func pathElement(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' {
			return r
		}
		return '_'
	}, s)
}

// metadata is the Metadata map: a trackid always, the rest when known.
func metadata(st nowstate.State) map[string]dbus.Variant {
	m := map[string]dbus.Variant{"mpris:trackid": dbus.MakeVariant(trackID(st))}
	if !st.LoggedIn || st.Player == nil {
		return m
	}
	it := st.Player.Item
	if it == nil {
		if st.Player.CurrentlyPlayingType == api.TypeAd {
			m["xesam:title"] = dbus.MakeVariant("Advertisement")
		}
		return m
	}
	m["xesam:title"] = dbus.MakeVariant(it.Name)
	if artists := artistNames(it); len(artists) > 0 {
		m["xesam:artist"] = dbus.MakeVariant(artists)
	}
	if c := it.Collection(); c != "" {
		m["xesam:album"] = dbus.MakeVariant(c)
	}
	if d := st.Duration(); d > 0 {
		m["mpris:length"] = dbus.MakeVariant(d.Microseconds())
	}
	if art := artURL(st.CoverPath, it); art != "" {
		m["mpris:artUrl"] = dbus.MakeVariant(art)
	}
	if link := itemURL(it); link != "" {
		m["xesam:url"] = dbus.MakeVariant(link)
	}
	return m
}

func artistNames(it *api.Item) []string {
	var names []string
	for _, a := range it.Artists {
		if a.Name != "" {
			names = append(names, a.Name)
		}
	}
	if len(names) == 0 && it.Show != nil && it.Show.Publisher != "" {
		names = append(names, it.Show.Publisher)
	}
	return names
}

// artURL is the cached cover as a file:// URL; before it is cached, the
// cover's https URL, which desktop widgets fetch themselves.
func artURL(coverPath string, it *api.Item) string {
	if coverPath != "" {
		return (&url.URL{Scheme: "file", Path: coverPath}).String()
	}
	if imgs := it.CoverImages(); len(imgs) > 0 {
		return imgs[0].URL
	}
	return ""
}

func itemURL(it *api.Item) string {
	if it.ExternalURLs.Spotify != "" {
		return it.ExternalURLs.Spotify
	}
	if it.ID != "" && (it.Type == api.TypeTrack || it.Type == api.TypeEpisode) {
		return "https://open.spotify.com/" + it.Type + "/" + it.ID
	}
	return ""
}

// micros is a position in MPRIS's unit.
func micros(d time.Duration) int64 { return d.Microseconds() }

// propMap is the whole property table; cb handles the writable ones.
func propMap(st nowstate.State, desktopEntry string, cb func(*prop.Change) *dbus.Error) prop.Map {
	constant := func(v any) *prop.Prop { return &prop.Prop{Value: v, Emit: prop.EmitConst} }
	root := map[string]*prop.Prop{
		"Identity":            constant("spotui"),
		"CanQuit":             constant(false),
		"CanRaise":            constant(false),
		"CanSetFullscreen":    constant(false),
		"Fullscreen":          constant(false),
		"HasTrackList":        constant(false),
		"SupportedUriSchemes": constant([]string{}),
		"SupportedMimeTypes":  constant([]string{}),
	}
	if desktopEntry != "" {
		root["DesktopEntry"] = constant(desktopEntry)
	}
	player := map[string]*prop.Prop{
		"Rate":        {Value: 1.0, Writable: true, Emit: prop.EmitTrue, Callback: cb},
		"MinimumRate": constant(1.0),
		"MaximumRate": constant(1.0),
		"CanControl":  constant(true),
		// Position moves on its own: read at Get time, never emitted (the spec).
		"Position": {Value: int64(0), Emit: prop.EmitFalse},
	}
	writable := map[string]bool{"LoopStatus": true, "Shuffle": true, "Volume": true}
	for name, v := range playerValues(st) {
		player[name] = &prop.Prop{Value: v, Emit: prop.EmitTrue, Writable: writable[name]}
		if writable[name] {
			player[name].Callback = cb
		}
	}
	return prop.Map{rootIface: root, playerIface: player}
}
