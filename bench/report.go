package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// results is everything one run measured; what is missing was not
// measured (an error, or -short).
type results struct {
	short                                  bool
	window                                 time.Duration
	spotui, lyrics, paused, reference      *usage // spotui: playing, lyrics off
	wakeFloor                              *usage // bench/wakefloor: the lyrics window's wake-ups and polls, no work
	startups, keys, changes, elsewhere     []time.Duration
	floor                                  []time.Duration // tmux + sh launching an echo
	idleGaps                               []time.Duration
	pausedPolls                            []time.Duration // since the pause, to the paused window's end
	violations, caveats, errors            []string
	startupRuns, keyRuns, changeRuns, away int // repetitions asked for
}

// row is one line of the table.
type row struct {
	Metric    string   `json:"metric"`
	Unit      string   `json:"unit"`
	Spotui    *float64 `json:"spotui"` // null: not measured
	Reference *float64 `json:"reference,omitempty"`
	Ratio     *float64 `json:"ratio,omitempty"` // spotui ÷ reference
	Target    string   `json:"target,omitempty"`
	Pass      *bool    `json:"pass,omitempty"` // null: no target, or not measured
	// check decides Pass from the value and the ratio.
	check func(v, ratio float64) bool
}

func ptr[T any](v T) *T { return &v }

func (r *rows) add(metric, unit string, v, ref *float64, target string, check func(v, ratio float64) bool) {
	x := row{Metric: metric, Unit: unit, Spotui: v, Reference: ref, Target: target, check: check}
	if v != nil && ref != nil && *ref != 0 {
		x.Ratio = ptr(*v / *ref)
	}
	if v != nil && check != nil {
		ratio := 0.0
		if x.Ratio != nil {
			ratio = *x.Ratio
		}
		x.Pass = ptr(check(*v, ratio))
	}
	*r = append(*r, x)
}

type rows []row

// table turns the results into rows, each with its target.
func (res *results) table() rows {
	var r rows
	sp, ref := res.spotui, res.reference
	get := func(u *usage, f func(usage) float64) *float64 {
		if u == nil {
			return nil
		}
		return ptr(f(*u))
	}
	cpu := func(u usage) float64 { return u.CPUPerMinute() }
	rss := func(u usage) float64 { return float64(u.PeakRSS) / (1 << 20) }
	kb := func(u usage) float64 { return u.BytesPerMinute() / 1024 }
	r.add("CPU time, playing", "ms/min", get(sp, cpu), get(ref, cpu), "≤ 200 and ≤ 0.4× ref",
		func(v, ratio float64) bool { return v <= 200 && ratio <= 0.4 })
	r.add("CPU time, playing with lyrics", "ms/min", get(res.lyrics, cpu), get(ref, cpu), "< 80",
		func(v, _ float64) bool { return v < 80 })
	r.add("  floor: the same wake-ups and polls, no work", "ms/min", get(res.wakeFloor, cpu), get(ref, cpu), "(info: bench/wakefloor)", nil)
	r.add("peak RSS", "MB", get(peak(sp, res.lyrics), rss), get(ref, rss), "< 25 MB", func(v, _ float64) bool { return v < 25 })
	r.add("terminal output, playing", "KB/min", get(sp, kb), get(ref, kb), "< 20 KB/min",
		func(v, _ float64) bool { return v < 20 })
	r.add("terminal output, playing with lyrics", "KB/min", get(res.lyrics, kb), get(ref, kb), "< 20 KB/min",
		func(v, _ float64) bool { return v < 20 })
	r.add("API requests, playing", "/min", get(sp, usage.RequestsPerMinute), nil, "≤ 13/min",
		func(v, _ float64) bool { return v <= 13 })
	if sp != nil {
		for _, ep := range sp.Endpoints() {
			r.add("  "+ep.Endpoint, "/min", ptr(ep.PerMinute), nil, "", nil)
		}
	}
	// lat adds a latency row: the median (or max) of the samples, shown
	// only when every repetition asked for was measured.
	lat := func(metric, stat string, d []time.Duration, runs int, unit, target string, ok func(float64) bool) {
		var v *float64
		if len(d) == runs && runs > 0 {
			x := median(d)
			if stat == "max" {
				x = slices.Max(d)
			}
			v = ptr(float64(x) / float64(scaleOf(unit)))
		}
		r.add(fmt.Sprintf("%s (%s of %d)", metric, stat, runs), unit, v, nil, target,
			func(x, _ float64) bool { return ok(x) })
	}
	lat("start-up to title", "median", res.startups, res.startupRuns, "ms", "< 150 ms", func(v float64) bool { return v < 150 })
	if len(res.floor) > 0 {
		r.add(fmt.Sprintf("  of which launch floor (median of %d)", len(res.floor)), "ms",
			ptr(float64(median(res.floor))/float64(time.Millisecond)), nil, "(info: tmux + sh echo)", nil)
	}
	lat("key to screen", "median", res.keys, res.keyRuns, "ms", "≤ 100 ms", func(v float64) bool { return v <= 100 })
	lat("natural track change", "median", res.changes, res.changeRuns, "ms", "≤ 1.5 s", func(v float64) bool { return v <= 1500 })
	lat("change elsewhere, worst case", "max", res.elsewhere, res.away, "s", "≤ 5.5 s", func(v float64) bool { return v <= 5.5 })
	if res.short {
		var v *float64
		if len(res.idleGaps) > 0 {
			v = ptr(float64(median(res.idleGaps)) / float64(time.Second))
		}
		r.add("poll interval, paused, 1st minute", "s", v, nil, "(info: -short)", nil)
		return r
	}
	pa := res.paused
	r.add("API requests, paused after 1st minute", "/min", get(pa, usage.RequestsPerMinute), nil, "≤ 2/min",
		func(v, _ float64) bool { return v <= 2 })
	if pa != nil {
		for _, ep := range pa.Endpoints() {
			r.add("  "+ep.Endpoint, "/min", ptr(ep.PerMinute), nil, "", nil)
		}
	}
	r.add("CPU time, paused", "ms/min", get(pa, cpu), get(ref, cpu), "(info)", nil)
	r.add("terminal output, paused", "KB/min", get(pa, kb), get(ref, kb), "(info)", nil)
	return r
}

// peak is the window with the higher peak RSS (nil when neither ran).
func peak(a, b *usage) *usage {
	if a == nil || (b != nil && b.PeakRSS > a.PeakRSS) {
		return b
	}
	return a
}

func scaleOf(unit string) time.Duration {
	if unit == "s" {
		return time.Second
	}
	return time.Millisecond
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// missed counts the rows that have a target and missed it.
func (r rows) missed() int {
	n := 0
	for _, x := range r {
		if x.Pass != nil && !*x.Pass {
			n++
		}
	}
	return n
}

func (r rows) print(out io.Writer) {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "metric\tspotui\treference\tratio\ttarget\tresult")
	num := func(v *float64, unit string) string {
		if v == nil {
			return "—"
		}
		prec := 0
		if *v < 10 {
			prec = 2
		} else if *v < 100 {
			prec = 1
		}
		return strings.TrimSpace(fmt.Sprintf("%.*f %s", prec, *v, unit))
	}
	for _, x := range r {
		res := ""
		switch {
		case x.Pass != nil && *x.Pass:
			res = "pass"
		case x.Pass != nil:
			res = "FAIL"
		case x.check != nil:
			res = "not measured"
		}
		ratio := ""
		if x.Ratio != nil {
			ratio = fmt.Sprintf("%.2f×", *x.Ratio)
		}
		ref := ""
		if x.Reference != nil {
			ref = num(x.Reference, x.Unit)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", x.Metric, num(x.Spotui, x.Unit), ref, ratio, x.Target, res)
	}
	_ = tw.Flush()
}

// usageJSON is a usage as results.json holds it.
type usageJSON struct {
	WindowS        float64    `json:"window_s"`
	CPUMSPerMin    float64    `json:"cpu_ms_per_min"`
	PeakRSSBytes   int64      `json:"peak_rss_bytes"`
	Bytes          int64      `json:"bytes"`
	BytesPerMin    float64    `json:"bytes_per_min"`
	Requests       int        `json:"requests,omitempty"`
	RequestsPerMin float64    `json:"requests_per_min,omitempty"`
	MachineBusy    float64    `json:"machine_busy"` // share of all CPUs in use
	Endpoints      []endpoint `json:"endpoints,omitempty"`
}

func usageOut(u *usage) *usageJSON {
	if u == nil {
		return nil
	}
	return &usageJSON{
		WindowS: u.Window.Seconds(), CPUMSPerMin: u.CPUPerMinute(), PeakRSSBytes: u.PeakRSS,
		Bytes: u.Bytes, BytesPerMin: u.BytesPerMinute(),
		Requests: len(u.Requests), RequestsPerMin: u.RequestsPerMinute(), Endpoints: u.Endpoints(),
		MachineBusy: u.Busy,
	}
}

func ms(d []time.Duration) []float64 {
	out := make([]float64, len(d))
	for i, x := range d {
		out[i] = float64(x) / float64(time.Millisecond)
	}
	return out
}

// writeJSON writes the table and every sample to path.
func (res *results) writeJSON(path string, r rows) error {
	doc := map[string]any{
		"time":              time.Now().UTC().Format(time.RFC3339),
		"short":             res.short,
		"window_s":          res.window.Seconds(),
		"terminal":          fmt.Sprintf("tmux %dx%d, TERM=xterm-256color COLORTERM=truecolor, --art blocks", termWidth, termHeight),
		"metrics":           r,
		"spotui_playing":    usageOut(res.spotui),
		"spotui_lyrics":     usageOut(res.lyrics),
		"spotui_paused":     usageOut(res.paused),
		"reference":         usageOut(res.reference),
		"wake_floor":        usageOut(res.wakeFloor),
		"startup_ms":        ms(res.startups),
		"launch_floor_ms":   ms(res.floor),
		"key_ms":            ms(res.keys),
		"track_change_ms":   ms(res.changes),
		"elsewhere_ms":      ms(res.elsewhere),
		"idle_poll_gaps_ms": ms(res.idleGaps),
		"paused_poll_ms":    ms(res.pausedPolls),
		"violations":        res.violations,
		"caveats":           res.caveats,
		"errors":            res.errors,
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
