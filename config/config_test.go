package config

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

const goodID = "0123456789abcdef0123456789ABCDEF"

func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    Config
		wantErr string // substring of a *UsageError; "" = no error
	}{
		{name: "defaults", want: Config{RedirectURI: DefaultRedirectURI, AccountsURL: DefaultAccountsURL, APIURL: DefaultAPIURL, Art: "auto", Lyrics: "auto", LyricsURL: DefaultLyricsURL}},
		{name: "env", env: map[string]string{EnvClientID: goodID, EnvRedirectURI: "http://127.0.0.1:9000/cb",
			EnvAccountsURL: "http://127.0.0.1:5000/", EnvAPIURL: "http://127.0.0.1:5000/v1", EnvBrowser: "firefox --new-tab"},
			want: Config{ClientID: goodID, RedirectURI: "http://127.0.0.1:9000/cb", AccountsURL: "http://127.0.0.1:5000",
				APIURL: "http://127.0.0.1:5000/v1", Browser: "firefox --new-tab", Art: "auto", Lyrics: "auto", LyricsURL: DefaultLyricsURL}},
		{name: "flags win over env", args: []string{"--client-id", goodID, "--redirect-uri", "http://127.0.0.1:7000/x"},
			env:  map[string]string{EnvClientID: "ffffffffffffffffffffffffffffffff", EnvRedirectURI: "http://127.0.0.1:9000/cb"},
			want: Config{ClientID: goodID, RedirectURI: "http://127.0.0.1:7000/x", AccountsURL: DefaultAccountsURL, APIURL: DefaultAPIURL, Art: "auto", Lyrics: "auto", LyricsURL: DefaultLyricsURL}},
		{name: "display", args: []string{"--no-browser"}, env: map[string]string{"WAYLAND_DISPLAY": "wayland-0"},
			want: Config{NoBrowser: true, HasDisplay: true, RedirectURI: DefaultRedirectURI, AccountsURL: DefaultAccountsURL, APIURL: DefaultAPIURL, Art: "auto", Lyrics: "auto", LyricsURL: DefaultLyricsURL}},
		{name: "demo skips validation", args: []string{"--demo"}, env: map[string]string{EnvClientID: "nope"},
			want: Config{ClientID: "nope", Demo: true, RedirectURI: DefaultRedirectURI, AccountsURL: DefaultAccountsURL, APIURL: DefaultAPIURL, Art: "auto", Lyrics: "auto", LyricsURL: DefaultLyricsURL}},
		{name: "short client id", args: []string{"--client-id", "abc123"}, wantErr: "32 hex characters"},
		{name: "non-hex client id", env: map[string]string{EnvClientID: strings.Repeat("z", 32)}, wantErr: "32 hex characters"},
		{name: "localhost redirect", env: map[string]string{EnvRedirectURI: "http://localhost:8974/callback"}, wantErr: "127.0.0.1"},
		{name: "https redirect", env: map[string]string{EnvRedirectURI: "https://example.com/cb"}, wantErr: `SPOTUI_REDIRECT_URI "https://example.com/cb" must start with "http://"`},
		{name: "bad api url", env: map[string]string{EnvAPIURL: "api.spotify.com/v1"}, wantErr: EnvAPIURL},
		{name: "bad accounts url", env: map[string]string{EnvAccountsURL: "ftp://x"}, wantErr: EnvAccountsURL},
		{name: "unknown flag", args: []string{"--colour"}, wantErr: "flag provided but not defined"},
		{name: "art from env", env: map[string]string{EnvArt: "off"},
			want: Config{RedirectURI: DefaultRedirectURI, AccountsURL: DefaultAccountsURL, APIURL: DefaultAPIURL, Art: "off", Lyrics: "auto", LyricsURL: DefaultLyricsURL}},
		{name: "art flag wins", args: []string{"--art", "blocks"}, env: map[string]string{EnvArt: "off"},
			want: Config{RedirectURI: DefaultRedirectURI, AccountsURL: DefaultAccountsURL, APIURL: DefaultAPIURL, Art: "blocks", Lyrics: "auto", LyricsURL: DefaultLyricsURL}},
		{name: "sixel art", args: []string{"--art", "sixel"},
			want: Config{RedirectURI: DefaultRedirectURI, AccountsURL: DefaultAccountsURL, APIURL: DefaultAPIURL, Art: "sixel", Lyrics: "auto", LyricsURL: DefaultLyricsURL}},
		{name: "bad art", args: []string{"--art", "sixels"}, wantErr: "auto, kitty, iterm, sixel, blocks, off"},
		{name: "stray argument", args: []string{"play"}, wantErr: `unexpected argument "play"`},
		{name: "lyrics off from env", env: map[string]string{EnvLyrics: "off"},
			want: Config{RedirectURI: DefaultRedirectURI, AccountsURL: DefaultAccountsURL, APIURL: DefaultAPIURL, Art: "auto", Lyrics: "off", LyricsURL: DefaultLyricsURL}},
		{name: "lyrics flag wins", args: []string{"--lyrics", "auto"}, env: map[string]string{EnvLyrics: "off", EnvLyricsURL: "http://127.0.0.1:9/"},
			want: Config{RedirectURI: DefaultRedirectURI, AccountsURL: DefaultAccountsURL, APIURL: DefaultAPIURL, Art: "auto", Lyrics: "auto", LyricsURL: "http://127.0.0.1:9"}},
		{name: "bad lyrics", args: []string{"--lyrics", "on"}, wantErr: "use one of auto, off"},
		{name: "bad lyrics url", env: map[string]string{EnvLyricsURL: "lrclib.net"}, wantErr: EnvLyricsURL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			got, err := Load(tt.args, "", env(tt.env), &out)
			if tt.wantErr != "" {
				var ue *UsageError
				if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want a usage error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.from = origins{} // TestErrorsNameTheirSource
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			if out.Len() != 0 {
				t.Errorf("unexpected output %q", out.String())
			}
		})
	}
}

func TestHelpListsFlagsAndEnv(t *testing.T) {
	var out bytes.Buffer
	_, err := Load([]string{"--help"}, "", env(nil), &out)
	if !errors.Is(err, ErrHelp) {
		t.Fatalf("err = %v", err)
	}
	for _, want := range []string{"-client-id", "-redirect-uri", "-demo", "-no-browser", "-version", EnvClientID, EnvRedirectURI,
		EnvAccountsURL, EnvAPIURL, EnvBrowser, EnvArt, "-art", "-debug", "XDG_CONFIG_HOME", "token.json",
		"config.toml", "poll_interval", "[theme]", "[keys]", "spotui login", "spotui now", "spotui config path"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help lacks %q:\n%s", want, out.String())
		}
	}
}

func TestNoClientIDHelpNamesTheRedirectURI(t *testing.T) {
	got := NoClientIDHelp("http://127.0.0.1:9999/cb")
	for _, want := range []string{"developer.spotify.com/dashboard", "http://127.0.0.1:9999/cb", EnvClientID, "--client-id", "--demo"} {
		if !strings.Contains(got, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

// A bad value's message names the flag, variable or file it came from,
// once, and the value once.
func TestErrorsNameTheirSource(t *testing.T) {
	const localhost = "http://localhost:8974/callback"
	fix := " uses localhost, which Spotify no longer accepts — register http://127.0.0.1:8974/callback in your Spotify app and use that"
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"redirect from env", nil, map[string]string{EnvRedirectURI: localhost}, `SPOTUI_REDIRECT_URI "` + localhost + `"` + fix},
		{"redirect from flag over env", []string{"--redirect-uri", localhost}, map[string]string{EnvRedirectURI: DefaultRedirectURI},
			`--redirect-uri "` + localhost + `"` + fix},
		{"client ID from env", nil, map[string]string{EnvClientID: "abc"}, `SPOTUI_CLIENT_ID "abc" is not a Spotify client ID`},
		{"client ID from flag", []string{"--client-id", "abc"}, nil, `--client-id "abc" is not a Spotify client ID`},
		{"art from env", nil, map[string]string{EnvArt: "sixels"}, `SPOTUI_ART "sixels": use one of auto, kitty, iterm, sixel, blocks, off`},
		{"art from flag", []string{"--art", "sixels"}, nil, `--art "sixels": use one of auto, kitty, iterm, sixel, blocks, off`},
		{"lyrics from env", nil, map[string]string{EnvLyrics: "on"}, `SPOTUI_LYRICS "on": use one of auto, off`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.args, "", env(tt.env), &bytes.Buffer{})
			var ue *UsageError
			if !errors.As(err, &ue) || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("err = %v\nwant %s…", err, tt.want)
			}
			if v := strings.Trim(strings.Fields(tt.want)[1], `"`); strings.Count(err.Error(), v) != 1 {
				t.Errorf("%q is said %d times: %v", v, strings.Count(err.Error(), v), err)
			}
		})
	}
}

func TestFileRedirectURISaysItOnce(t *testing.T) {
	path := writeConfig(t, "redirect_uri = \"http://localhost:8974/callback\"\n")
	_, err := Load(nil, path, env(nil), &bytes.Buffer{})
	want := `line 1, column 1: redirect_uri "http://localhost:8974/callback" uses localhost`
	if err == nil || !strings.Contains(err.Error(), want) || strings.Count(err.Error(), "localhost:8974") != 1 {
		t.Errorf("err = %v, want %q once", err, want)
	}
}
