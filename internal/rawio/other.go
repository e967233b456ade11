//go:build !linux

package rawio

import (
	"context"
	"errors"
	"net"
)

// Terminal is Linux's only: elsewhere the caller writes to its file.
func Terminal(uintptr) (Writer, error) { return nil, errors.ErrUnsupported }

// Dial is d.DialContext.
func Dial(d *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return d.DialContext
}
