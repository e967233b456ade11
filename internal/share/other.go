//go:build !unix

package share

import (
	"context"
	"net"
)

// Supported: no socket sharing on this system; every spotui polls alone and
// `spotui now` asks the API.
const Supported = false

// PrepareDir is not supported here.
func PrepareDir(string) error { return ErrNotSupported }

// Listen is not supported here.
func Listen(string) (net.Listener, error) { return nil, ErrNotSupported }

func dial(context.Context, string) (net.Conn, error) { return nil, ErrNotSupported }
