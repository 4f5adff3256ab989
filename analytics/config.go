package analytics

import (
	"time"

	"electsum"
)

// AgeBand is one 年龄段: ages Min..Max inclusive (Max 0 means no upper limit), printed as Label.
type AgeBand struct {
	Label string `json:"label" toml:"label"`
	Min   int    `json:"min" toml:"min"`
	Max   int    `json:"max" toml:"max"`
}

// EducationBucket is one 学历 group: the canonical education values it contains, printed as Label.
type EducationBucket struct {
	Label  string   `json:"label" toml:"label"`
	Values []string `json:"values" toml:"values"`
}

// Rounding is the one rounding policy for shares (electsum.Rounding).
type Rounding = electsum.Rounding

// The rounding policies (see package electsum).
const (
	HalfUp           = electsum.HalfUp
	LargestRemainder = electsum.LargestRemainder
)

// Options configure how figures are grouped and rounded.
type Options struct {
	AgeBands         []AgeBand
	EducationBuckets []EducationBucket
	Rounding         Rounding
	TurnoutThreshold float64 // percent; units below it are listed (default 90)
	// AgedThreshold is the share in percent of members in the oldest age band above which a set of
	// people, or a sub-scope's 两委, is a 存在的问题 (default 30).
	AgedThreshold float64
	// LowEducationThreshold is the share in percent of members in the lowest education bucket above
	// which education is a 存在的问题 (default 40).
	LowEducationThreshold float64
	Unmasked              bool // roster shows id numbers in full
	// Now is the clock for Summary.GeneratedAt (time.Now when nil), so that goldens can fix it.
	Now func() time.Time `json:"-" toml:"-"`
}

// The thresholds when Options say nothing: DefaultTurnoutThreshold is the 参选率 in percent below which
// a unit is listed; the others are Options.AgedThreshold and Options.LowEducationThreshold.
const (
	DefaultTurnoutThreshold      = 90
	DefaultAgedThreshold         = 30
	DefaultLowEducationThreshold = 40
)

// DefaultAgeBands are the bands published summaries use.
func DefaultAgeBands() []AgeBand {
	return []AgeBand{
		{Label: "35岁及以下", Min: 0, Max: 35},
		{Label: "36—45岁", Min: 36, Max: 45},
		{Label: "46—55岁", Min: 46, Max: 55},
		{Label: "56岁及以上", Min: 56, Max: 0},
	}
}

// DefaultEducationBuckets are the buckets published summaries use.
func DefaultEducationBuckets() []EducationBucket {
	return []EducationBucket{
		{Label: "大专及以上", Values: []string{"研究生", "大学本科", "大学专科"}},
		{Label: "高中（中专）", Values: []string{"高中", "中专"}},
		{Label: "初中及以下", Values: []string{"初中", "小学及以下"}},
	}
}

// DefaultOptions returns the defaults used when a report config says nothing.
func DefaultOptions() Options {
	return Options{
		AgeBands:              DefaultAgeBands(),
		EducationBuckets:      DefaultEducationBuckets(),
		Rounding:              HalfUp,
		TurnoutThreshold:      DefaultTurnoutThreshold,
		AgedThreshold:         DefaultAgedThreshold,
		LowEducationThreshold: DefaultLowEducationThreshold,
	}
}
