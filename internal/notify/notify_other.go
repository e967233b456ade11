//go:build !linux

package notify

import (
	"context"

	"github.com/spotui/spotui/internal/nowstate"
)

// Notifier does nothing outside Linux.
type Notifier struct{}

// Start returns a nil *Notifier: notifications exist only on Linux.
func Start(context.Context, Options) (*Notifier, error) { return nil, nil }

// Update does nothing.
func (*Notifier) Update(nowstate.State) {}

// Close does nothing.
func (*Notifier) Close() error { return nil }
