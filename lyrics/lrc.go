// Package lyrics finds a track's lyrics on LRCLIB (lrclib.net), parses the
// LRC format and caches what it found, and what it did not, on disk.
// Spotify's Web API has no lyrics; LRCLIB is a free, open database of synced
// lyrics that spotatui and sptlrx use too.
package lyrics

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Line is one synced line: shown from At until the next line's At. An empty
// Text is an instrumental break.
type Line struct {
	At   time.Duration
	Text string
}

// Lyrics is what the screen shows for a track.
type Lyrics struct {
	Synced       []Line // sorted by At; empty when only plain lyrics exist
	Plain        string // unsynced text, shown wrapped when Synced is empty
	Instrumental bool   // the track has no words
}

// Found reports whether there is anything to show.
func (l Lyrics) Found() bool {
	return l.Instrumental || len(l.Synced) > 0 || strings.TrimSpace(l.Plain) != ""
}

// maxLines bounds a parsed LRC: the longest songs have a few hundred lines,
// and a hostile reply must not cost memory or time on every frame.
const maxLines = 2000

// maxStamp bounds a timestamp: nothing plays for longer than a day.
const maxStamp = 24 * time.Hour

// ParseLRC reads LRC text: lines like "[01:02.34] words", possibly with
// several timestamps ("[00:12.00][00:45.00] chorus"), metadata tags
// ("[ar:…]", "[offset:+500]") and blank or malformed lines, which are
// skipped. A positive offset (milliseconds) makes every line show earlier,
// as the LRC convention has it. Lines come back sorted by time, stable for
// equal times, with their text cleaned by clean.
func ParseLRC(text string, clean func(string) string) []Line {
	var out []Line
	var offset time.Duration
	for raw := range strings.Lines(text) {
		line := strings.TrimRight(raw, "\r\n")
		var stamps []time.Duration
		rest := strings.TrimLeft(line, " \t")
		for strings.HasPrefix(rest, "[") {
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				break
			}
			tag := rest[1:end]
			if d, ok := parseStamp(tag); ok {
				stamps = append(stamps, d)
			} else if v, ok := strings.CutPrefix(strings.ToLower(tag), "offset:"); ok {
				if ms, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && ms > -3_600_000 && ms < 3_600_000 {
					offset = time.Duration(ms) * time.Millisecond
				}
			} else {
				break // a metadata tag or text in brackets: not a synced line
			}
			rest = rest[end+1:]
		}
		if len(stamps) == 0 {
			continue
		}
		words := clean(strings.TrimSpace(rest))
		for _, at := range stamps {
			if len(out) >= maxLines {
				break
			}
			out = append(out, Line{At: at, Text: words})
		}
	}
	for i := range out {
		out[i].At = max(out[i].At-offset, 0)
	}
	slices.SortStableFunc(out, func(a, b Line) int { return cmp.Compare(a.At, b.At) })
	return out
}

// parseStamp reads "mm:ss", "mm:ss.xx" or "mm:ss.xxx" (also with ':' before
// the fraction, which some files use).
func parseStamp(s string) (time.Duration, bool) {
	mm, rest, ok := strings.Cut(s, ":")
	if !ok || mm == "" || len(mm) > 4 || !digits(mm) {
		return 0, false
	}
	ss, frac, hasFrac := strings.Cut(rest, ".")
	if !hasFrac {
		ss, frac, hasFrac = strings.Cut(rest, ":")
	}
	if len(ss) != 2 || !digits(ss) || (hasFrac && (frac == "" || len(frac) > 3 || !digits(frac))) {
		return 0, false
	}
	m, _ := strconv.Atoi(mm)
	sec, _ := strconv.Atoi(ss)
	if sec >= 60 {
		return 0, false
	}
	d := time.Duration(m)*time.Minute + time.Duration(sec)*time.Second
	if hasFrac {
		f, _ := strconv.Atoi(frac)
		for range 3 - len(frac) {
			f *= 10
		}
		d += time.Duration(f) * time.Millisecond
	}
	if d > maxStamp {
		return 0, false
	}
	return d, true
}

func digits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// At is the index of the line showing at pos (-1 before the first line).
func At(lines []Line, pos time.Duration) int {
	i, _ := slices.BinarySearchFunc(lines, pos, func(l Line, p time.Duration) int {
		if l.At <= p {
			return -1
		}
		return 1
	})
	return i - 1
}

// NextChange is how long after pos the shown line changes; ok is false
// when no line follows.
func NextChange(lines []Line, pos time.Duration) (time.Duration, bool) {
	i := At(lines, pos) + 1
	for i < len(lines) && lines[i].At <= pos {
		i++
	}
	if i >= len(lines) {
		return 0, false
	}
	return lines[i].At - pos, true
}
