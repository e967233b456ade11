package app

import (
	"testing"

	"github.com/spotui/spotui/config"
	"github.com/spotui/spotui/ui"
)

// The background reaching the UI: the theme mode wins, then COLORFGBG,
// then dark.
func TestBackgroundReachesTheUI(t *testing.T) {
	for _, c := range []struct {
		name, mode, colorfgbg string
		light                 bool
	}{
		{"nothing known", "", "", false},
		{"auto reads COLORFGBG", "auto", "0;15", true},
		{"unset reads COLORFGBG", "", "0;default;15", true},
		{"dark COLORFGBG", "", "15;0", false},
		{"mode light", "light", "15;0", true},
		{"mode dark", "dark", "0;15", false},
		{"unreadable COLORFGBG", "auto", "default;default", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("COLORFGBG", c.colorfgbg)
			d := prefs(ui.Deps{}, config.Config{ThemeMode: c.mode})
			if d.LightBackground != c.light {
				t.Errorf("LightBackground = %v, want %v", d.LightBackground, c.light)
			}
		})
	}
}
