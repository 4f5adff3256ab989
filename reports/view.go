package reports

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"electsum"
	"electsum/analytics"
)

// View is the data a report template receives (documented field by field in package templates). It is
// built from a Summary and a Config by NewView and is what `--format json` writes.
type View struct {
	Summary *analytics.Summary `json:"summary"`
	Config  Config             `json:"config"`

	Frame
	Kind string `json:"kind"` // 村, 社区 or 村（社区）: whose “两委” the report covers
	// UnitsText counts the units in the scope by kind: 45个村、6个社区 (or 51个村（社区）).
	UnitsText string `json:"units_text"`

	Overview []Section `json:"overview"` // 一、基本情况, numbered （一）（二）…
	// Closing: Achievements are the findings from the change versus the previous term, Problems those
	// from the data, DataChecks the model's 数据核对 findings (optional items filled by some, failed
	// cross-checks).
	Closing

	html  bool   // set while rendering for HTML, so that Chart emits placeholders
	words *Words // the words the view was built with, for its charts
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
	// Members is set on the first of the two committees' sections, the members' structure
	// (村“两委”成员结构情况); the second has their 一肩挑 and 交叉任职 (issue 10 prose: each
	// paragraph under its own heading).
	Members bool            `json:"members,omitempty"`
	Head    string          `json:"head,omitempty"` // 书记 or 主任
	Level   analytics.Level `json:"level"`          // the report's level, as View.Level
}

// Placeholder marks text the author must still write, in the built-in words (【待补充：日期】).
func Placeholder(what string) string { return builtinWords.placeholder(what) }

func (w *Words) placeholder(what string) string { return fill(w.Drafts.Placeholder, "{what}", what) }

// title is the draft's title: report.toml's, else the words' for place, year and what it is about.
func (w *Words) title(cfg Config, place string, year int, what string) string {
	return firstNonEmpty(cfg.Title, fill(w.Drafts.Title, "{place}", place, "{year}", strconv.Itoa(year), "{what}", what))
}

// Frame is what every draft (View, CongressView, PartyCongressView) says of its place and time, in the
// same fields for the same section blocks of the templates.
type Frame struct {
	Level  analytics.Level `json:"level"`  // which template: unit, township or county
	Place  string          `json:"place"`  // 示例县, 东风镇, 红旗村
	Self   string          `json:"self"`   // 我县, 我镇, 我村
	Whole  string          `json:"whole"`  // 全县, 全镇, 全村
	Title  string          `json:"title"`  // from Config.Title or generated
	Year   int             `json:"year"`   // election year
	Period string          `json:"period"` // 2024年3月1日至4月20日, or "" when the data has no dates
}

// frame is the Frame of a draft about what (村“两委”, 县乡两级人大 …) at place, a report of level, of
// year's elections held from first to last (report.toml's title, start and end win).
func (w *Words) frame(cfg Config, level analytics.Level, place string, year int, what, first, last string) Frame {
	suffix := w.placeSuffix(place, level)
	return Frame{Level: level, Place: place, Year: year,
		Self: fill(w.Drafts.Self, "{suffix}", suffix), Whole: fill(w.Drafts.Whole, "{suffix}", suffix),
		Title:  w.title(cfg, place, year, what),
		Period: w.period(firstNonEmpty(cfg.Start, first), firstNonEmpty(cfg.End, last))}
}

// DraftTitle is the draft's title before conversion.
func (f *Frame) DraftTitle() string { return f.Title }

// Closing is what every draft has after 一、基本情况 — 二、主要做法 to 五、下步打算, the 附件, the 落款 and
// the 数据核对 notes —, in the same fields for the same section blocks of the templates.
type Closing struct {
	Practices    []Item   `json:"practices"`    // 二、主要做法 (Config)
	Achievements []Stated `json:"achievements"` // 三、取得的成效 (findings)
	Problems     []Stated `json:"problems"`     // 四、存在的问题 (findings; Config.Problems follow them)
	Plans        []Item   `json:"plans"`        // 五、下步打算 (Config)
	Annex        []string `json:"annex"`        // 附件 sheet titles
	Organ        string   `json:"organ"`        // 落款 organ, or a placeholder
	Date         string   `json:"date"`         // 落款 date, or a placeholder
	// DataChecks are the 数据核对 findings.
	DataChecks []Stated `json:"data_checks"`
	// Notices are the data warnings (checks of Severity 提示), for the 数据核对 notes.
	Notices []analytics.Check `json:"notices"`
}

// closing is the Closing of a draft with report.toml's practices and plans, the annex sheet titles,
// the 落款 (signature) and the notices among checks. Achievements, Problems and DataChecks are the
// caller's to fill.
func (w *Words) closing(cfg Config, annex []string, checks []analytics.Check) Closing {
	c := Closing{Practices: cfg.Practices, Plans: cfg.Plans, Annex: slices.Clone(annex), Notices: notices(checks)}
	c.Organ, c.Date = w.signature(cfg)
	return c
}

// signature is the 落款: report.toml's organ and date, else placeholders.
func (w *Words) signature(cfg Config) (organ, date string) {
	return firstNonEmpty(cfg.Organ, w.placeholder(w.Drafts.Organ)), firstNonEmpty(cfg.Date, w.placeholder(w.Drafts.Date))
}

// number numbers the i-th part (from 0) of 一、基本情况: （一）.
func (w *Words) number(i int) string { return fill(w.Drafts.Number, "{n}", w.Chinese(i+1)) }

// NewView prepares the template data for s in the built-in words (Renderer.View: a folder's words).
// Analytics has cross-checked s already (the one 数据核对): figures that cannot be right are missing
// from it, and its findings and inconsistencies go to the notes.
func NewView(s *analytics.Summary, cfg Config) *View { return builtinWords.view(s, cfg) }

// View prepares the template data for s in r's words (its folder's words.toml), as NewView.
func (r *Renderer) View(s *analytics.Summary, cfg Config) *View { return r.words.view(s, cfg) }

func (w *Words) view(s *analytics.Summary, cfg Config) *View {
	v := &View{Summary: s, Config: cfg, Kind: w.kindOf(s), words: w}
	level := s.Level
	if level == analytics.LevelAll {
		level = analytics.LevelCounty
	}
	v.Frame = w.frame(cfg, level, firstNonEmpty(s.Place(), w.Drafts.Nowhere), s.Year,
		fill(w.Drafts.TwoCommittees, "{kind}", v.Kind), s.FirstDate, s.LastDate)
	v.UnitsText = w.unitsText(s, v.Kind)
	v.Overview = w.overview(s, v.Whole)
	for i := range v.Overview {
		v.Overview[i].Level = v.Level
	}
	annex := annexTitles(w.Drafts.Annex.Village, AnnexSheets(s))
	v.Closing = w.closing(cfg, annex, s.Checks)
	v.Achievements = stated(s, analytics.SectionAchievement, v.Whole, v.Level, 0)
	v.Problems = stated(s, analytics.SectionProblem, v.Whole, v.Level, listAnnex(annex, w.Drafts.Annex.ProblemUnits))
	v.DataChecks = stated(s, analytics.SectionDataCheck, v.Whole, v.Level, 0)
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

// placeSuffix is the administrative word a place name ends with (县, 区, 镇, 乡, 街道, 村, 社区), for
// 我县/全县; a name with none falls back to the level's word.
func (w *Words) placeSuffix(name string, level analytics.Level) string {
	places := w.Drafts.Places
	for _, suffix := range places.Suffixes {
		if strings.HasSuffix(name, suffix) {
			return firstNonEmpty(places.Called[suffix], suffix)
		}
	}
	switch level {
	case analytics.LevelUnit:
		return places.Unit
	case analytics.LevelTownship:
		return places.Township
	}
	return places.County
}

// kindOf is whose “两委” s holds: 村, 社区, or both (村（社区）).
func (w *Words) kindOf(s *analytics.Summary) string {
	village := s.Body(analytics.PartyBranch) != nil || s.Body(analytics.VillagersCommittee) != nil || s.Body(analytics.SupervisoryCommittee) != nil
	community := s.Body(analytics.CommunityParty) != nil || s.Body(analytics.ResidentsCommittee) != nil
	switch {
	case village && community:
		return w.Drafts.VillagesAndCommunities
	case community:
		return string(electsum.Community)
	}
	return string(electsum.Village)
}

// period prints the election period from two dates given as YYYY-MM-DD (or already printed).
func (w *Words) period(first, last string) string {
	f, ferr := time.Parse("2006-1-2", first)
	l, lerr := time.Parse("2006-1-2", last)
	switch {
	case ferr != nil && lerr != nil:
		if first != "" && last != "" && first != last {
			return first + w.Dates.To + last
		}
		return firstNonEmpty(first, last)
	case ferr != nil:
		return w.date(l)
	case lerr != nil || f.Equal(l):
		return w.date(f)
	}
	end := w.date(l)
	if f.Year() == l.Year() {
		end = w.monthDay(l, "")
	}
	return w.date(f) + w.Dates.To + end
}

// unitsText counts units by kind from the bodies elected there.
func (w *Words) unitsText(s *analytics.Summary, kind string) string {
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
	counted := func(n int, noun string) string { return fill(w.Drafts.Units, "{n}", strconv.Itoa(n), "{noun}", noun) }
	village, community := string(electsum.Village), string(electsum.Community)
	switch {
	case villages+communities == 0 && total.OK:
		return counted(total.Int(), kind)
	case total.OK && villages+communities != total.Int():
		return counted(total.Int(), w.Drafts.VillagesAndCommunities)
	case villages > 0 && communities > 0:
		return counted(villages, village) + w.Punctuation.Enumeration + counted(communities, community)
	case communities > 0:
		return counted(communities, community)
	case villages > 0:
		return counted(villages, village)
	}
	return ""
}

// overview orders the sections of 一、基本情况: the village bodies and their two committees, then the
// community ones, then anything else.
func (w *Words) overview(s *analytics.Summary, whole string) []Section {
	var out []Section
	addBody := func(b analytics.Body) {
		if bs := s.Body(b); bs != nil {
			out = append(out, Section{Title: w.Drafts.Sections[string(b)], Whole: whole, Noun: UnitNoun(b), Body: bs, Head: HeadTitle(b)})
		}
	}
	addTwo := func(kind string) {
		for i := range s.TwoCommittees {
			if t := &s.TwoCommittees[i]; t.Kind == kind {
				if HasFigures(t.Persons) {
					out = append(out, Section{Title: fill(w.Drafts.TwoCommitteesMembers, "{kind}", kind), Whole: whole, Noun: kind, Two: t, Members: true})
				}
				if t.OneShoulder.Base.OK || t.NoWoman.Count.Current.OK { // no unit elected both bodies, or none the committee
					out = append(out, Section{Title: fill(w.Drafts.TwoCommitteesSection, "{kind}", kind), Whole: whole, Noun: kind, Two: t})
				}
			}
		}
	}
	addBody(analytics.PartyBranch)
	addBody(analytics.VillagersCommittee)
	addBody(analytics.SupervisoryCommittee)
	addTwo(string(electsum.Village))
	addBody(analytics.CommunityParty)
	addBody(analytics.ResidentsCommittee)
	addTwo(string(electsum.Community))
	addBody(analytics.TownshipPartyCommittee)
	addBody(analytics.CountyDeputies)
	addBody(analytics.TownshipDeputies)
	for i := range out {
		out[i].Number = w.number(i)
	}
	return out
}
