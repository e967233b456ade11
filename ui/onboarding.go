package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
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
		return m.setNotice("Quit spotui? Press "+hint(keys.Yes)+" to quit, "+hint(keys.No)+" to keep going.", true)
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
