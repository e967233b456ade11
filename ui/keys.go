package ui

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/spotui/spotui/api"
)

// KeyMap is every key spotui answers to. Bindings that make no sense in the
// current state are disabled, which also hides them from the help bar.
type KeyMap struct {
	PlayPause   key.Binding
	Next        key.Binding
	Previous    key.Binding
	SeekBack    key.Binding
	SeekForward key.Binding
	VolumeUp    key.Binding
	VolumeDown  key.Binding
	Shuffle     key.Binding
	Repeat      key.Binding
	Like        key.Binding
	Copy        key.Binding
	Devices     key.Binding
	Lyrics      key.Binding // show or hide the lyrics (ui/lyricspanel handles them)
	LyricsEarly key.Binding // lyrics 0.5 s earlier
	LyricsLate  key.Binding // lyrics 0.5 s later
	Choose      key.Binding // in the picker
	CopyURI     key.Binding // onboarding: copy the redirect URI
	Login       key.Binding
	Logout      key.Binding
	Cancel      key.Binding
	Submit      key.Binding
	Help        key.Binding
	Quit        key.Binding
	Yes         key.Binding // answers "Quit spotui? y/n"
	No          key.Binding
}

// DefaultKeyMap is the documented key set (README, --help).
func DefaultKeyMap() KeyMap {
	return KeyMap{
		PlayPause:   key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "play/pause")),
		Next:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next")),
		Previous:    key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "prev")),
		SeekBack:    key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "back 10s")),
		SeekForward: key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "ahead 10s")),
		VolumeUp:    key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "volume up")),
		VolumeDown:  key.NewBinding(key.WithKeys("-"), key.WithHelp("-", "volume down")),
		Shuffle:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "shuffle")),
		Repeat:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "repeat")),
		Like:        key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "like")),
		Copy:        key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy link")),
		Devices:     key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "devices")),
		Lyrics:      key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "lyrics")),
		LyricsEarly: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "lyrics earlier")),
		LyricsLate:  key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "lyrics later")),
		CopyURI:     key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("ctrl+y", "copy redirect URI"), key.WithDisabled()),
		Choose:      key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "choose"), key.WithDisabled()),
		Login:       key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "log in")),
		Logout:      key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "log out")),
		Cancel:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel login")),
		Submit:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "log in"), key.WithDisabled()),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:        key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Yes:         key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "quit"), key.WithDisabled()),
		No:          key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n", "keep going"), key.WithDisabled()),
	}
}

// WithOverrides rebinds actions from the config file's [keys] table
// (names as config.KeyActions; key names as Bubble Tea spells them, with
// "space" for the space bar). The help shows the first key.
func (k KeyMap) WithOverrides(over map[string][]string) KeyMap {
	byName := map[string]*key.Binding{
		"play_pause": &k.PlayPause, "next": &k.Next, "previous": &k.Previous,
		"seek_back": &k.SeekBack, "seek_forward": &k.SeekForward,
		"volume_up": &k.VolumeUp, "volume_down": &k.VolumeDown,
		"shuffle": &k.Shuffle, "repeat": &k.Repeat, "like": &k.Like, "copy": &k.Copy,
		"devices": &k.Devices, "lyrics": &k.Lyrics, "lyrics_earlier": &k.LyricsEarly, "lyrics_later": &k.LyricsLate,
		"login": &k.Login, "logout": &k.Logout, "help": &k.Help, "quit": &k.Quit,
	}
	for name, keys := range over {
		b, ok := byName[name]
		if !ok || len(keys) == 0 {
			continue // config already warned
		}
		bound := make([]string, len(keys))
		for i, s := range keys {
			bound[i] = s
			if s == "space" {
				bound[i] = " "
			}
		}
		if b == &k.Quit && !slices.Contains(bound, "ctrl+c") {
			// ctrl+c always quits: a rebound q must not leave the user
			// without the one key every terminal program answers.
			bound = append(bound, "ctrl+c")
		}
		b.SetKeys(bound...)
		b.SetHelp(keys[0], b.Help().Desc)
	}
	return k
}

// hint is how messages name the key for b ("press l to log in"): the
// active keymap's, so a rebound key is the one named.
func hint(b key.Binding) string {
	if k := b.Help().Key; k != "" {
		return k
	}
	if ks := b.Keys(); len(ks) > 0 {
		return ks[0]
	}
	return "?"
}

// ShortHelp is the one-line help bar. With nothing playing, the player
// keys' room goes to d, the way to start playback somewhere.
func (k KeyMap) ShortHelp() []key.Binding {
	if !k.PlayPause.Enabled() {
		return []key.Binding{k.Yes, k.No, k.CopyURI, k.Choose, k.Submit, k.Devices, k.Login, k.Logout, k.Cancel, k.Help, k.Quit}
	}
	return []key.Binding{k.Choose, k.Submit, k.PlayPause, k.Next, k.Previous, k.Lyrics, k.Login, k.Logout, k.Cancel, k.Help, k.Quit}
}

// FullHelp is shown after "?".
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.PlayPause, k.Next, k.Previous, k.SeekBack, k.SeekForward},
		{k.VolumeUp, k.VolumeDown, k.Shuffle, k.Repeat},
		{k.Like, k.Copy, k.Devices},
		{k.Lyrics, k.LyricsEarly, k.LyricsLate},
		{k.Login, k.Logout, k.Cancel, k.Submit},
		{k.Help, k.Quit},
	}
}

// forPaste is the keymap while the paste field has focus: every other key
// is text.
func (k KeyMap) forPaste() KeyMap {
	for _, b := range []*key.Binding{&k.PlayPause, &k.Next, &k.Previous, &k.SeekBack, &k.SeekForward,
		&k.VolumeUp, &k.VolumeDown, &k.Shuffle, &k.Repeat, &k.Like, &k.Copy, &k.Devices, &k.Lyrics, &k.LyricsEarly, &k.LyricsLate,
		&k.Login, &k.Logout, &k.Help} {
		b.SetEnabled(false)
	}
	k.Submit.SetEnabled(true)
	k.Cancel.SetHelp("esc", "cancel")
	k.Quit.SetHelp("ctrl+c", "quit")
	return k
}

// greyOut marks the player keys Spotify disallows right now (its
// actions.disallows): still listed, in the disabled style, so the user sees
// why nothing happens; pressing one explains instead of sending a request.
func (k KeyMap) greyOut(np *api.PlaybackState, grey lipgloss.Style) KeyMap {
	if np == nil {
		return k
	}
	dis := np.Actions.Disallows
	pp := "resuming"
	if np.IsPlaying {
		pp = "pausing"
	}
	for _, g := range []struct {
		b   *key.Binding
		off bool
	}{
		{&k.PlayPause, dis[pp]},
		{&k.Next, dis["skipping_next"]},
		{&k.Previous, dis["skipping_prev"]},
		{&k.SeekBack, dis["seeking"]},
		{&k.SeekForward, dis["seeking"]},
		{&k.Shuffle, dis["toggling_shuffle"]},
		{&k.Repeat, dis["toggling_repeat_context"] && dis["toggling_repeat_track"]},
		{&k.VolumeUp, !np.Device.SupportsVolume || np.Device.VolumePercent == nil},
		{&k.VolumeDown, !np.Device.SupportsVolume || np.Device.VolumePercent == nil},
	} {
		if g.off {
			h := g.b.Help()
			g.b.SetHelp(grey.Render(h.Key), grey.Render(h.Desc))
		}
	}
	return k
}

// forOnboarding is the keymap while the client ID field has focus; esc
// asks before quitting (confirm: the question is on screen), ctrl+c quits
// at once.
func (k KeyMap) forOnboarding(confirm bool) KeyMap {
	if confirm {
		return k.forConfirmQuit()
	}
	k = k.forPaste()
	k.Cancel.SetEnabled(false)
	k.CopyURI.SetEnabled(true)
	k.Submit.SetHelp("enter", "save and log in")
	k.Quit.SetHelp("esc/ctrl+c", "quit")
	return k
}

// forConfirmQuit is the keymap while "Quit spotui? y/n" is asked.
func (k KeyMap) forConfirmQuit() KeyMap {
	k = k.forOnboarding(false)
	k.CopyURI.SetEnabled(false)
	k.Submit.SetEnabled(false)
	k.Quit.SetHelp("ctrl+c", "quit")
	k.Yes.SetEnabled(true)
	k.No.SetEnabled(true)
	k.No.SetHelp("n/esc", "keep going")
	return k
}

// forPicker is the keymap while the device picker is open.
func (k KeyMap) forPicker() KeyMap {
	k = k.forPaste()
	k.Choose.SetEnabled(true)
	k.Submit.SetHelp("enter", "play here")
	k.Cancel.SetEnabled(true)
	k.Cancel.SetHelp("esc", "close")
	return k
}

// forState enables just the keys that do something in s.
func (k KeyMap) forState(s state, hasItem bool) KeyMap {
	player := s == stateConnected && hasItem
	for _, b := range []*key.Binding{&k.PlayPause, &k.Next, &k.Previous, &k.SeekBack, &k.SeekForward,
		&k.VolumeUp, &k.VolumeDown, &k.Shuffle, &k.Repeat, &k.Like, &k.Copy, &k.Lyrics, &k.LyricsEarly, &k.LyricsLate} {
		b.SetEnabled(player)
	}
	k.Devices.SetEnabled(s == stateConnected)
	k.Login.SetEnabled(s != stateNeedsClientID)
	switch s {
	case stateConnected:
		k.Login.SetHelp(k.Login.Help().Key, "log in again")
	case stateLoggingIn:
		k.Login.SetHelp(k.Login.Help().Key, "start over")
	}
	k.Cancel.SetEnabled(s == stateLoggingIn)
	k.Logout.SetEnabled(s != stateNeedsClientID && s != stateLoggedOut)
	return k
}
