package ui

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// The mouse regions are where the frame drew the bar and the volume, at
// every size class.
func TestMouseRegionsMatchTheFrame(t *testing.T) {
	for _, size := range [][2]int{{60, 14}, {42, 30}, {80, 24}, {160, 48}, {40, 6}} {
		w := sized(t, size[0], size[1], withArt(""))
		r := w.m.layout(size[0], size[1]).Regions
		lines := strings.Split(ansi.Strip(w.m.View()), "\n")
		bar := []rune(lines[r.Bar.Y])
		if r.Bar.Empty() || !strings.ContainsRune("━─", bar[r.Bar.X]) || !strings.ContainsRune("━─", bar[r.Bar.X+r.Bar.W-1]) {
			t.Errorf("%v: bar region %+v on %q", size, r.Bar, lines[r.Bar.Y])
		}
		if r.Volume.Empty() {
			continue // the compact view may have no room for the device line
		}
		if vol := string([]rune(lines[r.Volume.Y])[r.Volume.X : r.Volume.X+r.Volume.W]); !strings.HasPrefix(vol, "vol ") {
			t.Errorf("%v: volume region %+v holds %q", size, r.Volume, vol)
		}
	}
}

func TestClickOnTheBarSeeksThere(t *testing.T) {
	w := sized(t, 80, 24, withArt(""))
	bar := w.m.layout(80, 24).Regions.Bar
	mid := bar.X + bar.W/2
	w.send(tea.MouseMsg{X: mid, Y: bar.Y, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if w.fake.RequestCount("PUT", "/v1/me/player/seek") != 1 {
		t.Fatal("the click did not seek")
	}
	pos, _ := strconv.Atoi(w.lastRequest("PUT", "/v1/me/player/seek").Query.Get("position_ms"))
	it, _, _ := w.fake.Current()
	if d := pos - it.DurationMS/2; d < -it.DurationMS/25 || d > it.DurationMS/25 {
		t.Errorf("clicked the middle, seeked to %d of %d ms", pos, it.DurationMS)
	}
	// A click beside the bar does nothing.
	w.send(tea.MouseMsg{X: bar.X - 2, Y: bar.Y, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	w.send(tea.MouseMsg{X: mid, Y: bar.Y - 1, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if n := w.fake.RequestCount("PUT", "/v1/me/player/seek"); n != 1 {
		t.Errorf("%d seeks, want 1", n)
	}
}

// With the help or the picker open, a click where the bar used to be, or
// anywhere on them, never seeks.
func TestClicksOnHelpOrPickerNeverSeek(t *testing.T) {
	for _, open := range []string{"?", "d"} {
		for _, size := range [][2]int{{80, 24}, {60, 20}, {40, 12}, {30, 6}} {
			t.Run(fmt.Sprintf("%s_%dx%d", open, size[0], size[1]), func(t *testing.T) {
				w := sized(t, size[0], size[1], withArt(""))
				bar := w.m.layout(size[0], size[1]).Regions.Bar
				w.key(open)
				r := w.m.layout(size[0], size[1]).Regions
				if r.Help.Empty() && r.Picker.Empty() {
					t.Fatalf("%s opened nothing:\n%s", open, w.screen())
				}
				for y := range size[1] {
					for x := 0; x < size[0]; x += 3 {
						if r.Bar.Contains(x, y) {
							continue // the bar kept under the help still seeks
						}
						w.send(tea.MouseMsg{X: x, Y: y, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
					}
				}
				w.send(tea.MouseMsg{X: bar.X + 1, Y: bar.Y, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
				if n := w.fake.RequestCount("PUT", "/v1/me/player/seek"); n != 0 && !r.Bar.Contains(bar.X+1, bar.Y) {
					t.Errorf("%d seeks from clicks on the %s", n, open)
				}
			})
		}
	}
}

func TestWheelOverTheVolumeChangesIt(t *testing.T) {
	w := sized(t, 80, 24, withArt(""))
	vr := w.m.layout(80, 24).Regions.Volume
	vol := *w.m.np.Device.VolumePercent
	w.send(tea.MouseMsg{X: vr.X, Y: vr.Y, Button: tea.MouseButtonWheelUp, Action: tea.MouseActionPress})
	w.wantScreen(fmt.Sprintf("vol %d%%", vol+5))
	w.send(tea.MouseMsg{X: 2, Y: vr.Y, Button: tea.MouseButtonWheelUp, Action: tea.MouseActionPress}) // over the device name
	if n := w.fake.RequestCount("PUT", "/v1/me/player/volume"); n != 1 {
		t.Errorf("%d volume changes, want 1", n)
	}
}
