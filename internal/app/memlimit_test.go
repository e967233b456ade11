package app

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestSoftMemoryLimitUnlessGOMEMLIMITIsSet(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	for _, tc := range []struct {
		env  string
		want int64
	}{
		{"", memoryLimit},
		{"64MiB", math.MaxInt64}, // the runtime read GOMEMLIMIT itself; untouched
	} {
		debug.SetMemoryLimit(math.MaxInt64)
		softMemoryLimit(func(k string) string {
			if k == "GOMEMLIMIT" {
				return tc.env
			}
			return ""
		})
		if got := debug.SetMemoryLimit(-1); got != tc.want {
			t.Errorf("GOMEMLIMIT=%q: limit %d, want %d", tc.env, got, tc.want)
		}
	}
}
