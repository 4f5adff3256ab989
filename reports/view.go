package reports

import (
	"fmt"
	"strings"
	"time"

	"electsum/analytics"
)

// View is the data a report template receives (documented field by field in package templates). It is
// built from a Summary and a Config by NewView and is what `--format json` writes.
type View struct {
	Summary *analytics.Summary `json:"summary"`
	Config  Config             `json:"config"`

	Level  analytics.Level `json:"level"`  // which template: unit, township or county
	Place  string          `json:"place"`  // 示例县, 东风镇, 红旗村
	Self   string          `json:"self"`   // 我县, 我镇, 我村
	Whole  string          `json:"whole"`  // 全县, 全镇, 全村
	Kind   string          `json:"kind"`   // 村, 社区 or 村（社区）: whose “两委” the report covers
	Title  string          `json:"title"`  // from Config.Title or generated
	Year   int             `json:"year"`   // election year
	Period string          `json:"period"` // 2024年3月1日至4月20日, or "" when the data has no dates
	// UnitsText counts the units in the scope by kind: 45个村、6个社区 (or 51个村（社区）).
	UnitsText string `json:"units_text"`

	Overview     []Section `json:"overview"`     // 一、基本情况, numbered （一）（二）…
	Practices    []Item    `json:"practices"`    // 二、主要做法 (Config)
	Achievements []Stated  `json:"achievements"` // 三、取得的成效 (findings)
	Problems     []Stated  `json:"problems"`     // 四、存在的问题 (findings; Config.Problems follow them)
	Plans        []Item    `json:"plans"`        // 五、下步打算 (Config)
	Annex        []string  `json:"annex"`        // 附件 sheet titles
	Organ        string    `json:"organ"`        // 落款 organ, or a placeholder
	Date         string    `json:"date"`         // 落款 date, or a placeholder
	// DataChecks are the model's 数据核对 findings (optional items filled by some, failed cross-checks).
	DataChecks []Stated `json:"data_checks"`
	// Notices are the data warnings (checks of Severity 提示), for the 数据核对 notes.
	Notices []analytics.Check `json:"notices"`

	html bool // set while rendering for HTML, so that Chart emits placeholders
}

// Section is one numbered part of 一、基本情况: either one body's election (Body set) or the
// two committees of villages or communities together (Two set).
type Section struct {
	Number string                   `json:"number"` // （一）
	Title  string                   `json:"title"`  // 村民委员会换届选举结果
	Whole  string                   `json:"whole"`  // 全县 …, repeated for use inside the section
	Noun   string                   `json:"noun"`   // 村 or 社区
	Body   *analytics.BodySummary   `json:"body,omitempty"`
	Two    *analytics.TwoCommittees `json:"two,omitempty"`
	Head   string                   `json:"head,omitempty"` // 书记 or 主任
	Level  analytics.Level          `json:"level"`          // the report's level, as View.Level
}

// Placeholder marks text the author must still write.
func Placeholder(what string) string { return "【待补充：" + what + "】" }

// annexSheets are the sheets of the annex workbook, listed under 附件 (a new slice each time: a view
// owns its list).
func annexSheets() []string {
	return []string{"选举基本情况统计表", "村“两委”成员结构统计表", "与上届对比表", "当选人员名册", "数据核对"}
}

// NewView prepares the template data for s. Analytics has cross-checked s already (the one 数据核对):
// figures that cannot be right are missing from it, and its findings and inconsistencies go to the notes.
func NewView(s *analytics.Summary, cfg Config) *View {
	v := &View{Summary: s, Config: cfg, Level: s.Level, Year: s.Year}
	if v.Level == analytics.LevelAll {
		v.Level = analytics.LevelCounty
	}
	v.Place = placeName(s)
	suffix := placeSuffix(v.Place, v.Level)
	v.Self, v.Whole = "我"+suffix, "全"+suffix
	v.Kind = kindOf(s)
	v.Title = cfg.Title
	if v.Title == "" {
		v.Title = fmt.Sprintf("%s%d年%s换届选举工作总结", v.Place, s.Year, twoCommitteesWord(v.Kind))
	}
	v.Period = period(firstNonEmpty(cfg.Start, s.FirstDate), firstNonEmpty(cfg.End, s.LastDate))
	v.UnitsText = unitsText(s, v.Kind)
	v.Overview = overview(s, v.Whole)
	for i := range v.Overview {
		v.Overview[i].Level = v.Level
	}
	v.Practices = cfg.Practices
	v.Plans = cfg.Plans
	v.Achievements = stated(s, analytics.SectionAchievement, v.Whole, v.Level)
	v.Problems = stated(s, analytics.SectionProblem, v.Whole, v.Level)
	v.Annex = annexSheets()
	v.Organ = firstNonEmpty(cfg.Organ, Placeholder("发文机关"))
	v.Date = firstNonEmpty(cfg.Date, Placeholder("日期"))
	v.DataChecks = stated(s, analytics.SectionDataCheck, v.Whole, v.Level)
	v.Notices = []analytics.Check{}
	for _, ch := range s.Checks {
		if ch.Severity != analytics.SeverityViolation {
			v.Notices = append(v.Notices, ch)
		}
	}
	return v
}

// Chart is where a template wants chart name (age, education, shares, turnout). In Markdown it is
// empty; in HTML the renderer puts the SVG chart there.
func (v *View) Chart(name string) string {
	if !v.html {
		return ""
	}
	return chartToken(name)
}

func chartToken(name string) string { return "CHART" + strings.ToUpper(name) + "CHART" }

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}

// placeName is the name the report is about: the unit, the township or the county of the scope.
func placeName(s *analytics.Summary) string {
	switch {
	case s.Scope.Unit != "":
		return s.Scope.Unit
	case s.Scope.Township != "":
		return s.Scope.Township
	case s.Scope.County != "":
		return s.Scope.County
	case len(s.Counties) == 1 && s.Counties[0] != "":
		return s.Counties[0]
	}
	return "本地"
}

// placeSuffix is the administrative word a place name ends with (县, 区, 镇, 乡, 街道, 村, 社区), for
// 我县/全县; a name with none falls back to the level's word.
func placeSuffix(name string, level analytics.Level) string {
	for _, w := range []string{"街道", "社区", "自治县", "县", "区", "市", "旗", "镇", "乡", "村"} {
		if strings.HasSuffix(name, w) {
			if w == "自治县" {
				return "县"
			}
			return w
		}
	}
	switch level {
	case analytics.LevelUnit:
		return "村"
	case analytics.LevelTownship:
		return "镇"
	}
	return "县"
}

func kindOf(s *analytics.Summary) string {
	village := s.Body(analytics.PartyBranch) != nil || s.Body(analytics.VillagersCommittee) != nil || s.Body(analytics.SupervisoryCommittee) != nil
	community := s.Body(analytics.CommunityParty) != nil || s.Body(analytics.ResidentsCommittee) != nil
	switch {
	case village && community:
		return "村（社区）"
	case community:
		return "社区"
	}
	return "村"
}

func twoCommitteesWord(kind string) string { return kind + "“两委”" }

// period prints the election period from two dates given as YYYY-MM-DD (or already printed).
func period(first, last string) string {
	f, ferr := time.Parse("2006-01-02", first)
	l, lerr := time.Parse("2006-01-02", last)
	switch {
	case ferr != nil && lerr != nil:
		if first != "" && last != "" && first != last {
			return first + "至" + last
		}
		return firstNonEmpty(first, last)
	case ferr != nil:
		return chineseDate(l)
	case lerr != nil || f.Equal(l):
		return chineseDate(f)
	}
	end := chineseDate(l)
	if f.Year() == l.Year() {
		end = fmt.Sprintf("%d月%d日", l.Month(), l.Day())
	}
	return chineseDate(f) + "至" + end
}

func chineseDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}

// unitsText counts units by kind from the bodies elected there.
func unitsText(s *analytics.Summary, kind string) string {
	units := func(bs ...analytics.Body) int {
		n := 0
		for _, b := range bs {
			if bs := s.Body(b); bs != nil && bs.Participation.Units.Current.OK && bs.Participation.Units.Current.Int() > n {
				n = bs.Participation.Units.Current.Int()
			}
		}
		return n
	}
	villages := units(analytics.PartyBranch, analytics.VillagersCommittee)
	communities := units(analytics.CommunityParty, analytics.ResidentsCommittee)
	total := s.Units.Current
	switch {
	case villages+communities == 0 && total.OK:
		return Count(total, "个"+kind)
	case total.OK && villages+communities != total.Int():
		return Count(total, "个村（社区）")
	case villages > 0 && communities > 0:
		return fmt.Sprintf("%d个村、%d个社区", villages, communities)
	case communities > 0:
		return fmt.Sprintf("%d个社区", communities)
	case villages > 0:
		return fmt.Sprintf("%d个村", villages)
	}
	return ""
}

var sectionTitles = map[analytics.Body]string{
	analytics.PartyBranch:            "村党组织换届选举结果",
	analytics.VillagersCommittee:     "村民委员会换届选举结果",
	analytics.SupervisoryCommittee:   "村务监督委员会选举结果",
	analytics.CommunityParty:         "社区党组织换届选举结果",
	analytics.ResidentsCommittee:     "居民委员会换届选举结果",
	analytics.TownshipPartyCommittee: "乡镇党委换届选举结果",
	analytics.CountyDeputies:         "县级人大代表选举结果",
	analytics.TownshipDeputies:       "乡级人大代表选举结果",
}

// overview orders the sections of 一、基本情况: the village bodies and their two committees, then the
// community ones, then anything else.
func overview(s *analytics.Summary, whole string) []Section {
	var out []Section
	addBody := func(b analytics.Body) {
		if bs := s.Body(b); bs != nil {
			out = append(out, Section{Title: sectionTitles[b], Whole: whole, Noun: UnitNoun(b), Body: bs, Head: HeadTitle(b)})
		}
	}
	addTwo := func(kind string) {
		for i := range s.TwoCommittees {
			if t := &s.TwoCommittees[i]; t.Kind == kind {
				out = append(out, Section{Title: kind + "“两委”交叉任职和“一肩挑”情况", Whole: whole, Noun: kind, Two: t})
			}
		}
	}
	addBody(analytics.PartyBranch)
	addBody(analytics.VillagersCommittee)
	addBody(analytics.SupervisoryCommittee)
	addTwo("村")
	addBody(analytics.CommunityParty)
	addBody(analytics.ResidentsCommittee)
	addTwo("社区")
	addBody(analytics.TownshipPartyCommittee)
	addBody(analytics.CountyDeputies)
	addBody(analytics.TownshipDeputies)
	for i := range out {
		out[i].Number = "（" + builtinWords.Chinese(i+1) + "）"
	}
	return out
}
