package cli

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/spotui/spotui/auth"
	"github.com/spotui/spotui/config"
)

// closedURL is an address where nothing listens: every request is refused.
func closedURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	u := "http://" + l.Addr().String()
	l.Close()
	return u
}

// Spotify out of reach is one plain sentence on stderr; Go's text (the
// address, "dial tcp", "connection refused") goes to the --debug log only.
func TestNowUnreachableIsOneSentence(t *testing.T) {
	for _, tt := range []struct {
		name    string
		setup   func(w *world, closed string)
		wantErr string
	}{
		{"API refused", func(w *world, closed string) {
			w.login(time.Now().Add(time.Hour))
			w.vars[config.EnvAPIURL] = closed + "/v1"
		}, "spotui: can't reach Spotify — check your connection\n"},
		{"refresh refused", func(w *world, closed string) {
			w.login(time.Now().Add(-time.Hour))
			w.vars[config.EnvAccountsURL] = closed
		}, "spotui: couldn't refresh the login: can't reach Spotify — check your connection\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			closed := closedURL(t)
			tt.setup(w, closed)
			code, out, errOut := w.run("now", "--debug")
			if code != ExitUsage || out != "" || errOut != tt.wantErr {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q", code, out, errOut, tt.wantErr)
			}
			log, err := os.ReadFile(w.env.LogFile)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(log), "connection refused") {
				t.Errorf("the debug log lacks the detail:\n%s", log)
			}
		})
	}
}

func TestExplainNetworkFailures(t *testing.T) {
	dns := &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "api.spotify.com", Server: "127.0.0.53:53", IsNotFound: true}}
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"dns", &url.Error{Op: "Get", URL: "https://api.spotify.com/v1/me/player", Err: dns}, "can't reach Spotify — check your connection"},
		// As the API request returns it: the refresh's error inside the request's.
		{"dns at refresh", &url.Error{Op: "Get", URL: "x", Err: &auth.TokenError{Op: "refresh the login", Err: &url.Error{Op: "Post", URL: "x", Err: dns}}},
			"couldn't refresh the login: can't reach Spotify — check your connection"},
		{"tls", &url.Error{Op: "Get", URL: "x", Err: &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}},
			"can't reach Spotify — check your connection"},
		{"reset", &url.Error{Op: "Get", URL: "x", Err: &net.OpError{Op: "read", Err: errors.New("connection reset by peer")}},
			"can't reach Spotify — check your connection"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := explain(tt.err, config.Config{}); got != tt.want {
				t.Errorf("explain = %q, want %q", got, tt.want)
			}
		})
	}
}
