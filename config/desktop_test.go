package config

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestDesktopSwitches(t *testing.T) {
	tests := []struct {
		name            string
		body            string
		noMPRIS, notify bool
		wantErr         string // "" for none
	}{
		{"defaults: MPRIS on, notifications off", "", false, false, ""},
		{"mpris off", "mpris = false\n", true, false, ""},
		{"mpris on, said so", "mpris = true\n", false, false, ""},
		{"notify on", "notify = true\n", false, true, ""},
		{"both", "notify = true\nmpris = false\n", true, true, ""},
		{"quoted", "\nmpris = \"false\"\n", false, false, "line 2, column 1: mpris is a string; it must be true or false, without quotes, like mpris = false"},
		{"a number", "notify = 1\n", false, false, "notify is a number; it must be true or false, without quotes, like notify = true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Load(nil, writeConfig(t, tt.body), env(nil), &bytes.Buffer{})
			if tt.wantErr != "" {
				var fe *FileError
				if !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want a *FileError with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.NoMPRIS != tt.noMPRIS || cfg.Notify != tt.notify {
				t.Errorf("NoMPRIS, Notify = %v, %v; want %v, %v", cfg.NoMPRIS, cfg.Notify, tt.noMPRIS, tt.notify)
			}
			if len(cfg.Warnings) != 0 {
				t.Errorf("warnings: %q", cfg.Warnings)
			}
		})
	}
}
