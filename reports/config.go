package reports

import (
	"fmt"
	"time"

	"electsum/analytics"
	"electsum/templates"
)

// Config is the prose part of report.toml: what a report's author supplies that the data cannot — the
// title, the basis (依据) and deployment text of the opening paragraph, the issuing organ and date (落款),
// the election period when the data's is not wanted, and the prose items of 主要做法, 下步打算 and extra
// 存在的问题. The thresholds and groupings the figures use are analytics.Settings, decoded from the
// same file by the command (`electsum report init` writes a commented one); the zero Config is usable.
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
	// Start and End override the election period the data gives, as 年-月-日 (2024-03-01); Check
	// refuses any other form, which the opening could not print with its year.
	Start string `toml:"start" json:"start,omitempty"`
	End   string `toml:"end" json:"end,omitempty"`

	Practices []Item `toml:"practices" json:"practices,omitempty"` // 二、主要做法
	Problems  []Item `toml:"problems" json:"problems,omitempty"`   // added to 四、存在的问题
	Plans     []Item `toml:"plans" json:"plans,omitempty"`         // 五、下步打算
}

// Item is one numbered item of a prose section: a short heading and its paragraph.
type Item struct {
	Heading string `toml:"heading" json:"heading"`
	Text    string `toml:"text" json:"text"`
}

// Check says what of c cannot be used: a start or end that is not a 年-月-日 date (the opening would
// print it as written, and 3月1日 would lose the year), or an end before the start. The message names
// the key and the value, in Chinese, for the person who wrote the file.
func (c Config) Check() error {
	var dates [2]time.Time
	for i, kv := range [][2]string{{"start", c.Start}, {"end", c.End}} {
		if kv[1] == "" {
			continue
		}
		d, err := time.Parse("2006-1-2", kv[1])
		if err != nil {
			return &analytics.ConfigError{Field: kv[0], Message: fmt.Sprintf(
				"%q 不是年-月-日格式的日期：请写作 2024-03-01 这样的日期，或留空以取数据中的选举日期", kv[1])}
		}
		dates[i] = d
	}
	if !dates[0].IsZero() && !dates[1].IsZero() && dates[1].Before(dates[0]) {
		return &analytics.ConfigError{Field: "end", Message: fmt.Sprintf("%q 早于 start %q：请检查选举起止日期", c.End, c.Start)}
	}
	return nil
}

// ExampleConfig is the commented report.toml that `electsum report init` writes; it parses to a
// working Config.
func ExampleConfig() []byte { return templates.ExampleConfig() }
