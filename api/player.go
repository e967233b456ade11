package api

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Repeat modes, in the order the r key cycles through them.
const (
	RepeatOff     = "off"
	RepeatContext = "context"
	RepeatTrack   = "track"
)

// Seek moves playback to pos milliseconds into the item.
func (c *Client) Seek(ctx context.Context, posMS int) error {
	_, err := c.do(ctx, http.MethodPut, "/me/player/seek", url.Values{"position_ms": {strconv.Itoa(max(posMS, 0))}}, nil, nil)
	return err
}

// SetVolume sets the active device's volume, clamped to 0–100.
func (c *Client) SetVolume(ctx context.Context, percent int) error {
	percent = min(max(percent, 0), 100)
	_, err := c.do(ctx, http.MethodPut, "/me/player/volume", url.Values{"volume_percent": {strconv.Itoa(percent)}}, nil, nil)
	return err
}

// SetShuffle turns shuffle on or off.
func (c *Client) SetShuffle(ctx context.Context, on bool) error {
	_, err := c.do(ctx, http.MethodPut, "/me/player/shuffle", url.Values{"state": {strconv.FormatBool(on)}}, nil, nil)
	return err
}

// SetRepeat sets the repeat mode: RepeatOff, RepeatContext or RepeatTrack.
func (c *Client) SetRepeat(ctx context.Context, mode string) error {
	_, err := c.do(ctx, http.MethodPut, "/me/player/repeat", url.Values{"state": {mode}}, nil, nil)
	return err
}

// Devices lists the user's Spotify Connect devices.
func (c *Client) Devices(ctx context.Context) ([]Device, error) {
	var out devicesReply
	if _, err := c.do(ctx, http.MethodGet, "/me/player/devices", nil, nil, &out); err != nil {
		return nil, err
	}
	return out.Devices, nil
}

// Transfer moves playback to the device; play starts it there.
func (c *Client) Transfer(ctx context.Context, deviceID string, play bool) error {
	body := struct {
		DeviceIDs []string `json:"device_ids"`
		Play      bool     `json:"play"`
	}{[]string{deviceID}, play}
	_, err := c.do(ctx, http.MethodPut, "/me/player", nil, body, nil)
	return err
}

// Saved reports, for each URI, whether it is in the user's library.
func (c *Client) Saved(ctx context.Context, uris ...string) ([]bool, error) {
	var out []bool
	if _, err := c.do(ctx, http.MethodGet, "/me/library/contains", url.Values{"uris": {strings.Join(uris, ",")}}, nil, &out); err != nil {
		return nil, err
	}
	return bounded(out, len(uris)), nil
}

// Save adds the URIs to the user's library (like).
func (c *Client) Save(ctx context.Context, uris ...string) error {
	_, err := c.do(ctx, http.MethodPut, "/me/library", url.Values{"uris": {strings.Join(uris, ",")}}, nil, nil)
	return err
}

// Unsave removes the URIs from the user's library (unlike).
func (c *Client) Unsave(ctx context.Context, uris ...string) error {
	_, err := c.do(ctx, http.MethodDelete, "/me/library", url.Values{"uris": {strings.Join(uris, ",")}}, nil, nil)
	return err
}
