package ui

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/auth"
)

// Every message a user reads, as the screen shows it: one test per finding
// of the "words and states" review.

// flat is the screen with all white space removed, so a wrapped line still
// matches.
func flat(m Model) string {
	return strings.Join(strings.Fields(ansi.Strip(m.View())), "")
}

func wantOnScreen(t *testing.T, m Model, want []string, not []string) {
	t.Helper()
	f := flat(m)
	for _, w := range want {
		if !strings.Contains(f, strings.Join(strings.Fields(w), "")) {
			t.Errorf("screen lacks %q:\n%s", w, ansi.Strip(m.View()))
		}
	}
	for _, w := range not {
		if strings.Contains(f, strings.Join(strings.Fields(w), "")) {
			t.Errorf("screen shows %q:\n%s", w, ansi.Strip(m.View()))
		}
	}
}

// Hints name the key the user bound, not the default one.
func TestHintsFollowTheKeymap(t *testing.T) {
	rebound := map[string][]string{"login": {"g"}, "devices": {"v"}, "quit": {"Q"}}
	base := func(m Model) Model {
		m.keys = new(DefaultKeyMap().WithOverrides(rebound))
		return m
	}
	tests := []struct {
		name  string
		model func(t *testing.T) Model
		keys  []string
		want  []string
		not   []string
	}{
		{"logged out", func(t *testing.T) Model {
			m := base(New(Deps{Auth: auth.Config{ClientID: "x"}}))
			m.state = stateLoggedOut
			return m
		}, nil, []string{"Press g to log in with Spotify.", "g log in"}, []string{"press l", "Press l"}},
		{"space while logged out", func(t *testing.T) Model {
			m := base(New(Deps{Auth: auth.Config{ClientID: "x"}}))
			m.state = stateLoggedOut
			return m
		}, []string{"space"}, []string{"Not logged in — press g to log in."}, nil},
		{"corrupt token: one hint, not two", func(t *testing.T) Model {
			m := base(New(Deps{Auth: auth.Config{ClientID: "x"}}))
			m.state, m.err = stateError, &auth.CorruptTokenError{Path: "/tmp/t.json", Err: errors.New("bad")}
			return m
		}, nil, []string{"Token cache unreadable (/tmp/t.json)", "Press g to log in, Q to quit."}, []string{"press l", "— press"}},
		{"session expired", func(t *testing.T) Model {
			m := base(New(Deps{Auth: auth.Config{ClientID: "x"}}))
			m.state, m.err = stateError, errSessionExpired
			return m
		}, nil, []string{"Session expired", "Press g to log in again, Q to quit."}, []string{"press l"}},
		{"nothing playing", func(t *testing.T) Model { return base(connected(nil, 0)) },
			nil, []string{"or press v to pick a device.", "v devices"}, []string{"press d"}},
		{"like without the scope", func(t *testing.T) Model {
			m := base(live(t, fixture(t, "track.json")))
			m.sess.library = false
			return m
		}, []string{"f"}, []string{"press g to log in again"}, []string{"press l"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.model(t)
			for _, k := range tt.keys {
				m, _ = update(m, keyMsg(k))
			}
			wantOnScreen(t, m, tt.want, tt.not)
		})
	}
	if got := describeActionError(action{kind: actPlay}, &api.Error{Status: 404, Reason: api.ReasonNoActiveDevice}, DefaultKeyMap().WithOverrides(rebound)); !strings.Contains(got, "press v to pick one") {
		t.Errorf("no active device: %q", got)
	}
}

// Rebinding quit keeps ctrl+c: the one key every terminal program answers.
func TestRebindingQuitKeepsCtrlC(t *testing.T) {
	m := live(t, fixture(t, "track.json"))
	m.keys = new(DefaultKeyMap().WithOverrides(map[string][]string{"quit": {"Q"}}))
	for _, tt := range []struct {
		key  string
		quit bool
	}{{"ctrl+c", true}, {"Q", true}, {"q", false}} {
		_, cmd := update(m, keyMsg(tt.key))
		quits := false
		if cmd != nil {
			_, quits = cmd().(tea.QuitMsg)
		}
		if quits != tt.quit {
			t.Errorf("%s: quits = %v, want %v", tt.key, quits, tt.quit)
		}
	}
	wantOnScreen(t, m, []string{"Q quit"}, []string{"q quit"})
}

// The l label says what it does in each state.
func TestLoginLabelFitsTheState(t *testing.T) {
	for _, tt := range []struct {
		name  string
		state state
		want  string
		not   string
	}{
		{"logged in", stateConnected, "l log in again", ""},
		{"logged out", stateLoggedOut, "l log in", "log in again"},
		{"logging in", stateLoggingIn, "l start over", "log in again"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := connected(fixture(t, "track.json"), 0)
			m.state = tt.state
			if tt.state == stateLoggingIn {
				m.login = &loginRun{ctx: context.Background(), cancel: func() {}}
			}
			bar := ansi.Strip(m.View())
			bar = bar[strings.LastIndex(bar, "\n")+1:]
			if !strings.Contains(bar, tt.want) || (tt.not != "" && strings.Contains(bar, tt.not)) {
				t.Errorf("key bar %q, want %q", bar, tt.want)
			}
		})
	}
}

// esc during a login says the login was cancelled, not "logged out".
func TestEscCancelsTheLoginAndSaysSo(t *testing.T) {
	w := newWorld(t, func(d *Deps) { d.Open = func(context.Context, string) error { return nil } }) // nobody approves
	w.background = 1
	w.run(w.m.Init())
	w.until("the login URL", func(m Model) bool { return m.login != nil && m.login.url != "" })
	w.key("esc")
	w.background = 0
	w.settle()
	w.wantScreen("Login cancelled.", "Press l to try again.")
	if strings.Contains(w.screen(), "You are logged out.") {
		t.Errorf("a cancelled login claims a logout:\n%s", w.screen())
	}
	w.background = 1 // the new login's wait
	w.key("l")       // and l starts over, without the cancelled screen
	if w.m.state != stateLoggingIn || w.m.cancelled {
		t.Errorf("after l: state %v cancelled %v", w.m.state, w.m.cancelled)
	}
	w.m.login.cancel()
}

// esc on the onboarding screen asks first; the bar names the keys.
func TestOnboardingEscAsksBeforeQuitting(t *testing.T) {
	m := New(Deps{Auth: auth.Config{RedirectURI: auth.DefaultRedirectURI}})
	wantOnScreen(t, m, []string{"esc/ctrl+c quit"}, nil)
	m, _ = update(m, keyMsg("a")) // typed text survives the question
	m, cmd := update(m, keyMsg("esc"))
	if cmd != nil {
		if _, quit := cmd().(tea.QuitMsg); quit {
			t.Fatal("esc quit at once")
		}
	}
	wantOnScreen(t, m, []string{"Quit spotui? Press y to quit, n/esc to keep going.", "y quit", "n/esc keep going"}, nil)
	back, _ := update(m, keyMsg("n"))
	wantOnScreen(t, back, []string{"No account at hand?"}, []string{"Quit spotui?"})
	if back.onboard.input.Value() != "a" {
		t.Errorf("field %q after n, want the typed text kept", back.onboard.input.Value())
	}
	m, _ = update(back, keyMsg("esc"))
	_, cmd = update(m, keyMsg("y"))
	if cmd == nil {
		t.Fatal("y: no cmd")
	}
	if _, quit := cmd().(tea.QuitMsg); !quit {
		t.Error("y does not quit")
	}
}

// A control key that can't act says why instead of doing nothing.
func TestUnavailableKeysSayWhy(t *testing.T) {
	for _, tt := range []struct {
		name  string
		model func(t *testing.T) Model
		key   string
		want  string
	}{
		{"space logged out", func(t *testing.T) Model {
			m := New(Deps{Auth: auth.Config{ClientID: "x"}})
			m.state = stateLoggedOut
			return m
		}, "space", "Not logged in — press l to log in."},
		{"n after an error", func(t *testing.T) Model {
			m := New(Deps{Auth: auth.Config{ClientID: "x"}})
			m.state, m.err = stateError, errSessionExpired
			return m
		}, "n", "Not logged in — press l to log in."},
		{"space while logging in", func(t *testing.T) Model {
			m := New(Deps{Auth: auth.Config{ClientID: "x"}})
			m.state, m.login = stateLoggingIn, &loginRun{ctx: context.Background(), cancel: func() {}}
			return m
		}, "space", "Finish logging in first (esc cancels the login)."},
		{"space with nothing playing", func(t *testing.T) Model { return connected(nil, 0) },
			"space", "Nothing is playing — press d to pick a device."},
		{"x when logged out", func(t *testing.T) Model {
			m := New(Deps{Auth: auth.Config{ClientID: "x"}})
			m.state = stateLoggedOut
			return m
		}, "x", "You are already logged out."},
		{"volume at the top", func(t *testing.T) Model {
			cp := fixture(t, "track.json")
			cp.Device.VolumePercent = new(100)
			return live(t, cp)
		}, "+", "The volume is already at 100%."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, cmd := update(tt.model(t), keyMsg(tt.key))
			if cmd == nil {
				t.Error("no cmd: the notice never clears")
			}
			wantOnScreen(t, m, []string{tt.want}, nil)
		})
	}
}

// f on an episode saves it to Your Episodes (Spotify's /me/library files
// episodes there), and the notice says so.
func TestLikeAnEpisodeSaysYourEpisodes(t *testing.T) {
	w := newWorld(t)
	w.start()
	w.fake.SetIndex(3) // the demo's episode
	w.advance(pollPlaying)
	it, _, _ := w.fake.Current()
	uri := "spotify:episode:" + it.ID
	w.key("f")
	if !w.fake.IsSaved(uri) {
		t.Fatalf("f did not save %s", uri)
	}
	w.wantScreen("Saved to Your Episodes.")
	w.key("f")
	w.wantScreen("Removed from Your Episodes.")
	if strings.Contains(w.screen(), "Liked Songs") {
		t.Errorf("an episode is said to be in Liked Songs:\n%s", w.screen())
	}
}

// Resuming after a pause shows the paused position at once and moves on
// from there: the key brings the model's clock up to date.
func TestClockAfterResume(t *testing.T) {
	w := newWorld(t)
	w.start()
	w.advance(21 * time.Second)
	w.key("space") // pause
	paused := fmtDuration(w.m.elapsed())
	w.advance(25 * time.Second) // nothing on screen moves while paused
	w.key("space")              // resume
	w.wantScreen("▶ " + paused)
	w.advance(1500 * time.Millisecond) // past the next tick: a second on, not 26
	want := fmtDuration(mustParseClock(t, paused) + time.Second)
	w.wantScreen("▶ " + want)
}

func mustParseClock(t *testing.T, s string) time.Duration {
	t.Helper()
	var m, sec int
	if _, err := fmt.Sscanf(s, "%d:%d", &m, &sec); err != nil {
		t.Fatal(err)
	}
	return time.Duration(m)*time.Minute + time.Duration(sec)*time.Second
}

// Network failures read as one plain sentence; Go's text never shows.
func TestNetworkErrorsAreOneSentence(t *testing.T) {
	dns := &url.Error{Op: "Post", URL: "https://accounts.spotify.com/api/token", Err: &net.OpError{Op: "dial", Net: "tcp",
		Err: &net.DNSError{Err: "no such host", Name: "accounts.spotify.com", Server: "127.0.0.53:53", IsNotFound: true}}}
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"dns at login", &auth.TokenError{Op: "log in", Err: dns}, "Couldn't log in: can't reach Spotify — check your connection."},
		{"refused at login", &auth.TokenError{Op: "log in", Err: refused}, "Couldn't log in: can't reach Spotify — check your connection."},
		{"timeout", &url.Error{Op: "Get", URL: "x", Err: context.DeadlineExceeded}, "Can't reach Spotify — check your connection."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := New(Deps{Auth: auth.Config{ClientID: "x"}})
			ctx, cancel := context.WithCancel(context.Background())
			m.state, m.loginGen = stateLoggingIn, 3
			m.login = &loginRun{ctx: ctx, cancel: cancel}
			m, _ = update(m, loginDoneMsg{gen: 3, err: tt.err})
			wantOnScreen(t, m, []string{tt.want, "Press l to try again"}, []string{"dial tcp", "no such host", "lookup", "127.0.0.53"})
		})
	}
	m := live(t, fixture(t, "track.json"))
	m, _ = update(m, actionDoneMsg{sess: m.sess, action: action{kind: actPause}, err: dns})
	wantOnScreen(t, m, []string{"Couldn't pause: can't reach Spotify — check your connection."}, []string{"no such host"})
}

// Copying says what happened: the text went to the terminal (OSC 52), which
// may or may not pass it on; where tmux drops it, it says so and shows it.
func TestClipboardNoticesAreHonest(t *testing.T) {
	for _, tt := range []struct {
		name    string
		blocked string
		model   func(t *testing.T, d Deps) Model
		key     string
		copied  string
		want    string
	}{
		{"link", "", func(t *testing.T, d Deps) Model {
			m := live(t, fixture(t, "track.json"))
			m.deps.Copy, m.deps.ClipboardBlocked = d.Copy, d.ClipboardBlocked
			return m
		}, "c", "https://open.spotify.com/track/", "Sent the link to the terminal's clipboard (OSC 52)."},
		{"link in tmux without set-clipboard", "tmux's set-clipboard is external", func(t *testing.T, d Deps) Model {
			m := live(t, fixture(t, "track.json"))
			m.deps.Copy, m.deps.ClipboardBlocked = d.Copy, d.ClipboardBlocked
			return m
		}, "c", "", "Can't copy: tmux's set-clipboard is external (tmux: set -g set-clipboard on). Select it: https://open.spotify.com/track/"},
		{"redirect URI", "", func(t *testing.T, d Deps) Model {
			d.Auth = auth.Config{RedirectURI: auth.DefaultRedirectURI}
			return New(d)
		}, "ctrl+y", auth.DefaultRedirectURI, "Sent the redirect URI to the terminal's clipboard (OSC 52)."},
		{"redirect URI in tmux", "tmux's set-clipboard is off", func(t *testing.T, d Deps) Model {
			d.Auth = auth.Config{RedirectURI: auth.DefaultRedirectURI}
			return New(d)
		}, "ctrl+y", "", "Can't copy: tmux's set-clipboard is off (tmux: set -g set-clipboard on). Select it: " + auth.DefaultRedirectURI},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var got string
			d := Deps{Copy: func(s string) error { mu.Lock(); got = s; mu.Unlock(); return nil }, ClipboardBlocked: tt.blocked}
			m := tt.model(t, d)
			m.width, m.height = 200, 24
			msg := keyMsg(tt.key)
			if tt.key == "ctrl+y" {
				msg = tea.KeyMsg{Type: tea.KeyCtrlY}
			}
			m, cmd := update(m, msg)
			if tt.blocked == "" && cmd != nil { // run the copy and show its notice
				if n, ok := cmd().(noticeMsg); ok {
					m, _ = update(m, n)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			if !strings.HasPrefix(got, tt.copied) || (tt.copied == "") != (got == "") {
				t.Errorf("clipboard got %q, want %q", got, tt.copied)
			}
			wantOnScreen(t, m, []string{tt.want}, []string{"Copied"})
		})
	}
}

// The config file's warnings show on screen at start.
func TestConfigWarningsShowOnScreen(t *testing.T) {
	warn := `config file /home/u/.config/spotui/config.toml, line 3: unknown setting "colour", ignored`
	for _, tt := range []struct {
		name     string
		warnings []string
		want     string
	}{
		{"one", []string{warn}, `line 3: unknown setting "colour", ignored.`},
		{"two", []string{warn, "another"}, "(and 1 more warnings, printed when spotui quits)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := New(Deps{Auth: auth.Config{ClientID: "x"}, Warnings: tt.warnings})
			wantOnScreen(t, m, []string{"Config file /home/u/.config/spotui/config.toml,", tt.want}, nil)
			if m.Init() == nil {
				t.Error("Init: nothing clears the warning")
			}
		})
	}
}
