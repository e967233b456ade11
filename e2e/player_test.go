package e2e

import (
	"fmt"
	"path/filepath"
	"testing"
)

// Player controls in the real binary: the status line follows s, r and +,
// and d lists the fake's devices and moves playback.
func TestPlayerControlsInTheTerminal(t *testing.T) {
	needTools(t, "tmux", "curl")
	bin := binary(t)
	dir := t.TempDir()
	fake, _, env := fakeSpotify(t, dir)
	tm := startTerm(t, env, bin+" --art off 2>"+filepath.Join(dir, "stderr")+"; sleep 60")
	first, _, _ := fake.Current()
	tm.waitText(first.Name)
	tm.waitText("shuffle off")

	tm.keys("s")
	tm.waitText("shuffle on")
	tm.keys("r") // context → track
	tm.waitText("repeat one")
	var vol int
	var was string
	for _, d := range fake.Devices() {
		if d.Active {
			vol, was = d.Volume, d.ID
		}
	}
	tm.keys("+")
	tm.waitText(fmt.Sprintf("vol %d%%", vol+5))

	tm.keys("d")
	devs := fake.Devices()
	for _, d := range devs {
		tm.waitText(d.Name)
	}
	tm.keys("Down", "Enter")
	waitFor(t, "playback moved at the fake", func() bool {
		for _, d := range fake.Devices() {
			if d.Active && d.ID != was {
				return true
			}
		}
		return false
	}, func() string { return tm.screen(false) })
	var now string
	for _, d := range fake.Devices() {
		if d.Active {
			now = d.Name
		}
	}
	tm.waitText("on " + now)
}
