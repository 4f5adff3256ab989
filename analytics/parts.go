package analytics

import (
	"context"
	"database/sql"
	"strings"
)

// figureKey finds the figures of one part of the scope, year and body (or 两委 kind).
type figureKey struct {
	unitKey
	Year int
	Body Body
}

// structureKey finds the counts of one set of people (member_set of structure_people).
type structureKey struct {
	figureKey
	Set string
}

// The member sets of structure_people (views/04_v_structure.sql), also a Finding's Set.
const (
	SetMembers       = "members"
	SetHeads         = "heads"
	SetNewHeads      = "new_heads"
	SetTwoCommittees = "two_committees"
)

// figureTables are the rows of the figure macros for a scope, whole or split into parts (one level of
// by_levels).
type figureTables struct {
	elections  map[figureKey]*electionFigures
	structures map[structureKey]*structureCounts
	two        map[figureKey]*twoCounts
	changed    map[figureKey]*changeCounts // this year's only
}

// partFigures are the figures of one part of the scope in one year.
type partFigures struct {
	elections  map[Body]*electionFigures
	structures map[structureKey]*structureCounts // with a zero figureKey.unitKey and Year
	two        map[Body]*twoCounts
	changed    map[Body]*changeCounts
}

func (p partFigures) structure(set string, b Body) *structureCounts {
	return p.structures[structureKey{figureKey{Body: b}, set}]
}

// of returns the figures of part k in year.
func (t figureTables) of(k unitKey, year int) partFigures {
	p := partFigures{
		elections:  map[Body]*electionFigures{},
		structures: map[structureKey]*structureCounts{},
		two:        map[Body]*twoCounts{},
		changed:    map[Body]*changeCounts{},
	}
	for fk, f := range t.elections {
		if fk.unitKey == k && fk.Year == year {
			p.elections[fk.Body] = f
		}
	}
	for sk, c := range t.structures {
		if sk.unitKey == k && sk.Year == year {
			p.structures[structureKey{figureKey{Body: sk.Body}, sk.Set}] = c
		}
	}
	for fk, c := range t.two {
		if fk.unitKey == k && fk.Year == year {
			p.two[fk.Body] = c
		}
	}
	for fk, c := range t.changed {
		if fk.unitKey == k && fk.Year == year {
			p.changed[fk.Body] = c
		}
	}
	return p
}

// figureLevels are the by_levels of the figure macros for a scope and its parts at partLevel ("" for
// none): the whole scope (level "") and, if any, the parts, computed by one query per family.
type figureLevels struct{ whole, parts figureTables }

func newFigureLevels() figureLevels {
	t := func() figureTables {
		return figureTables{
			elections:  map[figureKey]*electionFigures{},
			structures: map[structureKey]*structureCounts{},
			two:        map[figureKey]*twoCounts{},
			changed:    map[figureKey]*changeCounts{},
		}
	}
	return figureLevels{whole: t(), parts: t()}
}

// at is the tables of the rows of level ("" for the whole scope).
func (l *figureLevels) at(level string) *figureTables {
	if level == "" {
		return &l.whole
	}
	return &l.parts
}

// figureQuery is the query of the figure macro name (participation_figures, structure_figures …), in
// its copy that reads the scope's tables (scopedSQL), and its bound values: the scope's year and prev, the scope, the by_levels argument for the whole scope
// and its parts at partLevel ("" for none), then the macro's further arguments extra.
func figureQuery(name string, s Scope, prev int, partLevel string, extra ...any) (string, []any) {
	levels, args := "[?]", []any{s.Year, prev, s.County, s.Township, s.Unit, ""}
	if partLevel != "" {
		levels, args = "[?, ?]", append(args, partLevel)
	}
	marks := strings.Repeat(", ?", len(extra))
	return `SELECT * FROM ` + scoped(name) + `(?, ?, ?, ?, ?, ` + levels + marks + `)`, append(args, extra...)
}

// loadMemberFigures reads the figure macros of the members on conn (a figureConn after scopeMembers and
// scopeHeads) — structure_figures, two_committee_figures, heads_changed_figures — into t for the
// scope's year and prev (-1: none), for the whole scope and its parts at partLevel ("" for none). The figures of the
// elections are loadElectionFigures'; Summarize runs the two on two connections at once.
func loadMemberFigures(ctx context.Context, conn querier, s Scope, prev int, partLevel string, t *figureLevels) error {
	if err := loadStructureCounts(ctx, conn, s, prev, partLevel, t); err != nil {
		return err
	}
	if err := loadTwoCounts(ctx, conn, s, prev, partLevel, t); err != nil {
		return err
	}
	return loadChangeCounts(ctx, conn, s, prev, partLevel, t)
}

// structureCounts is one row of structure_figures (views/04_v_structure.sql).
type structureCounts struct {
	Members, Women, PartyKnown, PartyMembers, EthnicityKnown, Minorities int64
	ReelectedKnown, Reelected, New, WealthLeaderKnown, WealthLeaders     int64
	GraduateOfficialKnown, GraduateOfficials, AgeKnown, AgeSum           int64
	AgeBands, Education, Categories, Positions                           histogram // label → people
	EducationKnown, HighSchoolUp                                         int64
	WomenPositions                                                       histogram // label → women
}

func loadStructureCounts(ctx context.Context, conn querier, s Scope, prev int, partLevel string, t *figureLevels) error {
	query, args := figureQuery("structure_figures", s, prev, partLevel)
	return eachRow(ctx, conn, "member structure", query, args, func(rows *sql.Rows) error {
		var k structureKey
		var level, body string
		c := new(structureCounts)
		if err := rows.Scan(&level, &k.Set, &k.County, &k.Township, &k.Unit, &k.Year, &body,
			&c.Members, &c.Women, &c.PartyKnown, &c.PartyMembers, &c.EthnicityKnown, &c.Minorities,
			&c.ReelectedKnown, &c.Reelected, &c.New, &c.WealthLeaderKnown, &c.WealthLeaders,
			&c.GraduateOfficialKnown, &c.GraduateOfficials, &c.AgeKnown, &c.AgeSum,
			&c.AgeBands, &c.Education, &c.Categories, &c.Positions,
			&c.EducationKnown, &c.HighSchoolUp, &c.WomenPositions); err != nil {
			return err
		}
		k.Body = Body(body)
		t.at(level).structures[k] = c
		return nil
	})
}

// twoCounts is one row of two_committee_figures (views/03_v_two_committees.sql).
type twoCounts struct {
	Positions, CrossPersons                            sql.NullInt64
	BothUnits, OneShoulder, CrossUnits, CommitteeUnits int64
	NoWoman                                            string // JSON list of units
}

func loadTwoCounts(ctx context.Context, conn querier, s Scope, prev int, partLevel string, t *figureLevels) error {
	query, args := figureQuery("two_committee_figures", s, prev, partLevel)
	return eachRow(ctx, conn, "the two committees", query, args, func(rows *sql.Rows) error {
		var k figureKey
		var level, kind string
		c := new(twoCounts)
		if err := rows.Scan(&level, &k.County, &k.Township, &k.Unit, &k.Year, &kind,
			&c.Positions, &c.CrossPersons, &c.BothUnits, &c.OneShoulder, &c.CrossUnits, &c.CommitteeUnits, &c.NoWoman); err != nil {
			return err
		}
		k.Body = Body(kind)
		t.at(level).two[k] = c
		return nil
	})
}

// changeCounts is one row of heads_changed_figures (views/05_v_change.sql).
type changeCounts struct{ Compared, Changed int64 }

func loadChangeCounts(ctx context.Context, conn querier, s Scope, prev int, partLevel string, t *figureLevels) error {
	query, args := figureQuery("heads_changed_figures", s, prev, partLevel)
	return eachRow(ctx, conn, "the heads changed", query, args, func(rows *sql.Rows) error {
		k := figureKey{Year: s.Year}
		var level, body string
		c := new(changeCounts)
		if err := rows.Scan(&level, &k.County, &k.Township, &k.Unit, &body, &c.Compared, &c.Changed); err != nil {
			return err
		}
		k.Body = Body(body)
		t.at(level).changed[k] = c
		return nil
	})
}
