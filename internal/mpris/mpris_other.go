//go:build !linux

package mpris

import (
	"context"

	"github.com/spotui/spotui/internal/nowstate"
)

// Server does nothing outside Linux: there is no MPRIS to serve.
type Server struct{}

// Start returns a nil *Server: MPRIS exists only on Linux.
func Start(context.Context, Options) (*Server, error) { return nil, nil }

// Update does nothing.
func (*Server) Update(nowstate.State) {}

// Close does nothing.
func (*Server) Close() error { return nil }
