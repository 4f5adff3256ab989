package analytics

import (
	"database/sql"
	"electsum"
	"math"
	"sort"
)

// share is count/total in percent, rounded half-up to one decimal; no figure when total is zero. This
// and distribution are the only places shares are computed, so every share follows the one policy.
func share(count, total int) Value {
	if total <= 0 {
		return Value{}
	}
	return Known(electsum.Round(100*float64(count)/float64(total), 1))
}

// ratio is num/den in percent, rounded like share; for rates whose numerator is not a part of the
// denominator (turnout, margin).
func ratio(num, den int) Value {
	if den <= 0 {
		return Value{}
	}
	return Known(electsum.Round(100*float64(num)/float64(den), 1))
}

// distribution turns the counts of a distribution (age bands, buckets, positions …) into Parts. With
// LargestRemainder the shares total exactly 100.0 whenever the counts sum to total: each share is
// floored to a tenth and the spare tenths go to the largest remainders (ties to the earlier part).
func distribution(labels []string, counts []int, total int, rounding Rounding) []Part {
	parts := make([]Part, len(labels))
	for i, l := range labels {
		parts[i] = Part{Label: l, Count: Figure{Current: Known(float64(counts[i]))}, Share: Figure{Current: share(counts[i], total)}, Base: count(total)}
	}
	if rounding != LargestRemainder || total <= 0 {
		return parts
	}
	sum := 0
	for _, c := range counts {
		sum += c
	}
	if sum != total {
		return parts // not a partition of the total: half-up shares, and a 数据核对 finding says so
	}
	tenths := make([]int, len(counts))
	rem := make([]float64, len(counts))
	given := 0
	for i, c := range counts {
		exact := 1000 * float64(c) / float64(total)
		tenths[i] = int(math.Floor(exact + 1e-9))
		rem[i] = exact - float64(tenths[i])
		given += tenths[i]
	}
	order := make([]int, len(counts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rem[order[a]] > rem[order[b]]+1e-12 })
	for k := 0; given < 1000 && k < len(order); k++ {
		tenths[order[k]]++
		given++
	}
	for i := range parts {
		parts[i].Share.Current = Known(float64(tenths[i]) / 10)
	}
	return parts
}

// rounded is a rate the SQL computed (percent), rounded like share; no figure when NULL.
func rounded(x sql.NullFloat64) Value {
	if !x.Valid {
		return Value{}
	}
	return Known(electsum.Round(x.Float64, 1))
}

// count is a count as a Value.
func count(n int) Value { return Known(float64(n)) }

// part is a Part whose count is n out of total.
func part(label string, n, total int) Part {
	return Part{Label: label, Count: Figure{Current: count(n)}, Share: Figure{Current: share(n, total)}, Base: count(total)}
}

// over marks p as Partial when its base is fewer than whole, the set the draft speaks of.
func (p *Part) over(whole int) {
	p.Partial = p.Base.OK && p.Base.Int() < whole
}

// overAll marks each of ps, as over.
func overAll(ps []Part, whole int) {
	for i := range ps {
		ps[i].over(whole)
	}
}

// optionalPart is a part counted over the rows where the optional column was filled: no figure when
// none was (the column was absent), and the share is of the rows that answered.
func optionalPart(label string, n, known int) Part {
	if known == 0 {
		return Part{Label: label}
	}
	return part(label, n, known)
}

// boolOrNil is b as a *bool, nil when NULL (连任, 一次选足 not given).
func boolOrNil(b sql.NullBool) *bool {
	if !b.Valid {
		return nil
	}
	return &b.Bool
}

// shownID is a 身份证号 as a roster shows it: masked (electsum.MaskID) unless unmasked; empty stays empty.
func shownID(id string, unmasked bool) string {
	if unmasked || id == "" {
		return id
	}
	return electsum.MaskID(id)
}
