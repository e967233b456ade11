package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/spotui/spotui/api"
)

// viewConnected is the now-playing screen: the cover, the item, its
// progress and the player's state.
func (m Model) viewConnected(w int) ([]string, int) {
	s := m.styles
	switch {
	case !m.haveState && m.pollErr == nil:
		return []string{s.Faint.Render("Connecting to Spotify…")}, 0
	case !m.haveState:
		return []string{s.Faint.Render("Can't reach Spotify yet.")}, 0
	case m.picker.IsOpen():
		return strings.Split(m.picker.View(), "\n"), 0
	case m.np == nil:
		return []string{
			s.Heading.Render("Nothing is playing."),
			"",
			s.Faint.Render("Start something in Spotify on any device, or press d to pick a device."),
		}, 0
	}

	title, sub, coll := m.describeItem()
	st, sa, sc := s.Title, s.Artist, s.Album
	if m.pollErr != nil {
		st, sa, sc = s.Stale, s.Stale, s.Stale // stale data, dimmed
	}
	text := []string{st.Render(title) + m.likedMark()}
	if sub != "" {
		text = append(text, sa.Render(sub))
	}
	if coll != "" {
		text = append(text, sc.Render(coll))
	}
	return m.withCover(w, text, m.viewProgress(min(w, maxProgressWidth)), m.viewPlayerStatus())
}

// maxProgressWidth keeps the bar to a readable length on wide terminals, and
// the line rewritten every second short.
const maxProgressWidth = 56

// viewPlayerStatus is "Kitchen (Speaker) · vol 65% · shuffle off · repeat all".
func (m Model) viewPlayerStatus() string {
	parts, _ := m.statusParts()
	return strings.Join(parts, m.styles.Faint.Render(statusSep))
}

const statusSep = " · "

// statusParts are the status line's pieces and the index of the volume
// piece (-1: none), which the mouse wheel acts on.
func (m Model) statusParts() ([]string, int) {
	s := m.styles
	vol := -1
	d := m.np.Device
	parts := []string{}
	if d.Name != "" {
		dev := d.Name
		if d.Type != "" {
			dev += " (" + strings.ToLower(d.Type) + ")"
		}
		parts = append(parts, s.Faint.Render("on ")+s.Artist.Render(dev))
	}
	if d.VolumePercent != nil && d.SupportsVolume {
		vol = len(parts)
		parts = append(parts, s.Faint.Render(fmt.Sprintf("vol %d%%", *d.VolumePercent)))
	}
	onOff := func(label string, on bool, value string) string {
		if on {
			return s.On.Render(label + " " + value)
		}
		return s.Faint.Render(label + " " + value)
	}
	shuffle := "off"
	if m.np.ShuffleState {
		shuffle = "on"
	}
	parts = append(parts, onOff("shuffle", m.np.ShuffleState, shuffle))
	repeat := map[string]string{api.RepeatContext: "all", api.RepeatTrack: "one"}[m.np.RepeatState]
	if repeat == "" {
		repeat = "off"
	}
	parts = append(parts, onOff("repeat", repeat != "off", repeat))
	return parts, vol
}

// describeItem is the three text lines for any kind of item.
func (m Model) describeItem() (title, sub, coll string) {
	it := m.np.Item
	switch {
	case it == nil && m.np.CurrentlyPlayingType == api.TypeAd:
		return "Advertisement", "Your music continues after this.", ""
	case it == nil:
		return "Something is playing", "Spotify doesn't share what (private session or unsupported item).", ""
	case it.IsEpisode():
		show := it.Collection()
		if it.Show != nil && it.Show.Publisher != "" {
			show += " · " + it.Show.Publisher
		}
		desc, _, _ := strings.Cut(strings.TrimSpace(it.Description), "\n")
		if desc == "" {
			desc = "Podcast episode"
		}
		return it.Name, show, desc
	}
	artists := it.ArtistNames()
	if it.IsLocal && artists == "" {
		artists = "Local file"
	}
	return it.Name, artists, it.Collection()
}

// progressGeom is the progress line's times and its bar's width (0: no
// room for a bar); the bar starts at column 3+len(left) of the line. Mouse
// clicks map through the same numbers.
func (m Model) progressGeom(w int) (left, right string, barW int) {
	left, right = fmtDuration(m.elapsed()), fmtDuration(m.duration())
	barW = w - 2 - len(left) - 1 - 1 - len(right)
	if barW < 4 {
		barW = 0
	}
	return left, right, barW
}

// viewProgress is "▶ 1:23 ━━━━━━╸──── 4:56" fitted to w.
func (m Model) viewProgress(w int) string {
	s := m.styles
	icon := s.Playing.Render("▶")
	if !m.np.IsPlaying {
		icon = s.Paused.Render("⏸")
	}
	if m.pollErr != nil {
		icon = s.Stale.Render("○")
	}
	dur := m.duration()
	if dur <= 0 {
		return icon
	}
	el := m.elapsed()
	left, right, barW := m.progressGeom(w)
	if barW == 0 {
		return icon + " " + s.Time.Render(left+" / "+right)
	}
	filled := int(int64(barW) * int64(el) / int64(dur))
	filled = min(max(filled, 0), barW)
	full, empty := s.BarFull, s.BarEmpty
	if m.pollErr != nil {
		full = s.Stale
	}
	return icon + " " + s.Time.Render(left) + " " +
		full.Render(strings.Repeat("━", filled)) + empty.Render(strings.Repeat("─", barW-filled)) +
		" " + s.Time.Render(right)
}

// fmtDuration is m:ss, or h:mm:ss for long episodes.
func fmtDuration(d time.Duration) string {
	t := int(d / time.Second)
	if t >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", t/3600, t/60%60, t%60)
	}
	return fmt.Sprintf("%d:%02d", t/60, t%60)
}
