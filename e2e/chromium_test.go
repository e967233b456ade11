//go:build unix

package e2e

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spotui/spotui/internal/fakespotify"
)

// chromiumBrowser writes a $BROWSER script that logs in with a real headless
// Chromium: it loads the authorize URL, follows the fake's redirect to
// spotui's loopback server and dumps the page it ends on to dom.html. It
// writes chromium.exit when Chromium is done. Chromium's home, profile and
// caches live under dir, so nothing leaks into the user's.
func chromiumBrowser(t *testing.T, dir, chromium string) string {
	t.Helper()
	q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
	home := filepath.Join(dir, "home")
	script := strings.Join([]string{
		"#!/bin/sh",
		`for url; do :; done`,
		`echo "$url" >> ` + q(filepath.Join(dir, "browser.log")),
		// The opener starts us in a new session: our pid is the process
		// group the test kills if Chromium outlives it.
		`echo $$ > ` + q(filepath.Join(dir, "chromium.pid")),
		"export HOME=" + q(home) + " XDG_CONFIG_HOME=" + q(home+"/.config") + " XDG_CACHE_HOME=" + q(home+"/.cache"),
		`profile=$(mktemp -d ` + q(filepath.Join(dir, "profile.XXXXXX")) + `)`,
		q(chromium) + ` --headless --no-sandbox --disable-gpu --disable-quic --no-first-run` +
			` --disable-background-networking --disable-component-update --disable-sync` +
			` --user-data-dir="$profile" --dump-dom "$url" > ` + q(filepath.Join(dir, "dom.html")) +
			` 2> ` + q(filepath.Join(dir, "chromium.log")),
		`echo $? > ` + q(filepath.Join(dir, "chromium.exit")),
		"",
	}, "\n")
	path := filepath.Join(dir, "chromium.sh")
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	// Registered after t.TempDir, so it runs before the directory is
	// removed: no Chromium process may still be writing into it.
	t.Cleanup(func() { killGroup(t, filepath.Join(dir, "chromium.pid")) })
	return path
}

// killGroup ends the process group whose leader's pid is in pidFile, if it
// is still running, and waits until it is gone.
func killGroup(t *testing.T, pidFile string) {
	t.Helper()
	b, err := os.ReadFile(pidFile)
	if err != nil {
		return // never started
	}
	pgid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pgid <= 1 {
		return
	}
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
	deadline := time.Now().Add(10 * time.Second)
	for !errors.Is(syscall.Kill(-pgid, 0), syscall.ESRCH) {
		if time.Now().After(deadline) {
			t.Errorf("chromium's process group %d is still running", pgid)
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestHeadlessChromiumLogsIn(t *testing.T) {
	needTools(t, "tmux")
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed: .ci/run installs it (apt-get install chromium)")
	}
	bin := binary(t)
	dir := t.TempDir()

	const redirect = "http://127.0.0.1/callback"
	fake := fakespotify.New(fakespotify.Options{RedirectURIs: []string{redirect}})
	srv := httptest.NewServer(fake)
	defer srv.Close()

	browser := chromiumBrowser(t, dir, chromium)
	cfg := filepath.Join(dir, "config")
	tokenPath := filepath.Join(cfg, "spotui", "token.json")
	env := []string{
		"SPOTUI_CLIENT_ID=" + fakespotify.DemoClientID,
		"SPOTUI_REDIRECT_URI=" + redirect,
		"SPOTUI_ACCOUNTS_URL=" + srv.URL,
		"SPOTUI_API_URL=" + srv.URL + "/v1",
		"BROWSER=" + browser,
		"XDG_CONFIG_HOME=" + cfg,
		"TERM=xterm-256color",
	}
	tm := startTerm(t, env, fmt.Sprintf("%s 2>%s/stderr; sleep 60", bin, dir))
	show := func() string {
		log, _ := os.ReadFile(filepath.Join(dir, "chromium.log"))
		return tm.screen(false) + "\n--- chromium.log (tail):\n" + redact(tail(string(log), 2000))
	}

	// Whatever plays by the time the login is through is on screen.
	waitFor(t, "the playing track on screen", func() bool {
		it, _, _ := fake.Current()
		return strings.Contains(tm.screen(false), it.Name)
	}, show)
	// The token is saved beside the first poll, not before it: the track
	// can be on screen a moment before the file is.
	var b []byte
	waitFor(t, "token.json written", func() bool {
		b, err = os.ReadFile(tokenPath)
		return err == nil
	}, show)
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(b, &tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("token.json is not a token (%v)", err)
	}

	// The browser ended on spotui's success page, and Chromium is done.
	exitFile := filepath.Join(dir, "chromium.exit")
	waitFor(t, "chromium to exit", func() bool { return exists(exitFile) }, show)
	if dom, _ := os.ReadFile(filepath.Join(dir, "dom.html")); !strings.Contains(string(dom), "Logged in to spotui") {
		t.Errorf("the browser's page is not the success page:\n%s", redact(tail(string(dom), 2000)))
	}
	if log, _ := os.ReadFile(filepath.Join(dir, "browser.log")); strings.Count(string(log), "\n") != 1 ||
		!strings.HasPrefix(string(log), srv.URL+"/authorize?") {
		t.Errorf("browser opened %q; want the authorize URL once", redact(string(log)))
	}
	if n := fake.RequestCount("POST", "/api/token"); n != 1 {
		t.Errorf("%d token requests, want 1 code exchange", n)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "stderr")); len(b) > 0 {
		t.Errorf("stderr: %s", b)
	}
	if v := fake.Violations(); len(v) > 0 {
		t.Errorf("violations: %q", v)
	}
}

// secretParams matches the login's one-time values in a URL.
var secretParams = regexp.MustCompile(`([?&](?:code|state|code_challenge)=)[^&\s"'<]+`)

// redact hides them in what a failing test prints, even from the fake.
func redact(s string) string { return secretParams.ReplaceAllString(s, "${1}REDACTED") }

// tail keeps the end of s, where a log's useful lines are.
func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
