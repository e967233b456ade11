//go:build !linux

package rawio

import (
	"context"
	"errors"
	"io"
	"net"
)

// Terminal is Linux's only: elsewhere the caller writes to its file.
func Terminal(uintptr) (io.WriteCloser, error) { return nil, errors.ErrUnsupported }

// Dial is d.DialContext.
func Dial(d *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return d.DialContext
}
