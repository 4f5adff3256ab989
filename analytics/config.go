package analytics

import (
	"strings"
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
	// MobileThreshold is the share in percent of the votes cast by 流动票箱 above which a unit's
	// election is a 存在的问题 (default 10).
	MobileThreshold float64
	// MethodParents classes a 选举方式 as a kind of another (公推直选 → 两推一选), as report.toml's
	// [methods] says; none by default. A body's Methods then count a parent's units with its kinds'
	// and list the kinds under it (Part.Within: 两推一选12个村，其中公推直选5个村).
	MethodParents map[string]string
	Unmasked      bool // roster shows id numbers in full
	// Now is the clock for Summary.GeneratedAt (time.Now when nil), so that goldens can fix it.
	Now func() time.Time `json:"-" toml:"-"`
}

// The thresholds when Options say nothing: DefaultTurnoutThreshold is the 参选率 in percent below which
// a unit is listed; the others are Options.AgedThreshold and Options.LowEducationThreshold.
const (
	DefaultTurnoutThreshold      = 90
	DefaultAgedThreshold         = 30
	DefaultLowEducationThreshold = 40
	DefaultMobileThreshold       = 10
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

// DefaultEducationBuckets are the buckets published summaries use: the 学历 ranges of package electsum
// (大专及以上, 高中（中专）, 初中及以下: electsum.EducationRangeNames, EducationRanges).
func DefaultEducationBuckets() []EducationBucket {
	var out []EducationBucket
	ranges := electsum.EducationRanges()
	for _, name := range electsum.EducationRangeNames() {
		out = append(out, EducationBucket{Label: name, Values: ranges[name]})
	}
	return out
}

// DefaultOptions returns the defaults used when a report config says nothing.
func DefaultOptions() Options {
	o, _ := Options{}.withDefaults()
	return o
}

// Settings are the keys of report.toml that analytics reads, as the file spells them: rounding,
// [thresholds], [methods] and the [[age_bands]] and [[education]] lists. The rest of the file (title, 依据, 落款,
// the prose items) is the reports' business; the command decodes the file once and gives each package
// its part. Options turns Settings into Options, filling defaults and validating in one place.
type Settings struct {
	// Rounding is half_up (default) or largest_remainder.
	Rounding   string            `toml:"rounding" json:"rounding,omitempty"`
	Thresholds Thresholds        `toml:"thresholds" json:"thresholds"`
	AgeBands   []AgeBand         `toml:"age_bands" json:"age_bands,omitempty"`
	Education  []EducationBucket `toml:"education" json:"education,omitempty"`
	// Methods classes a 选举方式 as a kind of another: "公推直选" = "两推一选" (Options.MethodParents).
	Methods map[string]string `toml:"methods" json:"methods,omitempty"`
}

// Thresholds decide which figures become 存在的问题. Zero values take the defaults
// (DefaultTurnoutThreshold, DefaultAgedThreshold, DefaultLowEducationThreshold, DefaultMobileThreshold).
type Thresholds struct {
	// Turnout is the 参选率 in percent below which a unit is listed.
	Turnout float64 `toml:"turnout" json:"turnout"`
	// Aged is the share in percent of members in the oldest age band above which a committee counts
	// as aged (for the whole scope's 村“两委”, and for each unit).
	Aged float64 `toml:"aged" json:"aged"`
	// LowEducation is the share in percent of members in the lowest education bucket above which
	// education is called low.
	LowEducation float64 `toml:"low_education" json:"low_education"`
	// Mobile is the share in percent of the votes cast by 流动票箱 (of 参加投票) above which a unit is
	// listed under 存在的问题 (流动票箱投票比例偏高).
	Mobile float64 `toml:"mobile" json:"mobile"`
}

// Options are the options the settings ask for, each left out falling back to its default; a
// setting that cannot be used is a *ConfigError naming its key. Labels are written with full-width
// brackets, as Chinese prose and the annex print them: a report.toml written with 高中(中专) gives
// 高中（中专）.
func (s Settings) Options() (Options, error) {
	o := Options{
		Rounding:              Rounding(s.Rounding),
		TurnoutThreshold:      s.Thresholds.Turnout,
		AgedThreshold:         s.Thresholds.Aged,
		LowEducationThreshold: s.Thresholds.LowEducation,
		MobileThreshold:       s.Thresholds.Mobile,
	}
	if len(s.Methods) > 0 { // an empty [methods] table is no classing, as no table is
		o.MethodParents = s.Methods
	}
	for _, b := range s.AgeBands {
		b.Label = fullWidthBrackets(b.Label)
		o.AgeBands = append(o.AgeBands, b)
	}
	for _, b := range s.Education {
		b.Label = fullWidthBrackets(b.Label)
		o.EducationBuckets = append(o.EducationBuckets, b)
	}
	return o.withDefaults()
}

func fullWidthBrackets(label string) string {
	return strings.NewReplacer("(", "（", ")", "）").Replace(label)
}

// now is the time by o.Now, or time.Now when it is nil (Summary.GeneratedAt and the like).
func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}
