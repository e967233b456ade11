// Package app wires a config.Config into the UI's dependencies and runs the
// Bubble Tea program. It is main's body, kept out of main so it is testable.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/adrg/xdg"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spotui/spotui/auth"
	"github.com/spotui/spotui/config"
	"github.com/spotui/spotui/internal/alarm"
	"github.com/spotui/spotui/internal/debuglog"
	"github.com/spotui/spotui/internal/fakelrclib"
	"github.com/spotui/spotui/internal/fakespotify"
	"github.com/spotui/spotui/internal/rawio"
	"github.com/spotui/spotui/internal/termquery"
	"github.com/spotui/spotui/ui"
	"github.com/spotui/spotui/ui/cover"
	"github.com/spotui/spotui/ui/theme"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// Run starts spotui with cfg and returns the process exit code. log is the
// --debug log (nil or debuglog.Discard: nothing is logged); crashes says
// where a panic is recorded, after the terminal is restored.
func Run(cfg config.Config, log *slog.Logger, crashes CrashLog, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	// Registered first, so it runs last: after the terminal is restored and
	// the demo's files are removed. It catches panics on this goroutine;
	// program brings back those of Bubble Tea's loop and commands.
	defer func() {
		if r := recover(); r != nil {
			crashes.Report(caught(r), stderr)
			code = ExitError
		}
	}()
	stop := notifyStop()
	defer stop.stop()

	term := probeTerminal(stdin, stdout, os.Getenv)
	deps, cleanup, err := Deps(cfg, stdout, log, term)
	if err != nil {
		fmt.Fprintln(stderr, "spotui:", err)
		return ExitError
	}
	defer cleanup()
	deps.Term = term
	deps.ClipboardBlocked = clipboardBlocked(os.Getenv, tmuxOption)
	if log != nil {
		// What the terminal said and what spotui draws because of it: the
		// first thing to look at when a cover looks wrong.
		log.Info("terminal", "answered", term.Answered, "name", term.TermName, "sixel", term.Sixel,
			"kitty", term.KittyGraphics, "tmux", term.InTmux, "passthrough", term.Passthrough,
			"cell", fmt.Sprintf("%dx%d", term.CellWidth, term.CellHeight), "art", deps.Cover.Mode.String())
	}
	if hint := cover.Notice(cfg.Art, coverTerminal(term, os.Getenv)); hint != "" {
		deps.Hint = upperFirst(hint) + "."
	}
	deps.LightBackground = !darkBackground(cfg.ThemeMode, term, os.Getenv)
	oneThread()
	softMemoryLimit(os.Getenv, deps.Cover.Mode)
	if code := stop.code(); code >= 0 {
		return code
	}

	sh, following := startSharing(accountOf(deps), os.Getenv, log, stderr)
	sh.transports = transports(cfg, log, os.Getenv)
	deps.Follow = following
	run := program
	if dumbTerminal(os.Getenv) {
		run, deps = plainProgram, plainDeps(deps)
	}
	final, err := run(ui.New(deps), stdin, stdout, stop.running, sh)
	var crash *Crash
	switch {
	case errors.As(err, &crash):
		crashes.Report(crash, stderr)
		return ExitError
	case stop.code() >= 0:
		return stop.code()
	case err != nil:
		fmt.Fprintln(stderr, "spotui:", err)
		return ExitError
	case final.ClientID() == "":
		// Leave the how-to on the terminal after the alternate screen is gone.
		fmt.Fprintln(stderr, config.NoClientIDHelp(deps.Auth.RedirectURI))
		return ExitUsage
	}
	return ExitOK
}

// probeTerminal asks the terminal what it can do, once, before the UI
// starts and reads the keyboard: only where a terminal can answer (stdin
// and stdout a tty, TERM not dumb). It then tells lipgloss the background,
// so adaptive colours follow the answer (inside tmux too, where termenv
// never asks) and lipgloss asks nothing more: bubbles' adaptive default
// styles (the picker's) are drawn only after this. Bubble Tea v1's package
// init asked too (up to 5 s on a silent terminal, before main): our copy
// leaves that init out (third_party/bubbletea/PATCHES.md).
func probeTerminal(stdin io.Reader, stdout io.Writer, getenv func(string) string) termquery.Caps {
	caps := termquery.Caps{Dark: true} // what lipgloss assumed when nothing answered
	in, inOK := stdin.(term.File)
	out, outOK := stdout.(term.File)
	if inOK && outOK && term.IsTerminal(in.Fd()) && term.IsTerminal(out.Fd()) && getenv("TERM") != "dumb" {
		caps = termquery.Probe(context.Background(), stdin, stdout,
			termquery.Env{Getenv: getenv}, termquery.DefaultDeadline)
	}
	lipgloss.SetHasDarkBackground(caps.Dark)
	return caps
}

// upperFirst capitalises a sentence's first letter.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// oneThread runs Go code on one OS thread at a time (GOMAXPROCS=1) unless
// the user chose otherwise. spotui handles one event at a time; with more
// Ps, each hand-off between goroutines (timer, event loop, writer, HTTP)
// wakes another thread: side by side for 60 s while playing, perf stat
// counted 1164 context switches and 267 ms of CPU with two Ps, 644 and
// 191 ms with one. Cover decoding still runs beside the event loop: the
// scheduler preempts it.
func oneThread() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
}

// memoryLimit is the Go runtime's soft memory limit (GOMEMLIMIT overrides
// it). A session's live heap is a few MB, but a cover drawn as a kitty or
// iTerm2 image briefly holds a decoded picture, a scaled copy and its
// compressed encoding: without a limit the heap grew to 20 MB and RSS to
// about 29 MB (bench/coverpeak). Near the limit the collector runs sooner
// and returns freed pages at once. It is soft: a bigger need (a hostile
// 2048² cover while it decodes) is met, with more collecting meanwhile.
// Half blocks don't need it (peak RSS 19.7 MB without it in the bench), and
// a limit near the live heap only makes the collector run more often.
const memoryLimit = 14 << 20

// softMemoryLimit sets memoryLimit for the image modes, unless the user
// set GOMEMLIMIT.
func softMemoryLimit(getenv func(string) string, art cover.Mode) {
	switch art {
	case cover.ModeKitty, cover.ModeKittyPlaceholders, cover.ModeITerm, cover.ModeSixel:
	default:
		return
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}

// Deps builds the UI's dependencies. In demo mode it starts the embedded fake
// Spotify and keeps the demo's token in a temporary directory, so a demo never
// touches a real login. With an enabled log, every API and token request goes
// through debuglog's transport.
func Deps(cfg config.Config, term io.Writer, log *slog.Logger, caps termquery.Caps) (ui.Deps, func(), error) {
	deps, cleanup, err := baseDeps(cfg, term, log, caps)
	if err != nil {
		return deps, cleanup, err
	}
	// Wake-ups that leave the runtime's monitor thread asleep (internal/alarm).
	alarms := alarm.New()
	deps.Tick = alarms.Tick
	return deps, func() { _ = alarms.Close(); cleanup() }, nil
}

func baseDeps(cfg config.Config, term io.Writer, log *slog.Logger, caps termquery.Caps) (ui.Deps, func(), error) {
	if cfg.Demo {
		deps, cleanup, err := demoDeps(cfg, term, log, caps)
		return logged(deps, log), cleanup, err
	}
	deps := ui.Deps{
		Transport: apiTransport(),
		Auth: auth.Config{
			ClientID:    cfg.ClientID,
			RedirectURI: cfg.RedirectURI,
			AccountsURL: cfg.AccountsURL,
		},
		Store:    auth.NewStore(auth.DefaultTokenPath()),
		APIURL:   cfg.APIURL,
		Open:     auth.BrowserOpener(cfg.Browser),
		Headless: cfg.Headless(runtime.GOOS),
		Copy:     osc52(term),
		Cover:    coverOptions(cfg, filepath.Join(xdg.CacheHome, "spotui", "art"), caps),
	}
	if cfg.File != "" {
		file := cfg.File
		deps.SaveClientID = func(id string) error { return config.SaveClientID(file, id) }
	}
	deps.Lyrics = lyricsFinder(cfg, cfg.LyricsURL, lyricsCacheDir(), debuglog.Transport(nil, log))
	return logged(prefs(deps, cfg), log), func() {}, nil
}

// apiTransport is http.DefaultTransport's settings over rawio's
// connections: the poll, every 5 s, wakes one thread (internal/rawio).
func apiTransport() http.RoundTripper {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = rawio.Dial(&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second})
	return t
}

// prefs applies the user's view preferences (flags and config file).
func prefs(d ui.Deps, cfg config.Config) ui.Deps {
	d.Compact, d.PollInterval, d.Theme, d.KeyOverrides = cfg.Compact, cfg.PollInterval, cfg.Theme, cfg.Keys
	d.Warnings = cfg.Warnings // on screen at start, not lost behind the alternate screen
	d.LightBackground = !darkBackground(cfg.ThemeMode, termquery.Caps{}, os.Getenv)
	d.ColorProfile = lipgloss.ColorProfile() // the same depth the cover is drawn at
	return d
}

// darkBackground is the one place the background is decided: the theme
// mode (--theme, SPOTUI_THEME, config), else the terminal's OSC 11 answer
// (tmux answers it too), else COLORFGBG, else dark.
func darkBackground(mode string, caps termquery.Caps, getenv func(string) string) bool {
	osc11 := theme.Answer(func() (bool, bool) { return caps.Dark, caps.HasBackground })
	return theme.Dark(mode, osc11, theme.COLORFGBG(getenv("COLORFGBG")))
}

// logged routes the UI's requests (API and token) through the debug log.
func logged(deps ui.Deps, log *slog.Logger) ui.Deps {
	if !debuglog.Enabled(log) {
		return deps
	}
	deps.Transport = debuglog.Transport(deps.Transport, log)
	deps.Auth.HTTPClient = &http.Client{Timeout: tokenTimeout, Transport: debuglog.Transport(nil, log)}
	return deps
}

// tokenTimeout matches auth's own default for token requests.
const tokenTimeout = 15 * time.Second

// coverOptions resolves --art against what the terminal said (the probe),
// with the environment as a hint where it said nothing: real images where
// they work, else half blocks in as many colours as the terminal has;
// NO_COLOR gets the placeholder.
func coverOptions(cfg config.Config, cacheDir string, caps termquery.Caps) cover.Options {
	t := coverTerminal(caps, os.Getenv)
	return cover.Options{
		Mode:     cover.Choose(cfg.Art, t),
		Profile:  lipgloss.ColorProfile(),
		CacheDir: cacheDir,
		Cell:     cover.CellSize{W: caps.CellWidth, H: caps.CellHeight},
		Tmux:     caps.InTmux,
	}
}

// osc52 copies text through the terminal (OSC 52), which works over SSH;
// terminals that don't allow it ignore the sequence. One whole write, so it
// never splits a frame the renderer writes.
func osc52(w io.Writer) func(string) error {
	return func(text string) error {
		_, err := io.WriteString(w, ansi.SetSystemClipboard(text))
		return err
	}
}

// demoRedirectURI has no port: the login picks a free one, so the demo works
// even while something else holds 8974.
const demoRedirectURI = "http://127.0.0.1/callback"

func demoDeps(cfg config.Config, term io.Writer, log *slog.Logger, caps termquery.Caps) (ui.Deps, func(), error) {
	fake := fakespotify.New(fakespotify.Options{RedirectURIs: []string{demoRedirectURI}})
	base, err := fake.Start()
	if err != nil {
		return ui.Deps{}, nil, fmt.Errorf("starting the demo server: %w", err)
	}
	// The demo's lyrics come from a fake LRCLIB with lyrics for its songs.
	lrc := fakelrclib.New(nil, nil)
	lrcBase, err := lrc.Start()
	if err != nil {
		fake.Close()
		return ui.Deps{}, nil, fmt.Errorf("starting the demo lyrics server: %w", err)
	}
	dir, err := os.MkdirTemp("", "spotui-demo-")
	if err != nil {
		fake.Close()
		lrc.Close()
		return ui.Deps{}, nil, fmt.Errorf("creating the demo's token directory: %w", err)
	}
	cleanup := func() {
		fake.Close()
		lrc.Close()
		os.RemoveAll(dir)
	}
	authCfg := auth.Config{
		ClientID:    fakespotify.DemoClientID,
		RedirectURI: demoRedirectURI,
		AccountsURL: base,
	}
	store := auth.NewStore(filepath.Join(dir, "spotui", "token.json"))
	// Logged in before the first frame: the demo opens on the player, not
	// on a login screen with a long URL. Should it fail, the UI logs in.
	_ = demoLogin(authCfg, store)
	return prefs(ui.Deps{
		// No disk cache: the demo leaves nothing behind.
		Lyrics: lyricsFinder(cfg, lrcBase, "", debuglog.Transport(nil, log)),
		Auth:   authCfg,
		Store:  store,
		APIURL: base + "/v1",
		Open:   fakespotify.Approve,
		Copy:   osc52(term),
		Demo:   true,
		// The demo's covers live with its token, gone at exit: its image
		// URLs change every run, so caching them for later helps nobody.
		Cover: coverOptions(cfg, filepath.Join(dir, "art"), caps),
	}, cfg), cleanup, nil
}

// Version is the module version `go install` stamped, or "dev".
func Version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// demoLogin runs the demo's whole PKCE login against the embedded fake,
// whose "browser" approves at once, and saves the token where the UI reads
// it. It takes a few milliseconds on loopback; the timeout only bounds a
// broken machine.
func demoLogin(cfg auth.Config, store *auth.Store) error {
	ctx, cancel := context.WithTimeout(context.Background(), demoLoginTimeout)
	defer cancel()
	a, err := cfg.Begin(ctx)
	if err != nil {
		return err
	}
	defer a.Close()
	approved := make(chan error, 1)
	go func() { approved <- fakespotify.Approve(ctx, a.URL()) }()
	tok, err := a.Wait(ctx)
	if err != nil {
		return err
	}
	if err := <-approved; err != nil {
		return err
	}
	return store.Save(tok)
}

// demoLoginTimeout bounds demoLogin.
const demoLoginTimeout = 5 * time.Second
