package analytics

import "electsum"

// unitTwo is one unit's two committees.
type unitTwo struct {
	unitKey
	party, committee []*memberRow
}

// twoCommitteeUnits groups the members of the pair's bodies by unit, in the order the rows come.
func twoCommitteeUnits(p electsum.TwoCommittees, d data) []*unitTwo {
	by := map[unitKey]*unitTwo{}
	var out []*unitTwo
	for _, m := range d.members {
		if m.Body != p.Party && m.Body != p.Committee {
			continue
		}
		u := by[m.unitKey]
		if u == nil {
			u = &unitTwo{unitKey: m.unitKey}
			by[m.unitKey] = u
			out = append(out, u)
		}
		if m.Body == p.Party {
			u.party = append(u.party, m)
		} else {
			u.committee = append(u.committee, m)
		}
	}
	return out
}

// twoFigures are the counts of one set of units' two committees, before shares.
type twoFigures struct {
	positions, bothUnits, oneShoulder, crossUnits, crossPersons, committeeUnits int
	persons                                                                     []*memberRow
	noWoman                                                                     []UnitRef
}

// countTwo counts positions, distinct persons (a committee member who is also on the party body is the
// same person, by samePerson), 一肩挑, 交叉任职 and committees without a woman.
func countTwo(units []*unitTwo) twoFigures {
	var f twoFigures
	for _, u := range units {
		f.positions += len(u.party) + len(u.committee)
		f.persons = append(f.persons, u.party...)
		cross, shoulder := 0, false
		for _, c := range u.committee {
			matched := false
			for _, p := range u.party {
				if samePerson(p, c) {
					matched = true
					shoulder = shoulder || (p.Body.IsHead(electsum.Position(p.Position)) && c.Body.IsHead(electsum.Position(c.Position)))
				}
			}
			if matched {
				cross++
			} else {
				f.persons = append(f.persons, c)
			}
		}
		f.crossPersons += cross
		if len(u.party) > 0 && len(u.committee) > 0 {
			f.bothUnits++
			if cross > 0 {
				f.crossUnits++
			}
			if shoulder {
				f.oneShoulder++
			}
		}
		if len(u.committee) > 0 {
			f.committeeUnits++
			woman := false
			for _, c := range u.committee {
				woman = woman || c.Gender == "女"
			}
			if !woman {
				f.noWoman = append(f.noWoman, u.ref())
			}
		}
	}
	return f
}

// twoCommittees computes 村“两委” (and 社区“两委”) for every kind whose both bodies have members this
// year. Shares of units are of the units that elected both bodies (no woman: of the units that elected
// the committee); cross persons are a share of the distinct people.
func twoCommittees(cur, prev data, opts Options) []TwoCommittees {
	out := []TwoCommittees{}
	for _, p := range electsum.Pairs() {
		_, cp := cur.body(p.Party)
		_, cc := cur.body(p.Committee)
		if len(cp) == 0 || len(cc) == 0 {
			continue
		}
		c := twoCommittee(p, cur, opts)
		if !prev.has(p.Party) && !prev.has(p.Committee) {
			out = append(out, c) // no previous term of these committees: no figure, never zero
			continue
		}
		pr := twoCommittee(p, prev, opts)
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

func twoCommittee(p electsum.TwoCommittees, d data, opts Options) TwoCommittees {
	units := twoCommitteeUnits(p, d)
	t := TwoCommittees{Kind: string(p.Kind), NoWomanUnits: []UnitRef{}}
	if len(units) == 0 {
		return t
	}
	f := countTwo(units)
	t.Positions = Figure{Current: count(f.positions)}
	t.Persons = structure(f.persons, opts, false)
	t.OneShoulder = part(labelOneShould, f.oneShoulder, f.bothUnits)
	t.CrossUnits = part(labelCrossUnits, f.crossUnits, f.bothUnits)
	t.CrossPersons = part(labelCrossPers, f.crossPersons, len(f.persons))
	t.NoWoman = part(labelNoWoman, len(f.noWoman), f.committeeUnits)
	t.NoWomanUnits = append(t.NoWomanUnits, f.noWoman...)
	return t
}
