package app

import (
	"errors"
	"testing"
)

func TestClipboardBlockedInTmux(t *testing.T) {
	for _, tt := range []struct {
		name, tmux, option string
		err                error
		want               string
	}{
		{"not in tmux", "", "external", nil, ""},
		{"tmux default", "/tmp/tmux-1000/default,1,0", "external\n", nil, "tmux's set-clipboard is external"},
		{"tmux off", "/tmp/tmux-1000/default,1,0", "off\n", nil, "tmux's set-clipboard is off"},
		{"tmux on", "/tmp/tmux-1000/default,1,0", "on\n", nil, ""},
		{"tmux can't be asked", "/tmp/tmux-1000/default,1,0", "", errors.New("exit status 1"), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			asked := ""
			got := clipboardBlocked(func(k string) string {
				if k == "TMUX" {
					return tt.tmux
				}
				return ""
			}, func(name string) (string, error) { asked = name; return tt.option, tt.err })
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if tt.tmux != "" && asked != "set-clipboard" {
				t.Errorf("asked tmux for %q", asked)
			}
		})
	}
}
