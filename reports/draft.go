package reports

import (
	"fmt"
	"io"

	"electsum/analytics"
)

// Draft is the draft of model m in r's words: a *View of a *analytics.Summary, a *CongressView of a
// *analytics.Congress, a *PartyCongressView of a *analytics.PartyCongress.
func (r *Renderer) Draft(m analytics.Model, cfg Config) (Draft, error) {
	switch m := m.(type) {
	case *analytics.Summary:
		return r.View(m, cfg), nil
	case *analytics.Congress:
		return r.CongressView(m, cfg), nil
	case *analytics.PartyCongress:
		return r.PartyCongressView(m, cfg), nil
	}
	return nil, fmt.Errorf("reports: no draft of a %T", m)
}

// DraftHTML writes the draft d as one self-contained page in script, with the template of its kind.
func (r *Renderer) DraftHTML(w io.Writer, d Draft, script Script) error {
	return d.page(r, w, script)
}

// FileTitle is 示例县2024年村两委换届选举工作总结, whatever title report.toml gives the draft.
func (v *View) FileTitle() string {
	return fmt.Sprintf("%s%d年%s两委换届选举工作总结", v.Place, v.Year, v.Kind)
}

// FileTitle is the draft's title.
func (v *CongressView) FileTitle() string { return v.Title }

// FileTitle is the draft's title.
func (v *PartyCongressView) FileTitle() string { return v.Title }

// DataScript is the script the data is written in (DetectScript).
func (v *View) DataScript() Script { return DetectScript(v.Summary) }

// DataScript is the script the data's place names are written in (scriptOfNames).
func (v *CongressView) DataScript() Script { return scriptOfNames(v.names()) }

// DataScript is the script the data's place names are written in (scriptOfNames).
func (v *PartyCongressView) DataScript() Script { return scriptOfNames(v.names()) }

func (v *View) page(r *Renderer, w io.Writer, script Script) error { return r.HTML(w, v, script) }

func (v *CongressView) page(r *Renderer, w io.Writer, script Script) error {
	return textPage(r, w, v, script)
}

func (v *PartyCongressView) page(r *Renderer, w io.Writer, script Script) error {
	return textPage(r, w, v, script)
}
