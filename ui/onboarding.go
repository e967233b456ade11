package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// First run without a client ID: the steps to create a Spotify app and a
// field for its client ID, which is saved and then used to log in.

// onboarding is the client ID form.
type onboarding struct {
	input       textinput.Model
	err         string // why the typed ID was refused
	saving      bool
	confirmQuit bool // esc was pressed: "Quit spotui? y/n" waits for an answer
}

// validClientID: Spotify's dashboard shows 32 hex characters.
func validClientID(s string) bool {
	if len(s) != 32 {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}

func newOnboarding(width int) *onboarding {
	in := textinput.New()
	in.Placeholder = "32 characters, like 0123456789abcdef0123456789abcdef"
	in.Prompt = "› "
	in.CharLimit = 64
	in.Width = max(min(width-8, 40), 10)
	in.Cursor.SetMode(cursor.CursorStatic) // no blink timer
	in.Focus()
	return &onboarding{input: in}
}

func (m Model) handleOnboardingKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	keys := m.activeKeys()
	if m.onboard.confirmQuit {
		// Esc is easy to hit by accident, and quitting loses what was typed.
		switch {
		case msg.Type == tea.KeyCtrlC, key.Matches(msg, keys.Yes):
			return m.quit()
		case key.Matches(msg, keys.No):
			m.onboard.confirmQuit = false
			return m, nil
		}
		return m, nil // the question stays on screen until answered
	}
	switch {
	case msg.Type == tea.KeyCtrlC:
		return m.quit()
	case msg.Type == tea.KeyEsc:
		m.onboard.confirmQuit = true
		return m, nil
	case key.Matches(msg, keys.CopyURI):
		uri := m.deps.Auth.RedirectURI
		switch {
		case m.deps.Copy == nil:
			return m.setNotice("Your terminal's clipboard isn't available: select the URI with the mouse.", true)
		case m.deps.ClipboardBlocked != "":
			return m.setNotice(clipboardBlockedNote(m.deps.ClipboardBlocked, uri), true)
		}
		copyFn := m.deps.Copy
		return m, func() tea.Msg {
			if err := copyFn(uri); err != nil {
				return noticeMsg{text: "Couldn't copy: " + err.Error(), isErr: true}
			}
			return noticeMsg{text: sentToClipboard("the redirect URI")}
		}
	case msg.Type == tea.KeyEnter:
		if m.onboard.saving {
			return m, nil
		}
		id := strings.TrimSpace(m.onboard.input.Value())
		if !validClientID(id) {
			m.onboard.err = "That isn't a client ID: it has 32 characters, 0–9 and a–f, on your app's page."
			return m, nil
		}
		m.onboard.err, m.onboard.saving = "", true
		save := m.deps.SaveClientID
		return m, func() tea.Msg {
			if save == nil {
				return clientIDSavedMsg{id: id}
			}
			return clientIDSavedMsg{id: id, err: save(id)}
		}
	}
	var cmd tea.Cmd
	m.onboard.input, cmd = m.onboard.input.Update(msg)
	m.onboard.err = ""
	return m, cmd
}

// onClientIDSaved uses the new ID at once; a failed save only costs typing
// it again next time.
func (m Model) onClientIDSaved(msg clientIDSavedMsg) (Model, tea.Cmd) {
	if m.onboard == nil {
		return m, nil
	}
	m.onboard = nil
	m.deps.Auth.ClientID = msg.id
	m.state = stateStarting
	m, login := m.startLogin()
	if msg.err != nil {
		m, n := m.setNotice("Couldn't save the client ID ("+msg.err.Error()+"): it works for now; set SPOTUI_CLIENT_ID to keep it.", true)
		return m, tea.Batch(login, n)
	}
	return m, login
}

// viewNeedsClientID is the how-to and the field, in h rows of w columns.
// When the five steps don't fit, a short form keeps the field and the one
// thing to do whole, instead of steps cut off mid-way.
func (m Model) viewNeedsClientID(w, h int) []string {
	s := m.styles
	uri := m.deps.Auth.RedirectURI
	copies := s.Faint.Render("(" + hint(m.keys.CopyURI) + " copies it)")
	steps := []string{
		s.Heading.Render("Welcome to spotui. It needs a Spotify app of your own (two minutes):"),
		"",
		"  1. Open https://developer.spotify.com/dashboard and create an app.",
		"  2. Add this redirect URI exactly: " + s.URL.Render(uri) + "  " + copies,
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
	in := m.onboard.input // a copy: View changes nothing
	in.Width = max(min(w-8, 40), 10)
	status := m.onboardStatus(true)
	field := append([]string{"     " + in.View()}, wrapIndented("     "+status, w)...)
	if len(lines)+len(field) <= h {
		return append(lines, field...)
	}
	in.Width = max(w-3, 1)
	short := []string{s.Heading.Render("Paste your Spotify app's Client ID:"), in.View()}
	if st := m.onboardStatus(false); st != "" {
		short = append(short, st)
	}
	return append(short, "Create one at developer.spotify.com/dashboard with the redirect URI "+
		s.URL.Render(uri)+" "+copies+".")
}

// onboardStatus is the line under the field: the question, saving, why the
// ID was refused, or (with demo) a way to try spotui without an account.
func (m Model) onboardStatus(demo bool) string {
	s := m.styles
	switch {
	case m.onboard.confirmQuit:
		k := m.activeKeys()
		return s.Notice.Render("Quit spotui? Press " + hint(k.Yes) + " to quit, " + hint(k.No) + " to keep going.")
	case m.onboard.saving:
		return s.Faint.Render("Saving…")
	case m.onboard.err != "":
		return s.Notice.Render(m.onboard.err)
	}
	if !demo {
		return ""
	}
	return s.Faint.Render("No account at hand? Quit and run: spotui --demo")
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
