package config

import (
	"flag"
	"fmt"
	"io"
)

// NoClientIDHelp tells a user how to get a client ID; shown on screen and
// left on the terminal when spotui exits without one.
func NoClientIDHelp(redirectURI string) string {
	return "spotui needs a Spotify client ID. To get one:\n" +
		"  1. Open https://developer.spotify.com/dashboard and create an app.\n" +
		"  2. Add the redirect URI " + redirectURI + " and tick \"Web API\".\n" +
		"  3. Under User Management, add the Spotify accounts that will use it.\n" +
		"  4. Copy the app's Client ID and run:\n" +
		"       SPOTUI_CLIENT_ID=<client id> spotui    (or: spotui --client-id <client id>,\n" +
		"       or put client_id = \"<client id>\" in " + DefaultPath() + ")\n" +
		"Try spotui without an account: spotui --demo"
}

func writeUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `spotui shows what your Spotify account is playing, live, in the terminal.

Usage:
  spotui [flags]             the now-playing screen
  spotui login [flags]       log in (browser, or paste the address) and exit
  spotui logout              delete the saved login
  spotui now [flags]         print what is playing (once, or --follow), for scripts and status bars
  spotui lyrics [--lrc]      print the lyrics of the track playing
  spotui serve [flags]       poll and share the state on the socket, without a window
  spotui version             print the version
  spotui config path         print where the config file lives
Each command takes --help.

Flags:
`)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprintf(w, `
Environment (wins over the config file; flags win over both):
  %-20s Spotify app client ID
  %-20s redirect URI (default %s)
  %-20s accounts service (default %s)
  %-20s Web API (default %s)
  %-20s album art: auto, blocks, kitty, iterm or off
  %-20s background: auto, light or dark
  %-20s synced lyrics: auto, or off to never ask the lyrics service
  %-20s lyrics service (default %s)
  %-20s command that opens a URL (the URL is its last argument)
  %-20s config.toml and the token cache (token.json) live in $XDG_CONFIG_HOME/spotui

Config file %s (TOML, optional):
  client_id = "<32 hex characters>"     redirect_uri = "http://127.0.0.1:8974/callback"
  art = "auto"                          poll_interval = "5s"   (2s to 60s, while playing)
  theme = "auto"                        (or light, dark; or mode = … inside [theme])
  lyrics = "auto"                       (or off: nothing is ever sent to the lyrics service)
  [theme]  accent, text, subtle, faint, track, warn, error = "#rrggbb" or an ANSI number 0-255
  [keys]   play_pause = ["space"], next = ["n"], … (one list of keys per action)
  mpris = true                          notify = false         (Linux: media keys; a notification per track)

Keys: space play/pause, n next, p previous, y lyrics, [ ] lyric timing, l log in again, x log out,
? help, q quit.
`, EnvClientID, EnvRedirectURI, DefaultRedirectURI, EnvAccountsURL, DefaultAccountsURL,
		EnvAPIURL, DefaultAPIURL, EnvArt, EnvTheme, EnvLyrics, EnvLyricsURL, DefaultLyricsURL, EnvBrowser, "XDG_CONFIG_HOME", DefaultPath())
}
