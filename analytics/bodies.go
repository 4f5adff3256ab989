package analytics

import (
	"sort"

	"electsum"
)

// data is the rows of one scope (or sub-scope) in one year.
type data struct {
	elections []*electionRow
	members   []*memberRow
}

func (d data) body(b Body) ([]*electionRow, []*memberRow) {
	var es []*electionRow
	var ms []*memberRow
	for _, e := range d.elections {
		if e.Body == b {
			es = append(es, e)
		}
	}
	for _, m := range d.members {
		if m.Body == b {
			ms = append(ms, m)
		}
	}
	return es, ms
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

// sumKnown sums the known values; no figure when none is known.
func sumKnown(rows []*electionRow, f func(*electionRow) (int64, bool)) Value {
	var sum int64
	known := false
	for _, r := range rows {
		if v, ok := f(r); ok {
			sum += v
			known = true
		}
	}
	if !known {
		return Value{}
	}
	return count(int(sum))
}

// participation computes 参选情况 (current values only). Rates are over the units that gave both of
// their figures: turnout is Σvoted/Σregistered of the units with both; the proxy share is Σproxy over
// Σvoted of the units that gave proxy votes.
func participation(rows []*electionRow, threshold float64) Participation {
	var p Participation
	p.Threshold = threshold
	p.Units = Figure{Current: count(len(rows))}
	p.Registered.Current = sumKnown(rows, func(r *electionRow) (int64, bool) { return r.Registered.Int64, r.Registered.Valid })
	p.Voted.Current = sumKnown(rows, func(r *electionRow) (int64, bool) { return r.Voted.Int64, r.Voted.Valid })
	p.ValidBallots.Current = sumKnown(rows, func(r *electionRow) (int64, bool) { return r.Valid.Int64, r.Valid.Valid })
	p.InvalidBallots.Current = sumKnown(rows, func(r *electionRow) (int64, bool) { return r.Invalid.Int64, r.Invalid.Valid })

	var sumR, sumV int64
	var rates []UnitRate
	exact := map[int]float64{}
	full, withRate := 0, 0
	for _, r := range rows {
		if !r.Registered.Valid || !r.Voted.Valid {
			continue
		}
		sumR += r.Registered.Int64
		sumV += r.Voted.Int64
		if r.Registered.Int64 <= 0 {
			continue
		}
		withRate++
		x := 100 * float64(r.Voted.Int64) / float64(r.Registered.Int64)
		exact[len(rates)] = x
		rates = append(rates, UnitRate{Township: r.Township, Unit: r.Unit, Turnout: electsum.Round(x, 1)})
		if r.Voted.Int64 == r.Registered.Int64 {
			full++
		}
	}
	p.Turnout.Current = ratio(int(sumV), int(sumR))
	if withRate > 0 {
		p.FullTurnout.Current = count(full)
		lo, hi := 0, 0
		for i := range rates {
			if exact[i] < exact[lo] {
				lo = i
			}
			if exact[i] > exact[hi] {
				hi = i
			}
		}
		l, h := rates[lo], rates[hi]
		p.Lowest, p.Highest = &l, &h
	}
	var below []int
	for i := range rates {
		if exact[i] < threshold {
			below = append(below, i)
		}
	}
	sort.SliceStable(below, func(a, b int) bool { return exact[below[a]] < exact[below[b]] })
	p.BelowThreshold = make([]UnitRate, 0, len(below))
	for _, i := range below {
		p.BelowThreshold = append(p.BelowThreshold, rates[i])
	}

	p.ProxyVotes = votesPart(labelProxy, rows, func(r *electionRow) (int64, bool) { return r.Proxy.Int64, r.Proxy.Valid })
	p.MobileVotes = votesPart(labelMobile, rows, func(r *electionRow) (int64, bool) { return r.Mobile.Int64, r.Mobile.Valid })
	return p
}

// votesPart is the count of proxy (or mobile) votes and their share of the votes cast in the units
// that reported them.
func votesPart(label string, rows []*electionRow, f func(*electionRow) (int64, bool)) Part {
	var n, voted int64
	known := false
	for _, r := range rows {
		v, ok := f(r)
		if !ok {
			continue
		}
		known = true
		n += v
		if r.Voted.Valid {
			voted += r.Voted.Int64
		}
	}
	if !known {
		return Part{Label: label}
	}
	return Part{Label: label, Count: Figure{Current: count(int(n))}, Share: Figure{Current: share(int(n), int(voted))}}
}

func mergeParticipation(cur *Participation, prev Participation) {
	cur.Units.Previous = prev.Units.Current
	cur.Registered.Previous = prev.Registered.Current
	cur.Voted.Previous = prev.Voted.Current
	cur.Turnout.Previous = prev.Turnout.Current
	mergePart(&cur.ProxyVotes, prev.ProxyVotes)
	mergePart(&cur.MobileVotes, prev.MobileVotes)
	cur.ValidBallots.Previous = prev.ValidBallots.Current
	cur.InvalidBallots.Previous = prev.InvalidBallots.Current
	cur.FullTurnout.Previous = prev.FullTurnout.Current
}

// seats computes 职数 (current values only). The margin is over the units that gave both seats and
// candidates; first-round success is a share of the units that answered.
func seats(rows []*electionRow) Seats {
	var s Seats
	s.Seats.Current = sumKnown(rows, func(r *electionRow) (int64, bool) { return r.Seats.Int64, r.Seats.Valid })
	s.Candidates.Current = sumKnown(rows, func(r *electionRow) (int64, bool) { return r.Candidates.Int64, r.Candidates.Valid })
	s.Elected.Current = sumKnown(rows, func(r *electionRow) (int64, bool) { return r.Elected.Int64, r.Elected.Valid })
	var sumS, sumC int64
	first, firstKnown := 0, 0
	for _, r := range rows {
		if r.Seats.Valid && r.Candidates.Valid {
			sumS += r.Seats.Int64
			sumC += r.Candidates.Int64
		}
		if r.FirstRound.Valid {
			firstKnown++
			if r.FirstRound.Bool {
				first++
			}
		}
	}
	s.Margin.Current = ratio(int(sumC-sumS), int(sumS))
	s.FirstRound = optionalPart(labelFirstRound, first, firstKnown)
	return s
}

func mergeSeats(cur *Seats, prev Seats) {
	cur.Seats.Previous = prev.Seats.Current
	cur.Candidates.Previous = prev.Candidates.Current
	cur.Elected.Previous = prev.Elected.Current
	cur.Margin.Previous = prev.Margin.Current
	mergePart(&cur.FirstRound, prev.FirstRound)
}

// methods counts units per 选举方式, most used first; units that left it blank are not counted.
func methods(rows []*electionRow, r Rounding) []Part {
	var values []string
	for _, e := range rows {
		values = append(values, e.Method)
	}
	labels, counts := counted(values, nil)
	idx := make([]int, len(labels))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return counts[idx[a]] > counts[idx[b]] })
	l2, c2 := make([]string, len(idx)), make([]int, len(idx))
	known := 0
	for i, j := range idx {
		l2[i], c2[i] = labels[j], counts[j]
		known += counts[j]
	}
	return distribution(l2, c2, known, r)
}

// heads returns the heads among rows.
func heads(rows []*memberRow) []*memberRow {
	var out []*memberRow
	for _, m := range rows {
		if m.isHead() {
			out = append(out, m)
		}
	}
	return out
}

// newHeads returns the heads not re-elected, and whether any head said whether he was.
func newHeads(hs []*memberRow) ([]*memberRow, bool) {
	var out []*memberRow
	known := false
	for _, m := range hs {
		if m.Reelected.Valid {
			known = true
			if !m.Reelected.Bool {
				out = append(out, m)
			}
		}
	}
	return out, known
}

// headsChanged counts the units whose head this year is none of last term's heads of the same body and
// unit, out of the units that have a head in both terms.
func headsChanged(cur, prev []*memberRow) Part {
	prevBy := map[unitKey][]*memberRow{}
	for _, m := range prev {
		prevBy[m.unitKey] = append(prevBy[m.unitKey], m)
	}
	curBy := map[unitKey][]*memberRow{}
	var units []unitKey
	for _, m := range cur {
		if _, ok := curBy[m.unitKey]; !ok {
			units = append(units, m.unitKey)
		}
		curBy[m.unitKey] = append(curBy[m.unitKey], m)
	}
	compared, changed := 0, 0
	for _, u := range units {
		ps := prevBy[u]
		if len(ps) == 0 {
			continue
		}
		compared++
		same := false
		for _, c := range curBy[u] {
			for _, p := range ps {
				same = same || samePerson(c, p)
			}
		}
		if !same {
			changed++
		}
	}
	if compared == 0 {
		return Part{Label: labelChanged}
	}
	return part(labelChanged, changed, compared)
}

// bodySummary computes everything about body b, with the previous term's values beside.
func bodySummary(b Body, cur, prev data, opts Options) BodySummary {
	ce, cm := cur.body(b)
	pe, pm := prev.body(b)
	// A previous term without this body (no earlier election, or none of this body in the scope) is
	// no figure at all, never zero: no comparison is printed against it.
	hasPrev := prev.has(b)
	bs := BodySummary{Body: b}
	bs.Participation = participation(ce, opts.TurnoutThreshold)
	bs.Seats = seats(ce)
	bs.Members = structure(cm, opts, true)
	bs.Methods = methods(ce, opts.Rounding)
	if hasPrev {
		mergeParticipation(&bs.Participation, participation(pe, opts.TurnoutThreshold))
		mergeSeats(&bs.Seats, seats(pe))
		mergeStructure(&bs.Members, structure(pm, opts, true))
		bs.Methods = mergeParts(bs.Methods, methods(pe, opts.Rounding))
	}
	if b.Deputies() {
		return bs
	}
	ch, ph := heads(cm), heads(pm)
	bs.Heads = structure(ch, opts, false)
	if hasPrev {
		mergeStructure(&bs.Heads, structure(ph, opts, false))
	}
	cn, cok := newHeads(ch)
	pn, pok := newHeads(ph)
	if cok {
		bs.NewHeads = structure(cn, opts, false)
		if pok && hasPrev {
			mergeStructure(&bs.NewHeads, structure(pn, opts, false))
		}
		if bs.NewHeads.AverageAge.Current.OK && bs.Heads.AverageAge.Current.OK {
			bs.NewHeadsAgeGap = Known(electsum.Round(bs.NewHeads.AverageAge.Current.V-bs.Heads.AverageAge.Current.V, 1))
		}
		if len(bs.NewHeads.Education) > 0 && bs.NewHeads.Education[0].Share.Current.OK && bs.Heads.Education[0].Share.Current.OK {
			bs.NewHeadsCollegeGap = Known(electsum.Round(bs.NewHeads.Education[0].Share.Current.V-bs.Heads.Education[0].Share.Current.V, 1))
		}
	}
	bs.HeadsChanged = headsChanged(ch, ph)
	return bs
}

// bodySummaries summarises every body present this year, in report order (electsum.Bodies).
func bodySummaries(cur, prev data, opts Options) []BodySummary {
	out := []BodySummary{}
	for _, b := range electsum.Bodies() {
		if cur.has(b) {
			out = append(out, bodySummary(b, cur, prev, opts))
		}
	}
	return out
}
