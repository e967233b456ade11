package screen

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

// One progress tick as the writer sees it: a 40-line frame of which one
// line (the clock and bar) changed.
func BenchmarkWriteTick(b *testing.B) {
	lines := make([]string, 40)
	for i := range lines {
		lines[i] = fmt.Sprintf("\x1b[38;2;%d;80;120m%s\x1b[0m", i, strings.Repeat("▀", 40))
	}
	frames := make([][]string, 2)
	for k := range frames {
		lines[24] = fmt.Sprintf(" ▶ 0:%02d ━━━━━━━━━──────────────────── 4:10", k)
		frames[k] = strings.Split(strings.Join(lines, "\n"), "\n")
	}
	s := New(io.Discard, Options{})
	s.write(state{lines: frames[0], width: 120, height: 40})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		s.write(state{lines: frames[i%2], width: 120, height: 40})
	}
}
