package fakespotify

import (
	"encoding/json"
	"html"
	"net/http"
	"strconv"
	"strings"
)

// reply is an answer computed under the lock and written after it is
// released, so a slow client never holds up other requests.
type reply struct {
	status int
	header http.Header
	body   []byte
}

func (rp reply) statusCode() int {
	if rp.status == 0 {
		return http.StatusOK
	}
	return rp.status
}

func (rp reply) write(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range rp.header {
		h[k] = v
	}
	w.WriteHeader(rp.statusCode())
	if len(rp.body) > 0 {
		_, _ = w.Write(rp.body)
	}
}

func (rp *reply) set(key, value string) {
	if rp.header == nil {
		rp.header = http.Header{}
	}
	rp.header.Set(key, value)
}

func jsonReply(status int, v any) reply {
	b, err := json.Marshal(v)
	if err != nil {
		// Only our own wire structs get here; failing loudly beats a half body.
		panic("fakespotify: marshal: " + err.Error())
	}
	rp := reply{status: status, body: b}
	rp.set("Content-Type", "application/json; charset=utf-8")
	return rp
}

func noContent() reply { return reply{status: http.StatusNoContent} }

// apiError is the Web API's error shape:
// {"error":{"status":S,"message":M[,"reason":R]}}.
func apiError(status int, message, reason string) reply {
	type body struct {
		Status  int    `json:"status"`
		Message string `json:"message"`
		Reason  string `json:"reason,omitempty"`
	}
	rp := jsonReply(status, struct {
		Error body `json:"error"`
	}{body{status, message, reason}})
	if status == http.StatusUnauthorized {
		// Spotify names the token problem in the challenge too.
		rp.set("WWW-Authenticate", `Bearer realm="spotify", error="invalid_token", error_description="`+message+`"`)
	}
	return rp
}

// tokenError is the accounts service's OAuth error shape.
func tokenError(status int, code, description string) reply {
	rp := jsonReply(status, struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}{code, description})
	rp.set("Cache-Control", "no-store")
	return rp
}

// htmlPage is what the accounts service shows a user's browser on an error
// it cannot redirect (bad client or redirect URI).
func htmlPage(status int, message string) reply {
	page := "<!DOCTYPE html>\n<html><head><title>Error</title></head><body><h1>Oops! Something went wrong</h1><p>" +
		html.EscapeString(message) + "</p></body></html>\n"
	rp := reply{status: status, body: []byte(page)}
	rp.set("Content-Type", "text/html; charset=utf-8")
	return rp
}

func redirectTo(location string) reply {
	rp := reply{status: http.StatusFound}
	rp.set("Location", location)
	return rp
}

// failureReply renders an injected Failure in the shape of the service the
// path belongs to.
func failureReply(f Failure, path string) reply {
	msg := f.Message
	if msg == "" {
		msg = defaultMessage(f.Status)
	}
	var rp reply
	switch {
	case f.Body != "":
		rp = reply{status: f.Status, body: []byte(f.Body)}
		rp.set("Content-Type", sniffType(f.Body))
	case path == tokenPath:
		code := f.Reason
		if code == "" {
			code = defaultTokenCode(f.Status)
		}
		rp = tokenError(f.Status, code, msg)
	case path == authorizePath:
		rp = htmlPage(f.Status, msg)
	default:
		rp = apiError(f.Status, msg, f.Reason)
	}
	if f.RetryAfter > 0 {
		rp.set("Retry-After", strconv.Itoa(f.RetryAfter))
	}
	return rp
}

func defaultMessage(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "Bad request"
	case http.StatusUnauthorized:
		return msgInvalidToken
	case http.StatusForbidden:
		return "Forbidden"
	case http.StatusNotFound:
		return "Not found"
	case http.StatusTooManyRequests:
		return "API rate limit exceeded"
	case http.StatusInternalServerError:
		return "Server error"
	case http.StatusBadGateway:
		return "Bad gateway"
	case http.StatusServiceUnavailable:
		return "Service unavailable"
	}
	if t := http.StatusText(status); t != "" {
		return t
	}
	return "Error " + strconv.Itoa(status)
}

func defaultTokenCode(status int) string {
	switch {
	case status == http.StatusUnauthorized:
		return "invalid_client"
	case status == http.StatusTooManyRequests:
		return "rate_limited"
	case status == http.StatusServiceUnavailable:
		return "temporarily_unavailable"
	case status >= 500:
		return "server_error"
	}
	return "invalid_request"
}

func sniffType(body string) string {
	switch t := strings.TrimSpace(body); {
	case strings.HasPrefix(t, "{"), strings.HasPrefix(t, "["):
		return "application/json; charset=utf-8"
	case strings.HasPrefix(t, "<"):
		return "text/html; charset=utf-8"
	}
	return "text/plain; charset=utf-8"
}
