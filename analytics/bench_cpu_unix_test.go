//go:build unix

package analytics_test

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used, all threads (getrusage).
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
