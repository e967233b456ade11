package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"
)

// The key bar and the full help, generated from the active keymap and fitted
// to the room the layout gives them: whole items only, never cut mid-item.

// helpItem is one binding as shown: its key and what it does.
type helpItem struct {
	key, desc string
	keep      bool // ? and q: the bar drops everything else first
}

func (m Model) helpItems(bs []key.Binding, k KeyMap) []helpItem {
	var items []helpItem
	for _, b := range bs {
		if !b.Enabled() || b.Help().Key == "" {
			continue
		}
		h := b.Help()
		keep := h.Key == k.Help.Help().Key && k.Help.Enabled() || h.Key == k.Quit.Help().Key && k.Quit.Enabled()
		items = append(items, helpItem{key: h.Key, desc: h.Desc, keep: keep})
	}
	return items
}

// helpSeparator is bubbles/help's, between the short help's items.
const helpSeparator = " • "

// shortHelp is the one-line bar: as many whole items as fit in w, in the
// keymap's order, always keeping ? and q. When even those do not fit with
// their words, their keys alone remain.
func (m Model) shortHelp(k KeyMap, w int) string {
	st := m.styles.Help
	sep := st.ShortSeparator.Render(helpSeparator)
	sepW := ansi.StringWidth(sep)
	items := m.helpItems(k.ShortHelp(), k)
	widths := make([]int, len(items))
	used := 0
	for i, it := range items {
		widths[i] = ansi.StringWidth(it.key) + 1 + ansi.StringWidth(it.desc)
		if it.keep {
			used += widths[i] + sepW
		}
	}
	show := make([]bool, len(items))
	for i, it := range items {
		show[i] = it.keep
		if !it.keep && used+widths[i]+sepW <= w+sepW {
			show[i] = true
			used += widths[i] + sepW
		}
	}
	words := used-sepW <= w
	var parts []string
	for i, it := range items {
		switch {
		case !show[i]:
		case words:
			parts = append(parts, st.ShortKey.Render(it.key)+" "+st.ShortDesc.Render(it.desc))
		case it.keep:
			parts = append(parts, st.ShortKey.Render(it.key))
		}
	}
	return strings.Join(parts, sep)
}

// fullHelp is the help after ?, in as many columns as fit in w and pages of
// h rows; ? turns the pages, then closes it. It returns the current page's
// lines and the page count.
func (m Model) fullHelp(k KeyMap, w, h int) ([]string, int) {
	st := m.styles.Help
	var items []helpItem
	for _, group := range k.FullHelp() {
		items = append(items, m.helpItems(group, k)...)
	}
	if len(items) == 0 || w <= 0 || h <= 0 {
		return nil, 1
	}
	keyW, descW := 0, 0
	for _, it := range items {
		keyW = max(keyW, ansi.StringWidth(it.key))
		descW = max(descW, ansi.StringWidth(it.desc))
	}
	const colGap = 3
	colW := keyW + 1 + descW
	cols := max(1, (w+colGap)/(colW+colGap))
	rows := min(h, (len(items)+cols-1)/cols) // balanced columns when one page holds all
	perPage := cols * rows
	pages := (len(items) + perPage - 1) / perPage
	page := min(m.helpPage, pages-1)
	items = items[page*perPage : min(len(items), (page+1)*perPage)]
	lines := make([]string, rows)
	for i, it := range items {
		col, row := i/rows, i%rows
		cell := st.FullKey.Render(it.key+strings.Repeat(" ", keyW-ansi.StringWidth(it.key))) + " " + st.FullDesc.Render(it.desc)
		if col > 0 {
			pad := col*(colW+colGap) - ansi.StringWidth(lines[row])
			cell = strings.Repeat(" ", max(pad, 1)) + cell
		}
		lines[row] += cell
	}
	return lines, pages
}

// putKeyBar writes the key bar on the last row. While the help is open, ?
// says whether it turns the page or closes it.
func (m Model) putKeyBar(g geom, c *canvas, f *Frame) {
	k := m.activeKeys()
	if m.helpShown && k.Help.Enabled() {
		desc := "close"
		if m.helpPage+1 < f.HelpPages {
			desc = "more"
		}
		k.Help.SetHelp(k.Help.Help().Key, desc)
	}
	f.Regions.HelpBar = Rect{X: 1, Y: g.h - 1, W: g.cw, H: 1}
	c.put(f.Regions.HelpBar, m.shortHelpMemo(k, g.cw))
}

// turnHelp is ?: open the full help, turn to its next page, or close it
// after the last. The page count comes from the layout of this very model.
func (m Model) turnHelp() Model {
	switch {
	case !m.helpShown:
		m.helpShown, m.helpPage = true, 0
	case m.helpPage+1 < m.layout(m.width, m.height).HelpPages:
		m.helpPage++
	default:
		m.helpShown, m.helpPage = false, 0
	}
	return m
}
