//go:build !unix

package benchkit

import "time"

// ProcessCPU is not measured here: it reads 0.
func ProcessCPU() time.Duration { return 0 }
