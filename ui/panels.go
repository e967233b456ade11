package ui

import (
	"context"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/lyrics"
	"github.com/spotui/spotui/ui/lyricspanel"
	"github.com/spotui/spotui/ui/upnext"
)

// The panels beside or under the title: synced lyrics (an episode's
// description for an episode) and up next. Their rectangles come from one
// function, panelRects, that the layout draws into and that decides what is
// on screen: which look-ups run and when the clock wakes.

// queueMsg is the answer of GET /me/player/queue, asked for item uri.
type queueMsg struct {
	uri string
	q   *api.Queue
	err error
}

// minQueue: below this many known items the queue is asked for again rather
// than advanced locally.
const minQueue = 3

// panelPlan is where the panels go below a title block that ends at row y.
type panelPlan struct {
	context Rect // "Playing from a playlist"
	lyrics  Rect
	upNext  Rect
}

// panelRects splits the text column under the title: up next at the
// bottom, lyrics above it; one panel at a time where rows are few (y hides
// the lyrics, which gives their room to up next).
func (m Model) panelRects(g geom, y int) panelPlan {
	var p panelPlan
	if g.class == classCompact || m.np == nil || m.np.Item == nil {
		return p
	}
	text := g.textRect()
	end := text.Y + text.H // first row past the column
	if m.contextLine() != "" && end-y >= 12 {
		p.context = Rect{X: text.X, Y: y + 1, W: text.W, H: 1}
		y += 2
	}
	top := y + 1 // a blank row under the title block
	rows := end - top
	wantL, wantN := m.lyricsWanted(), m.sess != nil
	switch {
	case rows < 2:
	case wantL && wantN && rows >= 10:
		n := min(1+max(len(m.upcoming()), 1), max(4, rows/3))
		p.upNext = Rect{X: text.X, Y: end - n, W: text.W, H: n}
		p.lyrics = Rect{X: text.X, Y: top, W: text.W, H: rows - n - 1}
	case wantL:
		p.lyrics = Rect{X: text.X, Y: top, W: text.W, H: rows}
	case wantN:
		p.upNext = Rect{X: text.X, Y: top, W: text.W, H: min(rows, 1+max(len(m.upcoming()), 1))}
	}
	return p
}

// lyricsWanted: a track with lyrics on and not hidden, or an episode with a
// description to read.
func (m Model) lyricsWanted() bool {
	it := m.np.Item
	if it.IsEpisode() {
		return strings.TrimSpace(it.Description) != ""
	}
	return m.deps.Lyrics != nil && m.lyrics.Visible()
}

// plan is panelRects for the frame the model shows now, or the zero plan
// when the now-playing body is not on screen (picker, help, other states).
func (m Model) plan() panelPlan {
	if m.state != stateConnected || !m.haveState || m.np == nil || m.picker.IsOpen() || m.helpShown {
		return panelPlan{}
	}
	g := m.geom(m.width, m.height)
	return m.panelRects(g, g.textRect().Y+len(m.titleBlock(g.textRect().W)))
}

// drawPanels puts the panels below the title block ending at row y and
// returns the first row under what it drew.
func (m Model) drawPanels(g geom, c *canvas, f *Frame, y int) int {
	p := m.panelRects(g, y)
	s := m.styles
	if !p.context.Empty() {
		c.put(p.context, s.paint.faint.Render(m.contextLine()))
		y = p.context.Y + 1
	}
	if !p.lyrics.Empty() {
		var lines []string
		if m.np.Item.IsEpisode() {
			lines = m.aboutLines(p.lyrics.W)
		} else {
			lines = m.lyricLines(p.lyrics.W, p.lyrics.H)
		}
		f.Regions.Lyrics = p.lyrics
		if n := c.block(p.lyrics, lines); n > 0 {
			y = p.lyrics.Y + n
			f.Regions.Lyrics.H = n
		}
		if !p.upNext.Empty() && y+1 < p.upNext.Y {
			// Short lyrics: up next follows them, with room for more rows,
			// rather than leaving a hole above it.
			end := p.upNext.Y + p.upNext.H
			p.upNext.Y = y + 1
			p.upNext.H = min(end-p.upNext.Y, 1+max(len(m.upcoming()), 1))
		}
	}
	if !p.upNext.Empty() {
		f.Regions.UpNext = p.upNext
		lines := m.upNextLines(p.upNext.W, p.upNext.H)
		y = p.upNext.Y + c.block(p.upNext, lines)
	}
	return y
}

func (m Model) upNextStyles() upnext.Styles {
	s := m.styles
	return upnext.Styles{Heading: s.Heading, Title: s.Artist, Sub: s.Faint, Time: s.Time, Faint: s.Faint}
}

func lyricsStyles(s *Styles) lyricspanel.Styles {
	return lyricspanel.Styles{Current: s.On, Near: s.Artist, Faint: s.Faint}
}

// upcoming is the queue as up next lists it: what plays next until the
// list comes round again (a short playlist on repeat fills Spotify's
// queue with the same items over and over; one pass is what is news).
func (m Model) upcoming() []api.Item {
	seen := map[string]bool{m.itemURI(): true}
	for i, it := range m.queue {
		if it.URI != "" && seen[it.URI] {
			return m.queue[:i]
		}
		seen[it.URI] = true
	}
	return m.queue
}

// itemURI is the current item's URI, "" when none.
func (m Model) itemURI() string {
	if m.np == nil || m.np.Item == nil {
		return ""
	}
	return m.np.Item.URI
}

// lyricsTrack is what a look-up sends: title, artists, album, duration;
// tracks only (episodes and ads are never looked up).
func (m Model) lyricsTrack() *lyrics.Track {
	if m.np == nil || m.np.Item == nil || m.np.Item.Type != api.TypeTrack {
		return nil
	}
	it := m.np.Item
	t := &lyrics.Track{Title: it.Name, Album: it.Collection(), Duration: m.duration()}
	for _, a := range it.Artists {
		if a.Name != "" {
			t.Artists = append(t.Artists, a.Name)
		}
	}
	return t
}

// syncPanels runs after every message: it points the lyrics at the
// current track and asks for the queue when the item changed and up next
// is on screen (or first shows). Both cost nothing when nothing changed.
func (m Model) syncPanels() (Model, tea.Cmd) {
	if m.sess == nil {
		return m, nil
	}
	var cmds []tea.Cmd
	if uri := m.itemURI(); uri != m.lyricsFor {
		m.lyricsFor = uri
		var cmd tea.Cmd
		m.lyrics, cmd = m.lyrics.SetTrack(m.sess.ctx, m.deps.Lyrics, m.lyricsTrack())
		cmds = append(cmds, cmd)
	}
	m, q := m.syncQueue()
	return m, tea.Batch(append(cmds, q)...)
}

// syncQueue keeps up next for the current item. When the new item is the
// one that was next, the known queue moves up a row with no request; the
// endpoint is asked only when that is not so, and only while up next shows.
func (m Model) syncQueue() (Model, tea.Cmd) {
	uri := m.itemURI()
	if uri == "" || uri == m.queueFor || uri == m.queueAsked || m.sess.client == nil || m.plan().upNext.Empty() {
		return m, nil
	}
	if len(m.queue) > minQueue && m.queue[0].URI == uri {
		m.queue, m.queueFor = m.queue[1:], uri
		return m, nil
	}
	if m.deps.Gate.Remaining() > 0 {
		return m, nil // asked again on a later message, after the window
	}
	m.queueAsked = uri
	return m, queueCmd(m.sess.ctx, m.sess.client, uri)
}

func queueCmd(ctx context.Context, c *api.Client, uri string) tea.Cmd {
	return func() tea.Msg {
		q, err := c.Queue(ctx)
		return queueMsg{uri: uri, q: q, err: err}
	}
}

func (m Model) onQueue(msg queueMsg) (Model, tea.Cmd) {
	if msg.uri != m.queueAsked {
		return m, nil // asked for an item no longer playing
	}
	m.queueAsked = ""
	m.queueFor = msg.uri // also on error: asked again at the next item, not in a loop
	m.queue = nil
	if msg.err == nil && msg.q != nil {
		m.queue = msg.q.Queue
	}
	return m, nil
}

// onLyricsKey hands y, [ and ] to the lyrics panel; a new timing restarts
// the clock's loop so the next line's wake-up is recomputed at once.
func (m Model) onLyricsKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	m.lyrics, _ = m.lyrics.Update(msg)
	return m.restartTick(), nil
}

// onLyricsLoaded takes a look-up's answer.
func (m Model) onLyricsLoaded(msg lyricspanel.LoadedMsg) (Model, tea.Cmd) {
	m.lyrics, _ = m.lyrics.Update(msg)
	return m.restartTick(), nil
}

// restartTick orphans the running clock loop; keepTicking starts a new one
// at once, which computes its next wake-up (the next lyric line) afresh.
func (m Model) restartTick() Model {
	if m.ticking {
		m.tickGen++
		m.ticking = false
	}
	return m
}

// lyricsLive reports whether synced lines are on screen and moving.
func (m Model) lyricsLive() bool {
	return m.playing() && m.lyrics.HasSynced() && !m.plan().lyrics.Empty()
}
