package reports

import "electsum/templates"

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
	// Start and End override the election period the data gives (YYYY-MM-DD or as printed).
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

// ExampleConfig is the commented report.toml that `electsum report init` writes; it parses to a
// working Config.
func ExampleConfig() []byte { return templates.ExampleConfig() }
