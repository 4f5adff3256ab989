package reports

import (
	"reflect"
	"time"

	"electsum"
	"electsum/analytics"
)

// PartyCongressTemplate is the file name of the township party congress draft's template
// (乡镇党代会换届选举工作总结).
const PartyCongressTemplate = "dangdaihui.md.tmpl"

// CommunityPartyTemplate is the file name of the 社区党组织 draft's template (社区党组织换届选举工作总结,
// 篇3), which receives a PartyCongressView of analytics.SummarizeCommunityParty's model.
const CommunityPartyTemplate = "shequdangzuzhi.md.tmpl"

// PartyCongressView is the data the township party congress template receives (documented in package
// templates): the model, the report.toml Config and the words of the place. The fields shared with View
// (the Frame and the Closing) let it use the same section blocks.
type PartyCongressView struct {
	PartyCongress *analytics.PartyCongress `json:"party_congress"`
	Config        Config                   `json:"config"`

	Frame // Level: township or county

	Bodies []PartyCongressSection `json:"bodies"` // （一）乡镇党委委员 …
	// Attendance is the meetings' 到会 figures when every body's are the same (the bodies are elected
	// at the same meetings, so they are as a rule): the draft says them once, before the bodies, and
	// no section repeats them. Nil when a body's differ (a vote held apart): each section says its own.
	Attendance *PartyCongressSection `json:"attendance,omitempty"`

	// Closing: no Achievements generated (the template leaves a placeholder); Problems are the
	// legal-check failures (finding violations), report.toml [[problems]] follow; DataChecks the bodies
	// not compared (townships_one_term); Notices the checks that are no legal failure (a 数据错误 such as 得票数 above 有效票数).
	Closing
}

// PartyCongressSection is one body's part of 一、基本情况.
type PartyCongressSection struct {
	Number string                       `json:"number"` // （一）
	Title  string                       `json:"title"`  // 乡镇党委委员选举情况
	Noun   string                       `json:"noun"`   // 党委委员, 纪委委员, 出席上级党代会代表
	Whole  string                       `json:"whole"`
	Level  analytics.Level              `json:"level"`
	B      *analytics.PartyCongressBody `json:"body"`
	// SharedAttendance: the view says the 到会 figures once (PartyCongressView.Attendance), so the
	// section leaves them out and numbers its parts from 1．候选人和差额情况.
	SharedAttendance bool `json:"shared_attendance,omitempty"`
}

// NewPartyCongressView prepares the template data for p in the built-in words
// (Renderer.PartyCongressView: a folder's words).
func NewPartyCongressView(p *analytics.PartyCongress, cfg Config) *PartyCongressView {
	return builtinWords.partyCongressView(p, cfg)
}

// PartyCongressView prepares the template data for p in r's words (its folder's words.toml).
func (r *Renderer) PartyCongressView(p *analytics.PartyCongress, cfg Config) *PartyCongressView {
	return r.words.partyCongressView(p, cfg)
}

func (w *Words) partyCongressView(p *analytics.PartyCongress, cfg Config) *PartyCongressView {
	v := &PartyCongressView{PartyCongress: p, Config: cfg}
	words, annex := w.Drafts.PartyCongress, w.Drafts.Annex.PartyCongress
	if p.Kind == electsum.Shequdangzuzhi {
		words, annex = w.Drafts.CommunityParty, w.Drafts.Annex.CommunityParty
	}
	what := words["county"]
	if p.Level == analytics.LevelTownship {
		what = words["township"]
	}
	v.Frame = w.frame(cfg, p.Level, p.Place(), p.Year, what, p.FirstDate, p.LastDate)
	for i := range p.Bodies {
		b := &p.Bodies[i]
		noun := words[string(b.Body)]
		v.Bodies = append(v.Bodies, PartyCongressSection{Number: w.number(i), Title: fill(w.Drafts.Election, "{what}", noun),
			Noun: noun, Whole: v.Whole, Level: v.Level, B: b})
	}
	if len(v.Bodies) > 1 && sameAttendance(p.Bodies) {
		a := v.Bodies[0]
		a.Noun = ""
		v.Attendance = &a
		for i := range v.Bodies {
			v.Bodies[i].SharedAttendance = true
		}
	}
	v.Closing = w.closing(cfg, tablesListed(annex, PartyCongressTables(p)), p.Checks)
	v.Achievements, v.Problems = []Stated{}, violations(p.Checks, v.Whole, v.Level)
	for _, f := range p.Findings {
		v.DataChecks = append(v.DataChecks, Stated{Finding: f, All: v.Whole, Level: v.Level})
	}
	return v
}

// sameAttendance reports whether every body's 到会 figures (meetings, 应到, 批准剔除, 实到, 到会率 and the
// quorum, this term and last) are the first body's.
func sameAttendance(bs []analytics.PartyCongressBody) bool {
	key := func(b analytics.PartyCongressBody) any {
		return []any{b.Townships, b.Meetings, b.Due, b.Excused, b.Present, b.Attendance, b.QuorumMet}
	}
	for _, b := range bs[1:] {
		if !reflect.DeepEqual(key(b), key(bs[0])) {
			return false
		}
	}
	return true
}

// names are the names from the data the view may print (places, and the people the checks quote),
// kept as the data writes them when converting (convertKeeping).
func (v *PartyCongressView) names() []string {
	var out []string
	add := func(xs ...string) { out = append(out, xs...) }
	add(v.Place, v.PartyCongress.Scope.County, v.PartyCongress.Scope.Township)
	for _, m := range v.PartyCongress.Meetings {
		add(m.County, m.Township, m.Unit)
	}
	for _, ch := range v.PartyCongress.Checks {
		add(ch.Township, ch.Unit)
		add(ch.Quoted...)
	}
	return out
}

// Convert converts text to script as View.Convert does, keeping the view's place names whole.
func (v *PartyCongressView) Convert(script Script, text string) (string, error) {
	return convertKeeping(script, text, v.names())
}

// Generated is when the model was computed.
func (v *PartyCongressView) Generated() time.Time { return v.PartyCongress.GeneratedAt }

func (v *PartyCongressView) text(r *Renderer, script Script) (string, error) {
	if v.PartyCongress.Kind == electsum.Shequdangzuzhi {
		return r.draftText(CommunityPartyTemplate, "社区党组织换届选举工作总结的模板", v, script)
	}
	return r.draftText(PartyCongressTemplate, "乡镇党代会换届选举工作总结的模板", v, script)
}
