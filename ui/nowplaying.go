package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spotui/spotui/api"
)

// layoutConnected draws the logged-in body into c and returns the body
// rows it used.
func (m Model) layoutConnected(g geom, c *canvas, f *Frame) int {
	s := m.styles
	body := g.bodyRect()
	switch {
	case !m.haveState && m.pollErr == nil:
		return c.wrapped(body, []string{s.Faint.Render("Connecting to Spotify…")})
	case !m.haveState:
		return c.wrapped(body, []string{s.Faint.Render("Can't reach Spotify yet.")})
	case m.picker.IsOpen():
		f.Regions.Picker = g.pickerRect()
		return c.block(f.Regions.Picker, strings.Split(m.picker.View(), "\n"))
	case m.np == nil:
		return c.wrapped(body, []string{
			s.Heading.Render("Nothing is playing."),
			"",
			s.Faint.Render("Start something in Spotify on any device, or press " + hint(m.keys.Devices) + " to pick a device."),
		})
	case m.helpShown:
		// The help takes the body; the progress stays under it.
		// The title stays on top; a long notice wraps onto rows the help
		// leaves it.
		f.Regions.Title = Rect{X: body.X, Y: body.Y, W: body.W, H: 1}
		c.put(f.Regions.Title, m.titleLine())
		body.Y, body.H = body.Y+1, body.H-1
		notice := max(len(m.viewStatusLines(g.cw))-1, 0)
		help := Rect{X: body.X, Y: body.Y, W: body.W, H: body.H - belowCover - notice}
		if help.H < 2 {
			notice = 0
			help.H = body.H - belowCover
		}
		if help.H < 2 {
			help.H = body.H
		}
		f.Regions.Help = help
		var lines []string
		lines, f.HelpPages = m.fullHelp(m.activeKeys(), help.W, help.H)
		c.block(help, lines)
		if help.H < body.H {
			m.putProgress(g, c, f, body.Y+help.H+1)
		}
		return body.H + 1 - notice
	}

	text := g.textRect()
	title := m.titleBlock(text.W)
	f.Regions.Title = Rect{X: text.X, Y: text.Y, W: text.W, H: min(len(title), text.H)}
	y := text.Y + c.block(text, title)
	if g.class == classWide || g.class == classTall {
		f.Regions.Cover = g.cover
		m.putCover(g.cover, c)
	}
	y = m.drawPanels(g, c, f, y)
	// The progress and device lines stand alone under the cover: the
	// progress changes every second, and a row shared with the cover would
	// make the renderer resend the cover's escape codes each time.
	bottom := max(y, g.cover.Y+g.cover.H, text.Y+1) + 1
	if g.class == classWide {
		bottom = g.cover.Y + g.cover.H + 1
	}
	if g.class == classNarrow {
		bottom = min(bottom, body.Y+body.H-2)
	}
	m.putProgress(g, c, f, bottom)
	return bottom + 2 - body.Y
}

// titleLine is "Title – Artists" on one line, the title first so that a
// narrow window cuts the artists, not the title.
func (m Model) titleLine() string {
	s := m.styles
	title, sub, _ := m.describeItem()
	line := s.Title.Render(title) + m.likedMark()
	if sub != "" {
		line += s.Faint.Render(" – ") + s.Artist.Render(sub)
	}
	return line
}

// titleBlock is title, artists, album · year, one line each.
func (m Model) titleBlock(int) []string {
	title, sub, coll := m.describeItem()
	k := titleKey{title: title, sub: sub, coll: coll, liked: m.likedMark(), stale: m.pollErr != nil}
	lines := memoGet(m.memo, func(v *viewMemo) *memoSlot[titleKey, []string] { return &v.title }, k, m.drawTitle)
	return lines[:len(lines):len(lines)] // shared: an append must copy
}

// titleKey is everything the title block is drawn from.
type titleKey struct {
	title, sub, coll, liked string
	stale                   bool // stale data, dimmed
}

func (m Model) drawTitle(k titleKey) []string {
	s := m.styles
	st, sa, sc := s.Title, s.Artist, s.Album
	if k.stale {
		st, sa, sc = s.Stale, s.Stale, s.Stale
	}
	lines := []string{st.Render(k.title) + k.liked}
	if k.sub != "" {
		lines = append(lines, sa.Render(k.sub))
	}
	if k.coll != "" {
		lines = append(lines, sc.Render(k.coll))
	}
	return lines
}

// putCover draws the cover's rows into r. A cover still rendered for an
// older size is shown only if it fits; otherwise r stays blank for the
// moment until the new one arrives.
func (m Model) putCover(r Rect, c *canvas) {
	rows, cols := m.cover.Rows()
	if cols > r.W || len(rows) > r.H {
		return
	}
	for i, l := range rows {
		c.putFitted(r.X, r.Y+i, cols, l)
	}
}

// putProgress draws the progress line at row y and the device line under
// it, and records the bar and volume regions.
func (m Model) putProgress(g geom, c *canvas, f *Frame, y int) {
	if y >= g.h-2 && g.class != classCompact {
		return
	}
	pw := g.progressWidth()
	f.Regions.Progress = Rect{X: 1, Y: y, W: pw, H: 1}
	c.put(f.Regions.Progress, m.viewProgress(pw))
	if left, _, barW := m.progressGeom(pw); barW > 0 && m.duration() > 0 {
		f.Regions.Bar = Rect{X: 1 + 2 + len(left) + 1, Y: y, W: barW, H: 1}
	}
	if g.class == classCompact && y+1 >= g.h-1 {
		return
	}
	if y+1 >= c.h {
		return
	}
	sv := memoGet(m.memo, func(v *viewMemo) *memoSlot[statusKey, statusView] { return &v.status }, m.statusKey(g.cw), m.drawStatus)
	c.put(Rect{X: 1, Y: y + 1, W: g.cw, H: 1}, sv.line)
	if sv.volW > 0 {
		f.Regions.Volume = Rect{X: sv.volX, Y: y + 1, W: sv.volW, H: 1}
	}
}

// statusKey is everything the device line is drawn from.
type statusKey struct {
	cw                      int
	name, typ, repeat       string
	vol                     int
	hasVol, canVol, shuffle bool
}

// statusView is the device line and where its volume piece landed (volW
// 0: not on screen).
type statusView struct {
	line       string
	volX, volW int
}

func (m Model) statusKey(cw int) statusKey {
	d := m.np.Device
	k := statusKey{cw: cw, name: d.Name, typ: d.Type, repeat: m.np.RepeatState,
		hasVol: d.VolumePercent != nil, canVol: d.SupportsVolume, shuffle: m.np.ShuffleState}
	if k.hasVol {
		k.vol = *d.VolumePercent
	}
	return k
}

// drawStatus draws the device line; the key holds all statusParts reads.
func (m Model) drawStatus(k statusKey) statusView {
	parts, vol := m.statusParts()
	sv := statusView{line: strings.Join(parts, m.styles.Faint.Render(statusSep))}
	if vol >= 0 {
		x := 1
		for _, p := range parts[:vol] {
			x += ansi.StringWidth(p) + ansi.StringWidth(statusSep)
		}
		if vw := ansi.StringWidth(parts[vol]); x+vw <= 1+k.cw {
			sv.volX, sv.volW = x, vw
		}
	}
	return sv
}

// contextLine says where the item plays from (Spotify sends the kind, not
// the name, with the player state).
func (m Model) contextLine() string {
	if m.np.Context == nil {
		return ""
	}
	switch m.np.Context.Type {
	case "playlist":
		return "Playing from a playlist"
	case "album":
		return "Playing from the album"
	case "artist":
		return "Playing from the artist"
	case "show":
		return "Playing from the show"
	case "collection":
		return "Playing from your Liked Songs"
	}
	return ""
}

// aboutLines is an episode's whole description, wrapped to w.
func (m Model) aboutLines(w int) []string {
	it := m.np.Item
	if !it.IsEpisode() || strings.TrimSpace(it.Description) == "" {
		return nil
	}
	var lines []string
	for p := range strings.SplitSeq(strings.TrimSpace(it.Description), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			lines = append(lines, strings.Split(ansi.Wordwrap(m.styles.Faint.Render(p), max(w, 1), " "), "\n")...)
		}
	}
	return lines
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
		return it.Name, show, withYear("Podcast episode", it.ReleaseDate)
	}
	artists := it.ArtistNames()
	if it.IsLocal && artists == "" {
		artists = "Local file"
	}
	coll = it.Collection()
	if it.Album != nil && coll != "" {
		coll = withYear(coll, it.Album.ReleaseDate)
	}
	return it.Name, artists, coll
}

// withYear is "Album · 2022" when date starts with a year.
func withYear(s, date string) string {
	if len(date) >= 4 && strings.Trim(date[:4], "0123456789") == "" {
		return s + " · " + date[:4]
	}
	return s
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
	k := progressKey{icon: iconPlaying}
	if !m.np.IsPlaying {
		k.icon = iconPaused
	}
	if m.pollErr != nil {
		k.icon = iconStale
	}
	if dur := m.duration(); dur > 0 {
		k.left, k.right, k.barW = m.progressGeom(w)
		filled := int(int64(k.barW) * int64(m.elapsed()) / int64(dur))
		k.filled = min(max(filled, 0), k.barW)
	}
	return memoGet(m.memo, func(v *viewMemo) *memoSlot[progressKey, string] { return &v.progress }, k, m.drawProgress)
}

// progressKey is everything the progress line is drawn from: it changes
// once a second, while lyric lines may wake the frame in between.
type progressKey struct {
	icon         int
	left, right  string // "" : no duration
	barW, filled int
}

const (
	iconPlaying = iota
	iconPaused
	iconStale
)

func (m Model) drawProgress(k progressKey) string {
	p := &m.styles.paint
	icon := p.playing.Render("▶")
	switch k.icon {
	case iconPaused:
		icon = p.paused.Render("⏸")
	case iconStale:
		icon = p.stale.Render("○")
	}
	if k.right == "" {
		return icon
	}
	if k.barW == 0 {
		return icon + " " + p.time.Render(k.left+" / "+k.right)
	}
	full, empty := p.barFull, p.barEmpty
	if k.icon == iconStale {
		full = p.stale
	}
	return icon + " " + p.time.Render(k.left) + " " +
		full.Render(strings.Repeat("━", k.filled)) + empty.Render(strings.Repeat("─", k.barW-k.filled)) +
		" " + p.time.Render(k.right)
}

// fmtDuration is m:ss, or h:mm:ss for long episodes.
func fmtDuration(d time.Duration) string {
	t := int(d / time.Second)
	if t >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", t/3600, t/60%60, t%60)
	}
	return fmt.Sprintf("%d:%02d", t/60, t%60)
}
