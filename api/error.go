package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/spotui/spotui/internal/textclean"
)

// Error is a non-2xx answer from the Web API, read from Spotify's
// {"error":{"status","message","reason"}} body. Callers decide what to do
// with errors.As and the fields, never by matching the text.
type Error struct {
	Status     int           // HTTP status code
	Message    string        // Spotify's message, e.g. "Player command failed: Premium required"
	Reason     string        // Spotify's reason, e.g. "PREMIUM_REQUIRED"; often empty
	RetryAfter time.Duration // from the Retry-After header (429, some 503s); 0 if absent
}

// Reasons Spotify sends in player errors.
const (
	ReasonPremiumRequired = "PREMIUM_REQUIRED"
	ReasonNoActiveDevice  = "NO_ACTIVE_DEVICE"
)

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "spotify: %d", e.Status)
	if e.Message != "" {
		b.WriteString(" ")
		b.WriteString(e.Message)
	}
	if e.Reason != "" {
		b.WriteString(" (")
		b.WriteString(e.Reason)
		b.WriteString(")")
	}
	return b.String()
}

// maxErrorBody bounds how much of an error body is read: the shape is tiny,
// and a misbehaving proxy must not make us buffer megabytes.
const maxErrorBody = 64 << 10

// errorFromResponse builds an *Error from a non-2xx response. It never fails:
// a body that is not Spotify's shape still yields the status and a message.
func errorFromResponse(resp *http.Response, body []byte) *Error {
	e := &Error{Status: resp.StatusCode, RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"))}
	var wire struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(body, &wire) == nil && len(wire.Error) > 0 {
		var obj struct {
			Status  int    `json:"status"`
			Message string `json:"message"`
			Reason  string `json:"reason"`
		}
		var s string
		switch {
		case json.Unmarshal(wire.Error, &obj) == nil:
			e.Message, e.Reason = obj.Message, obj.Reason
		case json.Unmarshal(wire.Error, &s) == nil:
			// Some endpoints (and the accounts service) send "error":"code".
			e.Message = s
		}
	}
	// The message reaches the screen; the reason is compared to constants.
	e.Message, e.Reason = textclean.Line(e.Message, maxText), textclean.Line(e.Reason, maxText)
	if e.Message == "" {
		e.Message = http.StatusText(resp.StatusCode)
	}
	return e
}

// maxRetryAfter caps a Retry-After: a longer wait (or one so long it would
// overflow a Duration) is a day, after which one request asks again, and
// Spotify answers with the rest of the wait if it still means it.
const maxRetryAfter = 24 * time.Hour

// parseRetryAfter reads delay-seconds or an HTTP date; 0 when absent or bad.
func parseRetryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	switch {
	case err == nil && n < 0:
		return 0
	case err == nil:
		return time.Duration(min(n, int64(maxRetryAfter/time.Second))) * time.Second
	case errors.Is(err, strconv.ErrRange) && v[0] != '-':
		return maxRetryAfter // more digits than an int64 holds
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := time.Until(t); d > 0 {
			return min(d.Round(time.Second), maxRetryAfter)
		}
	}
	return 0
}
