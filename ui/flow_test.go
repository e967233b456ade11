package ui

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spotui/spotui/auth"
	"github.com/spotui/spotui/internal/fakespotify"
	"github.com/spotui/spotui/ui/cover"
	"golang.org/x/oauth2"
)

const cpPath = "/v1/me/player" // the poll: GET /me/player

// world is the UI wired to a fake Spotify over real HTTP, with one fake
// clock for both.
type world struct {
	*driver
	fake      *fakespotify.Server
	store     *auth.Store
	tokenPath string
}

// newWorld builds the world; opts adjust the UI's dependencies first.
func newWorld(t testing.TB, opts ...func(*Deps)) *world {
	t.Helper()
	clock := newClock()
	fake := fakespotify.New(fakespotify.Options{Now: clock.Now, RedirectURIs: []string{"http://127.0.0.1/callback"}})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	path := filepath.Join(t.TempDir(), "spotui", "token.json")
	store := auth.NewStore(path)
	deps := Deps{
		Auth: auth.Config{
			ClientID: fakespotify.DemoClientID, RedirectURI: "http://127.0.0.1/callback",
			AccountsURL: srv.URL, Now: clock.Now,
		},
		Store:  store,
		APIURL: srv.URL + "/v1",
		Open:   fakespotify.Approve,
		Cover:  cover.Options{Mode: cover.ModeOff}, // most flows are about text
	}
	for _, o := range opts {
		o(&deps)
	}
	w := &world{driver: newDriver(t, deps, clock), fake: fake, store: store, tokenPath: path}
	t.Cleanup(func() {
		if v := fake.Violations(); len(v) > 0 {
			t.Errorf("the fake saw rule violations: %q", v)
		}
	})
	return w
}

// start runs Init and lets the login (or token load) and first poll finish.
func (w *world) start() {
	w.t.Helper()
	w.run(w.m.Init())
	w.settle()
}

// wantScreen checks that each part is on screen, ignoring white space so a
// line wrapped at any point still counts.
func (w *world) wantScreen(parts ...string) {
	w.t.Helper()
	s := w.screen()
	flat := strings.Join(strings.Fields(s), "")
	for _, p := range parts {
		if !strings.Contains(flat, strings.Join(strings.Fields(p), "")) {
			w.t.Fatalf("screen lacks %q:\n%s", p, s)
		}
	}
}

func (w *world) current() string {
	it, _, _ := w.fake.Current()
	return it.Name
}

func TestFirstRunLogsInSavesTokenAndShowsTheTrack(t *testing.T) {
	w := newWorld(t)
	w.start()
	if w.m.state != stateConnected {
		t.Fatalf("state %v; screen:\n%s", w.m.state, w.screen())
	}
	it, _, _ := w.fake.Current()
	w.wantScreen(it.Name, it.Artists[0], it.Album, "▶ playing", "0:00")

	st, err := os.Stat(w.tokenPath)
	if err != nil {
		t.Fatalf("token not saved: %v", err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("token file mode %v", st.Mode().Perm())
	}
	if dir, _ := os.Stat(filepath.Dir(w.tokenPath)); dir.Mode().Perm() != 0o700 {
		t.Errorf("token dir mode %v", dir.Mode().Perm())
	}
	var sawExchange bool
	for _, r := range w.fake.Requests() {
		if r.Path == "/api/token" {
			sawExchange = true
			if r.HasAuthorizationHeader || r.Form.Get("client_secret") != "" || r.Form.Get("code_verifier") == "" {
				t.Errorf("token request: auth header %v, form %v", r.HasAuthorizationHeader, r.Form)
			}
		}
	}
	if !sawExchange {
		t.Error("no token exchange seen")
	}
	// No secret reaches the screen.
	b, _ := os.ReadFile(w.tokenPath)
	if strings.Contains(w.m.View(), "access_token") || strings.Contains(string(b), "client_secret") {
		t.Error("secret leaked")
	}
}

func TestProgressTicksLocallyAndPollsEveryFiveSeconds(t *testing.T) {
	w := newWorld(t)
	w.start()
	before := w.fake.RequestCount("GET", cpPath)
	w.advance(3100 * time.Millisecond) // the tick lands just after each second
	w.wantScreen("0:03")
	if n := w.fake.RequestCount("GET", cpPath) - before; n != 0 {
		t.Errorf("%d polls in the first 3 s: progress must move on the local tick", n)
	}
	w.advance(26900 * time.Millisecond)
	w.wantScreen("0:30")
	if n := w.fake.RequestCount("GET", cpPath) - before; n != 6 {
		t.Errorf("%d polls in 30 s of playing, want 6 (every 5 s)", n)
	}
}

func TestNaturalTrackChangeShowsAtOnce(t *testing.T) {
	w := newWorld(t)
	w.start()
	first, _, _ := w.fake.Current()
	w.advance(time.Duration(first.DurationMS)*time.Millisecond + 500*time.Millisecond)
	next := w.current()
	if next == first.Name {
		t.Fatal("the fake did not advance")
	}
	w.wantScreen(next, "0:00")
}

func TestControlsReachSpotifyAndTheScreen(t *testing.T) {
	w := newWorld(t)
	w.start()
	first := w.current()

	w.key("n")
	if w.fake.RequestCount("POST", "/v1/me/player/next") != 1 {
		t.Fatal("n did not POST /me/player/next")
	}
	w.advance(afterAction)
	second := w.current()
	if second == first {
		t.Fatal("fake did not skip")
	}
	w.wantScreen(second)

	w.key("space")
	if w.fake.RequestCount("PUT", "/v1/me/player/pause") != 1 {
		t.Fatal("space did not PUT /me/player/pause")
	}
	w.wantScreen("⏸ paused")
	w.advance(afterAction)
	if _, _, playing := w.fake.Current(); playing {
		t.Error("fake still playing")
	}
	w.key("space")
	if w.fake.RequestCount("PUT", "/v1/me/player/play") != 1 {
		t.Fatal("space did not PUT /me/player/play")
	}
	w.wantScreen("▶ playing")

	w.key("p")
	if w.fake.RequestCount("POST", "/v1/me/player/previous") != 1 {
		t.Fatal("p did not POST /me/player/previous")
	}
	w.advance(afterAction)
	w.wantScreen(first)
}

func TestPlayerErrorsAreReadable(t *testing.T) {
	w := newWorld(t)
	w.start()
	w.fake.SetPremium(false)
	w.key("n")
	w.wantScreen("Spotify Premium is required to control playback.")

	w.fake.SetPremium(true)
	w.fake.SetActiveDevice(false)
	w.key("n")
	w.wantScreen("No active device")
	w.advance(afterAction)
	w.wantScreen("Nothing is playing.")
}

func TestLogoutRemovesTokenAndStopsPolling(t *testing.T) {
	w := newWorld(t)
	w.start()
	w.key("x")
	if _, err := os.Stat(w.tokenPath); !os.IsNotExist(err) {
		t.Fatalf("token file still there: %v", err)
	}
	w.wantScreen("You are logged out.", "removed "+w.tokenPath)
	before := w.fake.RequestCount("GET", cpPath)
	w.advance(time.Minute)
	if n := w.fake.RequestCount("GET", cpPath) - before; n != 0 {
		t.Errorf("%d polls after logout", n)
	}
}

func TestLoginAgainKeepsOnePollLoop(t *testing.T) {
	w := newWorld(t)
	w.start()
	for i := 0; i < 3; i++ {
		w.key("l")
		if w.m.state != stateConnected {
			t.Fatalf("re-login %d: state %v\n%s", i, w.m.state, w.screen())
		}
	}
	before := w.fake.RequestCount("GET", cpPath)
	w.advance(20 * time.Second)
	if n := w.fake.RequestCount("GET", cpPath) - before; n != 4 {
		t.Errorf("%d polls in 20 s after three re-logins, want 4: a loop leaked", n)
	}
}

func TestRefusedLoginSavesNothing(t *testing.T) {
	w := newWorld(t)
	w.fake.DenyNextLogin()
	w.start()
	if w.m.state != stateError {
		t.Fatalf("state %v", w.m.state)
	}
	w.wantScreen("Press l to log in")
	if !strings.Contains(strings.ToLower(w.screen()), "refused") && !strings.Contains(strings.ToLower(w.screen()), "denied") {
		t.Errorf("screen does not say the login was refused:\n%s", w.screen())
	}
	if _, err := os.Stat(w.tokenPath); !os.IsNotExist(err) {
		t.Error("a refused login saved a token")
	}
	w.key("l") // and the next try works
	if w.m.state != stateConnected {
		t.Fatalf("retry: state %v\n%s", w.m.state, w.screen())
	}
}

func TestCachedTokenIsUsedAndRefreshedSilently(t *testing.T) {
	w := newWorld(t)
	access, refresh := w.fake.IssueTokens(strings.Fields(auth.Scope)...)
	tok := (&oauth2.Token{AccessToken: access, RefreshToken: refresh, TokenType: "Bearer",
		Expiry: w.clock.Now().Add(time.Hour)}).WithExtra(map[string]any{"scope": auth.Scope})
	if err := w.store.Save(tok); err != nil {
		t.Fatal(err)
	}
	w.start()
	w.wantScreen(w.current())
	if w.fake.RequestCount("GET", "/authorize") != 0 {
		t.Error("a cached token must not open the login")
	}

	w.fake.ExpireAccessTokens() // the server says 401 although our clock says valid
	w.advance(5 * time.Second)
	w.wantScreen(w.current(), "▶ playing")
	saved, err := w.store.Load()
	if err != nil || saved.AccessToken == access {
		t.Errorf("refreshed token not persisted: %v", err)
	}
}

func TestRevokedRefreshTokenAsksForLogin(t *testing.T) {
	w := newWorld(t)
	w.start()
	w.fake.RevokeRefreshTokens()
	w.fake.ExpireAccessTokens()
	w.advance(5 * time.Second)
	w.wantScreen("Session expired", "Press l to log in again")
	before := len(w.fake.Requests())
	w.advance(time.Minute)
	if n := len(w.fake.Requests()) - before; n != 0 {
		t.Errorf("%d requests after the session expired: must wait for the user", n)
	}
}

// writeTokenFile puts content where the token cache lives, as a damaged
// file on disk would be.
func (w *world) writeTokenFile(content string) {
	w.t.Helper()
	if err := os.MkdirAll(filepath.Dir(w.tokenPath), 0o700); err != nil {
		w.t.Fatal(err)
	}
	if err := os.WriteFile(w.tokenPath, []byte(content), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

func TestCorruptTokenFileIsReported(t *testing.T) {
	w := newWorld(t)
	w.writeTokenFile("{not json")
	w.start()
	w.wantScreen("Token cache unreadable", "Press l to log in")
	w.key("l")
	w.wantScreen("▶ playing")
}

func TestRateLimitWaitsRetryAfter(t *testing.T) {
	w := newWorld(t)
	w.start()
	w.fake.FailNext(fakespotify.Failure{Method: "GET", Path: cpPath, Status: 429, RetryAfter: 7})
	w.advance(5 * time.Second)
	w.wantScreen("rate limited, retrying in 7s")
	before := w.fake.RequestCount("GET", cpPath)
	w.advance(6900 * time.Millisecond)
	if n := w.fake.RequestCount("GET", cpPath) - before; n != 0 {
		t.Fatalf("%d requests inside the Retry-After window", n)
	}
	w.advance(200 * time.Millisecond)
	if n := w.fake.RequestCount("GET", cpPath) - before; n != 1 {
		t.Fatalf("%d requests right after the window, want 1", n)
	}
	w.wantScreen("▶ playing")
}

func TestLoosePermissionsAreFixedWithANotice(t *testing.T) {
	w := newWorld(t)
	access, refresh := w.fake.IssueTokens(strings.Fields(auth.Scope)...)
	tok := (&oauth2.Token{AccessToken: access, RefreshToken: refresh, TokenType: "Bearer",
		Expiry: w.clock.Now().Add(time.Hour)}).WithExtra(map[string]any{"scope": auth.Scope})
	if err := w.store.Save(tok); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(w.tokenPath, 0o644); err != nil {
		t.Fatal(err)
	}
	w.start()
	w.wantScreen("fixed to 0600", w.current())
	if st, _ := os.Stat(w.tokenPath); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
}

func TestCorruptTokenIsMovedAsideNotLost(t *testing.T) {
	w := newWorld(t)
	w.writeTokenFile("{broken")
	w.start()
	w.wantScreen("moved to "+w.tokenPath+".bad", "Press l to log in")
	if b, err := os.ReadFile(w.tokenPath + ".bad"); err != nil || string(b) != "{broken" {
		t.Errorf("the bad file was not kept: %q %v", b, err)
	}
}
