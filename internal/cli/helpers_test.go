package cli

import (
	"bytes"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spotui/spotui/auth"
	"github.com/spotui/spotui/config"
	"github.com/spotui/spotui/internal/clocktest"
	"github.com/spotui/spotui/internal/fakelrclib"
	"github.com/spotui/spotui/internal/fakespotify"
	"golang.org/x/oauth2"
)

// redirectURI has no port, so each login picks a free one.
const redirectURI = "http://127.0.0.1/callback"

// world is one test's fake Spotify, files and environment.
type world struct {
	t     *testing.T
	fake  *fakespotify.Server
	lrc   *fakelrclib.Server // the lyrics service (SPOTUI_LYRICS_URL)
	url   string
	clock *clocktest.Clock // the fake's: fixed unless a test moves it, so output never changes between runs
	vars  map[string]string
	env   Env
	stdin io.Reader
}

func newWorld(t *testing.T) *world {
	t.Helper()
	clk := clocktest.New(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	fake := fakespotify.New(fakespotify.Options{Now: clk.Now, RedirectURIs: []string{redirectURI}})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	t.Cleanup(func() {
		if v := fake.Violations(); len(v) > 0 {
			t.Errorf("the fake saw rule violations: %q", v)
		}
	})
	lrc := fakelrclib.New(nil, clk.Now)
	lrcSrv := httptest.NewServer(lrc)
	t.Cleanup(lrcSrv.Close)
	t.Cleanup(func() {
		if v := lrc.Violations(); len(v) > 0 {
			t.Errorf("the lyrics fake saw violations: %q", v)
		}
	})
	dir := t.TempDir()
	// The sockets' directory: short (a socket path has ~100 bytes), and
	// never the user's real one.
	run, err := os.MkdirTemp("", "sp")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(run) })
	w := &world{t: t, fake: fake, lrc: lrc, url: srv.URL, clock: clk, stdin: strings.NewReader("")}
	w.vars = map[string]string{
		config.EnvClientID:    fakespotify.DemoClientID,
		config.EnvRedirectURI: redirectURI,
		config.EnvAccountsURL: srv.URL,
		config.EnvAPIURL:      srv.URL + "/v1",
		config.EnvLyricsURL:   lrcSrv.URL,
		"XDG_RUNTIME_DIR":     run,
	}
	w.env = Env{
		Getenv:     func(k string) string { return w.vars[k] },
		ConfigFile: filepath.Join(dir, "config", "spotui", "config.toml"),
		TokenFile:  filepath.Join(dir, "config", "spotui", "token.json"),
		LogFile:    filepath.Join(dir, "state", "spotui", "spotui.log"),
		// Never the user's cache.
		LyricsCache: filepath.Join(dir, "cache", "spotui", "lyrics"),
	}
	return w
}

// run runs spotui with args and returns its exit code and output.
func (w *world) run(args ...string) (code int, stdout, stderr string) {
	w.t.Helper()
	var out, errOut bytes.Buffer
	code = Run(args, w.env, w.stdin, &out, &errOut)
	if strings.Contains(errOut.String(), "goroutine ") {
		w.t.Errorf("stack dump on stderr:\n%s", errOut.String())
	}
	return code, out.String(), errOut.String()
}

// login caches a token pair from the fake that expires at expiry (on the
// real clock, which is the one spotui reads).
func (w *world) login(expiry time.Time) (access, refresh string) {
	w.t.Helper()
	access, refresh = w.fake.IssueTokens(strings.Fields(auth.Scope)...)
	tok := &oauth2.Token{AccessToken: access, RefreshToken: refresh, TokenType: "Bearer", Expiry: expiry}
	if err := auth.NewStore(w.env.TokenFile).Save(tok); err != nil {
		w.t.Fatal(err)
	}
	return access, refresh
}

// cached is the token in the cache now.
func (w *world) cached() *oauth2.Token {
	w.t.Helper()
	tok, err := auth.NewStore(w.env.TokenFile).Load()
	if err != nil {
		w.t.Fatal(err)
	}
	return tok
}
