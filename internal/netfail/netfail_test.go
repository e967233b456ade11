package netfail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"
)

// timeoutErr is what a client with a Timeout returns.
type timeoutErr struct{}

func (timeoutErr) Error() string { return "i/o timeout" }
func (timeoutErr) Timeout() bool { return true }

func TestIs(t *testing.T) {
	dns := &net.DNSError{Err: "no such host", Name: "accounts.spotify.com", Server: "127.0.0.53:53", IsNotFound: true}
	for _, tt := range []struct {
		name string
		err  error
		want bool
	}{
		{"dns", &url.Error{Op: "Post", URL: "https://accounts.spotify.com/api/token", Err: &net.OpError{Op: "dial", Net: "tcp", Err: dns}}, true},
		{"refused", &url.Error{Op: "Get", URL: "x", Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}}, true},
		{"reset", &net.OpError{Op: "read", Err: errors.New("connection reset by peer")}, true},
		{"client timeout", &url.Error{Op: "Get", URL: "x", Err: timeoutErr{}}, true},
		{"deadline", fmt.Errorf("fetch: %w", context.DeadlineExceeded), true},
		{"tls unknown authority", &url.Error{Op: "Get", URL: "x", Err: &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}}, true},
		{"tls record", &url.Error{Op: "Get", URL: "x", Err: tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}}, true},
		{"listen", &net.OpError{Op: "listen", Err: errors.New("address already in use")}, false},
		{"plain", errors.New("bad reply"), false},
		{"nil", nil, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Is(tt.err); got != tt.want {
				t.Errorf("Is(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

// Real failures from net/http, not hand-built ones: a closed port, and a
// TLS server whose certificate the client doesn't trust.
func TestIsRealFailures(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String()
	l.Close()
	srv := httptest.NewTLSServer(http.NotFoundHandler())
	defer srv.Close()
	c := &http.Client{Timeout: 5 * time.Second}
	for name, u := range map[string]string{"refused": closed, "untrusted certificate": srv.URL} {
		_, err := c.Get(u)
		if err == nil || !Is(err) {
			t.Errorf("%s: Is(%v) = false", name, err)
		}
	}
}
