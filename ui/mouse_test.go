package ui

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// The mouse zones must be where the view draws the bar and the volume, at
// every layout.
func TestMouseZonesMatchTheView(t *testing.T) {
	for _, size := range [][2]int{{60, 14}, {42, 30}, {80, 24}, {160, 48}} {
		w := sized(t, size[0], size[1], withArt(""))
		row, ok := w.m.progressRow()
		if !ok {
			t.Fatalf("%v: no progress row", size)
		}
		lines := strings.Split(ansi.Strip(w.m.View()), "\n")
		if !strings.Contains(lines[row], "─") || !strings.HasPrefix(lines[row+1], " on ") {
			t.Errorf("%v: row %d is %q, next %q", size, row, lines[row], lines[row+1])
		}
	}
}

func TestClickOnTheBarSeeksThere(t *testing.T) {
	w := sized(t, 80, 24, withArt(""))
	row, _ := w.m.progressRow()
	line := []rune(strings.Split(ansi.Strip(w.m.View()), "\n")[row])
	first, last := -1, -1
	for x, r := range line {
		if r == '━' || r == '─' {
			if first < 0 {
				first = x
			}
			last = x
		}
	}
	mid := (first + last) / 2
	w.send(tea.MouseMsg{X: mid, Y: row, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if w.fake.RequestCount("PUT", "/v1/me/player/seek") != 1 {
		t.Fatal("the click did not seek")
	}
	pos, _ := strconv.Atoi(w.lastRequest("PUT", "/v1/me/player/seek").Query.Get("position_ms"))
	it, _, _ := w.fake.Current()
	if d := pos - it.DurationMS/2; d < -it.DurationMS/25 || d > it.DurationMS/25 {
		t.Errorf("clicked the middle, seeked to %d of %d ms", pos, it.DurationMS)
	}
	// A click beside the bar does nothing.
	w.send(tea.MouseMsg{X: first - 2, Y: row, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	w.send(tea.MouseMsg{X: mid, Y: row - 1, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if n := w.fake.RequestCount("PUT", "/v1/me/player/seek"); n != 1 {
		t.Errorf("%d seeks, want 1", n)
	}
}

func TestWheelOverTheVolumeChangesIt(t *testing.T) {
	w := sized(t, 80, 24, withArt(""))
	row, _ := w.m.progressRow()
	status := []rune(strings.Split(ansi.Strip(w.m.View()), "\n")[row+1])
	x := strings.Index(string(status), "vol ")
	x = len([]rune(string(status)[:x])) + 1
	vol := *w.m.np.Device.VolumePercent
	w.send(tea.MouseMsg{X: x, Y: row + 1, Button: tea.MouseButtonWheelUp, Action: tea.MouseActionPress})
	w.wantScreen(fmt.Sprintf("vol %d%%", vol+5))
	w.send(tea.MouseMsg{X: 2, Y: row + 1, Button: tea.MouseButtonWheelUp, Action: tea.MouseActionPress}) // over the device name
	if n := w.fake.RequestCount("PUT", "/v1/me/player/volume"); n != 1 {
		t.Errorf("%d volume changes, want 1", n)
	}
}
