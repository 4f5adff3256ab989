package analytics

import "electsum"

// data is the rows of one scope (or sub-scope) in one year.
type data struct {
	year      int
	elections []*electionRow
	members   []*memberRow
	// figures are the figure macros' rows for this part and year.
	figures partFigures
}

func (d data) has(b Body) bool {
	for _, e := range d.elections {
		if e.Body == b {
			return true
		}
	}
	for _, m := range d.members {
		if m.Body == b {
			return true
		}
	}
	return false
}

// bodySummary computes everything about body b, with the previous term's values beside.
func bodySummary(b Body, cur, prev data, gap termGap, opts Options) BodySummary {
	c, p := cur.figures, prev.figures
	// A previous term without this body (no earlier election, or none of this body in the scope) is
	// no figure at all, never zero: no comparison is printed against it; nor against a term holding
	// the body in other townships (termGaps).
	bs := BodySummary{Body: b}
	bs.TownshipsOnlyCurrent, bs.TownshipsOnlyPrevious = gap.onlyCurrent, gap.onlyPrevious
	hasPrev := prev.has(b) && !gap.found()
	// The members' figures of a term whose roster misses units that elected people are of part of the
	// body only: they are never compared, neither with a whole term nor with another part.
	curListed, curGaps := rosterReach(cur, b)
	prevListed, prevGaps := rosterReach(prev, b)
	bs.Unrostered, bs.Rostered = curGaps, Figure{Current: count(curListed)}
	if hasPrev {
		bs.Rostered.Previous = count(prevListed)
		bs.UnrosteredPrevious = count(len(prevGaps))
	}
	compareMembers := hasPrev && len(bs.Unrostered) == 0 && len(prevGaps) == 0
	bs.Participation = participation(c.elections[b], opts)
	bs.Seats = seats(c.elections[b])
	bs.Members = structure(c.structure(SetMembers, b), opts, true)
	bs.Methods = methods(c.elections[b], opts)
	if compareMembers {
		mergeStructure(&bs.Members, structure(p.structure(SetMembers, b), opts, true))
	}
	if hasPrev {
		mergeParticipation(&bs.Participation, participation(p.elections[b], opts))
		mergeSeats(&bs.Seats, seats(p.elections[b]))
		bs.Methods = mergeParts(bs.Methods, methods(p.elections[b], opts))
	}
	if b.Deputies() {
		return bs
	}
	bs.Heads = structure(c.structure(SetHeads, b), opts, false)
	if compareMembers {
		mergeStructure(&bs.Heads, structure(p.structure(SetHeads, b), opts, false))
	}
	// New heads only when some head said whether he was re-elected.
	if answered(c.structure(SetHeads, b)) {
		bs.NewHeads = structure(c.structure(SetNewHeads, b), opts, false)
		if compareMembers && answered(p.structure(SetHeads, b)) {
			mergeStructure(&bs.NewHeads, structure(p.structure(SetNewHeads, b), opts, false))
		}
		if bs.NewHeads.AverageAge.Current.OK && bs.Heads.AverageAge.Current.OK {
			bs.NewHeadsAgeGap = Known(electsum.Round(bs.NewHeads.AverageAge.Current.V-bs.Heads.AverageAge.Current.V, 1))
		}
		if len(bs.NewHeads.Education) > 0 && bs.NewHeads.Education[0].Share.Current.OK && bs.Heads.Education[0].Share.Current.OK {
			bs.NewHeadsCollegeGap = Known(electsum.Round(bs.NewHeads.Education[0].Share.Current.V-bs.Heads.Education[0].Share.Current.V, 1))
		}
	}
	bs.HeadsChanged = Part{Label: labelChanged}
	if ch := c.changed[b]; ch != nil && ch.Compared > 0 {
		bs.HeadsChanged = part(labelChanged, int(ch.Changed), int(ch.Compared))
	}
	return bs
}

// rosterReach is how far d's roster reaches for body b: the units with a member of b on it, and the gaps —
// the units whose election of b elected people (or did not say how many) and that have no member of b on
// the roster: their members sheet was not sent or not loaded.
func rosterReach(d data, b Body) (rostered int, gaps []UnitRef) {
	listed := map[unitKey]bool{}
	for _, m := range d.members {
		if m.Body == b {
			listed[m.unitKey] = true
		}
	}
	rostered, gaps = len(listed), []UnitRef{}
	for _, e := range d.elections {
		if e.Body != b || listed[e.unitKey] || (e.Elected.Valid && e.Elected.Int64 == 0) {
			continue
		}
		listed[e.unitKey] = true // a unit is named once, whatever its rows
		gaps = append(gaps, e.ref())
	}
	return rostered, gaps
}

// rosterGaps are rosterReach's gaps alone.
func rosterGaps(d data, b Body) []UnitRef {
	_, gaps := rosterReach(d, b)
	return gaps
}

// answered reports whether anyone in the set said whether he was re-elected.
func answered(c *structureCounts) bool { return c != nil && c.ReelectedKnown > 0 }

// bodySummaries summarises every body present this year, in report order (electsum.Bodies); gaps are
// termGaps(cur, prev).
func bodySummaries(cur, prev data, gaps map[Body]termGap, opts Options) []BodySummary {
	out := []BodySummary{}
	for _, b := range electsum.Bodies() {
		if cur.has(b) {
			out = append(out, bodySummary(b, cur, prev, gaps[b], opts))
		}
	}
	return out
}
