package analytics

import "electsum"

// twoCommittees computes 村“两委” (and 社区“两委”) for every kind whose both bodies have members this
// year, from two_committee_figures and the two_committees set of structure_figures (views/03 and
// 04: the one definition). Shares of units are of the units that elected both bodies (no woman: of
// the units that elected the committee); cross persons are a share of the distinct people. oneTerm is
// termGaps(cur, prev).
func twoCommittees(cur, prev data, oneTerm map[Body]termGap, opts Options) []TwoCommittees {
	out := []TwoCommittees{}
	for _, p := range electsum.Pairs() {
		if cur.figures.structure(SetMembers, p.Party) == nil || cur.figures.structure(SetMembers, p.Committee) == nil {
			continue
		}
		c := twoCommittee(p, cur.figures, opts)
		gaps := map[UnitRef]bool{}
		for _, u := range append(rosterGaps(cur, p.Party), rosterGaps(cur, p.Committee)...) {
			gaps[u] = true
		}
		c.Unrostered = count(len(gaps))
		if !prev.has(p.Party) && !prev.has(p.Committee) {
			out = append(out, c) // no previous term of these committees: no figure, never zero
			continue
		}
		if oneTerm[p.Party].found() || oneTerm[p.Committee].found() {
			out = append(out, c) // a body held in other townships in the other term: not compared
			continue
		}
		if len(gaps) > 0 || len(rosterGaps(prev, p.Party)) > 0 || len(rosterGaps(prev, p.Committee)) > 0 {
			out = append(out, c) // a roster missing units in either term: part of the two committees
			continue
		}
		pr := twoCommittee(p, prev.figures, opts)
		c.Positions.Previous = pr.Positions.Current
		mergeStructure(&c.Persons, pr.Persons)
		mergePart(&c.OneShoulder, pr.OneShoulder)
		mergePart(&c.CrossUnits, pr.CrossUnits)
		mergePart(&c.CrossPersons, pr.CrossPersons)
		mergePart(&c.NoWoman, pr.NoWoman)
		out = append(out, c)
	}
	return out
}

func twoCommittee(p electsum.TwoCommittees, f partFigures, opts Options) TwoCommittees {
	kind := Body(p.Kind)
	t := TwoCommittees{Kind: string(p.Kind), NoWomanUnits: []UnitRef{}}
	c := f.two[kind]
	if c == nil {
		return t
	}
	t.Positions = Figure{Current: nullCount(c.Positions)}
	t.Persons = structure(f.structure(SetTwoCommittees, kind), opts, false)
	persons := t.Persons.Total.Current.Int()
	// 一肩挑 and 交叉任职 are found only in units that elected both bodies: with none, no figure (never
	// 0 of 0, nor 交叉任职0人 out of people no unit could have had on both).
	if c.BothUnits > 0 {
		t.OneShoulder = part(labelOneShould, int(c.OneShoulder), int(c.BothUnits))
		t.CrossUnits = part(labelCrossUnits, int(c.CrossUnits), int(c.BothUnits))
		t.CrossPersons = part(labelCrossPers, int(c.CrossPersons.Int64), persons)
	}
	decodeJSON(c.NoWoman, &t.NoWomanUnits)
	t.NoWoman = part(labelNoWoman, len(t.NoWomanUnits), int(c.CommitteeUnits))
	return t
}
