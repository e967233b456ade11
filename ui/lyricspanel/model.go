// Package lyricspanel is the synced-lyrics component of the now-playing
// screen: it holds the current track's lyrics, draws them centred on the
// line being sung into the rectangle the layout gives it, and says when the
// next line starts so the UI can wake exactly then. It owns its keys (y,
// [ and ]) and takes its styles from the shared theme.
package lyricspanel

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/spotui/spotui/lyrics"
	"github.com/spotui/spotui/ui/theme"
)

// KeyMap is the panel's keys.
type KeyMap struct {
	Toggle  key.Binding // y: show or hide the lyrics
	Earlier key.Binding // [: lyrics 0.5 s earlier
	Later   key.Binding // ]: lyrics 0.5 s later
}

// DefaultKeyMap is the documented set.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Toggle:  key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "lyrics")),
		Earlier: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "lyrics earlier")),
		Later:   key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "lyrics later")),
	}
}

// ShortHelp and FullHelp make KeyMap a help.KeyMap.
func (k KeyMap) ShortHelp() []key.Binding  { return []key.Binding{k.Toggle} }
func (k KeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Toggle, k.Earlier, k.Later}} }

// Styles come from the theme.
type Styles struct {
	Current lipgloss.Style // the line being sung: accent and bold
	Near    lipgloss.Style // the lines around it
	Faint   lipgloss.Style // notes: loading, no lyrics, the offset
}

// Step is how far one [ or ] shifts the timing.
const Step = 500 * time.Millisecond

// maxOffset bounds the shift: beyond a minute it is another song.
const maxOffset = time.Minute

type status int

const (
	statusNone    status = iota // no track asked for (episode, ad, nothing playing)
	statusLoading               // a look-up is under way
	statusFound                 // lyrics (synced, plain or instrumental)
	statusMiss                  // the service has none
	statusFailed                // couldn't ask (network, rate limit): not a miss
)

// Model is the panel's state. It is a value, like the UI's model.
type Model struct {
	lk     *look   // keys and styles, fixed by New: a pointer keeps copies small
	paint  *paints // the line styles made ready: a lyric change restyles every line
	hidden bool    // y hid the panel

	key    string // the track the content belongs to (lyrics.Key)
	status status
	lyr    lyrics.Lyrics
	offset time.Duration // positive: lines show later
	scroll int           // plain lyrics: first line shown (the wheel moves it)
}

// paints are Current and Near made ready (theme.Paint): no lipgloss Render
// for each line on every lyric change.
type paints struct{ current, near theme.Paint }

// New returns a visible, empty panel.
func New(keys KeyMap, styles Styles) Model {
	return Model{lk: &look{keys: keys, styles: styles},
		paint: &paints{current: theme.NewPaint(styles.Current), near: theme.NewPaint(styles.Near)}}
}

// Keys is the panel's keymap, for the help view.
func (m Model) Keys() KeyMap { return m.keys() }

// look is what New fixes for the panel's life.
type look struct {
	keys   KeyMap
	styles Styles
}

func (m Model) keys() KeyMap {
	if m.lk == nil { // a Model not made by New
		return KeyMap{}
	}
	return m.lk.keys
}

func (m Model) styles() *Styles {
	if m.lk == nil {
		return &Styles{}
	}
	return &m.lk.styles
}

// Visible reports whether the user wants the lyrics shown.
func (m Model) Visible() bool { return !m.hidden }

// Offset is the timing shift of the current track.
func (m Model) Offset() time.Duration { return m.offset }

// HasSynced reports whether synced lyrics are loaded (the UI then wakes on
// line changes).
func (m Model) HasSynced() bool { return m.status == statusFound && len(m.lyr.Synced) > 0 }

// Synced is the current track's synced lines as loaded (nil when there are
// none), without the offset: see Offset. The slice is shared and never
// changed in place, so its identity says when the lyrics changed; do not
// modify it.
func (m Model) Synced() []lyrics.Line {
	if !m.HasSynced() {
		return nil
	}
	return m.lyr.Synced
}

// LoadedMsg carries a look-up's answer.
type LoadedMsg struct {
	Key    string
	Lyrics lyrics.Lyrics
	Found  bool
	Err    error
}

// Finder looks lyrics up (lyrics.Service does).
type Finder interface {
	Find(ctx context.Context, t lyrics.Track) (lyrics.Lyrics, bool, error)
}

// SetTrack points the panel at a track; t == nil clears it (episodes and
// ads are never looked up). It returns the look-up to run, or nil when the
// track is already the one shown or there is no finder (lyrics = "off").
func (m Model) SetTrack(ctx context.Context, f Finder, t *lyrics.Track) (Model, tea.Cmd) {
	if t == nil || f == nil {
		m.key, m.status, m.lyr, m.offset = "", statusNone, lyrics.Lyrics{}, 0
		return m, nil
	}
	k := lyrics.Key(*t)
	if k == m.key {
		return m, nil
	}
	m.key, m.status, m.lyr, m.offset, m.scroll = k, statusLoading, lyrics.Lyrics{}, 0, 0
	track := *t
	return m, func() tea.Msg {
		l, found, err := f.Find(ctx, track)
		return LoadedMsg{Key: k, Lyrics: l, Found: found, Err: err}
	}
}

// Update takes the panel's messages and keys; handled is false for a key
// that is not the panel's.
func (m Model) Update(msg tea.Msg) (Model, bool) {
	switch msg := msg.(type) {
	case LoadedMsg:
		if msg.Key != m.key {
			return m, true // an answer for a track no longer shown
		}
		switch {
		case msg.Err != nil && !errors.Is(msg.Err, context.Canceled):
			m.status = statusFailed
		case msg.Found:
			m.status, m.lyr = statusFound, msg.Lyrics
		default:
			m.status = statusMiss
		}
		return m, true
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys().Toggle):
			m.hidden = !m.hidden
		case key.Matches(msg, m.keys().Earlier):
			m.offset = max(m.offset-Step, -maxOffset)
		case key.Matches(msg, m.keys().Later):
			m.offset = min(m.offset+Step, maxOffset)
		default:
			return m, false
		}
		return m, true
	}
	return m, false
}

// Scroll moves plain lyrics by n lines (the mouse wheel); synced lyrics
// follow the song and don't scroll.
func (m Model) Scroll(n int) Model {
	if m.status == statusFound && len(m.lyr.Synced) == 0 {
		m.scroll = max(m.scroll+n, 0)
	}
	return m
}

// NextWake is how long after pos the highlighted line changes; ok is false
// when nothing will change (no synced lyrics, hidden, past the last line).
func (m Model) NextWake(pos time.Duration) (time.Duration, bool) {
	if m.hidden || !m.HasSynced() {
		return 0, false
	}
	return lyrics.NextChange(m.lyr.Synced, pos-m.offset)
}

// OffsetLabel is "lyrics +0.5s" while the timing is shifted, else "".
func (m Model) OffsetLabel() string {
	if m.offset == 0 {
		return ""
	}
	return fmt.Sprintf("lyrics %+.1fs", m.offset.Seconds())
}

// CurrentLine is the text being sung at pos ("" when none), for status
// bars and the window title.
func (m Model) CurrentLine(pos time.Duration) string {
	if !m.HasSynced() {
		return ""
	}
	if i := lyrics.At(m.lyr.Synced, pos-m.offset); i >= 0 {
		return m.lyr.Synced[i].Text
	}
	return ""
}
