package ui

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/auth"
	"github.com/spotui/spotui/internal/netfail"
)

// Errors that need the user. The key that fixes them is added where they
// are shown (errorHint), from the active keymap.
var (
	errSessionExpired = errors.New("session expired")
	errMissingScope   = errors.New("spotui needs more permissions than this login granted")
	errLoginTimeout   = errors.New("the login timed out after 5 minutes")
)

// describeActionError turns a failed control into one readable line,
// deciding by type and Spotify's reason, never by parsing text.
func describeActionError(a action, err error, keys KeyMap) string {
	var apiErr *api.Error
	if errors.As(err, &apiErr) {
		switch {
		case apiErr.Reason == api.ReasonPremiumRequired:
			return "Spotify Premium is required to control playback."
		case apiErr.Reason == api.ReasonNoActiveDevice || apiErr.Status == http.StatusNotFound:
			return "No active device: start Spotify on a device, or press " + hint(keys.Devices) + " to pick one."
		case apiErr.Status == http.StatusTooManyRequests:
			return fmt.Sprintf("Spotify is rate limiting: try to %s again in %s.", a, secs(apiErr.RetryAfter))
		case apiErr.Status == http.StatusForbidden:
			return fmt.Sprintf("Spotify won't %s right now (%s).", a, lowerFirst(apiErr.Message))
		case apiErr.Status >= 500:
			return fmt.Sprintf("Spotify had a problem (%d): try to %s again.", apiErr.Status, a)
		}
		return fmt.Sprintf("Couldn't %s: %s.", a, strings.TrimSuffix(apiErr.Message, "."))
	}
	return fmt.Sprintf("Couldn't %s: %s.", a, describeNetError(err))
}

// pollNote is the status line while the poll loop waits after a failure;
// the countdown derives from the retry's deadline and the clock, so each
// tick moves it.
func (m Model) pollNote() string {
	if m.pollErr == nil {
		return ""
	}
	return retryNote(m.pollErr, m.retryAt.Sub(m.now))
}

// retryNote says why the poll loop waits and when it retries (wait ≤ 0:
// it is retrying now).
func retryNote(err error, wait time.Duration) string {
	when := "retrying now"
	if wait > 0 {
		when = "retrying in " + secs(wait)
	}
	var apiErr *api.Error
	if errors.As(err, &apiErr) {
		switch {
		case apiErr.Status == http.StatusTooManyRequests:
			msg := "rate limited"
			if !genericRateLimitText(apiErr.Message) {
				msg += " (" + apiErr.Message + ")" // e.g. a quota, worth reading
			}
			return fmt.Sprintf("%s, %s", msg, when)
		case apiErr.Status >= 500:
			return fmt.Sprintf("Spotify is having trouble (%d) — %s", apiErr.Status, when)
		}
		return fmt.Sprintf("Spotify said %d %s — %s", apiErr.Status, apiErr.Message, when)
	}
	var bad *api.BadReplyError
	if errors.As(err, &bad) {
		return "Spotify sent a reply spotui can't read — " + when
	}
	if netfail.Is(err) {
		return "can't reach Spotify, " + when + " — check your connection"
	}
	return fmt.Sprintf("offline (%s) — %s", describeNetError(err), when)
}

// rateLimitedNote answers a key pressed while the gate holds requests back.
func rateLimitedNote(wait time.Duration) string {
	return "rate limited — try again in " + secs(wait)
}

// describeNetError names a transport failure without echoing URLs, tokens
// or Go's text (that stays in the --debug log).
func describeNetError(err error) string {
	switch {
	case netfail.Is(err):
		return netfail.Sentence
	case errors.Is(err, auth.ErrSessionExpired):
		return errSessionExpired.Error()
	case errors.Is(err, auth.ErrLoggedOut):
		return "logged out"
	}
	return "network error"
}

// describeError is the text of stateError, without the key that fixes it
// (errorHint): auth's errors already read well, except a network failure,
// which is one plain sentence.
func describeError(err error) string {
	if err == nil {
		return ""
	}
	var tokErr *auth.TokenError
	switch {
	case netfail.Is(err) && errors.As(err, &tokErr):
		return fmt.Sprintf("Couldn't %s: %s.", tokErr.Op, netfail.Sentence)
	case netfail.Is(err):
		return upperFirst(netfail.Sentence) + "."
	}
	return upperFirst(err.Error())
}

// errorHint is what the key bound to log in does about err: "log in again"
// after a login that stopped working, "try again" after a failed attempt.
func errorHint(err error) string {
	switch {
	case errors.Is(err, errSessionExpired), errors.Is(err, errMissingScope):
		return "log in again"
	case errors.Is(err, errLoginTimeout), netfail.Is(err):
		return "try again"
	}
	return "log in"
}

// genericRateLimitText reports whether a 429's message says no more than
// "rate limited"; only the display depends on it.
func genericRateLimitText(msg string) bool {
	l := strings.ToLower(msg)
	return l == "" || l == strings.ToLower(http.StatusText(http.StatusTooManyRequests)) || l == "api rate limit exceeded"
}

// secs is a wait as people read it: "42s", "2m 5s", "3h 20m" (Retry-After
// can be hours), rounded up to the second.
func secs(d time.Duration) string {
	s := int((d + time.Second - 1) / time.Second)
	switch {
	case s < 100:
		return fmt.Sprintf("%ds", s)
	case s < 3600 && s%60 == 0:
		return fmt.Sprintf("%dm", s/60)
	case s < 3600:
		return fmt.Sprintf("%dm %ds", s/60, s%60)
	case s%3600/60 == 0:
		return fmt.Sprintf("%dh", s/3600)
	}
	return fmt.Sprintf("%dh %dm", s/3600, s%3600/60)
}

// lowerFirst and upperFirst change the first rune, not byte: cutting a
// multi-byte rune in two put invalid UTF-8 (bytes 0x80–0x9F: C1 controls to
// an 8-bit terminal) on screen.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// warningTTL keeps the config's warnings on screen longer than a notice:
// they are read once, at start, among everything else appearing.
const warningTTL = 20 * time.Second

// startWarnings is the notice for the config's warnings: the first, and how
// many more (all of them are printed again after quitting).
func startWarnings(ws []string) (text string, isErr bool) {
	switch len(ws) {
	case 0:
		return "", false
	case 1:
		return upperFirst(ws[0]) + ".", true
	}
	return fmt.Sprintf("%s (and %d more warnings, printed when spotui quits).", upperFirst(ws[0]), len(ws)-1), true
}
