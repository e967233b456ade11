package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/template"
	"time"

	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/internal/nowstate"
)

// seekJump is how far the position may differ from where the clock says
// it should be before a state counts as a seek (polls drift a little).
const seekJump = 2 * time.Second

// Output kinds of now --follow.
const (
	outText   = "text"
	outJSON   = "json"
	outWaybar = "waybar"
)

// feed turns a stream of shared states into lines, one per change a status
// bar shows: the item, play/pause, a seek, and the lyric line when the
// format shows it. Nothing else (a poll that changed nothing) prints.
type feed struct {
	kind  string
	tmpl  *template.Template
	lyric bool // the format uses .Lyric or .NextLyric: line changes print too

	started bool
	last    nowstate.State
	key     string
	line    string // the lyric line printed last
}

func newFeed(kind string, tmpl *template.Template, format string) *feed {
	return &feed{kind: kind, tmpl: tmpl, lyric: usesLyrics(format)}
}

// usesLyrics reports whether a --format shows a lyric line.
func usesLyrics(format string) bool {
	return strings.Contains(format, ".Lyric") || strings.Contains(format, ".NextLyric")
}

// next takes s at now; ok says a line is due. The line has no newline.
func (f *feed) next(s nowstate.State, now time.Time) (line string, ok bool, err error) {
	if !f.started && (!s.LoggedIn || s.FetchedAt.IsZero()) {
		return "", false, nil // the spotui has no answer yet: nothing to tell
	}
	key := s.Status() + "\x00" + itemKey(s)
	changed := !f.started || key != f.key
	if !changed && s.Status() != nowstate.StatusStopped {
		// Where the last state says playback should be, against where
		// this one says it is.
		if d := s.Position(now) - f.last.Position(now); d > seekJump || d < -seekJump {
			changed = true
		}
	}
	lyric := ""
	if f.lyric {
		lyric = s.LyricAt(now) + "\x00" + s.NextLyricAt(now)
		changed = changed || lyric != f.line
	}
	f.started, f.last, f.key, f.line = true, s, key, lyric
	if !changed {
		return "", false, nil
	}
	line, err = f.render(s, now)
	return line, err == nil, err
}

// tick is the lyric line's own change (the state stays the same while the
// song moves on).
func (f *feed) tick(now time.Time) (string, bool, error) {
	if !f.started || !f.lyric {
		return "", false, nil
	}
	return f.next(f.last, now)
}

// nextLyric is when the lyric line changes next; 0: no line is due.
func (f *feed) nextLyric(now time.Time) time.Duration {
	s := f.last
	if !f.lyric || s.Status() != nowstate.StatusPlaying {
		return 0
	}
	pos := s.Position(now).Milliseconds()
	for _, l := range s.Lyrics {
		if l.AtMS > pos {
			return time.Duration(l.AtMS-pos)*time.Millisecond + 5*time.Millisecond
		}
	}
	return 0
}

func itemKey(s nowstate.State) string {
	if s.Player == nil || s.Player.Item == nil {
		return ""
	}
	it := s.Player.Item
	return it.Type + ":" + it.ID + ":" + it.Name // local files have no ID
}

// playerAt is s's player with the position of now.
func playerAt(s nowstate.State, now time.Time) *api.PlaybackState {
	if s.Status() == nowstate.StatusStopped {
		return nil
	}
	ps := *s.Player
	ps.ProgressMS = int(s.Position(now) / time.Millisecond)
	return &ps
}

func (f *feed) render(s nowstate.State, now time.Time) (string, error) {
	ps := playerAt(s, now)
	switch f.kind {
	case outJSON:
		b, err := json.Marshal(ps) // null: nothing playing
		return string(b), err
	case outWaybar:
		return f.waybar(s, ps, now)
	}
	if ps == nil {
		return "", nil // an empty line clears the bar
	}
	p := playingAt(ps, s, now)
	var b bytes.Buffer
	if err := f.tmpl.Execute(&b, p); err != nil {
		return "", err
	}
	return strings.TrimRight(b.String(), "\n"), nil
}

// waybarLine is waybar's custom module JSON (return-type: json).
type waybarLine struct {
	Text       string `json:"text"`
	Tooltip    string `json:"tooltip"`
	Class      string `json:"class"`
	Alt        string `json:"alt"`
	Percentage int    `json:"percentage"`
}

func (f *feed) waybar(s nowstate.State, ps *api.PlaybackState, now time.Time) (string, error) {
	w := waybarLine{Class: s.Status(), Alt: s.Status(), Tooltip: "Nothing playing"}
	if ps != nil {
		p := playingAt(ps, s, now)
		var b bytes.Buffer
		if err := f.tmpl.Execute(&b, p); err != nil {
			return "", err
		}
		// waybar reads text and tooltip as Pango markup: a title with
		// "&" or "<" would break the module, not show.
		w.Text = pango(strings.TrimRight(b.String(), "\n"))
		tip := []string{p.Title}
		for _, v := range []string{p.Artist, p.Album, p.Show, p.Device} {
			if v != "" {
				tip = append(tip, v)
			}
		}
		w.Tooltip = pango(strings.Join(tip, "\n"))
		w.Percentage = p.Progress
	}
	if s.Stale != "" {
		w.Tooltip += pango("\n(" + s.Stale + ")")
	}
	b, err := json.Marshal(w)
	return string(b), err
}

// pango escapes what Pango markup reads as markup.
func pango(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// printFeed writes a line per change of states until ctx ends or a write
// fails (the status bar went away).
func printFeed(ctx context.Context, f *feed, states <-chan nowstate.State, out io.Writer, now func() time.Time) error {
	var lyricTimer <-chan time.Time
	for {
		var (
			line string
			ok   bool
			err  error
		)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case s := <-states:
			line, ok, err = f.next(s, now())
		case <-lyricTimer:
			line, ok, err = f.tick(now())
		}
		if err != nil {
			return fmt.Errorf("--format: %w", err)
		}
		if ok {
			if _, err := io.WriteString(out, line+"\n"); err != nil {
				return err
			}
		}
		lyricTimer = nil
		if d := f.nextLyric(now()); d > 0 {
			lyricTimer = time.After(d)
		}
	}
}
