package config

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

const otherID = "ffffffffffffffffffffffffffffffff"

// writeConfig puts body in a fresh config.toml and returns its path.
func writeConfig(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "spotui", "config.toml")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Flag > environment > file > default, for every setting that has all four.
func TestPrecedence(t *testing.T) {
	file := `client_id = "` + goodID + `"
redirect_uri = "http://127.0.0.1:7001/file"
art = "blocks"
`
	envAll := map[string]string{EnvClientID: otherID, EnvRedirectURI: "http://127.0.0.1:7002/env", EnvArt: "kitty"}
	flagsAll := []string{"--client-id", "abcdefabcdefabcdefabcdefabcdefab", "--redirect-uri", "http://127.0.0.1:7003/flag", "--art", "off"}
	type want struct{ id, redirect, art string }
	tests := []struct {
		name string
		file string
		env  map[string]string
		args []string
		want want
	}{
		{"default", "", nil, nil, want{"", DefaultRedirectURI, "auto"}},
		{"file over default", file, nil, nil, want{goodID, "http://127.0.0.1:7001/file", "blocks"}},
		{"env over file", file, envAll, nil, want{otherID, "http://127.0.0.1:7002/env", "kitty"}},
		{"flag over env over file", file, envAll, flagsAll, want{"abcdefabcdefabcdefabcdefabcdefab", "http://127.0.0.1:7003/flag", "off"}},
		{"flag over file", file, nil, flagsAll, want{"abcdefabcdefabcdefabcdefabcdefab", "http://127.0.0.1:7003/flag", "off"}},
		{"blank env doesn't hide the file", file, map[string]string{EnvClientID: "  ", EnvArt: ""}, nil,
			want{goodID, "http://127.0.0.1:7001/file", "blocks"}},
		{"env over default", "", envAll, nil, want{otherID, "http://127.0.0.1:7002/env", "kitty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "none.toml")
			if tt.file != "" {
				path = writeConfig(t, tt.file)
			}
			cfg, err := Load(tt.args, path, env(tt.env), &bytes.Buffer{})
			if err != nil {
				t.Fatal(err)
			}
			if got := (want{cfg.ClientID, cfg.RedirectURI, cfg.Art}); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			if cfg.File != path {
				t.Errorf("File = %q, want %q", cfg.File, path)
			}
		})
	}
}

func TestFileSettings(t *testing.T) {
	path := writeConfig(t, `# my spotui
poll_interval = "3s"
lyrics = "off"

[theme]
accent = "#1DB954"
warn = 214
error = "196"

[keys]
play_pause = ["space"]
next = ["n", "j", "n"]
quit = "q"
`)
	cfg, err := Load(nil, path, env(nil), &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.PollInterval != 3*time.Second {
		t.Errorf("PollInterval = %v", cfg.PollInterval)
	}
	if cfg.Lyrics != "off" {
		t.Errorf("Lyrics = %q, want off", cfg.Lyrics)
	}
	if want := map[string]string{"accent": "#1DB954", "warn": "214", "error": "196"}; !reflect.DeepEqual(cfg.Theme, want) {
		t.Errorf("Theme = %v, want %v", cfg.Theme, want)
	}
	wantKeys := map[string][]string{"play_pause": {"space"}, "next": {"n", "j"}, "quit": {"q"}}
	if !reflect.DeepEqual(cfg.Keys, wantKeys) {
		t.Errorf("Keys = %v, want %v", cfg.Keys, wantKeys)
	}
	if len(cfg.Warnings) != 0 {
		t.Errorf("warnings: %q", cfg.Warnings)
	}
}

func TestMissingFileIsNoConfig(t *testing.T) {
	dir := t.TempDir()
	cfg, err := Load(nil, filepath.Join(dir, "spotui", "config.toml"), env(nil), &bytes.Buffer{})
	if err != nil || cfg.ClientID != "" || cfg.Art != "auto" || cfg.PollInterval != 0 || cfg.Theme != nil {
		t.Fatalf("cfg %+v, err %v", cfg, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("Load created %v", entries)
	}
}

// A file spotui can't use stops it with the file, the line and the reason.
func TestInvalidFileNamesTheLine(t *testing.T) {
	tests := []struct {
		name, body string
		line       int
		want       string
	}{
		{"syntax", "art = \"off\"\npoll_interval = \"5s\nclient_id = 1\n", 2, "new lines"},
		{"unterminated array", "[keys]\nnext = [\"n\"\n", 2, ""},
		{"duplicate key", "art = \"off\"\n\nart = \"auto\"\n", 3, "already defined"},
		{"bad art", "\n\nart = \"sixels\"\n", 3, "auto, kitty, iterm, sixel, blocks, off"},
		{"art not a string", "art = 3\n", 1, "must be a string"},
		{"bad client id", "client_id = \"abc\"\n", 1, "32 hex characters"},
		{"localhost redirect", "redirect_uri = \"http://localhost:8974/callback\"\n", 1, "127.0.0.1"},
		{"duration without unit", "poll_interval = \"5\"\n", 1, `like "5s"`},
		{"duration as a number", "poll_interval = 5\n", 1, `poll_interval = "5s"`},
		{"poll too fast", "poll_interval = \"500ms\"\n", 1, "use 2s to 60s"},
		{"lyrics on", "\nlyrics = \"on\"\n", 2, "use one of auto, off"},
		{"lyrics as a bool", "lyrics = false\n", 1, `lyrics = "auto"`},
		{"poll too slow", "poll_interval = \"2m\"\n", 1, "out of range"},
		{"bad colour", "[theme]\naccent = \"green\"\n", 2, "#rrggbb"},
		{"colour out of range", "[theme]\ntext = 256\n", 2, "0-255"},
		{"short hex", "[theme]\nfaint = \"#fff\"\n", 2, "#rrggbb"},
		{"theme neither mode nor table", "theme = 3\n", 1, `theme = "light"`},
		{"empty key list", "[keys]\nhelp = []\n", 2, "at least one key"},
		{"key list of numbers", "[keys]\n\nnext = [1]\n", 3, "list of keys"},
		{"inline table", "theme = { accent = \"#1DB954\", text = \"nope\" }\n", 1, "[theme] text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, tt.body)
			_, err := Load(nil, path, env(nil), &bytes.Buffer{})
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want a *FileError", err)
			}
			msg := err.Error()
			if fe.Line != tt.line || !strings.Contains(msg, path) || !strings.Contains(msg, "line "+strconv.Itoa(tt.line)+",") {
				t.Errorf("%q: want the path and line %d", msg, tt.line)
			}
			if !strings.Contains(msg, tt.want) {
				t.Errorf("%q lacks %q", msg, tt.want)
			}
		})
	}
}

func TestUnreadableFile(t *testing.T) {
	dir := t.TempDir() // a directory where the file should be
	_, err := Load(nil, dir, env(nil), &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "directory") {
		t.Fatalf("err = %v", err)
	}
}

// Unknown names are warnings with their line; everything known still applies.
func TestUnknownKeysAreWarnings(t *testing.T) {
	path := writeConfig(t, `art = "off"
colour = "red"
[theme]
accent = "#112233"
accnt = "#445566"
[keys]
next = ["n"]
previous = ["n"]
teleport = ["t"]
[extra]
x = 1
`)
	cfg, err := Load(nil, path, env(nil), &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Art != "off" || cfg.Theme["accent"] != "#112233" || len(cfg.Keys) != 2 {
		t.Errorf("known settings not applied: %+v", cfg)
	}
	want := []string{
		`line 2: unknown setting "colour"`,
		`line 5: unknown colour "accnt" in [theme]`,
		`line 8: key "n" is given to both next and previous`,
		`line 9: unknown action "teleport" in [keys]`,
		`line 10: unknown setting "extra"`,
	}
	if len(cfg.Warnings) != len(want) {
		t.Fatalf("warnings %q, want %d", cfg.Warnings, len(want))
	}
	for i, w := range want {
		if !strings.Contains(cfg.Warnings[i], w) || !strings.Contains(cfg.Warnings[i], path) {
			t.Errorf("warning %d = %q, want it to name the file and contain %q", i, cfg.Warnings[i], w)
		}
	}
}

func TestSaveClientIDKeepsEverythingElse(t *testing.T) {
	const body = `# my settings
art = "blocks" # no images over ssh

[theme]
accent = "#1DB954"

[keys]
next = ["n", "j"]
`
	path := writeConfig(t, body)
	if err := SaveClientID(path, goodID); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if want := "client_id = \"" + goodID + "\"\n" + body; string(got) != want {
		t.Errorf("file:\n%s\nwant:\n%s", got, want)
	}
	// A second save replaces the value in place.
	if err := SaveClientID(path, otherID); err != nil {
		t.Fatal(err)
	}
	got, _ = os.ReadFile(path)
	if want := "client_id = \"" + otherID + "\"\n" + body; string(got) != want {
		t.Errorf("file after update:\n%s\nwant:\n%s", got, want)
	}
	cfg, err := Load(nil, path, env(nil), &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ClientID != otherID || cfg.Art != "blocks" || cfg.Theme["accent"] != "#1DB954" || len(cfg.Keys["next"]) != 2 {
		t.Errorf("round trip lost something: %+v", cfg)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
}

func TestSaveClientIDCreatesAPrivateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "spotui", "config.toml")
	if err := SaveClientID(path, goodID); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("file: %v %v", fi, err)
	}
	if di, _ := os.Stat(filepath.Dir(path)); di.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v, want 0700", di.Mode().Perm())
	}
	cfg, err := Load(nil, path, env(nil), &bytes.Buffer{})
	if err != nil || cfg.ClientID != goodID {
		t.Fatalf("read back %q, %v", cfg.ClientID, err)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".config-*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestSaveClientIDRefuses(t *testing.T) {
	const broken = "art = \"off\"\n[keys\n"
	path := writeConfig(t, broken)
	err := SaveClientID(path, goodID)
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("broken file: err = %v, want it to name line 2", err)
	}
	if got, _ := os.ReadFile(path); string(got) != broken {
		t.Errorf("a broken file was rewritten: %q", got)
	}
	if err := SaveClientID(filepath.Join(t.TempDir(), "c.toml"), "not-an-id"); err == nil || !strings.Contains(err.Error(), "32 hex") {
		t.Errorf("bad id: err = %v", err)
	}
	// client_id used as a table can't be updated safely; say so.
	path = writeConfig(t, "client_id.x = 1\n")
	if err := SaveClientID(path, goodID); err == nil || !strings.Contains(err.Error(), "by hand") {
		t.Errorf("dotted client_id: err = %v", err)
	}
}

// A config.toml that is a symlink (dotfiles) stays one.
func TestSaveClientIDFollowsASymlink(t *testing.T) {
	target := writeConfig(t, "art = \"off\"\n")
	link := filepath.Join(t.TempDir(), "config.toml")
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
	if err := SaveClientID(link, goodID); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symlink was replaced: %v %v", fi, err)
	}
	if got, _ := os.ReadFile(target); !strings.Contains(string(got), goodID) {
		t.Errorf("target not updated: %q", got)
	}
}
