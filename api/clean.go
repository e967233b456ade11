package api

import "github.com/spotui/spotui/internal/textclean"

// Everything Spotify sends is cleaned and bounded as it is decoded, so no
// view, window title, `spotui now` output or log line can carry a control
// sequence, and a hostile reply can't make every frame expensive: podcast
// titles come from RSS feeds anyone can publish.
const (
	maxText        = 1 << 10 // bytes of a name, id, URI, message
	maxDescription = 4 << 10 // bytes of an episode description (kept multi-line)
	maxArtists     = 32
	maxImages      = 16
	maxDevices     = 64
	maxDisallows   = 32
	// MaxDurationMS bounds durations and positions: anything longer (or
	// negative) is nonsense and reads as unknown (0), so no timer overflows.
	MaxDurationMS = 24 * 60 * 60 * 1000
	maxImageSide  = 1 << 16
	maxTimestamp  = 253402300799999 // 9999-12-31T23:59:59.999Z in ms
)

// cleaner is a reply type that cleans itself; Client.once calls clean
// right after decoding, so every reply is clean before anyone sees it. (A
// post-decode walk, not UnmarshalJSON: that would scan each reply twice
// more.)
type cleaner interface{ clean() }

func (ps *PlaybackState) clean() {
	ps.CurrentlyPlaying.clean()
	ps.Device.clean()
	ps.RepeatState = line(ps.RepeatState)
}

func (cp *CurrentlyPlaying) clean() {
	cp.CurrentlyPlayingType = line(cp.CurrentlyPlayingType)
	if cp.Timestamp < 0 || cp.Timestamp > maxTimestamp {
		cp.Timestamp = 0
	}
	cp.ProgressMS = clampMS(cp.ProgressMS)
	if cp.Item != nil {
		cp.Item.clean()
		if d := cp.Item.DurationMS; d > 0 && cp.ProgressMS > d {
			cp.ProgressMS = d
		}
	}
	if c := cp.Context; c != nil {
		c.Type, c.URI, c.Href = line(c.Type), line(c.URI), line(c.Href)
		c.ExternalURLs.Spotify = line(c.ExternalURLs.Spotify)
	}
	cp.Actions.Disallows = cleanDisallows(cp.Actions.Disallows)
}

func (it *Item) clean() {
	it.Type, it.ID, it.Name, it.URI = line(it.Type), line(it.ID), line(it.Name), line(it.URI)
	it.ExternalURLs.Spotify = line(it.ExternalURLs.Spotify)
	it.DurationMS = clampMS(it.DurationMS)
	it.Artists = cleanArtists(it.Artists)
	if a := it.Album; a != nil {
		a.ID, a.Name, a.URI = line(a.ID), line(a.Name), line(a.URI)
		a.Artists = cleanArtists(a.Artists)
		a.Images = cleanImages(a.Images)
	}
	if s := it.Show; s != nil {
		s.ID, s.Name, s.Publisher, s.URI = line(s.ID), line(s.Name), line(s.Publisher), line(s.URI)
		s.Images = cleanImages(s.Images)
	}
	it.Images = cleanImages(it.Images)
	it.Description = textclean.Text(it.Description, maxDescription)
}

func (d *Device) clean() {
	d.ID, d.Name, d.Type = line(d.ID), line(d.Name), line(d.Type)
	if v := d.VolumePercent; v != nil && (*v < 0 || *v > 100) {
		c := min(max(*v, 0), 100)
		d.VolumePercent = &c
	}
}

func line(s string) string { return textclean.Line(s, maxText) }

// clampMS makes a duration or position from Spotify safe for time.Duration
// arithmetic: negative or over a day is unknown (0).
func clampMS(ms int) int {
	if ms < 0 || ms > MaxDurationMS {
		return 0
	}
	return ms
}

// bounded keeps the first n elements in a new backing array, so a
// 20,000-entry list doesn't stay in memory behind a short slice.
func bounded[T any](s []T, n int) []T {
	if len(s) <= n {
		return s
	}
	out := make([]T, n)
	copy(out, s)
	return out
}

func cleanArtists(as []Artist) []Artist {
	as = bounded(as, maxArtists)
	for i := range as {
		a := &as[i]
		a.ID, a.Name, a.URI = line(a.ID), line(a.Name), line(a.URI)
	}
	return as
}

func cleanImages(ims []Image) []Image {
	ims = bounded(ims, maxImages)
	for i := range ims {
		im := &ims[i]
		im.URL = line(im.URL)
		if im.Width < 0 || im.Width > maxImageSide || im.Height < 0 || im.Height > maxImageSide {
			im.Width, im.Height = 0, 0 // unknown: the cover code copes
		}
	}
	return ims
}

// cleanDisallows keeps entries under sane keys; Spotify sends about ten.
// From an oversized map only the true ones are kept (absent means allowed).
func cleanDisallows(m map[string]bool) map[string]bool {
	keep := func(k string, v bool) bool {
		return (v || len(m) <= maxDisallows) && len(k) <= 64 && textclean.Line(k, 0) == k
	}
	fine := len(m) <= maxDisallows
	for k, v := range m {
		fine = fine && keep(k, v)
	}
	if fine {
		return m // the usual case: no copy
	}
	out := make(map[string]bool, maxDisallows)
	for k, v := range m {
		if len(out) < maxDisallows && keep(k, v) {
			out[k] = v
		}
	}
	return out
}

// devicesReply is the body of GET /me/player/devices.
type devicesReply struct {
	Devices []Device `json:"devices"`
}

func (r *devicesReply) clean() {
	r.Devices = bounded(r.Devices, maxDevices)
	for i := range r.Devices {
		r.Devices[i].clean()
	}
}

// clean bounds the queue (copied, so a huge reply is freed) and cleans
// every item in it.
func (q *Queue) clean() {
	if q.CurrentlyPlaying != nil {
		q.CurrentlyPlaying.clean()
	}
	q.Queue = bounded(q.Queue, maxQueue)
	for i := range q.Queue {
		q.Queue[i].clean()
	}
}
