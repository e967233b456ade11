// Package ui is spotui's Bubble Tea program: state in Model, transitions in
// Update, pixels in View. All I/O runs in tea.Cmds (cmds.go) that come back
// as typed messages (msgs.go).
package ui

import (
	"context"
	"net/http"
	"time"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"
	"github.com/spotui/spotui/api"
	"github.com/spotui/spotui/auth"
	"github.com/spotui/spotui/internal/nowstate"
	"github.com/spotui/spotui/internal/termquery"
	"github.com/spotui/spotui/ui/cover"
	"github.com/spotui/spotui/ui/devices"
	"github.com/spotui/spotui/ui/lyricspanel"
	"github.com/spotui/spotui/ui/theme"
	"golang.org/x/oauth2"
)

// Deps is everything the UI talks to, injected so tests can point it at a
// fake Spotify and a fake clock.
type Deps struct {
	Auth       auth.Config        // client ID, redirect URI, accounts URL
	Store      *auth.Store        // the token cache
	APIURL     string             // Web API base, e.g. https://api.spotify.com/v1
	Open       auth.Opener        // opens the authorize URL in a browser
	Headless   bool               // no browser here (SSH, --no-browser): show the URL and take the pasted redirect
	Copy       func(string) error // puts text on the clipboard (OSC 52); nil: no clipboard
	Transport  http.RoundTripper  // base transport for API calls; nil → http.DefaultTransport
	APITimeout time.Duration      // per request; 0 → api.DefaultTimeout
	Now        func() time.Time   // nil → time.Now
	Tick       TickFunc           // nil → tea.Tick; tests inject a fake to fire timers by hand
	Demo       bool               // shows a "demo" badge and explains the auto-approved login
	Cover      cover.Options      // how the album art is fetched and drawn
	// SaveClientID stores the client ID typed during onboarding (the config
	// file); nil: it is used for this run only.
	SaveClientID func(id string) error
	Compact      bool              // always the compact view (--compact); it is automatic below compactRows
	PollInterval time.Duration     // while playing; 0 → 5 s (config poll_interval)
	Theme        map[string]string // colour overrides (config [theme])
	// LightBackground and ColorProfile choose the theme's colours; the
	// caller decides both (internal/app: config, COLORFGBG, the terminal).
	LightBackground bool                // zero: a dark background
	ColorProfile    termenv.Profile     // the terminal's colour depth; Ascii (NO_COLOR) keeps bold and italic
	KeyOverrides    map[string][]string // key rebindings (config [keys])
	// Gate holds back every API request while a 429's Retry-After runs; one
	// for all the sessions of the program. nil → New makes one on Now.
	Gate *api.Gate
	// Term is what the terminal said at start (cell size in pixels,
	// background, sixel/kitty graphics, tmux passthrough); zero when it
	// was not asked (tests, not a terminal): see termquery.Caps.
	Term termquery.Caps
	// Lyrics finds a track's lyrics (lyrics.Service); nil when lyrics are
	// off: nothing is ever sent to the lyrics service then.
	Lyrics lyricspanel.Finder
	// Follow starts in follow mode: another spotui polls for this account
	// and its states arrive as SharedStateMsg, so the session fetches nothing.
	Follow bool
	// Background: no screen (spotui serve, now --follow): nothing is fetched
	// only to be shown (the liked state).
	Background bool
	// ClipboardBlocked says why Copy's OSC 52 can't reach the clipboard
	// (tmux's set-clipboard is not on); "": it goes to the terminal, which
	// may or may not allow it.
	ClipboardBlocked string
	// Warnings are problems in the config that didn't stop spotui (unknown
	// keys), shown on screen at start.
	Warnings []string
	// Hint is said once at start when there are no warnings: how to get
	// real cover art behind a tmux that passes no images through.
	Hint string
}

// TickFunc schedules fn after d, like tea.Tick.
type TickFunc func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd

// state is what the screen is about.
type state int

const (
	stateNeedsClientID state = iota // no client ID: explain how to get one
	stateStarting                   // reading the token cache
	stateLoggedOut                  // no token (after x): press l
	stateLoggingIn                  // URL shown, waiting for the browser
	stateConnected                  // logged in: playing, paused or nothing playing
	stateError                      // something needs the user: message + press l
)

// Model is the whole UI state. It is a value: Update returns a new one.
type Model struct {
	deps      Deps
	keys      *KeyMap           // read-only after New, like styles
	helpShown bool              // ? opened the full help
	styles    *Styles           // read-only after New; a pointer keeps Update's copies small
	memo      *viewMemo         // rendered pieces View reuses (memo.go); shared by copies
	cover     cover.Model       // the album art sub-component
	picker    devices.Model     // the device picker (d)
	lyrics    lyricspanel.Model // synced lyrics of the current track (y, [, ])

	width, height int
	helpPage      int // the full help's page shown (? turns them)

	state     state
	err       error // what stateError shows
	cancelled bool  // stateLoggedOut came from esc during a login

	notice    string // transient line above the help bar
	noticeErr bool   // notice is a problem, not news
	noticeGen int

	onboard  *onboarding // the client ID form, while stateNeedsClientID
	loginGen int         // current login attempt; older login messages are dropped
	login    *loginRun   // nil unless stateLoggingIn
	sess     *session    // nil unless stateConnected

	pollGen   int // current poll loop; older pollMsg/nowPlayingMsg are dropped
	tickGen   int // current progress tick loop
	ticking   bool
	failures  int       // consecutive failed polls, for backoff
	pollErr   error     // the last poll failed: data on screen is stale
	retryAt   time.Time // when the poll loop retries after pollErr; zero: retrying now
	idleSince time.Time
	jitter    func() float64 // uniform in [-1, 1): spreads retries

	np         *api.PlaybackState // last answer; nil: nothing playing (no active device)
	lyricsFor  string             // the item the lyrics panel was pointed at
	queue      []api.Item         // up next, after the current item
	queueFor   string             // the item queue belongs to ("" : none yet)
	queueAsked string             // the item a queue request is in flight for
	savedURI   string             // the item whose liked state is known
	saved      bool               // that item is in the user's library
	blurred    bool               // the terminal lost focus: poll slowly
	expect     *action            // a control sent: the next answer should show it
	winTitle   string             // the terminal title set last
	haveState  bool               // at least one answer since connecting
	fetchedAt  time.Time          // when np arrived: progress is np.ProgressMS + (now - fetchedAt)
	frozenAt   time.Time          // progress stops here while offline
	now        time.Time          // the clock as of the last message; View never reads the clock

	following bool            // another spotui polls; its states arrive as SharedStateMsg
	shared    *nowstate.State // the last followed state
	shareLyr  sharedLyrics    // the lyrics as SharedState gives them (share.go)
}

// loginRun is one login attempt in progress.
type loginRun struct {
	ctx        context.Context // ends on esc, l, x, q or after loginTimeout
	cancel     context.CancelFunc
	attempt    *auth.Attempt   // nil until the loopback server listens
	url        string          // the authorize URL, shown in full
	redirect   string          // where Spotify sends the browser back
	input      textinput.Model // where a headless user pastes the redirected URL
	pasting    bool            // a pasted URL is being exchanged
	pasteErr   error           // the last paste was not usable
	copied     bool            // the URL went to the clipboard
	browserErr error           // $BROWSER could not be started: the URL on screen is the way
	ignored    int             // callbacks refused for a wrong state (forged or stale): a notice
}

// session is a logged-in connection to the Web API.
type session struct {
	ctx     context.Context // cancelled on logout/re-login: in-flight requests end
	cancel  context.CancelFunc
	client  *api.Client
	library bool // the token grants the library scopes (like/unlike)
}

// New builds the model. An empty client ID starts on the how-to screen.
func New(deps Deps) Model {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.Tick == nil {
		deps.Tick = tea.Tick
	}
	if deps.Gate == nil {
		deps.Gate = api.NewGate(deps.Now)
	}
	if deps.Cover.Tick == nil {
		deps.Cover.Tick = cover.TickFunc(deps.Tick)
	}
	if deps.Cover.Cell == (cover.CellSize{}) {
		deps.Cover.Cell = deps.cellSize()
	}
	styles := NewStyles(theme.New(!deps.LightBackground, deps.ColorProfile, deps.Theme))
	m := Model{
		deps:      deps,
		cover:     cover.New(deps.Cover),
		picker:    devices.New().Styled(styles.Picker),
		keys:      new(DefaultKeyMap().WithOverrides(deps.KeyOverrides)),
		styles:    &styles,
		memo:      &viewMemo{},
		width:     80,
		height:    24,
		state:     stateStarting,
		jitter:    defaultJitter,
		following: deps.Follow,
	}
	m.lyrics = lyricspanel.New(lyricspanel.KeyMap{Toggle: m.keys.Lyrics, Earlier: m.keys.LyricsEarly, Later: m.keys.LyricsLate},
		lyricsStyles(m.styles))
	if deps.Auth.ClientID == "" {
		m.state = stateNeedsClientID
		m.onboard = newOnboarding(m.contentWidth())
	}
	m.now = deps.Now()
	m.notice, m.noticeErr = startWarnings(deps.Warnings)
	if m.notice == "" && deps.Hint != "" {
		m.notice = deps.Hint // said once, at start
	}
	return m
}

// Init reads the token cache; the answer decides between polling and login.
func (m Model) Init() tea.Cmd {
	var clear tea.Cmd
	if m.notice != "" {
		clear = m.clearNoticeAfter(warningTTL)
	}
	if m.state == stateNeedsClientID {
		return clear
	}
	return tea.Batch(loadTokenCmd(m.deps.Store), clear)
}

// newClient wires a token into an API client whose transport adds the
// bearer token, refreshes it (persisting every new one) and retries a 401
// once after a forced refresh.
func (d Deps) newClient(ctx context.Context, tok *oauth2.Token) *api.Client {
	ts := d.Auth.TokenSource(ctx, tok, d.Store)
	base := d.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	hc := &http.Client{Transport: &oauth2.Transport{Source: ts, Base: base}}
	refresh := api.RefreshFunc(func() error { _, err := ts.ForceRefresh(); return err })
	opts := []api.Option{api.WithRefresher(refresh), api.WithGate(d.Gate)}
	if d.APITimeout > 0 {
		opts = append(opts, api.WithTimeout(d.APITimeout))
	}
	return api.New(d.APIURL, hc, opts...)
}

// activeKeys is the keymap with only the keys that act in this state
// enabled; disabled keys are also left out of the help bar.
func (m Model) activeKeys() KeyMap {
	if m.login != nil && m.login.input.Focused() {
		return m.keys.forPaste()
	}
	if m.onboard != nil {
		return m.keys.forOnboarding(m.onboard.confirmQuit)
	}
	if m.picker.IsOpen() {
		return m.keys.forPicker()
	}
	return m.lyricsKeys(m.keys.forState(m.state, m.np != nil)).greyOut(m.np, m.styles.Disabled)
}

// lyricsKeys leaves y, [ and ] out where they do nothing: lyrics off, or
// an episode (never looked up).
func (m Model) lyricsKeys(k KeyMap) KeyMap {
	if m.deps.Lyrics == nil || m.lyricsTrack() == nil {
		k.Lyrics.SetEnabled(false)
	}
	if !k.Lyrics.Enabled() || !m.lyrics.HasSynced() {
		k.LyricsEarly.SetEnabled(false)
		k.LyricsLate.SetEnabled(false)
	}
	return k
}

// ClientID is the client ID in use: from the config, or typed during
// onboarding ("" if the user quit before giving one).
func (m Model) ClientID() string { return m.deps.Auth.ClientID }

// WindowTitle is the terminal title the model last asked for ("" before it
// asked), for a renderer that sets titles itself.
func (m Model) WindowTitle() string { return m.winTitle }

// playing reports whether progress should move.
func (m Model) playing() bool {
	return m.state == stateConnected && m.np != nil && m.np.IsPlaying && m.pollErr == nil
}

// elapsed is the position to show, derived from the last answer and the clock.
func (m Model) elapsed() time.Duration {
	if m.np == nil {
		return 0
	}
	pos := time.Duration(m.np.ProgressMS) * time.Millisecond
	if m.np.IsPlaying {
		now := m.now
		if !m.frozenAt.IsZero() && now.After(m.frozenAt) {
			now = m.frozenAt
		}
		if d := now.Sub(m.fetchedAt); d > 0 {
			pos += d
		}
	}
	if dur := m.duration(); dur > 0 && pos > dur {
		pos = dur
	}
	return pos
}

// duration of the current item; 0 when unknown (ads, private sessions).
func (m Model) duration() time.Duration {
	if m.np == nil || m.np.Item == nil {
		return 0
	}
	return time.Duration(m.np.Item.DurationMS) * time.Millisecond
}
