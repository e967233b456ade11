package ui

import (
	"fmt"
	"testing"
	"time"
)

// BenchmarkView: View only returns the frame Update rendered, so it must
// cost nanoseconds and no allocation, whatever is on screen.
func BenchmarkView(b *testing.B) {
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			w := sized(b, size[0], size[1], withArt(""))
			m := w.m
			b.ReportAllocs()
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

// BenchmarkTickUpdate is the once-a-second work while a track plays: the
// clock moves and the frame (cover included) is re-rendered.
func BenchmarkTickUpdate(b *testing.B) {
	w := sized(b, 120, 40, withArt(""))
	m := w.m
	msg := tickMsg{gen: m.tickGen, at: m.now.Add(time.Second)}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = m.Update(msg)
	}
}
