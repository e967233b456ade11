package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultTimeout bounds every request: a hung connection must never freeze
// the poll loop.
const DefaultTimeout = 10 * time.Second

// maxBody bounds a success body; a currently-playing reply is a few KB.
const maxBody = 4 << 20

// Refresher forces a new access token after a 401 (auth.TokenSource does).
type Refresher interface {
	ForceRefresh() error
}

// RefreshFunc adapts a function to Refresher.
type RefreshFunc func() error

// ForceRefresh calls f.
func (f RefreshFunc) ForceRefresh() error { return f() }

// Client calls the Web API. The *http.Client it is given adds the bearer
// token (oauth2.Transport); Client itself never sees or logs tokens.
type Client struct {
	base    string
	hc      *http.Client
	refresh Refresher
	timeout time.Duration
	gate    *Gate // shared with every Client of the account (WithGate)
}

// Option configures a Client.
type Option func(*Client)

// WithRefresher makes a 401 refresh the token once and retry the call once.
func WithRefresher(r Refresher) Option { return func(c *Client) { c.refresh = r } }

// WithTimeout sets the per-request timeout (default DefaultTimeout).
func WithTimeout(d time.Duration) Option { return func(c *Client) { c.timeout = d } }

// WithGate makes the client send through g, which every other Client of
// the same account should share: a 429 on any of them holds back all.
// Without it the client has a gate of its own.
func WithGate(g *Gate) Option { return func(c *Client) { c.gate = g } }

// New returns a client for baseURL (e.g. "https://api.spotify.com/v1").
func New(baseURL string, hc *http.Client, opts ...Option) *Client {
	c := &Client{base: strings.TrimRight(baseURL, "/"), hc: hc, timeout: DefaultTimeout}
	for _, o := range opts {
		o(c)
	}
	if c.gate == nil {
		c.gate = NewGate(time.Now)
	}
	return c
}

// CurrentlyPlaying returns what plays now, or nil when nothing does (204).
// Episodes are asked for explicitly; without additional_types Spotify sends
// a null item for them.
func (c *Client) CurrentlyPlaying(ctx context.Context) (*CurrentlyPlaying, error) {
	var cp CurrentlyPlaying
	ok, err := c.do(ctx, http.MethodGet, "/me/player/currently-playing", url.Values{"additional_types": {"episode"}}, nil, &cp)
	if err != nil || !ok {
		return nil, err
	}
	return &cp, nil
}

// PlaybackState returns the full player state, or nil when no device is active.
func (c *Client) PlaybackState(ctx context.Context) (*PlaybackState, error) {
	var ps PlaybackState
	ok, err := c.do(ctx, http.MethodGet, "/me/player", url.Values{"additional_types": {"episode"}}, nil, &ps)
	if err != nil || !ok {
		return nil, err
	}
	return &ps, nil
}

// Play resumes playback on the active device.
func (c *Client) Play(ctx context.Context) error {
	_, err := c.do(ctx, http.MethodPut, "/me/player/play", nil, nil, nil)
	return err
}

// Pause pauses playback on the active device.
func (c *Client) Pause(ctx context.Context) error {
	_, err := c.do(ctx, http.MethodPut, "/me/player/pause", nil, nil, nil)
	return err
}

// Next skips to the next item.
func (c *Client) Next(ctx context.Context) error {
	_, err := c.do(ctx, http.MethodPost, "/me/player/next", nil, nil, nil)
	return err
}

// Previous goes back (Spotify restarts the item if it is past ~3 s).
func (c *Client) Previous(ctx context.Context) error {
	_, err := c.do(ctx, http.MethodPost, "/me/player/previous", nil, nil, nil)
	return err
}

// BadReplyError is a 2xx answer whose body is not what Spotify documents.
type BadReplyError struct {
	Path string
	Err  error
}

func (e *BadReplyError) Error() string {
	return fmt.Sprintf("spotify sent a reply to %s that spotui cannot read: %v", e.Path, e.Err)
}
func (e *BadReplyError) Unwrap() error { return e.Err }

// do sends one request and decodes a JSON body into out. It reports false
// (and no error) for 204 No Content. A 401 triggers at most one refresh and
// one retry, so an invalid token can never cause a request storm. While the
// gate is closed nothing is sent: the error is a *RateLimitedError.
func (c *Client) do(ctx context.Context, method, path string, q url.Values, body, out any) (bool, error) {
	ok, err := c.once(ctx, method, path, q, body, out)
	var apiErr *Error
	if c.refresh != nil && errors.As(err, &apiErr) && apiErr.Status == http.StatusUnauthorized {
		if rerr := c.refresh.ForceRefresh(); rerr != nil {
			return false, rerr
		}
		return c.once(ctx, method, path, q, body, out)
	}
	return ok, err
}

func (c *Client) once(ctx context.Context, method, path string, q url.Values, body, out any) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	leave, err := c.gate.enter(ctx)
	if err != nil {
		return false, err
	}
	defer leave()
	if err := c.gate.check(); err != nil {
		return false, err
	}

	u := c.base + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return false, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return false, err
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		e := errorFromResponse(resp, b)
		c.gate.observe(e)
		return false, e
	}
	leave() // a success: the next request may go while this body is read
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return false, err
	}
	if resp.StatusCode == http.StatusNoContent || len(bytes.TrimSpace(b)) == 0 {
		return false, nil
	}
	if out == nil {
		return true, nil
	}
	if err := json.Unmarshal(b, out); err != nil {
		return false, &BadReplyError{Path: path, Err: err}
	}
	if cl, ok := out.(cleaner); ok {
		cl.clean() // untrusted text and numbers made safe (clean.go)
	}
	return true, nil
}
