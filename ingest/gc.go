package ingest

import (
	"runtime/debug"
	"sync"
)

// While a run reads its files, Go's collector runs at lighterGCPercent instead of the process's setting
// when they are many small files: at most lighterGCBytes together, none larger than lighterGCFile.
// Reading allocates about 13 times the files' size and keeps about 2.5 times (the elections each file
// covers, its rows held for the whole-file checks, the report), so with the default GOGC of 100 a run of
// many small workbooks collected a dozen times while its heap grew from 4 to 40 MB: the people's
// congress set (900 workbooks of ~17 KB, 15 MB) spent 130 ms of CPU per load less with 400 (2 × 5 loads
// each, alternated; 200: about half of it, 800: no more). Bounded so that the heap stays small: a large
// run, or one with a large file (whose sheet is inflated whole, ten times its size and more), reads with
// the process's settings, and for the while Go's memory limit is lighterGCLimit unless the process has a
// lower one, so that the collector runs earlier than GOGC says should a small run's heap grow past it.
const (
	lighterGCPercent = 400
	lighterGCBytes   = 32 << 20
	lighterGCFile    = 1 << 20
	lighterGCLimit   = 256 << 20
)

// lighterGC is the process's state: Load may be called from several goroutines at once (electsum serve
// runs one load at a time, the CLI one), and a large run reading beside small ones reads under their
// setting, its heap then bounded by lighterGCLimit too.
var lighterGC struct {
	sync.Mutex
	runs    int   // runs reading under the lighter setting
	percent int   // the process's GOGC, given back when the last run is done
	limit   int64 // and its memory limit
}

// collectLess puts the lighter collector setting in place for a run reading files of sizes, and returns
// what gives the process its own back. Runs reading at once share it; the last one done restores.
func collectLess(sizes []int64) (restore func()) {
	var total int64
	for _, n := range sizes {
		if n > lighterGCFile {
			return func() {}
		}
		total += n
	}
	if total > lighterGCBytes {
		return func() {}
	}
	lighterGC.Lock()
	defer lighterGC.Unlock()
	if lighterGC.runs == 0 {
		lighterGC.percent = debug.SetGCPercent(lighterGCPercent)
		lighterGC.limit = debug.SetMemoryLimit(-1) // reads the limit
		if lighterGC.percent < 0 || lighterGC.percent >= lighterGCPercent {
			debug.SetGCPercent(lighterGC.percent) // GOGC=off, or already lighter: left as set
		} else if lighterGC.limit > lighterGCLimit {
			debug.SetMemoryLimit(lighterGCLimit)
		}
	}
	lighterGC.runs++
	var once sync.Once
	return func() {
		once.Do(func() {
			lighterGC.Lock()
			defer lighterGC.Unlock()
			if lighterGC.runs--; lighterGC.runs == 0 {
				debug.SetGCPercent(lighterGC.percent)
				debug.SetMemoryLimit(lighterGC.limit)
			}
		})
	}
}
