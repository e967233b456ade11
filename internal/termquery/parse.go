package termquery

import (
	"strconv"
	"strings"
)

// replies is what the terminal has answered so far.
type replies struct {
	da1       bool  // DA1's reply arrived (the sentinel)
	da1Attrs  []int // its attributes, e.g. 4 = sixel
	kitty     bool  // kitty graphics query answered OK
	versions  []version
	cell      [2]int // CSI 16 t: cell width, height in pixels
	window    [2]int // CSI 14 t: text area width, height in pixels
	bg        RGB
	hasBG     bool
	unrelated int // bytes that were no reply (keys typed meanwhile): dropped
}

// version is one XTVERSION reply.
type version struct{ name, version string }

// maxReply bounds one reply: an unfinished sequence longer than this is
// not a reply we asked for, and is dropped rather than buffered forever.
const maxReply = 512

// feed parses the complete replies at the start of b into r and returns
// how many bytes it consumed. An unfinished reply at the end is left for
// the next read. Bytes that are no reply (a key typed during the probe,
// an unknown sequence) are consumed and dropped: handing a fraction of
// them on to the UI could turn a reply into keystrokes.
func (r *replies) feed(b []byte) int {
	i := 0
	for i < len(b) {
		if b[i] != esc {
			r.unrelated++
			i++
			continue
		}
		n := r.sequence(b[i:])
		if n == 0 { // unfinished
			if len(b)-i > maxReply {
				r.unrelated++
				i++ // not a reply we asked for: skip its ESC
				continue
			}
			return i
		}
		i += n
	}
	return i
}

const (
	esc = 0x1b
	bel = 0x07
)

// sequence parses the escape sequence at the start of b (b[0] == ESC) and
// returns its length, or 0 when it is not finished yet.
func (r *replies) sequence(b []byte) int {
	if len(b) < 2 {
		return 0
	}
	switch b[1] {
	case '[':
		for j := 2; j < len(b); j++ {
			c := b[j]
			if c >= 0x40 && c <= 0x7e {
				r.csi(string(b[2:j]), c)
				return j + 1
			}
			if c < 0x20 || c > 0x7e {
				return j // broken: drop what came before
			}
		}
		return 0
	case 'P', '_', ']':
		body, n := stringBody(b[2:], b[1] == ']')
		if n == 0 {
			return 0
		}
		switch b[1] {
		case 'P':
			r.dcs(body)
		case '_':
			r.apc(body)
		case ']':
			r.osc(body)
		}
		return n + 2
	default:
		r.unrelated++
		return 1 // a lone ESC (the escape key, or alt+key): dropped
	}
}

// stringBody finds the end of a DCS, APC or OSC string: ST (ESC \), or BEL
// for OSC. It returns the body and the length including the terminator, or
// n == 0 when the terminator has not arrived. A string cut short by another
// ESC is returned as it is, the ESC left for the next sequence.
func stringBody(b []byte, osc bool) (body string, n int) {
	for j := 0; j < len(b); j++ {
		switch {
		case osc && b[j] == bel:
			return string(b[:j]), j + 1
		case b[j] == esc:
			if j+1 >= len(b) {
				return "", 0
			}
			if b[j+1] == '\\' {
				return string(b[:j]), j + 2
			}
			return string(b[:j]), j // broken: hand the ESC on
		}
	}
	return "", 0
}

// csi handles CSI replies: DA1 (CSI ? … c) and window reports (CSI … t).
func (r *replies) csi(params string, final byte) {
	switch final {
	case 'c':
		if rest, ok := strings.CutPrefix(params, "?"); ok {
			r.da1 = true
			r.da1Attrs = ints(rest)
		}
	case 't':
		p := ints(params)
		if len(p) != 3 || !plausible(p[1]) || !plausible(p[2]) {
			return
		}
		switch p[0] {
		case 6:
			r.cell = [2]int{p[2], p[1]}
		case 4:
			r.window = [2]int{p[2], p[1]}
		}
	}
}

// plausible: a pixel size a terminal could mean (a bad one is ignored).
func plausible(px int) bool { return px > 0 && px <= 1<<16 }

// ints parses "1;2;4"; a field that is not a number is -1.
func ints(s string) []int {
	if s == "" {
		return nil
	}
	fields := strings.Split(s, ";")
	out := make([]int, len(fields))
	for i, f := range fields {
		n, err := strconv.Atoi(f)
		if err != nil || n < 0 {
			n = -1
		}
		out[i] = n
	}
	return out
}

// dcs handles XTVERSION's reply: ">|name(version)" or ">|name version".
func (r *replies) dcs(body string) {
	text, ok := strings.CutPrefix(body, ">|")
	if !ok {
		return
	}
	var v version
	if open := strings.IndexByte(text, '('); open > 0 && strings.HasSuffix(text, ")") {
		v = version{text[:open], text[open+1 : len(text)-1]}
	} else {
		v.name, v.version, _ = strings.Cut(text, " ")
	}
	v.name, v.version = strings.TrimSpace(v.name), strings.TrimSpace(v.version)
	r.versions = append(r.versions, v)
}

// apc handles the kitty graphics reply to our query (id 31): "Gi=31;OK".
func (r *replies) apc(body string) {
	keys, msg, ok := strings.Cut(body, ";")
	if !ok || !strings.HasPrefix(keys, "G") {
		return
	}
	for _, kv := range strings.Split(keys[1:], ",") {
		if kv == "i=31" {
			r.kitty = r.kitty || msg == "OK"
			return
		}
	}
}

// osc handles OSC 11's reply: "11;rgb:RRRR/GGGG/BBBB" (1 to 4 hex digits
// per channel; "rgba:" with a fourth, ignored).
func (r *replies) osc(body string) {
	spec, ok := strings.CutPrefix(body, "11;")
	if !ok {
		return
	}
	if c, ok := parseColor(spec); ok {
		r.bg, r.hasBG = c, true
	}
}

func parseColor(spec string) (RGB, bool) {
	var chans []string
	switch {
	case strings.HasPrefix(spec, "rgb:"):
		chans = strings.Split(spec[4:], "/")
		if len(chans) != 3 {
			return RGB{}, false
		}
	case strings.HasPrefix(spec, "rgba:"):
		chans = strings.Split(spec[5:], "/")
		if len(chans) != 4 {
			return RGB{}, false
		}
	default:
		return RGB{}, false
	}
	var v [3]uint8
	for i := range v {
		c, ok := channel(chans[i])
		if !ok {
			return RGB{}, false
		}
		v[i] = c
	}
	return RGB{v[0], v[1], v[2]}, true
}

// channel scales 1 to 4 hex digits to 8 bits: "f" and "ffff" are both 255.
func channel(h string) (uint8, bool) {
	if len(h) < 1 || len(h) > 4 {
		return 0, false
	}
	n, err := strconv.ParseUint(h, 16, 16)
	if err != nil {
		return 0, false
	}
	max := uint64(1)<<(4*len(h)) - 1
	return uint8((n*255 + max/2) / max), true
}

// sixel reports whether DA1 listed attribute 4.
func (r *replies) sixel() bool {
	for _, a := range r.da1Attrs {
		if a == 4 {
			return true
		}
	}
	return false
}
