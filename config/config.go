// Package config turns the config file, environment variables and flags into
// a validated Config. Beyond reading the one file it is given, it does no
// I/O, so every rule is testable with a table.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/spotui/spotui/auth"
)

// Defaults from Spotify's documentation and our registered-app instructions.
const (
	DefaultAccountsURL = "https://accounts.spotify.com"
	DefaultAPIURL      = "https://api.spotify.com/v1"
	DefaultRedirectURI = auth.DefaultRedirectURI
)

// Environment variable names (the contract with users and tests).
const (
	EnvClientID    = "SPOTUI_CLIENT_ID"
	EnvRedirectURI = "SPOTUI_REDIRECT_URI"
	EnvAccountsURL = "SPOTUI_ACCOUNTS_URL"
	EnvAPIURL      = "SPOTUI_API_URL"
	EnvBrowser     = "BROWSER"
	EnvArt         = "SPOTUI_ART"
	EnvTheme       = "SPOTUI_THEME"
	EnvLyrics      = "SPOTUI_LYRICS"
	EnvLyricsURL   = "SPOTUI_LYRICS_URL"
)

// ArtModes are the values of --art / SPOTUI_ART / art.
var ArtModes = []string{"auto", "kitty", "iterm", "sixel", "blocks", "off"}

// DefaultLyricsURL is LRCLIB, the free database of synced lyrics.
const DefaultLyricsURL = "https://lrclib.net"

// LyricsModes are the values of --lyrics / SPOTUI_LYRICS / lyrics: "auto"
// looks tracks up on the lyrics service; "off" never sends it anything.
func LyricsModes() []string { return []string{"auto", "off"} }

// ThemeModes are the values of --theme / SPOTUI_THEME / theme: the
// terminal's background, or "auto" to ask the terminal.
func ThemeModes() []string { return []string{"auto", "light", "dark"} }

// Config is everything spotui needs to start.
type Config struct {
	ClientID    string // "" means: show how to get one
	RedirectURI string
	AccountsURL string // base of /authorize and /api/token
	APIURL      string // base of the Web API, e.g. https://api.spotify.com/v1
	Browser     string // $BROWSER: a command; the URL is appended as its last argument
	NoBrowser   bool   // never start a browser: show the URL and take the pasted redirect (SSH)
	HasDisplay  bool   // DISPLAY or WAYLAND_DISPLAY is set: a local browser can open
	Art         string // cover art: auto, blocks, kitty, iterm or off

	// PollInterval is how often to poll while something plays (the file's
	// poll_interval, MinPollInterval–MaxPollInterval); 0 = the UI's default.
	PollInterval time.Duration
	// Theme overrides colours by name (ThemeColors): "#rrggbb" or an ANSI
	// colour number "0"–"255".
	Theme map[string]string
	// ThemeMode is the background: "light", "dark", or "auto" (and "",
	// unset: the same) to find out from the terminal.
	ThemeMode string
	// Lyrics is "auto" (look tracks up on LyricsURL) or "off" (never).
	Lyrics    string
	LyricsURL string // base of the LRCLIB API
	// Keys overrides key bindings by action (KeyActions); each value lists
	// key names as written in the file ("space", "ctrl+c", "n").
	Keys map[string][]string
	// NoMPRIS turns the MPRIS media controls off (the file's mpris = false;
	// on by default). Notify shows a desktop notification per new track
	// (notify = true; off by default).
	NoMPRIS, Notify bool

	// File is the config file: read if it exists; SaveClientID writes
	// there. "" means none.
	File string
	// Warnings are problems in the file that don't stop spotui (unknown
	// keys), each naming the file and line; shown before the TUI starts.
	Warnings []string

	from origins // which flag or variable set the checked values, for messages

	Demo    bool // run against the embedded fake Spotify
	Debug   bool // log requests to the debug log
	Compact bool // the compact view at any size (it is automatic below 8 rows)
	Version bool // print the version and exit
}

// UsageError is a bad flag, environment or file value: the caller prints
// it and exits with status 2.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// ErrHelp is returned for -h/--help after the usage text has been written.
var ErrHelp = flag.ErrHelp

var clientIDPattern = regexp.MustCompile(`^[0-9a-fA-F]{32}$`)

// Load parses args (without the program name) for the TUI, on top of Base:
// flags win over the environment, which wins over the file at file ("" for
// none), which wins over defaults. Usage text for --help goes to out.
func Load(args []string, file string, getenv func(string) string, out io.Writer) (Config, error) {
	// A broken file is reported after the flags, so --help and --version
	// still work while it is being fixed.
	cfg, fileErr := Base(file, getenv)
	fs := NewFlagSet("spotui")
	cfg.LoginFlags(fs)
	fs.Var(sourced{&cfg.Art, &cfg.from.art, "art"}, "art", "album art: "+strings.Join(ArtModes, "|")+" (env "+EnvArt+")")
	fs.BoolVar(&cfg.Demo, "demo", false, "run against a built-in fake Spotify: no account needed")
	fs.Var(sourced{&cfg.ThemeMode, &cfg.from.theme, "theme"}, "theme", "background: "+strings.Join(ThemeModes(), "|")+" (env "+EnvTheme+"; default auto)")
	fs.Var(sourced{&cfg.Lyrics, &cfg.from.lyrics, "lyrics"}, "lyrics", "synced lyrics from "+DefaultLyricsURL+": "+strings.Join(LyricsModes(), "|")+" (env "+EnvLyrics+")")
	fs.BoolVar(&cfg.Compact, "compact", false, "the compact view (three lines) at any size, for a tmux split")
	cfg.DebugFlag(fs)
	fs.BoolVar(&cfg.Version, "version", false, "print the version and exit")
	if err := ParseFlags(fs, args, out, writeUsage); err != nil {
		return cfg, err
	}
	if cfg.Version {
		return cfg, nil
	}
	if fileErr != nil {
		return cfg, fileErr
	}
	if cfg.Demo {
		// --demo brings its own client, URLs and redirect; only --art
		// and --theme still matter.
		if err := cfg.validateArt(); err != nil {
			return cfg, err
		}
		if err := cfg.validateLyrics(); err != nil {
			return cfg, err
		}
		return cfg, cfg.validateTheme()
	}
	return cfg, cfg.Validate()
}

// Base is the configuration before flags: defaults, then the file at file
// ("" or missing: none), then the environment. Only the file is checked
// here (its errors name its lines); call Validate after applying flags.
func Base(file string, getenv func(string) string) (Config, error) {
	cfg := Config{
		RedirectURI: DefaultRedirectURI,
		AccountsURL: DefaultAccountsURL,
		APIURL:      DefaultAPIURL,
		Art:         "auto",
		Lyrics:      "auto",
		LyricsURL:   DefaultLyricsURL,
		File:        file,
	}
	if err := readFile(file, &cfg); err != nil {
		return cfg, err
	}
	var urls string // the URLs' errors name their variable themselves
	setFromEnv(&cfg.ClientID, &cfg.from.clientID, EnvClientID, getenv(EnvClientID))
	setFromEnv(&cfg.RedirectURI, &cfg.from.redirectURI, EnvRedirectURI, getenv(EnvRedirectURI))
	setFromEnv(&cfg.AccountsURL, &urls, EnvAccountsURL, getenv(EnvAccountsURL))
	setFromEnv(&cfg.APIURL, &urls, EnvAPIURL, getenv(EnvAPIURL))
	setFromEnv(&cfg.Art, &cfg.from.art, EnvArt, getenv(EnvArt))
	setFromEnv(&cfg.ThemeMode, &cfg.from.theme, EnvTheme, getenv(EnvTheme))
	setFromEnv(&cfg.Lyrics, &cfg.from.lyrics, EnvLyrics, getenv(EnvLyrics))
	setFromEnv(&cfg.LyricsURL, &urls, EnvLyricsURL, getenv(EnvLyricsURL))
	cfg.Browser = strings.TrimSpace(getenv(EnvBrowser))
	cfg.HasDisplay = getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != ""
	return cfg, nil
}

func trimSpace(s string) string { return strings.TrimSpace(s) }

// NewFlagSet returns a FlagSet whose own error and usage printing is
// silenced: errors come back as *UsageError, and --help prints our text.
func NewFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// ParseFlags parses args into fs. For -h/--help it writes usage to out and
// returns ErrHelp; bad flags and stray arguments give a *UsageError that
// points at --help.
func ParseFlags(fs *flag.FlagSet, args []string, out io.Writer, usage func(io.Writer, *flag.FlagSet)) error {
	hint := " (see " + fs.Name() + " --help)"
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(out, fs)
			return ErrHelp
		}
		return &UsageError{Msg: err.Error() + hint}
	}
	if fs.NArg() > 0 {
		return &UsageError{Msg: fmt.Sprintf("unexpected argument %q%s", fs.Arg(0), hint)}
	}
	return nil
}

// LoginFlags defines the flags that choose the app and how to log in,
// shared by the TUI and `spotui login`.
func (c *Config) LoginFlags(fs *flag.FlagSet) {
	fs.Var(sourced{&c.ClientID, &c.from.clientID, "client-id"}, "client-id", "Spotify app client ID (env "+EnvClientID+")")
	fs.Var(sourced{&c.RedirectURI, &c.from.redirectURI, "redirect-uri"}, "redirect-uri", "redirect URI registered for the app (env "+EnvRedirectURI+")")
	fs.BoolVar(&c.NoBrowser, "no-browser", false, "don't open a browser: show the login URL and paste the address it ends on (for SSH)")
}

// DebugFlag defines --debug.
func (c *Config) DebugFlag(fs *flag.FlagSet) {
	fs.BoolVar(&c.Debug, "debug", false, "log requests (never tokens) to $XDG_STATE_HOME/spotui/spotui.log")
}

// Validate checks the merged values and normalises the URLs.
func (c *Config) Validate() error {
	if err := c.validateArt(); err != nil {
		return err
	}
	if err := c.validateTheme(); err != nil {
		return err
	}
	if err := c.validateLyrics(); err != nil {
		return err
	}
	c.ClientID = strings.TrimSpace(c.ClientID)
	if c.ClientID != "" && !clientIDPattern.MatchString(c.ClientID) {
		return &UsageError{Msg: fmt.Sprintf("%s %q is not a Spotify client ID: it should be 32 hex characters, "+
			"as shown on your app's page in the Spotify developer dashboard", c.origin(c.from.clientID, "client_id"), c.ClientID)}
	}
	if _, err := auth.ValidateRedirectURI(c.RedirectURI); err != nil {
		return &UsageError{Msg: redirectURIError(c.origin(c.from.redirectURI, "redirect_uri"), c.RedirectURI, err)}
	}
	var err error
	if c.AccountsURL, err = baseURL(EnvAccountsURL, c.AccountsURL); err != nil {
		return err
	}
	if c.APIURL, err = baseURL(EnvAPIURL, c.APIURL); err != nil {
		return err
	}
	return nil
}

func (c *Config) validateArt() error {
	if !slices.Contains(ArtModes, c.Art) {
		return &UsageError{Msg: fmt.Sprintf("%s %q: use one of %s", c.origin(c.from.art, "art"), c.Art, strings.Join(ArtModes, ", "))}
	}
	return nil
}

func (c *Config) validateLyrics() error {
	if !slices.Contains(LyricsModes(), c.Lyrics) {
		return &UsageError{Msg: fmt.Sprintf("%s %q: use one of %s",
			c.origin(c.from.lyrics, "lyrics"), c.Lyrics, strings.Join(LyricsModes(), ", "))}
	}
	var err error
	c.LyricsURL, err = baseURL(EnvLyricsURL, c.LyricsURL)
	return err
}

func (c *Config) validateTheme() error {
	if c.ThemeMode != "" && !slices.Contains(ThemeModes(), c.ThemeMode) {
		return &UsageError{Msg: fmt.Sprintf("%s %q: use one of %s",
			c.origin(c.from.theme, "theme"), c.ThemeMode, strings.Join(ThemeModes(), ", "))}
	}
	return nil
}

// Headless reports that no browser can open here, so a login shows its URL
// and takes the pasted redirect. Linux and the BSDs need a display for
// xdg-open; macOS and Windows always have their opener.
func (c Config) Headless(goos string) bool {
	if c.NoBrowser {
		return true
	}
	if c.Browser != "" || goos == "darwin" || goos == "windows" {
		return false
	}
	return !c.HasDisplay
}

// baseURL checks an absolute http(s) URL and drops a trailing slash so paths
// can be appended.
func baseURL(name, raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", &UsageError{Msg: fmt.Sprintf("%s=%q is not an http(s) URL such as https://example.com", name, raw)}
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", &UsageError{Msg: fmt.Sprintf("%s=%q must not have a query or fragment", name, raw)}
	}
	return strings.TrimRight(raw, "/"), nil
}
