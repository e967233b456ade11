package e2e

import (
	"strings"
	"testing"
)

// The demo shows the song's synced lyrics moving with the clock, up next
// with the next title, and y hides the lyrics.
func TestDemoLyricsMoveAndUpNextShows(t *testing.T) {
	needTools(t, "tmux")
	bin := binary(t)
	dir := t.TempDir()
	tm := startTerm(t, []string{"XDG_CONFIG_HOME=" + dir, "XDG_CACHE_HOME=" + dir, "BROWSER=true", "TERM=xterm-256color"},
		bin+" --demo --art off; sleep 60")
	tm.waitText("Paper Lanterns")
	tm.waitText("Up next")
	tm.waitText("Night Bus to Nowhere") // the next title
	// "Paper lanterns on the water" is sung from 0:03, "Drifting out…" from
	// 0:07: the highlighted (bold) line moves from one to the other.
	// bold reports whether the SGRs right before line's text (tmux writes
	// bold and colour as separate sequences) turn bold on.
	bold := func(line string) bool {
		for _, l := range strings.Split(tm.screen(true), "\n") {
			i := strings.Index(l, line)
			if i < 0 {
				continue
			}
			for pre := l[:i]; strings.HasSuffix(pre, "m"); {
				j := strings.LastIndex(pre, "\x1b[")
				if j < 0 {
					break
				}
				for _, p := range strings.Split(pre[j+2:len(pre)-1], ";") {
					if p == "1" {
						return true
					}
				}
				pre = pre[:j]
			}
		}
		return false
	}
	waitFor(t, "the first line highlighted", func() bool { return bold("Paper lanterns on the water") }, func() string { return tm.screen(true) })
	waitFor(t, "the second line highlighted", func() bool {
		return bold("Drifting out past the harbour wall") && !bold("Paper lanterns on the water")
	}, func() string { return tm.screen(true) })
	tm.keys("y")
	waitFor(t, "y hides the lyrics", func() bool {
		return !strings.Contains(tm.screen(false), "harbour wall")
	}, func() string { return tm.screen(false) })
	if !strings.Contains(tm.screen(false), "Night Bus to Nowhere") {
		t.Errorf("up next went away with the lyrics:\n%s", tm.screen(false))
	}
	tm.keys("y")
	tm.waitText("harbour wall")
}
