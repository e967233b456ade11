package fakespotify

import (
	"math"
	"testing"
)

func TestEditItemTextServesHostileText(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.login(scopeReadCurrently, scopeReadState)
	before, _, _ := e.s.Current()
	e.s.EditItemText(0, func(it *Item) {
		it.Name = "Evil\x1b]2;PWNED\a"
		it.Artists = []string{"\x1b[2J"}
		it.ID, it.DurationMS = "changed", 1 // put back
	})
	r, cp := e.playing(tok.AccessToken, "")
	if r.status != 200 || cp.Item == nil {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if cp.Item.Name != "Evil\x1b]2;PWNED\a" || cp.Item.ArtistNames() != "\x1b[2J" {
		t.Errorf("served %q by %q", cp.Item.Name, cp.Item.ArtistNames())
	}
	if cp.Item.ID != before.ID || cp.Item.DurationMS != before.DurationMS {
		t.Errorf("id %q duration %d changed (was %q %d)", cp.Item.ID, cp.Item.DurationMS, before.ID, before.DurationMS)
	}
	e.noViolations()
}

func TestEditDeviceServesHostileDevice(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.login(scopeReadCurrently, scopeReadState)
	id := e.s.Devices()[1].ID
	e.s.EditDevice(1, func(d *Device) { d.Name, d.Volume, d.ID = "\x1b]52;c;eA==\a", math.MinInt32, "changed" })
	var out struct {
		Devices []struct {
			ID            string `json:"id"`
			Name          string `json:"name"`
			VolumePercent *int   `json:"volume_percent"`
		} `json:"devices"`
	}
	e.decode(e.get("/v1/me/player/devices", tok.AccessToken), &out)
	d := out.Devices[1]
	if d.ID != id || d.Name != "\x1b]52;c;eA==\a" || d.VolumePercent == nil || *d.VolumePercent != math.MinInt32 {
		t.Errorf("served %+v", d)
	}
}
