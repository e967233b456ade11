package ui

import (
	"fmt"
	"testing"
	"time"
)

// BenchmarkView is one layout pass: the whole frame, cover included. It runs
// once per Update (the renderer draws each Update's frame), so a tick costs
// BenchmarkTickUpdate plus this.
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

// BenchmarkTickUpdate is the once-a-second model work while a track plays:
// the clock moves (View then draws the frame).
func BenchmarkTickUpdate(b *testing.B) {
	w := sized(b, 120, 40, withArt(""))
	m := w.m
	msg := tickMsg{gen: m.tickGen, at: m.now.Add(time.Second)}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = m.Update(msg)
	}
}
