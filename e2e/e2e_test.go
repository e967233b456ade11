// Package e2e runs the real spotui binary in tmux against the fake Spotify
// and reads the screen as a user would see it.
package e2e

import (
	"bytes"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spotui/spotui/internal/fakespotify"
)

// binary builds spotui for the test. It first stats every source file of the
// module: go test caches results keyed on the files a test touches, and the
// build happens in a subprocess it can't see, so without this a changed
// source could leave a stale "ok (cached)".
func binary(t *testing.T) string {
	t.Helper()
	_ = filepath.WalkDir("..", func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "go.mod") || strings.HasSuffix(path, "go.sum")) {
			_, _ = os.Stat(path)
		}
		return nil
	})
	bin := filepath.Join(t.TempDir(), "spotui")
	cmd := exec.Command("go", "build", "-o", bin, "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (CI installs it in .ci/run): %v", tool, err)
		}
	}
}

// term is one tmux server running one command in a 100x30 window.
type term struct {
	t    *testing.T
	sock string
}

func startTerm(t *testing.T, env []string, command string) *term {
	t.Helper()
	tm := &term{t: t, sock: fmt.Sprintf("spotui-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	// CI=true (as CI sets it) makes termenv assume no terminal and drop all
	// colour; a user's terminal has no CI variable, so the app doesn't see it.
	args := []string{"-L", tm.sock, "-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", "env", "-u", "CI"}
	args = append(append(args, env...), "sh", "-c", command)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v\n%s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.sock, "kill-server").Run() })
	return tm
}

// screen is the visible pane; colors=true keeps the escape sequences.
func (tm *term) screen(colors bool) string {
	args := []string{"-L", tm.sock, "capture-pane", "-p"}
	if colors {
		args = append(args, "-e")
	}
	out, _ := exec.Command("tmux", args...).Output()
	return string(out)
}

func (tm *term) keys(keys ...string) {
	tm.t.Helper()
	args := append([]string{"-L", tm.sock, "send-keys"}, keys...)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		tm.t.Fatalf("send-keys: %v\n%s", err, out)
	}
}

// waitFor polls until cond holds; what it last saw is in the failure.
func waitFor(t *testing.T, what string, cond func() bool, show func() string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s; screen:\n%s", what, show())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (tm *term) waitText(text string) {
	tm.t.Helper()
	waitFor(tm.t, fmt.Sprintf("%q on screen", text),
		func() bool { return strings.Contains(tm.screen(false), text) },
		func() string { return tm.screen(false) })
}

var elapsedRE = regexp.MustCompile(`[▶⏸] (\d+):(\d\d) `)

func (tm *term) elapsed() int {
	m := elapsedRE.FindStringSubmatch(tm.screen(false))
	if m == nil {
		return -1
	}
	var min, sec int
	fmt.Sscan(m[1], &min)
	fmt.Sscan(m[2], &sec)
	return min*60 + sec
}

func exists(path string) bool { _, err := os.Stat(path); return err == nil }

// fakeSpotify starts the fake and returns the environment that points the
// binary at it, with a "browser" that approves the login the way a user's
// browser would: it follows Spotify's redirect back to spotui's loopback
// server (curl -L). The token lives under dir/config.
func fakeSpotify(t *testing.T, dir string) (*fakespotify.Server, *httptest.Server, []string) {
	t.Helper()
	const redirect = "http://127.0.0.1/callback" // no port: the app picks a free one
	fake := fakespotify.New(fakespotify.Options{RedirectURIs: []string{redirect}})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	t.Cleanup(func() {
		if v := fake.Violations(); len(v) > 0 {
			t.Errorf("the fake saw rule violations: %q", v)
		}
	})
	browser := filepath.Join(dir, "browser.sh")
	script := "#!/bin/sh\nfor url; do :; done\necho \"$url\" >> " + dir + "/browser.log\nexec curl -fsS -L -o /dev/null \"$url\"\n"
	if err := os.WriteFile(browser, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return fake, srv, []string{
		"SPOTUI_CLIENT_ID=" + fakespotify.DemoClientID,
		"SPOTUI_REDIRECT_URI=" + redirect,
		"SPOTUI_ACCOUNTS_URL=" + srv.URL,
		"SPOTUI_API_URL=" + srv.URL + "/v1",
		"BROWSER=" + browser,
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"XDG_CACHE_HOME=" + filepath.Join(dir, "cache"),
		"TERM=xterm-256color",
		"COLORTERM=truecolor",
	}
}

func TestRealBinaryLogsInPlaysLogsOutAndQuits(t *testing.T) {
	needTools(t, "tmux", "curl")
	bin := binary(t)
	dir := t.TempDir()

	fake, _, env := fakeSpotify(t, dir)
	cfg := filepath.Join(dir, "config")
	tokenPath := filepath.Join(cfg, "spotui", "token.json")
	exitFile := filepath.Join(dir, "exit")
	tm := startTerm(t, env, fmt.Sprintf("%s 2>%s/stderr; echo $? > %s; sleep 60", bin, dir, exitFile))

	// Login happens by itself on first run; then the track shows.
	first, _, _ := fake.Current()
	tm.waitText(first.Name)
	tm.waitText("▶ playing")
	// Saved beside the first poll: the track may show a moment before.
	waitFor(t, "token.json written after login", func() bool { return exists(tokenPath) }, func() string { return tm.screen(false) })
	if st, _ := os.Stat(tokenPath); st.Mode().Perm() != 0o600 {
		t.Errorf("token.json mode %v", st.Mode().Perm())
	}
	if !strings.Contains(tm.screen(true), "\x1b[") {
		t.Error("no colour on screen")
	}

	// The elapsed time moves on its own.
	start := tm.elapsed()
	waitFor(t, "elapsed time to advance", func() bool { return tm.elapsed() > start }, func() string { return tm.screen(false) })

	// n skips, and the screen follows.
	tm.keys("n")
	waitFor(t, "POST /me/player/next at the fake", func() bool { return fake.RequestCount("POST", "/v1/me/player/next") == 1 },
		func() string { return tm.screen(false) })
	second, _, _ := fake.Current()
	if second.Name == first.Name {
		t.Fatal("fake did not skip on n")
	}
	tm.waitText(second.Name)

	// space pauses.
	tm.keys("Space")
	tm.waitText("⏸ paused")

	// x removes the token and logs out.
	tm.keys("x")
	tm.waitText("You are logged out.")
	waitFor(t, "token.json removed", func() bool { return !exists(tokenPath) }, func() string { return tm.screen(false) })

	// l logs in again.
	tm.keys("l")
	tm.waitText(second.Name)
	waitFor(t, "token.json written again", func() bool { return exists(tokenPath) }, func() string { return tm.screen(false) })
	if b, _ := os.ReadFile(filepath.Join(dir, "browser.log")); bytes.Count(b, []byte("\n")) != 2 {
		t.Errorf("browser opened %d times, want 2 (first run and l)", bytes.Count(b, []byte("\n")))
	}

	// q quits cleanly.
	tm.keys("q")
	waitFor(t, "spotui to exit", func() bool { return exists(exitFile) }, func() string { return tm.screen(false) })
	if b, _ := os.ReadFile(exitFile); strings.TrimSpace(string(b)) != "0" {
		t.Errorf("exit status %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "stderr")); len(b) > 0 {
		t.Errorf("stderr: %s", b)
	}
}

func TestDemoShowsATrackWithoutAnAccount(t *testing.T) {
	needTools(t, "tmux")
	bin := binary(t)
	dir := t.TempDir()
	tm := startTerm(t, []string{"XDG_CONFIG_HOME=" + dir, "BROWSER=true", "TERM=xterm-256color"}, bin+" --demo; sleep 60")
	tm.waitText("▶ playing")
	tm.waitText("demo")
	for _, want := range []string{"Paper Lanterns", "q quit", "1:01"} {
		if !strings.Contains(tm.screen(false), want) {
			t.Errorf("demo screen lacks %q:\n%s", want, tm.screen(false))
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("--demo wrote into XDG_CONFIG_HOME: %v", entries)
	}
}

func TestNoClientIDExplainsAndExits2(t *testing.T) {
	needTools(t, "tmux")
	bin := binary(t)
	dir := t.TempDir()
	exitFile := filepath.Join(dir, "exit")
	tm := startTerm(t, []string{"XDG_CONFIG_HOME=" + dir, "TERM=xterm-256color"},
		fmt.Sprintf("%s 2>%s/stderr; echo $? > %s; sleep 60", bin, dir, exitFile))
	tm.waitText("It needs a Spotify app of your own")
	tm.waitText("developer.spotify.com/dashboard")
	tm.keys("C-c")
	waitFor(t, "exit", func() bool { return exists(exitFile) }, func() string { return tm.screen(false) })
	if b, _ := os.ReadFile(exitFile); strings.TrimSpace(string(b)) != "2" {
		t.Errorf("exit status %q, want 2", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "stderr")); !strings.Contains(string(b), "SPOTUI_CLIENT_ID") {
		t.Errorf("stderr does not keep the how-to: %q", b)
	}
}

func TestBadUsageExits2WithAMessage(t *testing.T) {
	bin := binary(t)
	for _, tt := range []struct {
		args []string
		env  string
		want string
	}{
		{[]string{"--client-id", "nope"}, "", "32 hex characters"},
		{nil, "SPOTUI_REDIRECT_URI=http://localhost:8974/callback", "127.0.0.1"},
		{nil, "SPOTUI_API_URL=not a url", "SPOTUI_API_URL"},
		{[]string{"--frobnicate"}, "", "--help"},
	} {
		cmd := exec.Command(bin, tt.args...)
		cmd.Env = append(os.Environ(), "SPOTUI_CLIENT_ID=0123456789abcdef0123456789abcdef", tt.env)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 2 || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%v %s: err %v, stderr %q; want exit 2 mentioning %q", tt.args, tt.env, err, stderr.String(), tt.want)
		}
		if strings.Contains(stderr.String(), "goroutine ") {
			t.Errorf("stack dump: %s", stderr.String())
		}
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil || !strings.HasPrefix(string(out), "spotui ") {
		t.Errorf("--version: %q %v", out, err)
	}
}

// A first run types its client ID and goes straight on to the login, and
// the next run remembers it.
func TestOnboardingTypesAClientIDAndLogsIn(t *testing.T) {
	needTools(t, "tmux", "curl")
	bin := binary(t)
	dir := t.TempDir()
	fake, _, env := fakeSpotify(t, dir)
	var noID []string
	for _, e := range env {
		if !strings.HasPrefix(e, "SPOTUI_CLIENT_ID=") {
			noID = append(noID, e)
		}
	}
	tm := startTerm(t, noID, bin+" --art off; sleep 60")
	tm.waitText("paste it here")
	tm.keys("-l", "not-an-id")
	tm.keys("Enter")
	tm.waitText("That isn't a client ID")
	tm.keys("C-u")
	tm.keys("-l", fakespotify.DemoClientID)
	tm.keys("Enter")
	first, _, _ := fake.Current()
	tm.waitText(first.Name) // logged in through the curl browser, playing
	cfg, err := os.ReadFile(filepath.Join(dir, "config", "spotui", "config.toml"))
	if err != nil || !strings.Contains(string(cfg), fakespotify.DemoClientID) {
		t.Errorf("client ID not saved to config.toml: %q %v", cfg, err)
	}
}
