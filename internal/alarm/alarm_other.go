//go:build !linux

package alarm

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Alarms is tea.Tick where timerfds don't exist.
type Alarms struct{}

// New returns Alarms.
func New() *Alarms { return &Alarms{} }

// Tick is tea.Tick.
func (*Alarms) Tick(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd { return tea.Tick(d, fn) }

// Close does nothing.
func (*Alarms) Close() error { return nil }
