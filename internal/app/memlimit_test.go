package app

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/spotui/spotui/ui/cover"
)

func TestSoftMemoryLimitUnlessGOMEMLIMITIsSet(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	for _, tc := range []struct {
		env  string
		art  cover.Mode
		want int64
	}{
		{"", cover.ModeKitty, memoryLimit},
		{"", cover.ModeSixel, memoryLimit},
		{"", cover.ModeBlocks, math.MaxInt64},     // half blocks: no limit, no extra collecting
		{"64MiB", cover.ModeKitty, math.MaxInt64}, // the runtime read GOMEMLIMIT itself; untouched
	} {
		debug.SetMemoryLimit(math.MaxInt64)
		softMemoryLimit(func(k string) string {
			if k == "GOMEMLIMIT" {
				return tc.env
			}
			return ""
		}, tc.art)
		if got := debug.SetMemoryLimit(-1); got != tc.want {
			t.Errorf("GOMEMLIMIT=%q, art %v: limit %d, want %d", tc.env, tc.art, got, tc.want)
		}
	}
}
