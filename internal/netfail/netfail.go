// Package netfail tells a failure to reach Spotify (no DNS, refused or
// reset connection, timeout, TLS) from an answer Spotify gave, so the
// screen and `spotui now` say it as one plain sentence. Go's own text
// ("dial tcp: lookup accounts.spotify.com on 127.0.0.53:53: no such host")
// stays in the --debug log, which the logging transport writes.
package netfail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"os"
	"syscall"
)

// Sentence is what the user reads for any such failure.
const Sentence = "can't reach Spotify — check your connection"

// Is reports whether err means Spotify could not be reached (or stopped
// answering): a transport failure, not an HTTP answer.
func Is(err error) bool {
	if err == nil {
		return false
	}
	var (
		dns     *net.DNSError
		op      *net.OpError
		timeout interface{ Timeout() bool }
		verify  *tls.CertificateVerificationError
		record  tls.RecordHeaderError
		alert   tls.AlertError
		unknown x509.UnknownAuthorityError
		host    x509.HostnameError
		invalid x509.CertificateInvalidError
	)
	switch {
	case errors.As(err, &dns):
		return true
	case errors.As(err, &op):
		// A loopback server that can't listen is a local problem with its
		// own message (port in use), not the network.
		return op.Op != "listen" && op.Op != "accept"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded),
		errors.As(err, &timeout) && timeout.Timeout():
		return true
	case errors.As(err, &verify), errors.As(err, &record), errors.As(err, &alert),
		errors.As(err, &unknown), errors.As(err, &host), errors.As(err, &invalid):
		return true
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH),
		errors.Is(err, io.ErrUnexpectedEOF):
		return true
	}
	return false
}
