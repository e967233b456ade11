//go:build !linux

package ttyout

import "errors"

// Open is Linux's only: elsewhere the caller writes to its file.
func Open(uintptr) (Writer, error) { return nil, errors.ErrUnsupported }
