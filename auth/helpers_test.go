package auth

import (
	"github.com/spotui/spotui/internal/clocktest"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"
)

// waitFor polls cond until it holds, instead of sleeping a fixed time.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func newClock() *clocktest.Clock { return clocktest.New(time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)) }

// newClient is an HTTP client with its own transport, so a test can drop
// its idle connections and count goroutines afterwards.
func newClient(t *testing.T, follow bool) *http.Client {
	t.Helper()
	c := &http.Client{Transport: &http.Transport{}, Timeout: 20 * time.Second}
	if !follow {
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	}
	t.Cleanup(c.CloseIdleConnections)
	return c
}

// get fetches u and returns the final status and body.
func get(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// goroutineBaseline returns a check that the goroutine count came back to
// what it was, polling because exiting goroutines take a moment.
func goroutineBaseline(t *testing.T) func() {
	t.Helper()
	base := runtime.NumGoroutine()
	return func() {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for runtime.NumGoroutine() > base {
			if time.Now().After(deadline) {
				buf := make([]byte, 1<<20)
				n := runtime.Stack(buf, true)
				t.Fatalf("goroutines: %d, want ≤ %d; stacks:\n%s", runtime.NumGoroutine(), base, buf[:n])
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
}

// noAuthGoroutines fails if any goroutine runs code of this package or a
// server it started; a sharper check than counting when tests share a
// process with other servers.
func noAuthGoroutines(t *testing.T) {
	t.Helper()
	var stacks string
	waitFor(t, 10*time.Second, "the login server's goroutines to exit", func() bool {
		buf := make([]byte, 1<<20)
		stacks = string(buf[:runtime.Stack(buf, true)])
		for _, g := range strings.Split(stacks, "\n\n") {
			if strings.Contains(g, "spotui/auth.(*Attempt)") || strings.Contains(g, "spotui/auth.Config.Begin") ||
				strings.Contains(g, "spotui/auth.callbackHandler") {
				return false
			}
		}
		return true
	})
}
