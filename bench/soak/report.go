package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/spotui/spotui/bench/internal/harness"
)

// maxPerMinute is the request-storm line: polling every 5 s is 12 a minute,
// plus track-end polls, refreshes and retries.
const maxPerMinute = 60

// screenStats counts what the captures showed; each capture is in one
// category (or none: e.g. a login screen).
type screenStats struct {
	total, healthy, offline, rateLimited, trouble, expired int
}

// capture reads the screen, logs it and classifies it; true means healthy:
// playing, and no error or retry status.
func (s *soak) capture(now time.Time) bool {
	scr := s.term.Screen()
	fmt.Fprintf(s.captures, "=== %s\n%s\n", s.clock(now), scr)
	l := strings.ToLower(scr)
	st := &s.screen
	st.total++
	// One category per screen, most serious first: the header says
	// "offline" for every retry state, the status line says why.
	switch {
	case strings.Contains(l, "session expired"):
		st.expired++
	case strings.Contains(l, "rate limit"):
		st.rateLimited++
	case strings.Contains(l, "having trouble"):
		st.trouble++
	case strings.Contains(l, "offline"):
		st.offline++
	case strings.Contains(l, "playing"):
		st.healthy++
		return true
	}
	return false
}

// showsCurrent reports whether scr shows the item the fake plays now. Only
// a prefix is compared: a long title may be cut to fit.
func (s *soak) showsCurrent(scr string) bool {
	it, _, _ := s.fake.Current()
	return harness.ShowsTitle(scr, it.Name)
}

func (s *soak) report(out io.Writer) int {
	now := time.Now()
	fmt.Fprintf(out, "\nsoak ran %s; %d faults injected\n", now.Sub(s.start).Round(time.Second), len(s.faults))
	fmt.Fprintln(out, "faults:")
	slowest, unrecovered := time.Duration(0), 0
	for _, f := range s.faults {
		res := "NOT RECOVERED"
		if !f.recoveredAt.IsZero() {
			d := f.recoveredAt.Sub(f.injectedAt)
			res = "back to normal after " + d.Round(100*time.Millisecond).String()
			slowest = max(slowest, d)
		} else {
			unrecovered++
			if f.consumedAt.IsZero() {
				res += " (never took effect)"
			}
		}
		fmt.Fprintf(out, "  %s  %-28s %s\n", s.clock(f.injectedAt), f.kind.name, res)
	}
	st := s.screen
	fmt.Fprintf(out, "screens: %d captured; healthy %d, offline (network) %d, rate limited %d, Spotify trouble (5xx) %d, session expired %d\n",
		st.total, st.healthy, st.offline, st.rateLimited, st.trouble, st.expired)
	busiest := s.requestTables(out)

	fmt.Fprintln(out, "checks:")
	failed := 0
	check := func(ok bool, format string, args ...any) {
		mark := "PASS"
		if !ok {
			mark, failed = "FAIL", failed+1
		}
		fmt.Fprintf(out, "  %s %s\n", mark, fmt.Sprintf(format, args...))
	}
	alive, pane := s.term.Alive("spotui")
	check(alive, "spotui is still running (tmux pane: %q)", pane)
	// The app may be a poll behind a track change: give it a moment.
	shows := false
	for deadline := time.Now().Add(20 * time.Second); !shows && time.Now().Before(deadline); {
		if shows = s.showsCurrent(s.term.Screen()); !shows {
			time.Sleep(200 * time.Millisecond)
		}
	}
	it, _, _ := s.fake.Current()
	check(shows, "the screen shows the playing track %q", it.Name)
	_, tokOK := readToken(s.tokenFile)
	check(tokOK, "token.json parses as JSON with an access_token")
	v := s.fake.Violations()
	check(len(v) == 0, "the fake recorded no violations %q", v)
	check(unrecovered == 0, "every fault recovered (%d did not; slowest %s)", unrecovered, slowest.Round(100*time.Millisecond))
	check(st.expired == 0, "no screen said the session expired")
	check(busiest <= maxPerMinute, "no request storm: busiest minute had %d requests (limit %d)", busiest, maxPerMinute)
	errOut, _ := os.ReadFile(s.stderr)
	check(len(errOut) == 0, "spotui wrote nothing to stderr %q", errOut)
	if failed > 0 {
		fmt.Fprintf(out, "FAIL: %d checks failed; last screen:\n%s\n", failed, s.term.Screen())
		return 1
	}
	fmt.Fprintln(out, "PASS")
	return 0
}

// requestTables prints requests per endpoint and per minute, and returns
// the busiest minute's count.
func (s *soak) requestTables(out io.Writer) int {
	reqs := s.fake.Requests()
	perEndpoint := map[string]int{}
	perMinute := map[int]map[string]int{}
	for _, r := range reqs {
		ep := r.Method + " " + r.Path
		perEndpoint[ep]++
		m := int(r.Time.Sub(s.start) / time.Minute)
		if perMinute[m] == nil {
			perMinute[m] = map[string]int{}
		}
		perMinute[m][ep]++
	}
	eps := make([]string, 0, len(perEndpoint))
	for ep := range perEndpoint {
		eps = append(eps, ep)
	}
	sort.Slice(eps, func(i, j int) bool { return perEndpoint[eps[i]] > perEndpoint[eps[j]] })
	fmt.Fprintf(out, "requests: %d in all\n", len(reqs))
	for _, ep := range eps {
		fmt.Fprintf(out, "  %5d  %s\n", perEndpoint[ep], ep)
	}
	fmt.Fprintln(out, "requests per minute:")
	minutes := make([]int, 0, len(perMinute))
	for m := range perMinute {
		minutes = append(minutes, m)
	}
	sort.Ints(minutes)
	busiest := 0
	for _, m := range minutes {
		total := 0
		var parts []string
		for _, ep := range eps {
			if n := perMinute[m][ep]; n > 0 {
				total += n
				parts = append(parts, fmt.Sprintf("%s %d", ep, n))
			}
		}
		busiest = max(busiest, total)
		fmt.Fprintf(out, "  %d:00  %3d  (%s)\n", m, total, strings.Join(parts, ", "))
	}
	return busiest
}
