package auth

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/spotui/spotui/internal/privatefile"
	"github.com/spotui/spotui/internal/textclean"
	"golang.org/x/oauth2"
)

// Sentinel errors. The UI tells them apart with errors.Is; their text is
// shown on screen as is, so it is short and says what to do next.
var (
	ErrAccessDenied = errors.New("login refused in the browser")
	// ErrStateMismatch: a reply that isn't this attempt's (wrong or missing
	// state). It never ends the attempt: it may be forged by any local
	// process or web page, so the real reply is still awaited.
	ErrStateMismatch = errors.New("that reply isn't from this login (its state doesn't match), so it was ignored")
	ErrCancelled     = errors.New("login cancelled")
	//lint:ignore ST1005 Spotify is a name, and the text is shown as a sentence
	ErrLocalhostRedirect = errors.New(`Spotify no longer accepts "localhost" redirect URIs`)
	ErrNoToken           = errors.New("not logged in")
	ErrSessionExpired    = errors.New("session expired — press l to log in")
	// ErrLoggedOut: the token file this session came from was removed (x
	// in another spotui, spotui logout, rm). The in-memory token is
	// dropped and the file is not written again: logging out sticks.
	ErrLoggedOut  = errors.New("logged out: the saved login was removed (by another spotui or by hand)")
	ErrNoClientID = errors.New("no Spotify client ID set — create an app at developer.spotify.com and set SPOTUI_CLIENT_ID")
	// ErrIncompleteCallback: a request or pasted URL with neither code nor
	// error. The loopback server ignores such requests (pre-connects,
	// reloads); Complete reports it so the user can paste again.
	ErrIncompleteCallback = errors.New("that URL has no login code — copy the whole address from the browser after approving")
	// ErrAttemptFinished: Complete was called after the attempt already
	// ended (a browser callback won, or it was cancelled).
	ErrAttemptFinished = errors.New("this login attempt already finished — press l to start again")
)

// IgnoredCallbackError is what WaitReporting returns when a request that
// isn't this login's reached the redirect URI: it was refused and the
// attempt goes on. Count is how many so far, for a one-line notice.
type IgnoredCallbackError struct{ Count int }

func (e *IgnoredCallbackError) Error() string {
	if e.Count == 1 {
		return "ignored a login reply that wasn't from this login (someone else's link?); still waiting for Spotify"
	}
	return fmt.Sprintf("ignored %d login replies that weren't from this login (someone else's link?); still waiting for Spotify", e.Count)
}

// RedirectURIError is an unusable redirect URI. Err is ErrLocalhostRedirect
// for "localhost" so the UI can give that common case special treatment.
type RedirectURIError struct {
	URI    string
	Reason string // human, e.g. `must use "http"`
	Err    error  // optional sentinel
}

func (e *RedirectURIError) Error() string {
	return fmt.Sprintf("redirect URI %q %s", e.URI, e.Reason)
}

func (e *RedirectURIError) Unwrap() error { return e.Err }

// PortInUseError: the loopback port of the redirect URI is taken.
type PortInUseError struct {
	Port string
	Err  error
}

func (e *PortInUseError) Error() string {
	return fmt.Sprintf("port %s is already in use (is another spotui logging in?) — free it or set SPOTUI_REDIRECT_URI to another registered port", e.Port)
}

func (e *PortInUseError) Unwrap() error { return e.Err }

// CallbackError is an error= reply other than access_denied. Code and
// Description come from Spotify via the browser and carry no secrets.
type CallbackError struct {
	Code, Description string
}

func (e *CallbackError) Error() string {
	msg := "login failed in the browser: " + clip(e.Code, 60)
	if e.Description != "" {
		msg += " (" + clip(e.Description, 120) + ")"
	}
	return msg
}

// CorruptTokenError: the token cache exists but can't be used. The message
// names the file and where it went; the UI appends "press l to log in".
type CorruptTokenError struct {
	Path    string
	Err     error  // why it is unusable; never shown, it may quote the file
	MovedTo string // Path + ".bad" when the file was moved aside; "" if not
	MoveErr error  // why moving it aside failed; the file is still at Path
}

func (e *CorruptTokenError) Error() string {
	var nr *privatefile.NotRegularError
	switch {
	case errors.As(e.Err, &nr):
		// Safe to show, and the one thing the user needs to know.
		return "token cache unreadable: " + nr.Error()
	case e.MovedTo != "":
		return fmt.Sprintf("token cache unreadable (%s), moved to %s", e.Path, e.MovedTo)
	case e.MoveErr != nil:
		// Said plainly: the next login's save replaces the file.
		return fmt.Sprintf("token cache unreadable (%s) and couldn't be moved to %s.bad; logging in will replace it", e.Path, e.Path)
	}
	return fmt.Sprintf("token cache unreadable (%s)", e.Path)
}

func (e *CorruptTokenError) Unwrap() error { return e.Err }

// TokenError is a failed token request (code exchange or refresh) that is
// not an expired session: network trouble, a 5xx, a misconfigured app. Err
// is the underlying error (often *oauth2.RetrieveError) for errors.As; the
// message is built here because oauth2's own text can quote response bodies.
type TokenError struct {
	Op     string // "log in" or "refresh the login"
	Status int    // HTTP status from the token endpoint; 0 if none arrived
	Code   string // OAuth error code, e.g. "invalid_client"; may be empty
	Err    error
	detail string // redacted, human summary of Err
}

func (e *TokenError) Error() string {
	msg := "couldn't " + e.Op
	switch {
	case e.Status >= 500 || e.Status == http.StatusTooManyRequests:
		// Spotify's side: the OAuth code adds nothing the user can act on.
		msg += fmt.Sprintf(": Spotify's login server answered %d %s — try again shortly", e.Status, http.StatusText(e.Status))
	case e.Code != "":
		msg += ": Spotify said " + e.Code
		if e.detail != "" {
			msg += " (" + e.detail + ")"
		}
		switch e.Code {
		case "invalid_client":
			msg += " — check the client ID"
		case "invalid_grant":
			msg += " — try logging in again"
		}
	case e.Status != 0:
		msg += fmt.Sprintf(": Spotify's login server answered %d %s", e.Status, http.StatusText(e.Status))
	case e.detail != "":
		msg += ": " + e.detail + " — check your connection"
	}
	return msg
}

func (e *TokenError) Unwrap() error { return e.Err }

// SaveError: a new token couldn't be written to the cache. The token is kept
// in memory and saving is retried, because losing a rotated refresh token
// would log the user out next time.
type SaveError struct {
	Path string
	Err  error
}

func (e *SaveError) Error() string {
	return fmt.Sprintf("couldn't save the login to %s — check that folder's permissions and free space", e.Path)
}

func (e *SaveError) Unwrap() error { return e.Err }

// BrowserError: the browser command couldn't be started. Soft: the UI
// always shows the URL too.
type BrowserError struct {
	Command string
	Err     error
}

func (e *BrowserError) Error() string {
	if errors.Is(e.Err, errNotFound) {
		return fmt.Sprintf("couldn't open a browser (%s not found): open the URL shown", e.Command)
	}
	return fmt.Sprintf("couldn't open a browser (%s failed to start): open the URL shown", e.Command)
}

func (e *BrowserError) Unwrap() error { return e.Err }

// errNotFound marks a browser command missing from PATH; it wraps
// exec.ErrNotFound or fs errors so callers can still inspect those.
var errNotFound = errors.New("command not found")

// expiredError is an ErrSessionExpired carrying its cause (e.g. the
// invalid_grant RetrieveError) for logs and errors.As.
type expiredError struct{ cause error }

func (e *expiredError) Error() string { return ErrSessionExpired.Error() }

func (e *expiredError) Unwrap() []error {
	if e.cause == nil {
		return []error{ErrSessionExpired}
	}
	return []error{ErrSessionExpired, e.cause}
}

// tokenError classifies a failed token request. secrets are scrubbed from
// any server-supplied text that goes into the message.
func tokenError(op string, err error, secrets ...string) error {
	te := &TokenError{Op: op, Err: err}
	var re *oauth2.RetrieveError
	var ue *url.Error
	switch {
	case errors.As(err, &re):
		te.Code = clip(re.ErrorCode, 60)
		if re.Response != nil {
			te.Status = re.Response.StatusCode
		}
		te.detail = shown(re.ErrorDescription, secrets)
	case errors.As(err, &ue):
		// url.Error names the token URL, which is public; the inner error
		// is the useful part (refused, timeout, DNS).
		te.detail = shown(ue.Err.Error(), secrets)
	default:
		te.detail = shown(err.Error(), secrets)
	}
	return te
}

// isInvalidGrant reports whether the token endpoint refused the grant
// itself (revoked or rotated refresh token, reused code).
func isInvalidGrant(err error) bool {
	var re *oauth2.RetrieveError
	return errors.As(err, &re) && re.ErrorCode == "invalid_grant"
}

// redact removes secrets from text that is about to be shown.
func redact(s string, secrets []string) string {
	for _, sec := range secrets {
		if sec != "" {
			s = strings.ReplaceAll(s, sec, "[redacted]")
		}
	}
	return s
}

// shown is server-supplied text made fit for the screen: cleaned before
// redaction, so a control character inside a secret can't hide it from
// redact, then clipped.
func shown(s string, secrets []string) string {
	return clip(redact(textclean.Line(s, 0), secrets), 120)
}

// clip keeps on-screen messages to one short line, without the control
// characters a server (or a forged callback) may have put in them.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(textclean.Line(s, 0)), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
