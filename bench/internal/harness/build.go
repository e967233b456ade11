// Package harness holds what the bench programs share: building binaries
// from the module, the curl "browser", the environment that points spotui
// at the fake Spotify, and a tmux terminal to run a program in.
package harness

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spotui/spotui/internal/fakespotify"
)

// RedirectURI has no port, so the app picks a free one for each login.
const RedirectURI = "http://127.0.0.1/callback"

// ModuleRoot is the directory of the spotui module's go.mod; the bench
// programs must be run from inside it (go run ./bench...).
func ModuleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	gomod := strings.TrimSpace(string(out))
	if err != nil || gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("run this inside the spotui module (go env GOMOD: %q, %v)", out, err)
	}
	return filepath.Dir(gomod), nil
}

// Build builds the main package pkg (relative to the module root, e.g. "."
// or "./bench/reference") into dir/name and returns the binary's path.
func Build(dir, pkg, name string) (string, error) {
	root, err := ModuleRoot()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, name)
	cmd := exec.Command("go", "build", "-o", bin, pkg)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin, nil
}

// BuildSpotui builds the app itself into dir/spotui.
func BuildSpotui(dir string) (string, error) { return Build(dir, ".", "spotui") }

// CurlBrowser writes the $BROWSER the e2e tests use: it approves the login
// by following the fake's redirect back to spotui's loopback server.
func CurlBrowser(dir string) (string, error) {
	path := filepath.Join(dir, "browser.sh")
	script := "#!/bin/sh\nfor url; do :; done\nexec curl -fsS -L -o /dev/null \"$url\"\n"
	return path, os.WriteFile(path, []byte(script), 0o755)
}

// SpotifyEnv points spotui at a fake served at base (accounts at base, the
// Web API at base/v1), as the registered demo app.
func SpotifyEnv(base string) []string {
	return []string{
		"SPOTUI_CLIENT_ID=" + fakespotify.DemoClientID,
		"SPOTUI_REDIRECT_URI=" + RedirectURI,
		"SPOTUI_ACCOUNTS_URL=" + base,
		"SPOTUI_API_URL=" + base + "/v1",
	}
}

// ShowsTitle reports whether screen shows an item called name. Only a
// prefix is compared: a long title may be cut to fit.
func ShowsTitle(screen, name string) bool {
	title := []rune(name)
	if len(title) > 20 {
		title = title[:20]
	}
	return strings.Contains(screen, strings.TrimSpace(string(title)))
}

// ShellQuote quotes s for sh.
func ShellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// PollPath is the player endpoint the app has asked most often: its poll.
// Found rather than assumed, so the benches follow the app if it switches
// between currently-playing and the full player state.
func PollPath(reqs []fakespotify.Request) string {
	n := map[string]int{}
	best := "/v1/me/player/currently-playing"
	for _, r := range reqs {
		if r.Method == "GET" && strings.HasPrefix(r.Path, "/v1/me/player") {
			if n[r.Path]++; n[r.Path] > n[best] {
				best = r.Path
			}
		}
	}
	return best
}
