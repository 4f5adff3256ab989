package analytics

import (
	"cmp"
	"slices"
)

// townshipRef is a township of a county.
type townshipRef struct{ County, Township string }

// oneTermTownships are the townships holding a body in one of two terms (body: the townships holding it
// in each) and nothing of the draft's kind in the other (kind: the townships holding any of its bodies
// in each), in order, as units without a village. Such a township's sheets of the other term were not
// loaded — a township does not come and go between terms the way a village is merged or renamed —
// and the body's figures of the two terms cover different townships: none of them is compared (never
// a 比上届 of a whole county against part of it). A township that holds other bodies in both terms may
// have lost this one for real (its last village made a 社区), and is compared as before.
func oneTermTownships(body, kind [2]map[townshipRef]bool) (onlyCurrent, onlyPrevious []UnitRef) {
	only := func(held, other map[townshipRef]bool) []UnitRef {
		var out []UnitRef
		for t := range held {
			if !other[t] {
				out = append(out, UnitRef{County: t.County, Township: t.Township})
			}
		}
		slices.SortFunc(out, func(x, y UnitRef) int {
			return cmp.Or(cmp.Compare(x.County, y.County), cmp.Compare(x.Township, y.Township))
		})
		return out
	}
	return only(body[0], kind[1]), only(body[1], kind[0])
}

// townships are the townships holding each body's elections or members in d, and those holding any.
func (d data) townships() (byBody map[Body]map[townshipRef]bool, all map[townshipRef]bool) {
	byBody, all = map[Body]map[townshipRef]bool{}, map[townshipRef]bool{}
	add := func(b Body, t townshipRef) {
		if byBody[b] == nil {
			byBody[b] = map[townshipRef]bool{}
		}
		byBody[b][t] = true
		all[t] = true
	}
	for _, e := range d.elections {
		add(e.Body, townshipRef{e.County, e.Township})
	}
	for _, m := range d.members {
		add(m.Body, townshipRef{m.County, m.Township})
	}
	return byBody, all
}

// termGap is a body's townships of one term only (oneTermTownships).
type termGap struct{ onlyCurrent, onlyPrevious []UnitRef }

// found reports whether the body has townships of one term only: it is then not compared.
func (g termGap) found() bool { return len(g.onlyCurrent)+len(g.onlyPrevious) > 0 }

// termGaps are the gaps of the bodies both cur and prev hold (each term holding one draft kind's rows;
// a body new to the scope has no previous term to compare, and no gap to name), from one pass over
// each term's rows; a body without a gap has no entry.
func termGaps(cur, prev data) map[Body]termGap {
	curBy, curAll := cur.townships()
	prevBy, prevAll := prev.townships()
	out := map[Body]termGap{}
	for b, c := range curBy {
		p, ok := prevBy[b]
		if !ok {
			continue
		}
		var g termGap
		g.onlyCurrent, g.onlyPrevious = oneTermTownships([2]map[townshipRef]bool{c, p}, [2]map[townshipRef]bool{curAll, prevAll})
		if g.found() {
			out[b] = g
		}
	}
	return out
}

// townshipsOneTerm are the 数据核对 findings that name a body's townships of one term only: one for
// this term's (Every set), one for the previous term's.
func townshipsOneTerm(b Body, onlyCurrent, onlyPrevious []UnitRef) []Finding {
	var out []Finding
	for _, c := range []struct {
		units   []UnitRef
		current bool
	}{{onlyCurrent, true}, {onlyPrevious, false}} {
		if len(c.units) == 0 {
			continue
		}
		f := Finding{Section: SectionDataCheck, Kind: FindingTownshipsOneTerm, Body: b, Every: c.current}
		for _, u := range c.units {
			f.Units = append(f.Units, Named{UnitRef: u})
		}
		out = append(out, f)
	}
	return out
}
