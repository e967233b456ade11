package config

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The background mode: flag > SPOTUI_THEME > file (theme = "x" or [theme]
// mode = "x") > unset (auto).
func TestThemeMode(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		env    string
		args   []string
		want   string
		colors map[string]string
	}{
		{"unset", "", "", nil, "", nil},
		{"top-level string", "theme = \"light\"\n", "", nil, "light", nil},
		{"mode in the table", "[theme]\nmode = \"dark\"\naccent = \"#1DB954\"\ntrack = 236\n", "", nil, "dark",
			map[string]string{"accent": "#1DB954", "track": "236"}},
		{"inline table", "theme = { mode = \"light\" }\n", "", nil, "light", nil},
		{"auto", "theme = \"auto\"\n", "", nil, "auto", nil},
		{"spaces trimmed", "theme = \" light \"\n", "", nil, "light", nil},
		{"env over file", "theme = \"light\"\n", "dark", nil, "dark", nil},
		{"flag over env", "theme = \"light\"\n", "dark", []string{"--theme", "light"}, "light", nil},
		{"blank env keeps the file", "[theme]\nmode = \"light\"\n", "  ", nil, "light", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "none.toml")
			if tt.file != "" {
				path = writeConfig(t, tt.file)
			}
			cfg, err := Load(tt.args, path, env(map[string]string{EnvTheme: tt.env}), &bytes.Buffer{})
			if err != nil {
				t.Fatal(err)
			}
			if cfg.ThemeMode != tt.want || !reflect.DeepEqual(cfg.Theme, tt.colors) {
				t.Errorf("mode %q colours %v, want %q %v", cfg.ThemeMode, cfg.Theme, tt.want, tt.colors)
			}
			if len(cfg.Warnings) > 0 {
				t.Errorf("warnings: %q", cfg.Warnings)
			}
		})
	}
}

func TestBadThemeMode(t *testing.T) {
	fileErrs := []struct {
		name, body string
		line       int
		want       string
	}{
		{"unknown mode", "\ntheme = \"solarized\"\n", 2, `theme "solarized": use one of auto, light, dark`},
		{"unknown mode in the table", "[theme]\naccent = \"#1DB954\"\nmode = \"Dark\"\n", 3, `theme.mode "Dark": use one of auto, light, dark`},
		{"mode not a string", "[theme]\nmode = true\n", 2, "must be a string"},
		{"theme a list", "theme = [\"dark\"]\n", 1, "theme is a list"},
	}
	for _, tt := range fileErrs {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, tt.body)
			_, err := Load(nil, path, env(nil), &bytes.Buffer{})
			var fe *FileError
			if !errors.As(err, &fe) || fe.Line != tt.line || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a *FileError at line %d containing %q", err, tt.line, tt.want)
			}
		})
	}
	usageErrs := []struct {
		name string
		args []string
		env  string
		from string // the one source the message names
	}{
		{"bad flag", []string{"--theme", "blue"}, "", "--theme"},
		{"bad env", nil, "blue", EnvTheme},
		{"bad flag with --demo", []string{"--demo", "--theme", "blue"}, "", "--theme"},
	}
	for _, tt := range usageErrs {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.args, "", env(map[string]string{EnvTheme: tt.env}), &bytes.Buffer{})
			var ue *UsageError
			if !errors.As(err, &ue) || err.Error() != tt.from+` "blue": use one of auto, light, dark` {
				t.Fatalf("err = %v, want a usage error naming %s, the value and the choices", err, tt.from)
			}
		})
	}
}

func TestHelpListsTheme(t *testing.T) {
	var out bytes.Buffer
	if _, err := Load([]string{"--help"}, "", env(nil), &out); !errors.Is(err, ErrHelp) {
		t.Fatalf("err = %v", err)
	}
	for _, want := range []string{"-theme", EnvTheme, "auto|light|dark", `theme = "auto"`, "track"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help lacks %q", want)
		}
	}
}
