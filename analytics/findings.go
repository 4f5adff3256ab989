package analytics

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"

	"electsum"
)

// Findings are the statements of s beyond 一、基本情况, as data: 成效 (achievements), 存在的问题
// (problems) and the 数据核对 of optional items (partialShares). Which figures make a statement, and
// whether it is an improvement, is decided here; the templates only word them. Summarize sets
// Summary.Findings from it (followed by its failed cross-checks); it is exported for a summary built
// or changed by hand. opts gives the thresholds (zero: the defaults).
func Findings(s *Summary, opts Options) []Finding {
	opts, _ = opts.withDefaults() // only the thresholds are read: filled even where other options are wrong
	out, worse := achievements(s)
	probs := problems(s, opts)
	if s.Level == LevelUnit {
		worse = fallenIntoLow(worse, probs)
	}
	out = append(out, worse...)
	out = append(out, probs...)
	return append(out, partialShares(s)...)
}

// fallenIntoLow: in a unit's own draft a committee's turnout that fell and is also below the threshold
// (low_turnout) is one problem, said once with its change (参选率为85.3%，比上届下降4.5个百分点，低于
// 90%): its low_turnout item gets the Figure and the fallen-turnout item is dropped. An item that joins
// bodies (Bodies) gets it as one of its Items, {Body, Figure}, said after the joined rates (…均低于90%，
// 其中村民委员会选举参选率比上届下降1.9个百分点).
func fallenIntoLow(worse, probs []Finding) []Finding {
	var low *Finding
	for i := range probs {
		if probs[i].Kind == FindingLowTurnout {
			low = &probs[i]
		}
	}
	if low == nil {
		return worse
	}
	var out []Finding
	for _, w := range worse {
		if w.Kind != FindingTurnout {
			out = append(out, w)
			continue
		}
		var kept []Finding
		for _, fallen := range w.Items {
			said := false
			for i := range low.Items {
				it := &low.Items[i]
				switch {
				case it.Body == fallen.Body && len(it.Bodies) == 0:
					it.Figure, said = fallen.Figure, true
				case slices.Contains(it.Bodies, fallen.Body):
					it.Items, said = append(it.Items, Finding{Body: fallen.Body, Figure: fallen.Figure}), true
				}
			}
			if !said {
				kept = append(kept, fallen)
			}
		}
		if len(kept) > 0 {
			w.Items = kept
			out = append(out, w)
		}
	}
	return out
}

// subject is the set of people whose structure 成效 and 存在的问题 speak about: the village (else
// community) two committees counted once per person, else the villagers' (residents') committee, else
// the first body with people.
type subject struct {
	body Body
	set  string
	st   *Structure
	two  *TwoCommittees
}

func (sub subject) finding(section, kind string) Finding {
	return Finding{Section: section, Kind: kind, Body: sub.body, Set: sub.set}
}

func hasPeople(st Structure) bool { return st.Total.Current.OK && st.Total.Current.V > 0 }

// Subject is the set of people whose structure 成效 and 存在的问题 speak about (and the draft's age
// and education charts show): body and set as in Finding, and their structure; ok false when no set
// has people.
func (s *Summary) Subject() (body Body, set string, st *Structure, ok bool) {
	sub, ok := mainSubject(s)
	return sub.body, sub.set, sub.st, ok
}

func mainSubject(s *Summary) (subject, bool) {
	for _, kind := range []electsum.UnitKind{electsum.Village, electsum.Community} {
		for i := range s.TwoCommittees {
			if t := &s.TwoCommittees[i]; t.Kind == string(kind) && hasPeople(t.Persons) {
				return subject{Body(t.Kind), SetTwoCommittees, &t.Persons, t}, true
			}
		}
	}
	for _, b := range []Body{VillagersCommittee, ResidentsCommittee, PartyBranch, CommunityParty} {
		if bs := s.Body(b); bs != nil && hasPeople(bs.Members) {
			return subject{b, SetMembers, &bs.Members, nil}, true
		}
	}
	for i := range s.Bodies {
		if hasPeople(s.Bodies[i].Members) {
			return subject{s.Bodies[i].Body, SetMembers, &s.Bodies[i].Members, nil}, true
		}
	}
	return subject{}, false
}

// improved says whether f rose versus the previous term, and whether both terms have it.
func improved(f Figure) (up, known bool) {
	d := f.Change()
	return d.OK && d.V > 0, d.OK
}

// fell says whether f fell versus the previous term (both terms have it).
func fell(f Figure) bool {
	d := f.Change()
	return d.OK && d.V < 0
}

// highTurnout is the 参选率 (percent) at which a committee's turnout is worth stating in 成效 without a
// previous term, and at which a fall from the last term is no problem worth stating.
const highTurnout = 95

// achievements are 三、取得的成效 from the change versus the previous term, and the falls of the same
// figures (issue 10 prose: 成效 lists only improvements). A statement appears in 成效 only when its
// figure moved the good way (or, for turnout, is high this term and did not fall): Improved. A
// good figure that fell is a problem of the same kind (Section problem, Improved false): the women's
// and the best educated members' share, the average age (grown, the youngest band not grown) and a
// committee's turnout below highTurnout. One that stayed the same (but for a high turnout), a
// fall of 一肩挑 and a fall to a turnout still high are stated nowhere.
func achievements(s *Summary) (good, worse []Finding) {
	if sub, ok := mainSubject(s); ok {
		st := sub.st
		if up, _ := improved(st.Women.Share); up {
			f := sub.finding(SectionAchievement, FindingWomen)
			f.Improved, f.Part = true, st.Women
			f.Every = sub.two != nil && sub.two.NoWoman.Count.Current.OK && sub.two.NoWoman.Count.Current.V == 0
			if pup, _ := improved(st.PartyMembers.Share); pup {
				f.Also = st.PartyMembers
			}
			good = append(good, f)
		} else if fell(st.Women.Share) {
			f := sub.finding(SectionProblem, FindingWomen)
			f.Part = st.Women
			worse = append(worse, f)
		}
		if len(st.Education) > 0 {
			if up, _ := improved(st.Education[0].Share); up {
				f := sub.finding(SectionAchievement, FindingEducation)
				f.Improved, f.Part = true, st.Education[0]
				good = append(good, f)
			} else if fell(st.Education[0].Share) {
				f := sub.finding(SectionProblem, FindingEducation)
				f.Part = st.Education[0]
				worse = append(worse, f)
			}
		}
		if d := st.AverageAge.Change(); d.OK {
			var young Part
			youngUp, youngKnown := false, false
			if len(st.AgeBands) > 0 {
				young = st.AgeBands[0]
				youngUp, youngKnown = improved(young.Share)
			}
			switch {
			case d.V < 0 || youngUp && d.V <= 0:
				f := sub.finding(SectionAchievement, FindingAge)
				f.Figure, f.Improved = st.AverageAge, true
				if youngKnown {
					f.Also = young
				}
				good = append(good, f)
			case d.V > 0 && !youngUp:
				f := sub.finding(SectionProblem, FindingAge)
				f.Figure = st.AverageAge
				if youngKnown {
					f.Also = young
				}
				worse = append(worse, f)
			}
		}
	}
	turnout := Finding{Section: SectionAchievement, Kind: FindingTurnout, Improved: true}
	fallen := Finding{Section: SectionProblem, Kind: FindingTurnout}
	for _, b := range []Body{VillagersCommittee, ResidentsCommittee} {
		bs := s.Body(b)
		if bs == nil || !bs.Participation.Turnout.Current.OK {
			continue
		}
		p := bs.Participation
		item := Finding{Body: b, Figure: p.Turnout, Value: p.FullTurnout.Current}
		up, _ := improved(p.Turnout)
		high := p.Turnout.Current.V >= highTurnout
		switch {
		case up || high && !fell(p.Turnout):
			turnout.Items = append(turnout.Items, item)
		case fell(p.Turnout) && !high:
			fallen.Items = append(fallen.Items, item)
		}
	}
	if len(turnout.Items) > 0 {
		good = append(good, turnout)
	}
	if len(fallen.Items) > 0 {
		worse = append(worse, fallen)
	}
	for _, t := range s.TwoCommittees {
		if up, _ := improved(t.OneShoulder.Share); up {
			good = append(good, Finding{Section: SectionAchievement, Kind: FindingOneShoulder, Improved: true,
				Body: Body(t.Kind), Set: SetTwoCommittees, Part: t.OneShoulder, Also: t.CrossPersons})
		}
	}
	return good, worse
}

// appendPerBody appends f, whose Items (one per body) name units, to out unless it has no items:
// DistinctUnits counts each unit once, and the items naming the same units are joined (joinSameUnits).
func appendPerBody(out []Finding, f Finding) []Finding {
	if len(f.Items) == 0 {
		return out
	}
	f.DistinctUnits = distinctUnits(f.Items)
	f.Items = joinSameUnits(f.Items)
	return append(out, f)
}

// namedRates are the units of us as a finding names them, each with its rate (UnitRate.Turnout: the
// 参选率, or the 流动票箱 share in Participation.MobileAbove).
func namedRates(us []UnitRate) []Named {
	var out []Named
	for _, u := range us {
		out = append(out, Named{UnitRef: UnitRef{Township: u.Township, Unit: u.Unit}, Rate: Known(u.Turnout)})
	}
	return out
}

// distinctUnits counts the units items name, each once whatever bodies name it.
func distinctUnits(items []Finding) Value {
	seen := map[UnitRef]bool{}
	for _, it := range items {
		for _, u := range it.Units {
			seen[u.UnitRef] = true
		}
	}
	return count(len(seen))
}

// joinSameUnits joins the items (one per body) whose lists name the same units at the same threshold
// into one item for all their bodies (Finding.Bodies), so that a draft names those units once (issue
// 10 prose: the same villages not listed twice). The joined item stands where its first body's stood
// and keeps that body's order of units; each unit gets its rate under each body (Named.Rates) when
// the items give rates. Items whose lists differ, even by one unit, stay apart.
func joinSameUnits(items []Finding) []Finding {
	key := func(it Finding) string {
		refs := make([]string, len(it.Units))
		for i, u := range it.Units {
			refs[i] = u.County + "\x00" + u.Township + "\x00" + u.Unit
		}
		sort.Strings(refs)
		return fmt.Sprintf("%g\x01%s", it.Threshold, strings.Join(refs, "\x01"))
	}
	var out []Finding
	at := map[string]int{} // key -> index in out of the item that stands for the group
	groups := map[string][]Finding{}
	for _, it := range items {
		k := key(it)
		if _, ok := at[k]; !ok {
			at[k] = len(out)
			out = append(out, it)
		}
		groups[k] = append(groups[k], it)
	}
	for k, group := range groups {
		if len(group) < 2 {
			continue
		}
		joined := group[0]
		joined.Units = make([]Named, len(group[0].Units))
		withRates := false
		for _, u := range group[0].Units {
			withRates = withRates || u.Rate.OK
		}
		for i, u := range group[0].Units {
			if withRates {
				u.Rates = make([]Value, len(group))
				for j, it := range group {
					for _, v := range it.Units {
						if v.UnitRef == u.UnitRef {
							u.Rates[j] = v.Rate
						}
					}
				}
			}
			joined.Units[i] = u
		}
		for _, it := range group {
			joined.Bodies = append(joined.Bodies, it.Body)
		}
		out[at[k]] = joined
	}
	return out
}

// problems are 四、存在的问题 from the data: low turnout, committees without women, aged and poorly
// educated committees, elections that needed a second round, and legal-check failures.
func problems(s *Summary, opts Options) []Finding {
	var out []Finding
	out = perBodyProblem(out, s, FindingLowTurnout, func(bs *BodySummary) Finding {
		p := bs.Participation
		return Finding{Threshold: cmp.Or(p.Threshold, opts.TurnoutThreshold), Units: namedRates(p.BelowThreshold)}
	})
	out = perBodyProblem(out, s, FindingMobileVotes, func(bs *BodySummary) Finding {
		p := bs.Participation
		return Finding{Threshold: p.MobileThreshold, Units: namedRates(p.MobileAbove)}
	})
	for _, t := range s.TwoCommittees {
		if !t.NoWoman.Count.Current.OK || t.NoWoman.Count.Current.V <= 0 {
			continue
		}
		f := Finding{Section: SectionProblem, Kind: FindingNoWoman, Body: Body(t.Kind), Set: SetTwoCommittees, Part: t.NoWoman}
		for _, u := range t.NoWomanUnits {
			f.Units = append(f.Units, Named{UnitRef: u})
		}
		out = append(out, f)
	}
	if sub, ok := mainSubject(s); ok {
		if bands := sub.st.AgeBands; len(bands) > 0 {
			f := sub.finding(SectionProblem, FindingAged)
			f.Threshold = opts.AgedThreshold
			if old := bands[len(bands)-1]; old.Share.Current.OK && old.Share.Current.V > f.Threshold {
				f.Part = old
			} else {
				f.Part = Part{Label: old.Label}
			}
			f.Units = agedUnits(s, f.Threshold)
			if f.Part.Count.Current.OK || len(f.Units) > 0 {
				out = append(out, f)
			}
		}
		if eds := sub.st.Education; len(eds) > 1 {
			if lowest := eds[len(eds)-1]; lowest.Share.Current.OK && lowest.Share.Current.V > opts.LowEducationThreshold {
				f := sub.finding(SectionProblem, FindingLowEducation)
				f.Part, f.Threshold = lowest, opts.LowEducationThreshold
				out = append(out, f)
			}
		}
	}
	out = perBodyProblem(out, s, FindingSecondRound, func(bs *BodySummary) Finding {
		var item Finding
		for _, e := range s.Elections {
			if e.Body == bs.Body && e.FirstRound != nil && !*e.FirstRound {
				item.Units = append(item.Units, Named{UnitRef: e.UnitRef})
			}
		}
		return item
	})
	violations := Finding{Section: SectionProblem, Kind: FindingViolations}
	for _, c := range s.Checks {
		if c.Severity == SeverityViolation {
			violations.Checks = append(violations.Checks, c)
		}
	}
	if len(violations.Checks) > 0 {
		violations.Checks = ByRule(violations.Checks)
		out = append(out, violations)
	}
	return out
}

// perBodyProblem appends the problem of kind with one item per body of s whose item (its units, and the
// threshold they are over or under) names units, when any does (appendPerBody).
func perBodyProblem(out []Finding, s *Summary, kind string, item func(*BodySummary) Finding) []Finding {
	f := Finding{Section: SectionProblem, Kind: kind}
	for i := range s.Bodies {
		if it := item(&s.Bodies[i]); len(it.Units) > 0 {
			it.Body = s.Bodies[i].Body
			f.Items = append(f.Items, it)
		}
	}
	return appendPerBody(out, f)
}

// ByRule orders checks so that those citing the same rule (the same Citation) are together, the rules
// in the order of their first check and the checks of a rule in their own order, so that a draft cites
// each rule once, after its last check (issue 10 prose: one legal citation per rule).
func ByRule(checks []Check) []Check {
	first := map[string]int{}
	for i, c := range checks {
		if _, ok := first[c.Citation]; !ok {
			first[c.Citation] = i
		}
	}
	out := slices.Clone(checks)
	slices.SortStableFunc(out, func(a, b Check) int { return cmp.Compare(first[a.Citation], first[b.Citation]) })
	return out
}

// agedUnits are the sub-scopes (units of a township, townships of a county) whose two committees have
// more than limit percent of members in the oldest age band, with that share.
func agedUnits(s *Summary, limit float64) []Named {
	var out []Named
	for _, b := range s.Breakdown {
		for _, t := range b.TwoCommittees {
			if len(t.Persons.AgeBands) == 0 {
				continue
			}
			if old := t.Persons.AgeBands[len(t.Persons.AgeBands)-1].Share.Current; old.OK && old.V > limit {
				out = append(out, Named{UnitRef: b.UnitRef, Kind: t.Kind, Rate: old})
			}
		}
	}
	return out
}

// partialShares is one 数据核对 finding per part that only some of a set's people filled in (致富带头人
// of 31 of 54 members): its share is of those people, so the draft prints the count alone and the
// finding gives the drafter both shares.
func partialShares(s *Summary) []Finding {
	var out []Finding
	add := func(b Body, set string, st Structure) {
		whole := st.Total.Current
		if !whole.OK {
			return
		}
		parts := []Part{st.Women, st.PartyMembers, st.Minorities, st.WealthLeaders, st.GraduateOfficials}
		if set == SetMembers || set == SetTwoCommittees {
			// Heads' 连任/新任 are over the heads whose unit had a head last term, not over those who
			// filled a column; the draft names that base itself.
			parts = append(parts, st.Reelected, st.New)
		}
		parts = append(append(parts, st.AgeBands...), st.Education...)
		for _, p := range parts {
			if !p.Partial || !p.Share.Current.OK || !p.Count.Current.OK || p.Count.Current.V == 0 {
				continue
			}
			out = append(out, Finding{Section: SectionDataCheck, Kind: FindingPartialShare, Body: b, Set: set,
				Part: p, Whole: whole, WholeShare: share(p.Count.Current.Int(), whole.Int())})
		}
	}
	for _, b := range s.Bodies {
		add(b.Body, SetMembers, b.Members)
		add(b.Body, SetHeads, b.Heads)
		add(b.Body, SetNewHeads, b.NewHeads)
	}
	for _, t := range s.TwoCommittees {
		add(Body(t.Kind), SetTwoCommittees, t.Persons)
	}
	return out
}
