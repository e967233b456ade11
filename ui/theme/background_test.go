package theme

import "testing"

func TestDark(t *testing.T) {
	known := func(dark bool) Answer { return func() (bool, bool) { return dark, true } }
	unknown := Answer(func() (bool, bool) { return false, false })
	for _, c := range []struct {
		name    string
		mode    string
		answers []Answer
		want    bool
	}{
		{"nothing known: dark", "auto", nil, true},
		{"unset mode is auto", "", []Answer{known(false)}, false},
		{"light wins over the terminal", "light", []Answer{known(true)}, false},
		{"dark wins over the terminal", "dark", []Answer{known(false)}, true},
		{"first answer that knows", "auto", []Answer{unknown, nil, known(false), known(true)}, false},
		{"COLORFGBG light", "auto", []Answer{COLORFGBG("0;15")}, false},
		{"COLORFGBG dark", "auto", []Answer{COLORFGBG("15;0")}, true},
	} {
		if got := Dark(c.mode, c.answers...); got != c.want {
			t.Errorf("%s: Dark = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestCOLORFGBG(t *testing.T) {
	for _, c := range []struct {
		v        string
		dark, ok bool
	}{
		{"15;0", true, true},
		{"0;15", false, true},
		{"0;7", false, true},  // light grey
		{"15;8", true, true},  // dark grey
		{"7;4", true, true},   // blue
		{"0;11", false, true}, // bright yellow
		{"15;default;0", true, true},
		{"0;default;15", false, true},
		{"default;default", false, false},
		{"", false, false},
		{"0", false, false},     // no background field
		{"15;16", false, false}, // not one of the 16
		{"15;-1", false, false},
		{"15;zero", false, false},
	} {
		dark, ok := COLORFGBG(c.v)()
		if dark != c.dark || ok != c.ok {
			t.Errorf("COLORFGBG(%q) = %v %v, want %v %v", c.v, dark, ok, c.dark, c.ok)
		}
	}
}
