package analytics

import "math"

// The distributions a 数据核对 finding is about (Finding.Of).
const (
	ofAgeBands  = "age_bands"
	ofEducation = "education"
	ofPositions = "positions"
)

// inconsistencies cross-checks the model: parts that should add up to a total and distributions whose
// shares should total 100.0. Each failure is a 数据核对 finding. A figure that cannot be right (a
// turnout over 100%, an average age outside 18–100) is dropped from s, so no sentence prints it.
func inconsistencies(s *Summary, opts Options) []Finding {
	out := []Finding{}
	note := func(kind string, b Body, set string) *Finding {
		out = append(out, Finding{Section: SectionDataCheck, Kind: kind, Body: b, Set: set})
		return &out[len(out)-1]
	}
	checkStructure := func(b Body, set string, st *Structure) {
		if a := st.AverageAge.Current; a.OK && (a.V < 18 || a.V > 100) {
			note(FindingImplausibleAge, b, set).Value = a
			st.AverageAge = Figure{}
		}
		total := st.Total.Current
		if !total.OK || total.Int() == 0 {
			return
		}
		dist := func(of string, parts []Part, mustSum bool) {
			sum, known, shares := 0, false, 0.0
			for _, p := range parts {
				if p.Count.Current.OK {
					known = true
					sum += p.Count.Current.Int()
				}
				shares += p.Share.Current.V
			}
			if !known {
				return
			}
			if sum != total.Int() {
				kind := FindingPartsUnfilled
				if mustSum {
					kind = FindingPartsMismatch
				}
				f := note(kind, b, set)
				f.Of, f.Value, f.Whole = of, Known(float64(sum)), total
				if !mustSum {
					f.Unfilled = Known(float64(total.Int() - sum))
				}
				return
			}
			if opts.Rounding == LargestRemainder && math.Abs(shares-100) > 1e-6 {
				f := note(FindingSharesNot100, b, set)
				f.Of, f.Value = of, Known(shares)
			}
		}
		dist(ofAgeBands, st.AgeBands, false)
		dist(ofEducation, st.Education, false)
		dist(ofPositions, st.Positions, true)
		// Heads have 连任 only where the unit had a head last term (head_terms): the others are not a gap.
		if st.Reelected.Count.Current.OK && st.New.Count.Current.OK && set != SetHeads {
			if n := st.Reelected.Count.Current.Int() + st.New.Count.Current.Int(); n != total.Int() {
				f := note(FindingReelectedUnfilled, b, set)
				f.Part, f.Also, f.Value, f.Whole = st.Reelected, st.New, Known(float64(n)), total
				f.Unfilled = Known(float64(total.Int() - n))
			}
		}
	}
	for i := range s.Bodies {
		b := &s.Bodies[i]
		checkStructure(b.Body, SetMembers, &b.Members)
		checkStructure(b.Body, SetHeads, &b.Heads)
		el, mem := b.Seats.Elected.Current, b.Members.Total.Current
		// Units without a roster are noted on their own (FindingRosterGaps), which says more.
		if el.OK && mem.OK && el.Int() != mem.Int() && len(b.Unrostered) == 0 {
			f := note(FindingElectedMismatch, b.Body, "")
			f.Value, f.Whole = el, mem
		}
		r, v := b.Participation.Registered.Current, b.Participation.Voted.Current
		if r.OK && v.OK && v.V > r.V {
			f := note(FindingTurnoutOver100, b.Body, "")
			f.Value, f.Whole = v, r
			b.Participation.Turnout.Current = Value{}
		}
	}
	if f := smallSupervisoryElectorates(s.Elections); f != nil {
		out = append(out, *f)
	}
	for i := range s.TwoCommittees {
		t := &s.TwoCommittees[i]
		checkStructure(Body(t.Kind), SetTwoCommittees, &t.Persons)
		if t.Positions.Current.OK && t.Persons.Total.Current.OK && t.CrossPersons.Count.Current.OK {
			if t.Positions.Current.Int() != t.Persons.Total.Current.Int()+t.CrossPersons.Count.Current.Int() {
				f := note(FindingPositionsMismatch, Body(t.Kind), SetTwoCommittees)
				f.Value, f.Whole, f.Also = t.Positions.Current, t.Persons.Total.Current, t.CrossPersons
			}
		}
	}
	return out
}

// smallSupervisoryElectorates is the 数据核对 finding FindingSupervisorySmall: the villages whose
// 村务监督委员会 is not marked 村民代表会议推选, yet whose 登记选民数 is under a fifth of their 村民委员会's —
// most likely a 村民代表会议's 应到村民代表 under a blank or other 选举方式, which the draft then states as
// voters. Each Named has Rates [the 村务监督委员会's 登记选民数, the 村民委员会's]. nil when there is none.
func smallSupervisoryElectorates(es []ElectionRow) *Finding {
	committee := map[UnitRef]Value{}
	for _, e := range es {
		if e.Body == VillagersCommittee {
			committee[e.UnitRef] = e.Registered
		}
	}
	f := Finding{Section: SectionDataCheck, Kind: FindingSupervisorySmall, Body: SupervisoryCommittee}
	for _, e := range es {
		vc, ok := committee[e.UnitRef]
		if e.Body != SupervisoryCommittee || e.ByRepresentatives || !ok || !vc.OK || !e.Registered.OK {
			continue
		}
		if 5*e.Registered.Int() < vc.Int() {
			f.Units = append(f.Units, Named{UnitRef: e.UnitRef, Rates: []Value{e.Registered, vc}})
		}
	}
	if len(f.Units) == 0 {
		return nil
	}
	return &f
}
