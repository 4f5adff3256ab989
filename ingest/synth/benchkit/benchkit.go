// Package benchkit holds what the benchmarks of several packages share when they run on generated data:
// a cache key for the generated files, the process's peak memory and its CPU time.
package benchkit

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
)

// CacheKey hashes the generator config and the non-test source files matching globs, so that data cached
// between benchmark runs is rebuilt whenever the code that made it changes.
func CacheKey(cfg any, globs ...string) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%#v", cfg)
	for _, pattern := range globs {
		sources, err := filepath.Glob(pattern)
		if err != nil {
			return "", err
		}
		for _, s := range sources {
			if strings.HasSuffix(s, "_test.go") {
				continue
			}
			data, err := os.ReadFile(s)
			if err != nil {
				return "", err
			}
			h.Write(data)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// ResetPeak lowers the process's peak resident size (VmHWM) to its current size, after returning freed
// memory to the OS, so that a peak read later is that of the work measured, not of preparing the data.
func ResetPeak() {
	runtime.GC()
	debug.FreeOSMemory()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// PeakMiB is the peak resident size since ResetPeak in MiB where the OS tells it (Linux), else 0.
func PeakMiB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err == nil {
				return float64(kb) / 1024
			}
		}
	}
	return 0
}
