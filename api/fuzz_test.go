package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"testing"
)

// canned answers every request with one response, without a socket: fuzzing
// runs thousands of iterations a second, and header values a real server
// would refuse to send (control characters in Retry-After) still reach the
// client.
type canned struct {
	status int
	header http.Header
	body   []byte
}

func (c canned) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{
		Status:     http.StatusText(c.status),
		StatusCode: c.status,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     c.header,
		Body:       io.NopCloser(bytes.NewReader(c.body)),
		Request:    r,
	}, nil
}

func cannedClient(c canned) *Client {
	if c.header == nil {
		c.header = http.Header{}
	}
	return New("http://spotify.invalid/v1", &http.Client{Transport: c})
}

// useItem calls everything the UI reads from an item; none may panic,
// whatever Spotify (or a proxy) sent.
func useItem(it *Item) {
	_ = it.IsEpisode()
	_ = it.ArtistNames()
	_ = it.Collection()
	_ = it.CoverImages()
}

func FuzzDecodeCurrentlyPlaying(f *testing.F) {
	f.Fuzz(func(t *testing.T, body []byte) {
		cp, err := cannedClient(canned{status: http.StatusOK, body: body}).CurrentlyPlaying(context.Background())
		var bad *BadReplyError
		if err != nil && !errors.As(err, &bad) {
			t.Fatalf("a 200 gave %T %v; want nil or *BadReplyError", err, err)
		}
		if err == nil && cp != nil {
			useItem(cp.Item)
			checkClean(t, &cp)
		}

		// Decoding directly agrees with the client: what decodes is never
		// reported as a bad reply.
		var direct CurrentlyPlaying
		derr := json.Unmarshal(body, &direct)
		if derr == nil {
			useItem(direct.Item)
			if err != nil {
				t.Fatalf("the body decodes, but the client said %v", err)
			}
		}
		// The same body as the full player state, which the UI polls.
		ps, err := cannedClient(canned{status: http.StatusOK, body: body}).PlaybackState(context.Background())
		if err != nil && !errors.As(err, &bad) {
			t.Fatalf("a 200 player state gave %T %v; want nil or *BadReplyError", err, err)
		}
		if err == nil && ps != nil {
			useItem(ps.Item)
			checkClean(t, &ps)
			checkClean(t, ps.Device)
		}
	})
}

// checkClean fails on any control character or out-of-range number in a
// decoded reply.
func checkClean(t *testing.T, v any) {
	t.Helper()
	if dirty := dirtyStrings(reflect.ValueOf(v), "reply"); len(dirty) > 0 {
		t.Fatalf("control characters survived decoding: %q", dirty)
	}
	var cp *CurrentlyPlaying
	switch v := v.(type) {
	case **CurrentlyPlaying:
		cp = *v
	case **PlaybackState:
		cp = &(*v).CurrentlyPlaying
	case Device:
		if p := v.VolumePercent; p != nil && (*p < 0 || *p > 100) {
			t.Fatalf("volume %d", *p)
		}
		return
	}
	if cp.ProgressMS < 0 || cp.ProgressMS > MaxDurationMS {
		t.Fatalf("progress %d", cp.ProgressMS)
	}
	if it := cp.Item; it != nil && (it.DurationMS < 0 || it.DurationMS > MaxDurationMS ||
		len(it.Name) > maxText+3 || len(it.Artists) > maxArtists) {
		t.Fatalf("item not bounded: duration %d, name %d bytes, %d artists", it.DurationMS, len(it.Name), len(it.Artists))
	}
}

func FuzzErrorBody(f *testing.F) {
	f.Fuzz(func(t *testing.T, status int, body []byte, retryAfter string) {
		// Any non-2xx status Go's client hands back: 300–599 (1xx are
		// interim answers the transport consumes itself). Others are
		// folded in, so seeds can use real codes.
		if status < 300 || status > 599 {
			status = 300 + int(uint(status)%300)
		}
		h := http.Header{}
		if retryAfter != "" {
			h["Retry-After"] = []string{retryAfter}
		}
		err := cannedClient(canned{status: status, header: h, body: body}).Play(context.Background())
		var apiErr *Error
		if !errors.As(err, &apiErr) {
			t.Fatalf("status %d gave %T %v; want *api.Error", status, err, err)
		}
		if apiErr.Status != status {
			t.Errorf("Status %d, want %d", apiErr.Status, status)
		}
		if apiErr.RetryAfter < 0 {
			t.Errorf("negative RetryAfter %v", apiErr.RetryAfter)
		}
		if apiErr.Message == "" && http.StatusText(status) != "" {
			t.Error("empty message for a known status")
		}
		_ = apiErr.Error()
	})
}
