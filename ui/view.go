package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// View returns the frame Update rendered last: no I/O, no clock, no work.
func (m Model) View() string {
	if m.screen == "" {
		return m.render() // before the first Update
	}
	return m.screen
}

// render draws the screen from the model alone. Every line is cut to the
// width, and the help bar sits on the last line.
func (m Model) render() string {
	w := m.contentWidth()
	if m.compact() {
		return m.renderCompact(w)
	}
	var body []string
	fitted := 0 // leading body lines known to fit the width already
	switch m.state {
	case stateNeedsClientID:
		body = m.viewNeedsClientID(w)
	case stateStarting:
		body = []string{m.styles.Faint.Render("Reading the token cache…")}
	case stateLoggedOut:
		body = []string{
			m.styles.Heading.Render("You are logged out."),
			"",
			"Press " + m.styles.Brand.Render("l") + " to log in with Spotify.",
		}
	case stateLoggingIn:
		body = m.viewLogin(w)
	case stateConnected:
		body, fitted = m.viewConnected(w)
	case stateError:
		body = m.viewError(w)
	}

	head := []string{m.viewHeader(w), ""}
	foot := []string{m.viewStatus(w), m.help.View(m.activeKeys())}
	return m.frame(head, body, foot, fitted)
}

// contentWidth leaves one column of margin on each side.
func (m Model) contentWidth() int {
	return max(m.width-2, 10)
}

// frame stacks header, body and footer into exactly the terminal's height,
// truncating each line so a narrow terminal never wraps and breaks layout.
// The first fitted body lines (the cover rows) fit by construction and are
// long escape strings: measuring them every second was most of a tick's cost.
func (m Model) frame(head, body, foot []string, fitted int) string {
	w := m.contentWidth()
	// The full help may be several lines; it counts as footer.
	var footer []string
	for _, f := range foot {
		footer = append(footer, strings.Split(f, "\n")...)
	}
	h := max(m.height, 1)
	room := h - len(head) - len(footer)
	if room < 0 {
		// Tiny terminal: keep the body's first lines and the help bar.
		head, room = nil, max(h-len(footer), 0)
		if room == 0 {
			footer = footer[len(footer)-min(h, len(footer)):]
		}
	}
	if len(body) > room {
		body = body[:room]
	}
	fitFrom, fitTo := len(head), len(head)+min(fitted, len(body))
	lines := make([]string, 0, h)
	lines = append(lines, head...)
	lines = append(lines, body...)
	for len(lines)+len(footer) < h {
		lines = append(lines, "")
	}
	lines = append(lines, footer...)

	var b strings.Builder
	size := len(lines) * 2
	for _, l := range lines {
		size += len(l)
	}
	b.Grow(size) // one allocation: the frame is ~30 KB with a cover
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		switch {
		case l == "":
		case i >= fitFrom && i < fitTo:
			b.WriteByte(' ')
			b.WriteString(l)
		default:
			b.WriteByte(' ')
			b.WriteString(ansi.Truncate(l, w, "…"))
		}
	}
	return b.String()
}

func (m Model) viewHeader(w int) string {
	left := m.styles.Brand.Render("spotui")
	if m.deps.Demo {
		left += " " + m.styles.Badge.Render("demo")
	}
	right := ""
	if m.state == stateConnected && m.np != nil {
		switch {
		case m.pollErr != nil:
			right = m.styles.Stale.Render("○ offline")
		case m.np.IsPlaying:
			right = m.styles.Playing.Render("▶ playing")
		default:
			right = m.styles.Paused.Render("⏸ paused")
		}
	}
	gap := w - ansi.StringWidth(left) - ansi.StringWidth(right)
	if gap < 1 {
		return left
	}
	return left + strings.Repeat(" ", gap) + right
}

// viewStatus is the line above the help: a notice, or why polling waits.
// A long notice (a file path, say) wraps onto up to three lines rather than
// losing its end.
func (m Model) viewStatus(w int) string {
	var prefix, text string
	style := m.styles.Faint
	switch {
	case m.notice != "" && m.noticeErr:
		prefix, text, style = m.styles.Error.Render("✗ "), m.notice, m.styles.Notice
	case m.notice != "":
		text = m.notice
	case m.pollNote() != "":
		prefix, text, style = m.styles.Notice.Render("⟳ "), m.pollNote(), m.styles.Notice
	default:
		return ""
	}
	lines := strings.Split(ansi.Wrap(text, w-2, " "), "\n")
	if len(lines) > 3 {
		lines = lines[:3]
	}
	for i, l := range lines {
		if i == 0 && prefix != "" {
			lines[i] = prefix + style.Render(l)
			continue
		}
		lines[i] = style.Render(l)
	}
	return strings.Join(lines, "\n")
}

func (m Model) viewNeedsClientID(w int) []string {
	s := m.styles
	uri := m.deps.Auth.RedirectURI
	steps := []string{
		s.Heading.Render("Welcome to spotui. It needs a Spotify app of your own (two minutes):"),
		"",
		"  1. Open https://developer.spotify.com/dashboard and create an app.",
		"  2. Add this redirect URI exactly: " + s.URL.Render(uri) + s.Faint.Render("  (ctrl+y copies it)"),
		"  3. Under \"Which API/SDKs\", pick Web API, and save.",
		"  4. Under User Management, add the Spotify accounts that will use it.",
		"  5. Copy the app's Client ID and paste it here:",
		"",
	}
	var lines []string
	for _, l := range steps {
		lines = append(lines, wrapIndented(l, w)...)
	}
	if m.onboard == nil {
		return lines
	}
	lines = append(lines, "     "+m.onboard.input.View())
	switch {
	case m.onboard.saving:
		lines = append(lines, s.Faint.Render("     Saving…"))
	case m.onboard.err != "":
		lines = append(lines, "     "+s.Notice.Render(m.onboard.err))
	default:
		lines = append(lines, s.Faint.Render("     No account at hand? Quit and run: spotui --demo"))
	}
	return lines
}

// wrapIndented word-wraps a line to w, repeating its leading indent (plus
// two) on continuation lines so numbered steps stay readable.
func wrapIndented(line string, w int) []string {
	body := strings.TrimLeft(line, " ")
	indent := len(line) - len(body)
	parts := strings.Split(ansi.Wrap(body, max(w-indent-2, 10), ""), "\n")
	for i := range parts {
		pad := indent
		if i > 0 {
			pad += 2
		}
		parts[i] = strings.Repeat(" ", pad) + parts[i]
	}
	return parts
}

func (m Model) viewError(w int) []string {
	s := m.styles
	lines := []string{}
	for _, l := range strings.Split(ansi.Wordwrap(describeError(m.err), w-2, " "), "\n") {
		if len(lines) == 0 {
			lines = append(lines, s.Error.Render("✗ ")+s.Heading.Render(l))
			continue
		}
		lines = append(lines, "  "+s.Heading.Render(l))
	}
	return append(lines, "", "Press "+s.Brand.Render("l")+" to log in, "+s.Brand.Render("q")+" to quit.")
}
