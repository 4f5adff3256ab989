package reports

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"time"

	"electsum/analytics"
)

// PartyCongressTemplate is the file name of the township party congress draft's template
// (乡镇党代会换届选举工作总结).
const PartyCongressTemplate = "dangdaihui.md.tmpl"

// partyCongressAnnexSheets are the sheets of the township party congress annex workbook, listed under 附件.
func partyCongressAnnexSheets() []string {
	return []string{"党代会选举情况统计表", "当选人员构成统计表", "当选人员名册"}
}

// PartyCongressView is the data the township party congress template receives (documented in package
// templates): the model, the report.toml Config and the words of the place. The fields shared with View
// (Practices, Problems, Plans, Annex, Organ, Date, DataChecks, Notices, Title) let it use the same section blocks.
type PartyCongressView struct {
	PartyCongress *analytics.PartyCongress `json:"party_congress"`
	Config        Config                   `json:"config"`

	Level  analytics.Level `json:"level"` // township or county
	Place  string          `json:"place"`
	Self   string          `json:"self"`  // 我县, 我镇
	Whole  string          `json:"whole"` // 全县, 全镇
	Title  string          `json:"title"`
	Year   int             `json:"year"`
	Period string          `json:"period"`

	Bodies []PartyCongressSection `json:"bodies"` // （一）乡镇党委委员 …

	Practices    []Item   `json:"practices"`
	Achievements []Stated `json:"achievements"` // none generated: the template leaves a placeholder
	Problems     []Stated `json:"problems"`     // the legal-check failures (finding violations); report.toml [[problems]] follow
	Plans        []Item   `json:"plans"`
	Annex        []string `json:"annex"`
	Organ        string   `json:"organ"`
	Date         string   `json:"date"`
	// DataChecks and Notices are the 数据核对 notes (View.DataChecks, View.Notices); none for party
	// congresses yet.
	DataChecks []Stated          `json:"data_checks"`
	Notices    []analytics.Check `json:"notices"`
}

// PartyCongressSection is one body's part of 一、基本情况.
type PartyCongressSection struct {
	Number string                       `json:"number"` // （一）
	Title  string                       `json:"title"`  // 乡镇党委委员选举情况
	Noun   string                       `json:"noun"`   // 党委委员, 纪委委员, 出席上级党代会代表
	Whole  string                       `json:"whole"`
	Level  analytics.Level              `json:"level"`
	B      *analytics.PartyCongressBody `json:"body"`
}

// partyNouns name those each body elects, as the drafts say them.
var partyNouns = map[analytics.Body]string{
	analytics.TownshipPartyCommittee: "党委委员",
	analytics.TownshipDiscipline:     "纪委委员",
	analytics.Delegates:              "出席上级党代会代表",
}

// NewPartyCongressView prepares the template data for p.
func NewPartyCongressView(p *analytics.PartyCongress, cfg Config) *PartyCongressView {
	v := &PartyCongressView{PartyCongress: p, Config: cfg, Level: p.Level, Year: p.Year}
	v.Place = firstNonEmpty(p.Scope.Township, p.Scope.County)
	if v.Place == "" && len(p.Meetings) > 0 {
		v.Place = p.Meetings[0].County
	}
	suffix := placeSuffix(v.Place, v.Level)
	v.Self, v.Whole = "我"+suffix, "全"+suffix
	v.Title = cfg.Title
	if v.Title == "" {
		what := "乡镇党代会"
		if v.Level == analytics.LevelTownship {
			what = "党代会"
		}
		v.Title = fmt.Sprintf("%s%d年%s换届选举工作总结", v.Place, p.Year, what)
	}
	v.Period = period(firstNonEmpty(cfg.Start, p.FirstDate), firstNonEmpty(cfg.End, p.LastDate))
	for i := range p.Bodies {
		b := &p.Bodies[i]
		noun := partyNouns[b.Body]
		v.Bodies = append(v.Bodies, PartyCongressSection{Number: "（" + builtinWords.Chinese(i+1) + "）", Title: noun + "选举情况",
			Noun: noun, Whole: v.Whole, Level: v.Level, B: b})
	}
	v.Achievements, v.Problems = []Stated{}, violations(p.Checks, v.Whole, v.Level)
	v.Practices, v.Plans = cfg.Practices, cfg.Plans
	v.Annex = partyCongressAnnexSheets()
	v.Organ = firstNonEmpty(cfg.Organ, Placeholder("发文机关"))
	v.Date = firstNonEmpty(cfg.Date, Placeholder("日期"))
	return v
}

// names are the names from the data the view may print (places, and the people the checks quote),
// longest first, kept as the data writes them.
func (v *PartyCongressView) names() []string {
	var out []string
	seen := map[string]bool{}
	add := func(xs ...string) {
		for _, x := range xs {
			if x != "" && !seen[x] {
				seen[x] = true
				out = append(out, x)
			}
		}
	}
	add(v.Place, v.PartyCongress.Scope.County, v.PartyCongress.Scope.Township)
	for _, m := range v.PartyCongress.Meetings {
		add(m.County, m.Township, m.Unit)
	}
	for _, ch := range v.PartyCongress.Checks {
		add(ch.Township, ch.Unit)
		add(ch.Quoted...)
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// Convert converts text to script as View.Convert does, keeping the view's place names whole.
func (v *PartyCongressView) Convert(script Script, text string) (string, error) {
	return convertKeeping(script, text, v.names())
}

// DraftTitle is the draft's title before conversion.
func (v *PartyCongressView) DraftTitle() string { return v.Title }

// Generated is when the model was computed.
func (v *PartyCongressView) Generated() time.Time { return v.PartyCongress.GeneratedAt }

func (v *PartyCongressView) markdown(r *Renderer, w io.Writer, script Script) error {
	md, err := r.partyCongress(v, script)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, md)
	return err
}

// PartyCongressHTML writes the township party congress draft as one self-contained page.
func (r *Renderer) PartyCongressHTML(w io.Writer, v *PartyCongressView, script Script) error {
	md, err := r.partyCongress(v, script)
	if err != nil {
		return err
	}
	title, err := v.Convert(script, v.Title)
	if err != nil {
		return err
	}
	return writePage(w, script, title, markdownToHTML(md))
}

func (r *Renderer) partyCongress(v *PartyCongressView, script Script) (string, error) {
	if r.t.Lookup(PartyCongressTemplate) == nil {
		return "", fmt.Errorf("%w %s（乡镇党代会换届选举工作总结的模板）", ErrMissingTemplate, PartyCongressTemplate)
	}
	var buf bytes.Buffer
	if err := r.t.ExecuteTemplate(&buf, PartyCongressTemplate, v); err != nil {
		return "", templateError(PartyCongressTemplate, err)
	}
	return v.Convert(script, tidy(buf.String()))
}
