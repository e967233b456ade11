package cli

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/spotui/spotui/internal/fakespotify"
)

// allFields uses every field a --format template can see.
const allFields = `title={{.Title}}
artist={{.Artist}}
artists={{join .Artists "|"}} ({{len .Artists}})
album={{.Album}}
show={{.Show}}
type={{.Type}}
elapsed={{.Elapsed}} ({{.Elapsed.Seconds}}s)
duration={{.Duration}} ({{.Duration.Seconds}}s)
progress={{.Progress}}%
playing={{.IsPlaying}}
device={{.Device}}
url={{.URL}}`

func TestNowPrintsArtistAndTitle(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	code, out, errOut := w.run("now")
	if code != ExitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	golden.RequireEqual(t, []byte(out))
}

func TestNowFormat(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	w.fake.SetIndex(1) // two artists
	w.clock.Advance(42 * time.Second)
	code, out, errOut := w.run("now", "--format", allFields)
	if code != ExitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	golden.RequireEqual(t, []byte(out))
}

func TestNowFormatEpisodePaused(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	w.fake.SetIndex(3) // the podcast episode
	w.clock.Advance(90 * time.Second)
	w.fake.Pause()
	w.clock.Advance(time.Hour) // paused: the position stays
	code, out, errOut := w.run("now", "--format", allFields)
	if code != ExitOK || errOut != "" {
		t.Fatalf("paused with an item: exit %d, stderr %q; want 0", code, errOut)
	}
	golden.RequireEqual(t, []byte(out))
	if _, def, _ := w.run("now"); def != "The Curious Ear – Ep. 42 — Why Do Songs Get Stuck in Your Head?\n" {
		t.Errorf("default format for an episode: %q", def)
	}
}

func TestNowJSON(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	w.clock.Advance(12 * time.Second)
	code, out, errOut := w.run("now", "--json")
	if code != ExitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	// Image and context URLs point at the fake's random port.
	golden.RequireEqual(t, []byte(strings.ReplaceAll(out, w.url, "http://fake.test")))
}

func TestNowNothingPlayingExits1(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	w.fake.SetActiveDevice(false)
	for _, args := range [][]string{{"now"}, {"now", "--json"}} {
		code, out, errOut := w.run(args...)
		if code != ExitFailure || out != "" || !strings.Contains(errOut, "nothing is playing") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 1, nothing on stdout", args, code, out, errOut)
		}
	}
}

func TestNowAdExits1ButJSONShowsIt(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	w.fake.SetOverride("ad")
	code, out, errOut := w.run("now")
	if code != ExitFailure || out != "" || !strings.Contains(errOut, "an ad is playing") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, _ = w.run("now", "--json")
	if code != ExitFailure || !strings.Contains(out, `"currently_playing_type": "ad"`) {
		t.Errorf("--json: exit %d, stdout %q", code, out)
	}
}

func TestNowRefreshesAnExpiredToken(t *testing.T) {
	w := newWorld(t)
	oldAccess, oldRefresh := w.login(time.Now().Add(-time.Hour))
	code, out, errOut := w.run("now")
	if code != ExitOK || out != "The Velvet Orchards – Paper Lanterns\n" || errOut != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if n := w.fake.RequestCount(http.MethodPost, "/api/token"); n != 1 {
		t.Errorf("%d token requests, want 1 refresh", n)
	}
	tok := w.cached()
	if tok.AccessToken == oldAccess || tok.RefreshToken == oldRefresh || !tok.Expiry.After(time.Now()) {
		t.Errorf("the refreshed token was not saved: %+v", tok.Expiry)
	}
	// The next run uses the saved token without refreshing again.
	if code, _, _ := w.run("now"); code != ExitOK || w.fake.RequestCount(http.MethodPost, "/api/token") != 1 {
		t.Errorf("second run: exit %d, %d token requests", code, w.fake.RequestCount(http.MethodPost, "/api/token"))
	}
}

func TestNowWithoutALogin(t *testing.T) {
	w := newWorld(t)
	code, out, errOut := w.run("now")
	if code != ExitUsage || out != "" || !strings.Contains(errOut, "not logged in: run `spotui login`") {
		t.Errorf("exit %d, stdout %q, stderr %q; want 2 and the hint", code, out, errOut)
	}
	if n := len(w.fake.Requests()); n != 0 {
		t.Errorf("%d requests without a token", n)
	}
}

func TestNowExpiredSession(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(-time.Hour))
	w.fake.RevokeRefreshTokens()
	code, _, errOut := w.run("now")
	if code != ExitUsage || !strings.Contains(errOut, "expired: run `spotui login`") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestNowDamagedTokenFile(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	if err := os.WriteFile(w.env.TokenFile, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := w.run("now")
	if code != ExitUsage || !strings.Contains(errOut, "token.json.bad") || !strings.Contains(errOut, "spotui login") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestNowSpotifyError(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	w.fake.FailNext(fakespotify.Failure{Path: "/v1/me/player", Status: http.StatusServiceUnavailable})
	code, out, errOut := w.run("now")
	if code != ExitUsage || out != "" || !strings.Contains(errOut, "503") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if strings.Contains(errOut, "additional_types") || strings.Contains(errOut, w.url) {
		t.Errorf("the message quotes the request: %q", errOut)
	}
}

// A 429 is reported with the wait Spotify asked for; nothing is retried.
func TestNowRateLimited(t *testing.T) {
	for _, tt := range []struct {
		retryAfter int
		want       string
	}{
		{30, "spotui: Spotify is rate limiting spotui: try again in 30s\n"},
		{3725, "spotui: Spotify is rate limiting spotui: try again in 1h2m5s\n"},
		{0, "spotui: Spotify is rate limiting spotui: try again in a few seconds\n"},
	} {
		w := newWorld(t)
		w.login(time.Now().Add(time.Hour))
		w.fake.FailNext(fakespotify.Failure{Path: "/v1/me/player", Status: http.StatusTooManyRequests, RetryAfter: tt.retryAfter})
		code, out, errOut := w.run("now")
		if code != ExitUsage || out != "" || errOut != tt.want {
			t.Errorf("Retry-After %d: exit %d, stdout %q, stderr %q, want %q", tt.retryAfter, code, out, errOut, tt.want)
		}
		if n := w.fake.RequestCount("GET", "/v1/me/player"); n != 1 {
			t.Errorf("Retry-After %d: %d requests, want 1", tt.retryAfter, n)
		}
	}
}

func TestNowBadUsage(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"now", "--format", "{{.Title"}, "--format"},
		{[]string{"now", "--format", "{{.Nope}}"}, "Nope"},
		{[]string{"now", "--json", "--format", "x"}, "not both"},
		{[]string{"now", "--colour"}, "spotui now --help"},
		{[]string{"now", "extra"}, `unexpected argument "extra"`},
	} {
		code, out, errOut := w.run(tt.args...)
		if code != ExitUsage || out != "" || !strings.Contains(errOut, tt.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 2 mentioning %q", tt.args, code, out, errOut, tt.want)
		}
	}
}

func TestNowReadsTheConfigFile(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	if err := os.WriteFile(w.env.ConfigFile, []byte("art = \"off\"\nshiny = true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := w.run("now")
	if code != ExitOK || out == "" || !strings.Contains(errOut, `warning: config file `+w.env.ConfigFile+`, line 2: unknown setting "shiny"`) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if err := os.WriteFile(w.env.ConfigFile, []byte("art = \"off\"\nart = \"off\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = w.run("now")
	if code != ExitUsage || out != "" || !strings.Contains(errOut, "line 2") {
		t.Errorf("invalid file: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// --debug logs each request (path and status) and never a token.
func TestDebugLogHasRequestsAndNoTokens(t *testing.T) {
	w := newWorld(t)
	oldAccess, oldRefresh := w.login(time.Now().Add(-time.Hour)) // a refresh too
	if code, _, errOut := w.run("now", "--debug"); code != ExitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	data, err := os.ReadFile(w.env.LogFile)
	if err != nil {
		t.Fatal(err)
	}
	log, tok := string(data), w.cached()
	for _, want := range []string{`"path":"/v1/me/player"`, `"path":"/api/token"`, `"status":200`, `"method":"GET"`, `"ms":`} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %s:\n%s", want, log)
		}
	}
	for _, secret := range []string{oldAccess, oldRefresh, tok.AccessToken, tok.RefreshToken, "Bearer", "additional_types"} {
		if strings.Contains(log, secret) {
			t.Errorf("log contains %q:\n%s", secret, log)
		}
	}
	fi, _ := os.Stat(w.env.LogFile)
	di, _ := os.Stat(filepath.Dir(w.env.LogFile))
	if fi.Mode().Perm() != 0o600 || di.Mode().Perm() != 0o700 {
		t.Errorf("modes: file %v, dir %v", fi.Mode().Perm(), di.Mode().Perm())
	}
	// A second run appends.
	w.run("now", "--debug")
	if again, _ := os.ReadFile(w.env.LogFile); !strings.HasPrefix(string(again), log) || len(again) <= len(data) {
		t.Errorf("the log was not appended to")
	}
}

func TestNoDebugNoLog(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	w.run("now")
	if _, err := os.Stat(filepath.Dir(w.env.LogFile)); !os.IsNotExist(err) {
		t.Errorf("without --debug something was created: %v", err)
	}
}
