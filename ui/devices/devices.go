// Package devices is the device picker: a bubbles list of the user's
// Spotify Connect devices. Enter picks one, esc closes. It does no I/O: the
// parent fetches the devices and transfers playback.
package devices

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/ui/theme"
)

// ChosenMsg: the user picked Device.
type ChosenMsg struct{ Device api.Device }

// ClosedMsg: the user closed the picker without choosing.
type ClosedMsg struct{}

// item is one device as a list row.
type item struct{ d api.Device }

func (i item) Title() string {
	if i.d.IsActive {
		return i.d.Name + "  ● playing here"
	}
	return i.d.Name
}

func (i item) Description() string {
	parts := []string{strings.ToLower(i.d.Type)}
	if i.d.VolumePercent != nil && i.d.SupportsVolume {
		parts = append(parts, fmt.Sprintf("volume %d%%", *i.d.VolumePercent))
	}
	if i.d.IsRestricted {
		parts = append(parts, "can't be controlled")
	}
	return strings.Join(parts, " · ")
}

func (i item) FilterValue() string { return i.d.Name }

// Model is the picker. The zero value is closed. The list is held by
// pointer: list.Model is ~20 KB of styles, and the parent model is copied
// on every message; copies share the one list, which only Update touches.
type Model struct {
	list          *list.Model
	rows          *list.DefaultItemStyles // the theme's row styles; nil: bubbles' defaults
	open          bool
	choose, close key.Binding
}

// New makes a closed picker.
func New() Model {
	l := list.New(nil, list.NewDefaultDelegate(), 0, 0)
	l.Title = "Play on…"
	l.SetShowStatusBar(false)
	l.SetFilteringEnabled(false)
	l.SetShowHelp(false) // the app's help bar says enter / esc
	l.DisableQuitKeybindings()
	return Model{
		list:   &l,
		choose: key.NewBinding(key.WithKeys("enter")),
		close:  key.NewBinding(key.WithKeys("esc", "d", "q")),
	}
}

// Styles are the picker's looks: the list's title and pagination, and
// each row (bubbles' defaults are violet and pink, and ignore the theme).
type Styles struct {
	Title                  lipgloss.Style
	NoItems                lipgloss.Style
	Pages                  lipgloss.Style // "2/5" when the dots don't fit
	ActiveDot, InactiveDot lipgloss.Style
	Item                   list.DefaultItemStyles
}

// NewStyles takes the picker's colours from t: the selected row in the
// accent with a bar beside it, others in text and faint.
func NewStyles(t theme.Theme) Styles {
	row := t.Style().PaddingLeft(2)
	sel := t.Style().Border(lipgloss.NormalBorder(), false, false, false, true).
		BorderForeground(t.Accent).PaddingLeft(1)
	return Styles{
		Title:       t.Style().Bold(true).Foreground(t.Accent).Padding(0, 1),
		NoItems:     t.Style().Foreground(t.Faint),
		Pages:       t.Style().Foreground(t.Faint),
		ActiveDot:   t.Style().Foreground(t.Subtle).SetString("•"),
		InactiveDot: t.Style().Foreground(t.Track).SetString("•"),
		Item: list.DefaultItemStyles{
			NormalTitle:   row.Foreground(t.Text),
			NormalDesc:    row.Foreground(t.Faint),
			SelectedTitle: sel.Foreground(t.Accent).Bold(true),
			SelectedDesc:  sel.Foreground(t.Subtle),
			DimmedTitle:   row.Foreground(t.Faint),
			DimmedDesc:    row.Foreground(t.Faint),
			FilterMatch:   t.Style().Underline(true),
		},
	}
}

// Styled is m drawn with s. It restyles the one list every copy shares,
// so call it while building the model, before copies are handed out.
func (m Model) Styled(s Styles) Model {
	if m.list == nil {
		return m
	}
	rows := s.Item
	m.rows = &rows
	m.list.SetDelegate(m.delegate(true))
	ls := list.DefaultStyles()
	ls.Title = s.Title
	ls.NoItems = s.NoItems
	ls.ArabicPagination = s.Pages
	ls.ActivePaginationDot = s.ActiveDot
	ls.InactivePaginationDot = s.InactiveDot
	m.list.Styles = ls
	return m
}

// Open shows devs, the active one selected, in w×h cells.
func (m Model) Open(devs []api.Device, w, h int) Model {
	items := make([]list.Item, len(devs))
	sel := 0
	for i, d := range devs {
		items[i] = item{d}
		if d.IsActive {
			sel = i
		}
	}
	m.list.SetItems(items)
	m = m.SetSize(w, h)
	m.list.Select(sel)
	m.open = true
	return m
}

// Selected is the highlighted device.
func (m Model) Selected() (api.Device, bool) {
	if m.list == nil {
		return api.Device{}, false
	}
	it, ok := m.list.SelectedItem().(item)
	return it.d, ok
}

// IsOpen reports whether the picker has the keyboard.
func (m Model) IsOpen() bool { return m.open && m.list != nil }

// SetSize fits the picker into the w×h cells the layout gives it. Below
// roomyRows each device takes one line (its name; the kind and volume go),
// so a small window still shows several a page; below 5 rows the title goes.
func (m Model) SetSize(w, h int) Model {
	if m.list == nil {
		return m
	}
	m.list.SetDelegate(m.delegate(h >= roomyRows))
	m.list.SetShowTitle(h >= 5)
	m.list.SetSize(w, h)
	return m
}

// delegate draws rows in the theme's styles: two lines each when roomy,
// else one line with no spacing.
func (m Model) delegate(roomy bool) list.DefaultDelegate {
	d := list.NewDefaultDelegate()
	if m.rows != nil {
		d.Styles = *m.rows
	}
	if !roomy {
		d.ShowDescription = false
		d.SetSpacing(0)
	}
	return d
}

// roomyRows is the height from which devices get two lines each.
const roomyRows = 16

// Update handles keys while open; enter and esc close it with a message.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	if !m.open {
		return m, nil
	}
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, m.choose):
			m.open = false
			it, ok := m.list.SelectedItem().(item)
			if !ok {
				return m, func() tea.Msg { return ClosedMsg{} }
			}
			return m, func() tea.Msg { return ChosenMsg{Device: it.d} }
		case key.Matches(k, m.close):
			m.open = false
			return m, func() tea.Msg { return ClosedMsg{} }
		}
	}
	l, cmd := m.list.Update(msg)
	*m.list = l
	return m, cmd
}

// View is the list, or "" when closed.
func (m Model) View() string {
	if !m.open {
		return ""
	}
	return m.list.View()
}
