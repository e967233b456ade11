package config

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
)

// FuzzConfigFile: whatever bytes config.toml holds, reading it never
// panics, and a file it refuses is reported with its path and a line and
// column inside the file; warnings name a line too.
func FuzzConfigFile(f *testing.F) {
	for _, seed := range []string{
		"client_id = \"0123456789abcdef0123456789abcdef\"\nredirect_uri = \"http://127.0.0.1:8974/callback\"\nart = \"auto\"\npoll_interval = \"5s\"\n",
		"[theme]\naccent = \"#1DB954\"\nwarn = 214\n[keys]\nnext = [\"n\", \"j\"]\nquit = \"q\"\n",
		"theme = { accent = \"#1DB954\", text = \"nope\" }\n",
		"art = \"off\"\npoll_interval = \"5s\nclient_id = 1\n",
		"\"art\" = 3\n'theme'.accent = 1\ntheme.\"text\" = \"#000000\"\n",
		"[[keys]]\nnext = 1\n", "colour = \"red\"\n[keys.next]\n", "a.b.c = 1\n", "= 1", "[", "\x00", "",
	} {
		f.Add([]byte(seed))
	}
	const path = "/home/u/.config/spotui/config.toml"
	f.Fuzz(func(t *testing.T, data []byte) {
		var cfg Config
		err := parseFile(path, data, &cfg)
		lines := bytes.Count(data, []byte("\n")) + 1
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("%T %v, want a *FileError", err, err)
			}
			if fe.Path != path || fe.Line < 1 || fe.Line > lines || fe.Column < 1 {
				t.Fatalf("error without a place in the file (line %d of %d, column %d): %v", fe.Line, lines, fe.Column, err)
			}
			return
		}
		for _, w := range cfg.Warnings {
			if strings.Contains(w, ", line 0:") {
				t.Fatalf("warning without a line: %q", w)
			}
		}
		if cfg.Art != "" && !slices.Contains(ArtModes, cfg.Art) {
			t.Fatalf("art %q accepted", cfg.Art)
		}
		if cfg.PollInterval != 0 && (cfg.PollInterval < MinPollInterval || cfg.PollInterval > MaxPollInterval) {
			t.Fatalf("poll_interval %v accepted", cfg.PollInterval)
		}
	})
}
