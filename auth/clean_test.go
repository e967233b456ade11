package auth

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/spotui/spotui/internal/fakespotify"
	"github.com/spotui/spotui/internal/textclean"
	"golang.org/x/oauth2"
)

const hostile = "Evil\x1b]52;c;SEFDS0VECg==\aSong\x1b]2;PWNED\a \x1b[2J\u202e\u009b31m"

// assertPrintable fails if msg could drive the terminal it is shown on.
func assertPrintable(t *testing.T, msg string) {
	t.Helper()
	for _, r := range msg {
		if textclean.Forbidden(r) {
			t.Fatalf("message %q holds %U", msg, r)
		}
	}
}

// Error texts built from what the accounts service or a browser sent show
// no control characters, and cleaning never uncovers a secret.
func TestServerTextInErrorsIsCleaned(t *testing.T) {
	const secret = "S3CRET-REFRESH"
	tests := []struct {
		name string
		err  error
		want string // a part of the message that must remain
	}{
		{"callback error", &CallbackError{Code: "server_error" + hostile, Description: hostile},
			"login failed in the browser: server_errorEvil]52;c;SEFDS0VECg==Song]2;PWNED [2J31m"},
		{"token error code and description", tokenError("log in", &oauth2.RetrieveError{
			Response: &http.Response{StatusCode: 400}, ErrorCode: "invalid_request" + hostile, ErrorDescription: hostile}),
			"Spotify said invalid_requestEvil]52;c;SEFDS0VECg==Song]2;PWNED [2J31m (Evil]52"},
		{"a control character inside a secret", tokenError("refresh the login", &oauth2.RetrieveError{
			Response: &http.Response{StatusCode: 400}, ErrorCode: "invalid_request", ErrorDescription: "token S3CRET\x1b-REFRESH is bad"}, secret),
			"(token [redacted] is bad)"},
		{"other error text", tokenError("log in", errors.New("proxy said "+hostile)), "proxy said Evil]52"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := tt.err.Error()
			assertPrintable(t, msg)
			assertNoSecrets(t, tt.err, secret)
			if !strings.Contains(msg, tt.want) {
				t.Errorf("message %q lacks %q", msg, tt.want)
			}
		})
	}
}

// The same through the fake accounts service: a refused refresh whose
// error and error_description carry escape sequences.
func TestHostileTokenErrorFromTheServer(t *testing.T) {
	e := newEnv(t)
	ts, old, _ := loggedIn(t, e)
	e.fake.FailNext(fakespotify.Failure{Method: "POST", Path: "/api/token", Status: 400, Reason: "invalid_client" + hostile, Message: hostile})
	e.clock.Advance(time.Hour)
	_, err := ts.Token()
	var te *TokenError
	if !errors.As(err, &te) {
		t.Fatalf("got %v, want *TokenError", err)
	}
	assertPrintable(t, err.Error())
	assertPrintable(t, te.Code)
	assertNoSecrets(t, err, old.AccessToken, old.RefreshToken)
	if !strings.Contains(err.Error(), "Evil]52;c;SEFDS0VECg==Song]2;PWNED") {
		t.Errorf("message %q lost the readable text", err.Error())
	}
}
