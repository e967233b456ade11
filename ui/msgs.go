package ui

import (
	"time"

	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/auth"
	"golang.org/x/oauth2"
)

// Messages carry the generation they belong to; Update drops any whose
// generation is no longer current, so a re-login, a logout or a "poll now"
// never leaves two loops running.

// tokenLoadedMsg answers the start-up read of the token cache.
type tokenLoadedMsg struct {
	tok    *oauth2.Token
	notice string // something the store fixed by itself (file permissions)
	err    error
}

// loginStartedMsg: the loopback server listens and the URL is ready.
type loginStartedMsg struct {
	gen     int
	attempt *auth.Attempt
	err     error
}

// browserOpenedMsg reports whether $BROWSER (or xdg-open) could be started.
type browserOpenedMsg struct {
	gen int
	err error
}

// loginDoneMsg ends a login attempt with a token or an error.
type loginDoneMsg struct {
	gen int
	tok *oauth2.Token
	err error
}

// pasteDoneMsg ends a login completed from a pasted redirect URL.
type pasteDoneMsg struct {
	gen int
	tok *oauth2.Token
	err error
}

// copiedMsg reports the clipboard write of the login URL.
type copiedMsg struct {
	gen int
	err error
}

// tokenSavedMsg reports the write of a freshly issued token.
type tokenSavedMsg struct{ err error }

// tokenClearedMsg reports the removal of the token file.
type tokenClearedMsg struct{ err error }

// pollMsg: time to ask Spotify what is playing.
type pollMsg struct{ gen int }

// nowPlayingMsg is one answer (or failure) of GET /me/player.
type nowPlayingMsg struct {
	gen int
	cp  *api.PlaybackState // nil: nothing is playing
	at  time.Time          // when the answer arrived
	err error
}

// tickMsg moves the progress bar once a second; nothing is fetched.
type tickMsg struct {
	gen int
	at  time.Time
}

// actionDoneMsg answers a playback control of session sess.
type actionDoneMsg struct {
	sess   *session
	action action
	err    error
}

// savedMsg answers whether uri is in the library, or reports a like/unlike.
type savedMsg struct {
	sess   *session
	uri    string
	saved  bool
	err    error
	toggle bool // the answer to f, not to a lookup
}

// devicesMsg answers GET /me/player/devices for the picker.
type devicesMsg struct {
	sess *session
	devs []api.Device
	err  error
}

// transferMsg answers a transfer to device.
type transferMsg struct {
	sess   *session
	device api.Device
	err    error
}

// clientIDSavedMsg answers the save of the client ID typed in onboarding.
type clientIDSavedMsg struct {
	id  string
	err error
}

// noticeMsg shows a short message from a cmd.
type noticeMsg struct {
	text  string
	isErr bool
}

// clearNoticeMsg removes a transient notice if it is still the same one.
type clearNoticeMsg struct{ gen int }
