package reports

import (
	"strings"

	"electsum/analytics"
	"electsum/templates"
)

// Config is what a report's author supplies that the data cannot: the title, the basis (依据) and
// deployment text of the opening paragraph, the issuing organ and date (落款), the prose items of
// 主要做法, 下步打算 and extra 存在的问题, and the thresholds and groupings the figures use. It is read
// from report.toml (`electsum report init` writes a commented one); the zero Config is usable.
type Config struct {
	// Title replaces the generated title (示例县2024年村“两委”换届选举工作总结) when set.
	Title string `toml:"title" json:"title,omitempty"`
	// Basis is 依据: what the election followed (根据《村民委员会组织法》和省委、市委的统一部署).
	Basis string `toml:"basis" json:"basis,omitempty"`
	// Deployment is how the work was organised (县委高度重视，成立换届工作领导小组……).
	Deployment string `toml:"deployment" json:"deployment,omitempty"`
	// Organ is the issuing organ of 落款 (中共示例县委组织部); empty leaves a placeholder.
	Organ string `toml:"organ" json:"organ,omitempty"`
	// Date is the date of 落款 as printed (2024年12月20日); empty leaves a placeholder.
	Date string `toml:"date" json:"date,omitempty"`
	// Start and End override the election period the data gives (YYYY-MM-DD or as printed).
	Start string `toml:"start" json:"start,omitempty"`
	End   string `toml:"end" json:"end,omitempty"`

	Practices []Item `toml:"practices" json:"practices,omitempty"` // 二、主要做法
	Problems  []Item `toml:"problems" json:"problems,omitempty"`   // added to 四、存在的问题
	Plans     []Item `toml:"plans" json:"plans,omitempty"`         // 五、下步打算

	Thresholds Thresholds `toml:"thresholds" json:"thresholds"`

	AgeBands  []analytics.AgeBand         `toml:"age_bands" json:"age_bands,omitempty"`
	Education []analytics.EducationBucket `toml:"education" json:"education,omitempty"`
	// Rounding is half_up (default) or largest_remainder.
	Rounding string `toml:"rounding" json:"rounding,omitempty"`
}

// Item is one numbered item of a prose section: a short heading and its paragraph.
type Item struct {
	Heading string `toml:"heading" json:"heading"`
	Text    string `toml:"text" json:"text"`
}

// Thresholds decide which figures become 存在的问题. Zero values take the defaults.
type Thresholds struct {
	// Turnout is the 参选率 in percent below which a unit is listed (default 90).
	Turnout float64 `toml:"turnout" json:"turnout"`
	// Aged is the share in percent of members in the oldest age band above which a committee counts
	// as aged (default 30 for the whole scope's 村“两委”, and for each unit).
	Aged float64 `toml:"aged" json:"aged"`
	// LowEducation is the share in percent of members in the lowest education bucket above which
	// education is called low (default 40).
	LowEducation float64 `toml:"low_education" json:"low_education"`
}

// The defaults of Thresholds.
const (
	DefaultTurnoutThreshold      = analytics.DefaultTurnoutThreshold
	DefaultAgedThreshold         = analytics.DefaultAgedThreshold
	DefaultLowEducationThreshold = analytics.DefaultLowEducationThreshold
)

func (t Thresholds) withDefaults() Thresholds {
	if t.Turnout == 0 {
		t.Turnout = DefaultTurnoutThreshold
	}
	if t.Aged == 0 {
		t.Aged = DefaultAgedThreshold
	}
	if t.LowEducation == 0 {
		t.LowEducation = DefaultLowEducationThreshold
	}
	return t
}

// Validate checks the settings that would otherwise give wrong figures or findings: the analytics
// options by analytics.Options.Validate, the one validator of age bands, education buckets, rounding
// and the thresholds. A mistake is an *analytics.ConfigError, the one error type of a setting.
func (c Config) Validate() error { return c.Options().Validate() }

// Options are the analytics options the config asks for: its age bands, education buckets, rounding
// and turnout threshold, each falling back to analytics.DefaultOptions.
func (c Config) Options() analytics.Options {
	o := analytics.DefaultOptions()
	if len(c.AgeBands) > 0 {
		o.AgeBands = make([]analytics.AgeBand, len(c.AgeBands))
		for i, b := range c.AgeBands {
			b.Label = fullWidthBrackets(b.Label)
			o.AgeBands[i] = b
		}
	}
	if len(c.Education) > 0 {
		o.EducationBuckets = make([]analytics.EducationBucket, len(c.Education))
		for i, b := range c.Education {
			b.Label = fullWidthBrackets(b.Label)
			o.EducationBuckets[i] = b
		}
	}
	if c.Rounding != "" {
		o.Rounding = analytics.Rounding(c.Rounding)
	}
	th := c.Thresholds.withDefaults()
	o.TurnoutThreshold, o.AgedThreshold, o.LowEducationThreshold = th.Turnout, th.Aged, th.LowEducation
	return o
}

// fullWidthBrackets writes a label's brackets full-width, as Chinese prose and the annex print them: a
// report.toml written with 高中(中专) gives 高中（中专） in the draft.
func fullWidthBrackets(label string) string {
	return strings.NewReplacer("(", "（", ")", "）").Replace(label)
}

// ExampleConfig is the commented report.toml that `electsum report init` writes; it parses to a
// working Config.
func ExampleConfig() []byte { return templates.ExampleConfig() }
