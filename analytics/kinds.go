package analytics

import (
	"context"
	"database/sql"
	"time"

	"electsum"
)

// Model is the typed model of one kind of summary (electsum.Kind): a *Summary (lianwei), a *Congress
// (renda) or a *PartyCongress (dangdaihui, shequdangzuzhi), as SummarizeKind computes it. Drafts
// (reports.Renderer.Draft) and annexes (annex.WriteModel) of every kind are written from one.
type Model interface {
	// Rows is how many roster and election rows (a unit's election, a 选区, a meeting) the model
	// holds: most of its memory.
	Rows() int
	// TownshipsHeld are the townships (乡镇(街道)) below a county or wider model that have a draft of
	// their own, each once, in the model's order: a township's or unit's model has none.
	TownshipsHeld() []UnitRef
	// At is a copy of the model (sharing its figures) computed at t, for a model shared by several
	// requests that each stamp their own time.
	At(t time.Time) Model
	// Place is the name of the place the model is of, which titles its draft and annex: the scope's
	// narrowest place, else the county its data holds; "" when that is not one county.
	Place() string

	model() // only this package's models
}

// SummarizeKind computes the model of kind for scope: Summarize for lianwei (and any kind it does not
// know), SummarizeCongress for renda, SummarizeParty for dangdaihui and shequdangzuzhi. Errors are
// theirs (a *NoDataError when the scope holds no such election).
func SummarizeKind(ctx context.Context, db *sql.DB, kind electsum.Kind, scope Scope, opts Options) (Model, error) {
	switch kind {
	case electsum.Renda:
		c, err := SummarizeCongress(ctx, db, scope, opts)
		if err != nil {
			return nil, err
		}
		return c, nil
	case electsum.Dangdaihui, electsum.Shequdangzuzhi:
		p, err := SummarizeParty(ctx, db, kind, scope, opts)
		if err != nil {
			return nil, err
		}
		return p, nil
	}
	s, err := Summarize(ctx, db, scope, opts)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Rows is how many units' elections and elected persons the summary holds.
func (s *Summary) Rows() int { return len(s.Roster) + len(s.Elections) }

// Rows is how many 选区 and deputies the model holds.
func (c *Congress) Rows() int { return len(c.Roster) + len(c.Constituencies) }

// Rows is how many meetings and elected persons the model holds.
func (p *PartyCongress) Rows() int { return len(p.Roster) + len(p.Meetings) }

// TownshipsHeld are the townships of the Breakdown (its name when the row names no township), at
// county level or wider.
func (s *Summary) TownshipsHeld() []UnitRef {
	if s.Level == LevelTownship || s.Level == LevelUnit {
		return nil
	}
	var out []UnitRef
	for _, b := range s.Breakdown {
		t := UnitRef{County: b.County, Township: b.Township}
		if t.Township == "" {
			t.Township = b.Name
		}
		out = append(out, t)
	}
	return out
}

// TownshipsHeld are the townships of the 选区, first seen first.
func (c *Congress) TownshipsHeld() []UnitRef {
	return eachTownship(c.Scope, c.Constituencies, func(k Constituency) UnitRef { return k.UnitRef })
}

// TownshipsHeld are the townships of the meetings, first seen first.
func (p *PartyCongress) TownshipsHeld() []UnitRef {
	return eachTownship(p.Scope, p.Meetings, func(m PartyMeeting) UnitRef { return m.UnitRef })
}

// eachTownship is the county and township of each row, each township name once (the first seen);
// none when scope is a township's.
func eachTownship[T any](scope Scope, rows []T, ref func(T) UnitRef) []UnitRef {
	if scope.Township != "" {
		return nil
	}
	var out []UnitRef
	seen := map[string]bool{}
	for _, row := range rows {
		r := ref(row)
		if seen[r.Township] {
			continue
		}
		seen[r.Township] = true
		out = append(out, UnitRef{County: r.County, Township: r.Township})
	}
	return out
}

// Place is the scope's unit, township or county, else the one county the data holds ("" when it holds
// several).
func (s *Summary) Place() string {
	switch {
	case s.Scope.Unit != "":
		return s.Scope.Unit
	case s.Scope.Township != "":
		return s.Scope.Township
	case s.Scope.County != "":
		return s.Scope.County
	case len(s.Counties) == 1:
		return s.Counties[0]
	}
	return ""
}

// Place is the scope's township or county, else the county of the first 选区.
func (c *Congress) Place() string {
	return firstPlace(c.Scope, c.Constituencies, func(k Constituency) string { return k.County })
}

// Place is the scope's township or county, else the county of the first meeting.
func (p *PartyCongress) Place() string {
	return firstPlace(p.Scope, p.Meetings, func(m PartyMeeting) string { return m.County })
}

// firstPlace is scope's township or county, else the county of the first row ("" with none).
func firstPlace[T any](scope Scope, rows []T, county func(T) string) string {
	switch {
	case scope.Township != "":
		return scope.Township
	case scope.County != "":
		return scope.County
	case len(rows) > 0:
		return county(rows[0])
	}
	return ""
}

// At is a copy of s computed at t.
func (s *Summary) At(t time.Time) Model {
	own := *s
	own.GeneratedAt = t
	return &own
}

// At is a copy of c computed at t.
func (c *Congress) At(t time.Time) Model {
	own := *c
	own.GeneratedAt = t
	return &own
}

// At is a copy of p computed at t.
func (p *PartyCongress) At(t time.Time) Model {
	own := *p
	own.GeneratedAt = t
	return &own
}

func (*Summary) model()       {}
func (*Congress) model()      {}
func (*PartyCongress) model() {}
