package cli

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spotui/spotui/internal/fakespotify"
	"github.com/spotui/spotui/internal/textclean"
)

const (
	evilTitle = "Evil\x1b]52;c;SEFDS0VECg==\aSong\x1b]2;PWNED\a"
	evilName  = "\x1b[2J\x1b[HMallory\u202e\u009b31m"
)

// controls lists the control, C1 and bidi runes in s, line breaks aside.
func controls(s string) []string {
	var found []string
	for _, r := range s {
		if r != '\n' && textclean.Forbidden(r) {
			found = append(found, strconv.QuoteRune(r))
		}
	}
	return found
}

// jsonControls lists the strings of a JSON document that decode to
// control characters: `jq -r` would print them raw.
func jsonControls(v any) []string {
	switch v := v.(type) {
	case string:
		if c := controls(v); len(c) > 0 {
			return []string{strconv.Quote(v)}
		}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, jsonControls(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for k, e := range v {
			out = append(out, jsonControls(k)...)
			out = append(out, jsonControls(e)...)
		}
		return out
	}
	return nil
}

func TestNowPrintsNoControlSequences(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	w.fake.EditItemText(0, func(it *fakespotify.Item) {
		it.Name, it.Artists, it.Album = evilTitle, []string{evilName, "B\x07ob"}, "Album\u2066\x1b[8m"
	})
	w.fake.EditDevice(0, func(d *fakespotify.Device) { d.Name = "Speaker\x1b]0;x\a" })

	tests := []struct {
		name string
		args []string
		want string
	}{
		{"default", []string{"now"}, "[2J[HMallory31m, Bob – Evil]52;c;SEFDS0VECg==Song]2;PWNED\n"},
		{"all fields", []string{"now", "--format", allFields}, "album=Album[8m"},
		{"device", []string{"now", "--format", "{{.Device}}"}, "Speaker]0;x\n"},
		{"json", []string{"now", "--json"}, `"name": "Evil]52;c;SEFDS0VECg==Song]2;PWNED"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := w.run(tt.args...)
			if code != ExitOK || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			if c := controls(out); len(c) > 0 {
				t.Errorf("stdout carries %v: %q", c, out)
			}
			if !strings.Contains(out, tt.want) {
				t.Errorf("stdout %q lacks %q", out, tt.want)
			}
			if tt.args[len(tt.args)-1] == "--json" {
				var doc any
				if err := json.Unmarshal([]byte(out), &doc); err != nil {
					t.Fatal(err)
				}
				if c := jsonControls(doc); len(c) > 0 {
					t.Errorf("--json strings decode to control characters: %v", c)
				}
			}
		})
	}
}

func TestNowErrorsPrintNoControlSequences(t *testing.T) {
	w := newWorld(t)
	w.login(time.Now().Add(time.Hour))
	w.fake.FailNext(fakespotify.Failure{Path: "/v1/me/player", Status: 400, Message: "Bad\x1b]2;PWNED\a\u009b2J request"})
	code, out, errOut := w.run("now")
	if code != ExitUsage || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	if c := controls(errOut); len(c) > 0 {
		t.Errorf("stderr carries %v: %q", c, errOut)
	}
	if !strings.Contains(errOut, "Bad]2;PWNED2J request") {
		t.Errorf("stderr %q lost the message", errOut)
	}
}
