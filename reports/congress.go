package reports

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"electsum/analytics"
)

// CongressTemplate is the file name of the people's congress draft's template (人大换届选举工作总结).
const CongressTemplate = "renda.md.tmpl"

// CongressView is the data the people's congress template receives (documented in package templates):
// the model, the report.toml Config, and the words of the place. The fields shared with View (the Frame
// and the Closing) let it use the same section blocks.
type CongressView struct {
	Congress *analytics.Congress `json:"congress"`
	Config   Config              `json:"config"`

	Frame        // Level: township or county
	What  string `json:"what"` // 县乡两级人大, or the one level held: 县级人大代表

	Levels []CongressSection `json:"levels"` // （一）县级人大代表选举, （二）乡级人大代表选举

	// Closing: no Achievements generated (the template leaves a placeholder); Problems are 流动票箱
	// above the threshold (mobile_votes) and the legal-check failures (violations), report.toml
	// [[problems]] follow; DataChecks the levels not compared (townships_one_term); Notices the checks that are no legal failure (a
	// 数据错误 such as 得票数 above 有效票数).
	Closing
}

// CongressSection is one level's part of 一、基本情况.
type CongressSection struct {
	Number string                   `json:"number"` // （一）
	Title  string                   `json:"title"`  // 县级人大代表选举情况
	Short  string                   `json:"short"`  // 县级 or 乡级
	Whole  string                   `json:"whole"`  // 全县 …, for use inside the section
	L      *analytics.CongressLevel `json:"level"`
	// Compared is true when the previous people's congress election of the scope held this level, so
	// that the template may print a change.
	Compared bool `json:"compared"`
}

// NewCongressView prepares the template data for c in the built-in words (Renderer.CongressView: a
// folder's words).
func NewCongressView(c *analytics.Congress, cfg Config) *CongressView {
	return builtinWords.congressView(c, cfg)
}

// CongressView prepares the template data for c in r's words (its folder's words.toml).
func (r *Renderer) CongressView(c *analytics.Congress, cfg Config) *CongressView {
	return r.words.congressView(c, cfg)
}

func (w *Words) congressView(c *analytics.Congress, cfg Config) *CongressView {
	v := &CongressView{Congress: c, Config: cfg, What: w.Drafts.Congress["both"]}
	if len(c.Levels) == 1 {
		v.What = string(c.Levels[0].Body)
	}
	v.Frame = w.frame(cfg, c.Level, c.Place(), c.Year, v.What, c.FirstDate, c.LastDate)
	for i := range c.Levels {
		l := &c.Levels[i]
		v.Levels = append(v.Levels, CongressSection{Number: w.number(i), Title: fill(w.Drafts.Election, "{what}", string(l.Body)),
			Short: w.Drafts.Congress[string(l.Body)], Whole: v.Whole, L: l, Compared: l.Constituencies.Previous.OK})
	}
	annex := tablesListed(w.Drafts.Annex.Congress, CongressTables(c))
	v.Closing = w.closing(cfg, annex, c.Checks)
	v.Achievements, v.Problems = []Stated{}, []Stated{}
	list := listAnnex(annex, w.Drafts.Annex.CongressProblemUnits)
	for _, f := range c.Findings {
		switch f.Section {
		case analytics.SectionProblem:
			v.Problems = append(v.Problems, Stated{Finding: f, All: v.Whole, Level: v.Level, ListAnnex: list})
		case analytics.SectionDataCheck:
			v.DataChecks = append(v.DataChecks, Stated{Finding: f, All: v.Whole, Level: v.Level})
		}
	}
	v.Problems = append(v.Problems, violations(c.Checks, v.Whole, v.Level)...)
	return v
}

// names are the names from the data the view may print (places, and what the checks quote), kept as
// the data writes them when converting (convertKeeping).
func (v *CongressView) names() []string {
	var out []string
	add := func(xs ...string) { out = append(out, xs...) }
	c := v.Congress
	add(v.Place, c.Scope.County, c.Scope.Township)
	for _, k := range c.Constituencies {
		add(k.County, k.Township, k.Unit)
	}
	for _, ch := range c.Checks {
		add(ch.Township, ch.Unit)
		add(ch.Quoted...)
	}
	return out
}

// Convert converts text to script as View.Convert does, keeping the view's place names whole.
func (v *CongressView) Convert(script Script, text string) (string, error) {
	return convertKeeping(script, text, v.names())
}

// Draft is the view of one draft summary: *View (村(社区)“两委”), *CongressView (人大换届) or
// *PartyCongressView (乡镇党代会). It is what
// the writers of whole documents (Word) need besides the text, which Renderer.DraftMarkdown writes.
type Draft interface {
	// Convert converts text to script, keeping the draft's place names as the data writes them.
	Convert(script Script, text string) (string, error)
	// DraftTitle is the draft's title before conversion.
	DraftTitle() string
	// Generated is when the model was computed (zero when unknown).
	Generated() time.Time
	// FileTitle is the title the draft's files are named after, before conversion (electsum.FileName
	// makes it safe).
	FileTitle() string
	// DataScript is the script the draft is written in when none is asked for.
	DataScript() Script
	text(r *Renderer, script Script) (string, error) // the draft as Markdown in script
	page(r *Renderer, w io.Writer, script Script) error
}

// Generated is when the summary was computed (zero without one).
func (v *View) Generated() time.Time {
	if v.Summary == nil {
		return time.Time{}
	}
	return v.Summary.GeneratedAt
}

// Generated is when the model was computed.
func (v *CongressView) Generated() time.Time { return v.Congress.GeneratedAt }

func (v *CongressView) text(r *Renderer, script Script) (string, error) {
	return r.draftText(CongressTemplate, "人大换届选举工作总结的模板", v, script)
}

// DraftMarkdown writes the draft d as Markdown in script, with the template of its kind.
func (r *Renderer) DraftMarkdown(w io.Writer, d Draft, script Script) error {
	md, err := d.text(r, script)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, md)
	return err
}

// draftText executes the template name (what says which one, when it is missing) with v and converts the text
// to script.
func (r *Renderer) draftText(name, what string, v Draft, script Script) (string, error) {
	if r.t.Lookup(name) == nil {
		return "", fmt.Errorf("%w %s（%s）", ErrMissingTemplate, name, what)
	}
	var buf bytes.Buffer
	if err := r.t.ExecuteTemplate(&buf, name, v); err != nil {
		return "", templateError(name, err)
	}
	return v.Convert(script, tidy(buf.String()))
}

// textPage writes d's text in script as one self-contained page under its title, laid out as the
// village drafts are (the people's and party congress drafts, which have no charts).
func textPage(r *Renderer, w io.Writer, d Draft, script Script) error {
	md, err := d.text(r, script)
	if err != nil {
		return err
	}
	title, err := d.Convert(script, d.DraftTitle())
	if err != nil {
		return err
	}
	return writePage(w, script, title, markdownToHTML(md))
}

// notices are the checks that are no legal failure — a data error such as 得票数 above 有效票数
// (analytics.RuleVotesOverBallots), a notice — for the 数据核对 notes: what the writer has to have
// corrected, not a problem of the elections.
func notices(checks []analytics.Check) []analytics.Check {
	out := []analytics.Check{}
	for _, ch := range checks {
		if ch.Severity != analytics.SeverityViolation {
			out = append(out, ch)
		}
	}
	return out
}
