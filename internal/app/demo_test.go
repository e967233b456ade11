package app

import (
	"io"
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/spotui/spotui/config"
	"github.com/spotui/spotui/internal/debuglog"
	"github.com/spotui/spotui/internal/termquery"
	"github.com/spotui/spotui/ui"
)

// --demo opens on the player: the login is done before the first frame,
// which shows a neutral line, never the token cache or a login URL.
func TestDemoGoesStraightToThePlayer(t *testing.T) {
	d, cleanup, err := Deps(config.Config{Demo: true, Art: "off"}, io.Discard, debuglog.Discard(), termquery.Caps{})
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	if _, err := d.Store.Load(); err != nil {
		t.Fatalf("no demo token before the UI starts: %v", err)
	}
	m := tea.Model(ui.New(d))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	var frames []string
	frames = append(frames, ansi.Strip(m.View()))
	// Init reads the token; its answer starts the first poll, whose answer
	// shows the item. Timers (ticks, the next poll) are not run.
	cmd := m.Init()
	for range 2 {
		if cmd == nil {
			t.Fatalf("nothing to run; screen:\n%s", frames[len(frames)-1])
		}
		m, cmd = m.Update(cmd())
		frames = append(frames, ansi.Strip(m.View()))
	}
	if !strings.Contains(frames[0], "Starting the demo…") {
		t.Errorf("first frame:\n%s", frames[0])
	}
	for i, f := range frames {
		for _, bad := range []string{"Reading the token cache", "Log in to Spotify", "authorize?"} {
			if strings.Contains(f, bad) {
				t.Errorf("frame %d shows %q:\n%s", i, bad, f)
			}
		}
	}
	if last := frames[len(frames)-1]; !strings.Contains(last, "▶ playing") {
		t.Errorf("the demo does not play after its first poll:\n%s", last)
	}
}

// The config's warnings reach the UI, which shows them on screen.
func TestWarningsReachTheUI(t *testing.T) {
	w := []string{`config file /c/config.toml, line 3: unknown setting "colour", ignored`}
	d := prefs(ui.Deps{}, config.Config{Warnings: w})
	if !reflect.DeepEqual(d.Warnings, w) {
		t.Errorf("Warnings = %q, want %q", d.Warnings, w)
	}
}
