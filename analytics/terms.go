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

// townships are the townships holding body b's elections or members in d; any body's when b is "".
func (d data) townships(b Body) map[townshipRef]bool {
	out := map[townshipRef]bool{}
	for _, e := range d.elections {
		if b == "" || e.Body == b {
			out[townshipRef{e.County, e.Township}] = true
		}
	}
	for _, m := range d.members {
		if b == "" || m.Body == b {
			out[townshipRef{m.County, m.Township}] = true
		}
	}
	return out
}

// termGaps are oneTermTownships of body b between cur and prev (each holding one draft kind's rows),
// when both terms hold b (a body new to the scope has no previous term to compare, and no gap to name).
func termGaps(cur, prev data, b Body) (onlyCurrent, onlyPrevious []UnitRef) {
	if !cur.has(b) || !prev.has(b) {
		return nil, nil
	}
	return oneTermTownships([2]map[townshipRef]bool{cur.townships(b), prev.townships(b)},
		[2]map[townshipRef]bool{cur.townships(""), prev.townships("")})
}

// townshipGaps reports whether b has termGaps between cur and prev.
func townshipGaps(cur, prev data, b Body) bool {
	onlyCurrent, onlyPrevious := termGaps(cur, prev, b)
	return len(onlyCurrent)+len(onlyPrevious) > 0
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
