package electsum

import "math"

// Rounding is the one rounding policy for shares.
type Rounding string

const (
	// HalfUp rounds each share half-up to one decimal (28.75 → 28.8).
	HalfUp Rounding = "half_up"
	// LargestRemainder rounds the shares of a distribution (age bands, education buckets …) so that they
	// total exactly 100.0, giving the spare tenths to the largest remainders.
	LargestRemainder Rounding = "largest_remainder"
)

// Round rounds x half away from zero to the given decimals (28.75 → 28.8, −2.85 → −2.9). The small
// epsilon absorbs binary representation error, so that a share computed as 100*23/80 = 28.749999…
// rounds as 28.75 does. Every figure electsum prints is rounded by Round.
func Round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	if x < 0 {
		return -math.Floor(-x*p+0.5+1e-9) / p
	}
	return math.Floor(x*p+0.5+1e-9) / p
}
