// Package config turns flags and environment variables into a validated
// Config. It does no I/O beyond reading what it is given, so every rule is
// testable with a table.
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
)

// ArtModes are the values of --art / SPOTUI_ART.
var ArtModes = []string{"auto", "blocks", "kitty", "iterm", "off"}

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
	Demo        bool   // run against the embedded fake Spotify
	Version     bool   // print the version and exit
}

// UsageError is a bad flag or environment value: the caller prints it with
// the usage hint and exits with status 2.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// ErrHelp is returned for -h/--help after the usage text has been written.
var ErrHelp = flag.ErrHelp

var clientIDPattern = regexp.MustCompile(`^[0-9a-fA-F]{32}$`)

// Load parses args (without the program name) and the environment. Flags win
// over environment variables, which win over defaults. Usage text for --help
// goes to out.
func Load(args []string, getenv func(string) string, out io.Writer) (Config, error) {
	cfg := Config{
		ClientID:    strings.TrimSpace(getenv(EnvClientID)),
		RedirectURI: orDefault(getenv(EnvRedirectURI), DefaultRedirectURI),
		AccountsURL: orDefault(getenv(EnvAccountsURL), DefaultAccountsURL),
		APIURL:      orDefault(getenv(EnvAPIURL), DefaultAPIURL),
		Browser:     strings.TrimSpace(getenv(EnvBrowser)),
		HasDisplay:  getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != "",
		Art:         orDefault(getenv(EnvArt), "auto"),
	}

	fs := flag.NewFlagSet("spotui", flag.ContinueOnError)
	// flag's own error and usage printing is silenced: errors come back as
	// *UsageError, and --help prints our fuller text.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.StringVar(&cfg.ClientID, "client-id", cfg.ClientID, "Spotify app client ID (env "+EnvClientID+")")
	fs.StringVar(&cfg.RedirectURI, "redirect-uri", cfg.RedirectURI, "redirect URI registered for the app (env "+EnvRedirectURI+")")
	fs.BoolVar(&cfg.NoBrowser, "no-browser", false, "don't open a browser: show the login URL and paste the address it ends on (for SSH)")
	fs.StringVar(&cfg.Art, "art", cfg.Art, "album art: "+strings.Join(ArtModes, "|")+" (env "+EnvArt+")")
	fs.BoolVar(&cfg.Demo, "demo", false, "run against a built-in fake Spotify: no account needed")
	fs.BoolVar(&cfg.Version, "version", false, "print the version and exit")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			writeUsage(out, fs)
			return cfg, ErrHelp
		}
		return cfg, &UsageError{Msg: err.Error() + " (see spotui --help)"}
	}
	if fs.NArg() > 0 {
		return cfg, &UsageError{Msg: fmt.Sprintf("unexpected argument %q (see spotui --help)", fs.Arg(0))}
	}
	if !slices.Contains(ArtModes, cfg.Art) {
		return cfg, &UsageError{Msg: fmt.Sprintf("--art %q: use one of %s", cfg.Art, strings.Join(ArtModes, ", "))}
	}
	if cfg.Version || cfg.Demo {
		// --demo brings its own client, URLs and redirect; nothing to check.
		return cfg, nil
	}
	return cfg, cfg.validate()
}

func (c *Config) validate() error {
	c.ClientID = strings.TrimSpace(c.ClientID)
	if c.ClientID != "" && !clientIDPattern.MatchString(c.ClientID) {
		return &UsageError{Msg: fmt.Sprintf("client ID %q is not a Spotify client ID: it should be 32 hex characters, "+
			"as shown on your app's page in the Spotify developer dashboard", c.ClientID)}
	}
	if _, err := auth.ValidateRedirectURI(c.RedirectURI); err != nil {
		return &UsageError{Msg: fmt.Sprintf("redirect URI %q: %v", c.RedirectURI, err)}
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

func orDefault(v, def string) string {
	if v = strings.TrimSpace(v); v != "" {
		return v
	}
	return def
}

// NoClientIDHelp tells a user how to get a client ID; shown on screen and
// left on the terminal when spotui exits without one.
func NoClientIDHelp(redirectURI string) string {
	return "spotui needs a Spotify client ID. To get one:\n" +
		"  1. Open https://developer.spotify.com/dashboard and create an app.\n" +
		"  2. Add the redirect URI " + redirectURI + " and tick \"Web API\".\n" +
		"  3. Under User Management, add the Spotify accounts that will use it.\n" +
		"  4. Copy the app's Client ID and run:\n" +
		"       SPOTUI_CLIENT_ID=<client id> spotui    (or: spotui --client-id <client id>)\n" +
		"Try spotui without an account: spotui --demo"
}

func writeUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `spotui shows what your Spotify account is playing, live, in the terminal.

Usage:
  spotui [flags]

Flags:
`)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprintf(w, `
Environment:
  %-20s Spotify app client ID
  %-20s redirect URI (default %s)
  %-20s accounts service (default %s)
  %-20s Web API (default %s)
  %-20s album art: auto, blocks, kitty, iterm or off
  %-20s command that opens a URL (the URL is its last argument)
  %-20s token cache: $XDG_CONFIG_HOME/spotui/token.json

Keys: space play/pause, n next, p previous, l log in again, x log out, ? help, q quit.
`, EnvClientID, EnvRedirectURI, DefaultRedirectURI, EnvAccountsURL, DefaultAccountsURL,
		EnvAPIURL, DefaultAPIURL, EnvArt, EnvBrowser, "XDG_CONFIG_HOME")
}
