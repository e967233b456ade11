package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spotui/spotui/internal/fakespotify"
)

// usage is what one program cost over one measuring window.
type usage struct {
	Window   time.Duration
	CPU      time.Duration // utime+stime, all threads
	Bytes    int64         // written to the terminal
	PeakRSS  int64         // VmHWM at the window's end, in bytes: the peak since start
	Requests []fakespotify.Request
	// Busy is the share of all CPUs the whole machine used meanwhile:
	// other work on a shared machine skews CPU time, so it is reported.
	Busy float64
}

// perMinute scales a count over the window to one minute.
func (u usage) perMinute(n float64) float64 { return n * float64(time.Minute) / float64(u.Window) }

// CPUPerMinute is in milliseconds.
func (u usage) CPUPerMinute() float64 { return u.perMinute(float64(u.CPU) / float64(time.Millisecond)) }

func (u usage) BytesPerMinute() float64 { return u.perMinute(float64(u.Bytes)) }

func (u usage) RequestsPerMinute() float64 { return u.perMinute(float64(len(u.Requests))) }

// endpoint is one "METHOD /path" and its requests per minute.
type endpoint struct {
	Endpoint  string  `json:"endpoint"`
	Count     int     `json:"count"`
	PerMinute float64 `json:"per_minute"`
}

// Endpoints breaks the window's requests down, busiest first.
func (u usage) Endpoints() []endpoint {
	n := map[string]int{}
	for _, r := range u.Requests {
		n[r.Method+" "+r.Path]++
	}
	out := make([]endpoint, 0, len(n))
	for ep, c := range n {
		out = append(out, endpoint{Endpoint: ep, Count: c, PerMinute: u.perMinute(float64(c))})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Endpoint < out[j].Endpoint
	})
	return out
}

// measure watches p for d: its CPU time, what it writes to the terminal
// (tmux pipe-pane), its peak RSS, and the requests the fake got meanwhile
// (nil fake: none asked for).
func (b *bench) measure(ctx context.Context, p *proc, d time.Duration, label string) (usage, error) {
	file := filepath.Join(b.dir, "bytes-"+label)
	if err := p.term.PipeTo(file); err != nil {
		return usage{}, err
	}
	start := time.Now()
	busy0, total0 := machineCPU()
	cpu0, err := cpuTime(p.pid, b.clkTck)
	if err != nil {
		return usage{}, err
	}
	if err := sleep(ctx, d); err != nil {
		return usage{}, err
	}
	cpu1, err := cpuTime(p.pid, b.clkTck)
	if err != nil {
		return usage{}, fmt.Errorf("%s died during the window? %v; screen:\n%s", p.name, err, p.term.Screen())
	}
	end := time.Now()
	busy1, total1 := machineCPU()
	rss, err := peakRSS(p.pid)
	if err != nil {
		return usage{}, err
	}
	if err := p.term.StopPipe(); err != nil {
		return usage{}, err
	}
	// cat gets EOF once tmux closes the pipe; give it time to write the
	// last bytes before the file is weighed.
	if err := sleep(ctx, 300*time.Millisecond); err != nil {
		return usage{}, err
	}
	st, err := os.Stat(file)
	if err != nil {
		return usage{}, fmt.Errorf("pipe-pane wrote nothing: %v", err)
	}
	u := usage{Window: end.Sub(start), CPU: cpu1 - cpu0, Bytes: st.Size(), PeakRSS: rss}
	if total1 > total0 {
		u.Busy = float64(busy1-busy0) / float64(total1-total0)
	}
	if p.name == "spotui" {
		// Exactly d long, half open: polls exactly 30 s apart are two in
		// any minute. [start, end) is d plus the reads above, and a poll at
		// each end of it made three once alarms kept the schedule exactly.
		u.Requests = requestsBetween(b.fake.Requests(), start, start.Add(d))
	}
	return u, nil
}

func requestsBetween(reqs []fakespotify.Request, from, to time.Time) []fakespotify.Request {
	var out []fakespotify.Request
	for _, r := range reqs {
		if !r.Time.Before(from) && r.Time.Before(to) {
			out = append(out, r)
		}
	}
	return out
}

// cpuTime is utime+stime from /proc/PID/stat (fields 14 and 15), which
// count every thread of the process.
func cpuTime(pid int, tck int64) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The name (field 2) may hold spaces and parentheses: split after
	// its last ')'. fields[0] is then field 3, the state.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, fmt.Errorf("/proc/%d/stat: no ')'", pid)
	}
	fields := strings.Fields(s[i+1:])
	if len(fields) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(fields))
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("/proc/%d/stat: bad utime/stime %q %q", pid, fields[11], fields[12])
	}
	return time.Duration(utime+stime) * time.Second / time.Duration(tck), nil
}

// peakRSS is VmHWM from /proc/PID/status, in bytes.
func peakRSS(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("/proc/%d/status: VmHWM %q", pid, v)
			}
			return kb << 10, nil
		}
	}
	return 0, fmt.Errorf("/proc/%d/status: no VmHWM", pid)
}

// machineCPU is the time all CPUs were busy, and in all, from /proc/stat's
// first line, in ticks; zeros if unreadable.
func machineCPU() (busy, total int64) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	fields := strings.Fields(line) // cpu user nice system idle iowait irq softirq steal ...
	for i, f := range fields[1:] {
		n, _ := strconv.ParseInt(f, 10, 64)
		if i >= 8 { // guest time is already in user and nice
			break
		}
		total += n
		if i != 3 && i != 4 { // idle, iowait
			busy += n
		}
	}
	return busy, total
}
