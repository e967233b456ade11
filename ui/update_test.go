package ui

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/auth"
)

func keyMsg(k string) tea.KeyMsg {
	switch k {
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// live is a connected model whose session can be cancelled.
func live(t *testing.T, cp *api.PlaybackState) Model {
	m := connected(cp, 0)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	m.sess = &session{ctx: ctx, cancel: cancel}
	m.jitter = func() float64 { return 0 }
	return m
}

func update(m Model, msg tea.Msg) (Model, tea.Cmd) {
	mm, cmd := m.Update(msg)
	return mm.(Model), cmd
}

func TestOnboardingTakesAClientID(t *testing.T) {
	var saved []string
	m := New(Deps{Auth: auth.Config{RedirectURI: auth.DefaultRedirectURI},
		SaveClientID: func(id string) error { saved = append(saved, id); return nil }})
	if m.Init() != nil {
		t.Error("Init without a client ID must do no I/O")
	}
	// Keys are text here: l, x, q and space type, they don't act.
	for _, k := range []string{"l", "x", "q", "space", "n"} {
		var cmd tea.Cmd
		m, cmd = update(m, keyMsg(k))
		if m.state != stateNeedsClientID || (cmd != nil && cmd() == tea.Quit()) {
			t.Fatalf("key %q left onboarding", k)
		}
	}
	m, _ = update(m, tea.KeyMsg{Type: tea.KeyEnter})
	if !strings.Contains(ansi.Strip(m.View()), "That isn't a client ID") || len(saved) != 0 {
		t.Fatalf("a bad ID was accepted:\n%s", ansi.Strip(m.View()))
	}
	m.onboard.input.SetValue(" 0123456789abcdef0123456789ABCDEF ")
	m, cmd := update(m, tea.KeyMsg{Type: tea.KeyEnter})
	if cmd == nil {
		t.Fatal("enter did not save")
	}
	m, cmd = update(m, cmd())
	if len(saved) != 1 || saved[0] != "0123456789abcdef0123456789ABCDEF" {
		t.Errorf("saved %q", saved)
	}
	if m.state != stateLoggingIn || m.ClientID() != saved[0] || cmd == nil {
		t.Errorf("after saving: state %v, client %q", m.state, m.ClientID())
	}
	m.login.cancel()
}

func TestOnboardingQuitsWithCtrlC(t *testing.T) {
	m := New(Deps{Auth: auth.Config{RedirectURI: auth.DefaultRedirectURI}})
	for _, keys := range [][]string{{"ctrl+c"}, {"esc", "y"}, {"esc", "ctrl+c"}} {
		mm := m
		var cmd tea.Cmd
		for _, k := range keys {
			mm, cmd = update(mm, keyMsg(k))
		}
		if cmd == nil {
			t.Fatalf("%v: no cmd", keys)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Errorf("%v does not quit", keys)
		}
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "http://127.0.0.1:8974/callback") || !strings.Contains(v, "ctrl+y") {
		t.Errorf("onboarding lacks the redirect URI or its copy key:\n%s", v)
	}
}

func TestTokenLoaded(t *testing.T) {
	corrupt := &auth.CorruptTokenError{Path: "/tmp/x/token.json", Err: errors.New("invalid character")}
	tests := []struct {
		name      string
		msg       tokenLoadedMsg
		wantState state
		wantCmd   bool
		wantView  []string
	}{
		{"no token starts the login", tokenLoadedMsg{err: auth.ErrNoToken}, stateLoggingIn, true, []string{"Log in to Spotify"}},
		{"corrupt token is reported", tokenLoadedMsg{err: corrupt}, stateError, false,
			[]string{"Token cache unreadable", "/tmp/x/token.json", "Press l to log in, q to quit."}},
		{"other read error", tokenLoadedMsg{err: errors.New("permission denied")}, stateError, false,
			[]string{"Couldn't read the token cache: permission denied"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New(Deps{Auth: auth.Config{ClientID: "x"}})
			m, cmd := update(m, tt.msg)
			if m.state != tt.wantState || (cmd != nil) != tt.wantCmd {
				t.Fatalf("state %v cmd %v", m.state, cmd != nil)
			}
			if m.login != nil {
				m.login.cancel()
			}
			view := ansi.Strip(m.View())
			for _, w := range tt.wantView {
				if !strings.Contains(strings.Join(strings.Fields(view), " "), w) {
					t.Errorf("view lacks %q:\n%s", w, view)
				}
			}
		})
	}
}

func TestStaleMessagesAreDropped(t *testing.T) {
	m := live(t, fixture(t, "track.json"))
	old := m.pollGen - 1
	for _, msg := range []tea.Msg{
		nowPlayingMsg{gen: old, cp: nil, at: t0},
		pollMsg{gen: old},
		tickMsg{gen: m.tickGen - 1, at: t0.Add(time.Hour)},
		actionDoneMsg{sess: &session{}, err: errors.New("boom")},
		loginDoneMsg{gen: m.loginGen - 1},
	} {
		got, cmd := update(m, msg)
		if cmd != nil || got.np != m.np || got.now != m.now || got.notice != "" || got.state != stateConnected {
			t.Errorf("%T with an old generation changed the model", msg)
		}
	}
}

func TestPollAnswers(t *testing.T) {
	track := fixture(t, "track.json")
	tests := []struct {
		name      string
		err       error
		wantState state
		wantNote  string
		wantView  string
	}{
		{"rate limited", &api.Error{Status: 429, Message: "Too Many Requests", RetryAfter: 7 * time.Second}, stateConnected,
			"rate limited, retrying in 7s", "Yume no Naka e"},
		{"quota", &api.Error{Status: 429, Message: "QUOTA_EXCEEDED", RetryAfter: 30 * time.Second}, stateConnected,
			"rate limited (QUOTA_EXCEEDED), retrying in 30s", "offline"},
		{"server error", &api.Error{Status: 503, Message: "Service Unavailable"}, stateConnected,
			"Spotify is having trouble (503) — retrying in 1s", "Yume no Naka e"},
		{"no network", &net.OpError{Op: "dial", Err: errors.New("connection refused")}, stateConnected,
			"can't reach Spotify, retrying in 1s — check your connection", "Yume no Naka e"},
		{"timeout", context.DeadlineExceeded, stateConnected, "can't reach Spotify, retrying in 1s — check your connection", ""},
		{"unreadable", &api.BadReplyError{Path: "/me/player/currently-playing", Err: errors.New("bad")}, stateConnected,
			"Spotify sent a reply spotui can't read — retrying in 1s", ""},
		{"expired twice", &api.Error{Status: 401, Message: "The access token expired"}, stateError, "", "Press l to log in again"},
		{"refresh refused", auth.ErrSessionExpired, stateError, "", "Session expired"},
		{"missing scope", &api.Error{Status: 403, Message: "Insufficient client scope"}, stateError, "", "needs more permissions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := live(t, track)
			m, cmd := update(m, nowPlayingMsg{gen: m.pollGen, err: tt.err, at: t0})
			if m.state != tt.wantState || m.pollNote() != tt.wantNote {
				t.Fatalf("state %v, note %q", m.state, m.pollNote())
			}
			if (tt.wantState == stateConnected) != (cmd != nil) {
				t.Errorf("retry scheduled = %v", cmd != nil)
			}
			view := ansi.Strip(m.View())
			if !strings.Contains(view, tt.wantView) || (tt.wantNote != "" && !strings.Contains(view, tt.wantNote)) {
				t.Errorf("view:\n%s", view)
			}
		})
	}
}

func TestBackoffGrowsAndResets(t *testing.T) {
	m := live(t, fixture(t, "track.json"))
	fail := &api.Error{Status: 502}
	for _, want := range []string{"1s", "2s", "3s", "5s", "7s", "11s", "17s", "27s", "43s", "60s", "60s"} {
		m, _ = update(m, nowPlayingMsg{gen: m.pollGen, err: fail, at: t0})
		if !strings.HasSuffix(m.pollNote(), "retrying in "+want) {
			t.Fatalf("note %q, want retry in %s", m.pollNote(), want)
		}
	}
	m, _ = update(m, nowPlayingMsg{gen: m.pollGen, cp: fixture(t, "track.json"), at: t0})
	if m.failures != 0 || m.pollNote() != "" || m.pollErr != nil || !m.retryAt.IsZero() {
		t.Errorf("success did not reset: %d %q %v", m.failures, m.pollNote(), m.pollErr)
	}
}

func TestControlErrorsReadable(t *testing.T) {
	tests := []struct {
		err  error
		act  actionKind
		want string
	}{
		{&api.Error{Status: 403, Reason: api.ReasonPremiumRequired, Message: "Player command failed: Premium required"}, actNext,
			"Spotify Premium is required to control playback."},
		{&api.Error{Status: 404, Reason: api.ReasonNoActiveDevice, Message: "Player command failed: No active device found"}, actPlay,
			"No active device: start Spotify on a device, or press d to pick one."},
		{&api.Error{Status: 403, Reason: "UNKNOWN", Message: "Player command failed: Restriction violated"}, actPause,
			"Spotify won't pause right now (player command failed: Restriction violated)."},
		{&api.Error{Status: 429, RetryAfter: 3 * time.Second}, actPrevious, "Spotify is rate limiting: try to go back again in 3s."},
		{&api.Error{Status: 500, Message: "Internal Server Error"}, actNext, "Spotify had a problem (500): try to skip again."},
		{&net.OpError{Op: "dial", Err: errors.New("refused")}, actNext, "Couldn't skip: can't reach Spotify — check your connection."},
	}
	for _, tt := range tests {
		m := live(t, fixture(t, "track.json"))
		m, cmd := update(m, actionDoneMsg{sess: m.sess, action: action{kind: tt.act}, err: tt.err})
		if m.notice != tt.want || !m.noticeErr || cmd == nil {
			t.Errorf("%v: notice %q", tt.err, m.notice)
		}
		if !strings.Contains(ansi.Strip(m.View()), tt.want) {
			t.Errorf("view lacks %q", tt.want)
		}
		if strings.Contains(m.View(), "{") {
			t.Errorf("raw JSON on screen:\n%s", m.View())
		}
	}
}

func TestPlayPauseIsOptimistic(t *testing.T) {
	m := live(t, fixture(t, "track.json"))
	m.now = t0.Add(2 * time.Second)
	m, cmd := update(m, keyMsg("space"))
	if m.np.IsPlaying || cmd == nil {
		t.Fatalf("space while playing: playing=%v cmd=%v", m.np.IsPlaying, cmd != nil)
	}
	if m.np.ProgressMS != 48170 {
		t.Errorf("paused at %d ms, want 48170 (46170 + 2 s)", m.np.ProgressMS)
	}
	if !strings.Contains(ansi.Strip(m.View()), "⏸ paused") {
		t.Error("screen does not show paused at once")
	}
	m, _ = update(m, keyMsg("space"))
	if !m.np.IsPlaying {
		t.Error("second space should play")
	}
}

func TestLogoutStopsEverything(t *testing.T) {
	m := live(t, fixture(t, "track.json"))
	ctx := m.sess.ctx
	gen, tick := m.pollGen, m.tickGen
	m, cmd := update(m, keyMsg("x"))
	if m.state != stateLoggedOut || m.sess != nil || m.np != nil || m.pollGen == gen || m.tickGen == tick {
		t.Fatalf("after x: state %v sess %v np %v", m.state, m.sess != nil, m.np != nil)
	}
	if ctx.Err() == nil {
		t.Error("x must cancel in-flight requests")
	}
	if cmd == nil {
		t.Fatal("x must remove the token file")
	}
	for _, k := range []string{"space", "n", "p"} {
		// Nothing is sent: the key only says why.
		if m2, _ := update(m, keyMsg(k)); m2.sess != nil || m2.notice != "Not logged in — press l to log in." {
			t.Errorf("%s after logout: notice %q", k, m2.notice)
		}
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "You are logged out.") || strings.Contains(v, "play/pause") {
		t.Errorf("view:\n%s", v)
	}
}

func TestPlayerKeysHiddenWithoutAnItem(t *testing.T) {
	m := live(t, nil)
	m, _ = update(m, tea.WindowSizeMsg{Width: 100, Height: 10})
	if v := ansi.Strip(m.View()); strings.Contains(v, "play/pause") || !strings.Contains(v, "Nothing is playing.") {
		t.Errorf("view:\n%s", v)
	}
}

func TestLoginTimeoutIsExplained(t *testing.T) {
	m := New(Deps{Auth: auth.Config{ClientID: "x"}})
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	m.state, m.loginGen = stateLoggingIn, 3
	m.login = &loginRun{ctx: ctx, cancel: cancel}
	m, _ = update(m, loginDoneMsg{gen: 3, err: ctx.Err()})
	if m.state != stateError || !strings.Contains(ansi.Strip(m.View()), "The login timed out after 5 minutes") ||
		!strings.Contains(ansi.Strip(m.View()), "Press l to try again") {
		t.Errorf("state %v:\n%s", m.state, ansi.Strip(m.View()))
	}
}
