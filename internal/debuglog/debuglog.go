// Package debuglog is spotui's --debug log: JSON lines (log/slog) appended
// to a private file, and an http.RoundTripper that records each request's
// method, host, path, status and duration. It never records headers, bodies
// or query strings, which is where tokens, codes and verifiers travel.
package debuglog

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/adrg/xdg"
)

// DefaultPath is $XDG_STATE_HOME/spotui/spotui.log (~/.local/state/...).
func DefaultPath() string {
	return filepath.Join(xdg.StateHome, "spotui", "spotui.log")
}

// Open appends to the log at path, creating it 0600 in a 0700 directory,
// and returns a logger writing to it and a function that closes it.
func Open(path string) (*slog.Logger, func() error, error) {
	if err := ensurePrivateDir(filepath.Dir(path)); err != nil {
		return nil, nil, fmt.Errorf("debug log: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("debug log: %w", err)
	}
	// An older log someone made readable goes back to private: it names
	// the user's devices and listening times.
	if err := f.Chmod(0o600); err != nil {
		_ = f.Close()
		return nil, nil, fmt.Errorf("debug log: %w", err)
	}
	return slog.New(slog.NewJSONHandler(f, nil)), f.Close, nil
}

// Discard is a logger that records nothing: what runs without --debug.
func Discard() *slog.Logger { return slog.New(slog.DiscardHandler) }

// Enabled reports whether log records anything, so callers can skip the
// wrapping altogether without --debug.
func Enabled(log *slog.Logger) bool {
	return log != nil && log.Enabled(context.Background(), slog.LevelInfo)
}

// Transport wraps base (nil: http.DefaultTransport) so every request is
// logged; without an enabled log it returns base unchanged.
func Transport(base http.RoundTripper, log *slog.Logger) http.RoundTripper {
	if !Enabled(log) {
		return base
	}
	if base == nil {
		base = http.DefaultTransport
	}
	return &transport{base: base, log: log}
}

type transport struct {
	base http.RoundTripper
	log  *slog.Logger
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := t.base.RoundTrip(req)
	attrs := []slog.Attr{
		slog.String("method", req.Method),
		slog.String("host", req.URL.Host),
		slog.String("path", req.URL.Path), // never RawQuery: ?code=… lives there
		slog.Float64("ms", float64(time.Since(start).Microseconds())/1000),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", safeError(err)))
		t.log.LogAttrs(req.Context(), slog.LevelWarn, "http request failed", attrs...)
		return resp, err
	}
	attrs = append(attrs, slog.Int("status", resp.StatusCode))
	if ra := resp.Header.Get("Retry-After"); ra != "" {
		attrs = append(attrs, slog.String("retry_after", ra))
	}
	t.log.LogAttrs(req.Context(), slog.LevelInfo, "http request", attrs...)
	return resp, err
}

// safeError drops the URL a *url.Error quotes, with its query.
func safeError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

func ensurePrivateDir(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return os.Chmod(dir, 0o700)
}
