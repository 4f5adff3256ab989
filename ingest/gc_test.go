package ingest

import (
	"math"
	"runtime/debug"
	"testing"
)

// collectLess lightens the collector for runs of small files only, keeps a lower memory limit of the process's
// own, leaves GOGC=off alone, and gives the process its settings back when the last of the runs that
// overlap is done (twice called, a restore counts once).
func TestCollectLess(t *testing.T) {
	percent := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) })
	settings := func() (int, int64) {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p, debug.SetMemoryLimit(-1)
	}
	check := func(what string, wantPercent int, wantLimit int64) {
		t.Helper()
		if p, l := settings(); p != wantPercent || l != wantLimit {
			t.Errorf("%s: GOGC %d, limit %d; want %d, %d", what, p, l, wantPercent, wantLimit)
		}
	}

	many := func(n int, size int64) []int64 {
		sizes := make([]int64, n)
		for i := range sizes {
			sizes[i] = size
		}
		return sizes
	}
	collectLess(many(lighterGCBytes/lighterGCFile+1, lighterGCFile))()
	check("a large run", 100, math.MaxInt64)
	collectLess([]int64{1, lighterGCFile + 1})()
	check("a run with a large file", 100, math.MaxInt64)
	first := collectLess(many(lighterGCBytes/lighterGCFile, lighterGCFile))
	check("a small run", lighterGCPercent, lighterGCLimit)
	second := collectLess([]int64{1})
	first()
	first()
	check("the second run still reading", lighterGCPercent, lighterGCLimit)
	second()
	check("both done", 100, math.MaxInt64)

	debug.SetMemoryLimit(64 << 20)
	restore := collectLess([]int64{1})
	check("a lower limit of the process", lighterGCPercent, 64<<20)
	restore()
	check("after it", 100, 64<<20)

	debug.SetGCPercent(-1)
	restore = collectLess([]int64{1})
	check("GOGC=off", -1, 64<<20)
	restore()
	check("after GOGC=off", -1, 64<<20)
}
