package analytics

import (
	"fmt"
	"sort"

	"electsum"

	"github.com/duckdb/duckdb-go/v2"
)

// Labels of the parts of a Structure, as printed.
const (
	labelWomen        = "女"
	labelParty        = "中共党员"
	labelMinority     = "少数民族"
	labelReelected    = "连任"
	labelNew          = "新当选"
	labelWealth       = "致富带头人"
	labelGraduate     = "大学生村官"
	labelFirstRound   = "一次选举成功"
	labelProxy        = "委托投票"
	labelMobile       = "流动票箱"
	labelChanged      = "带头人变动"
	labelOneShould    = "一肩挑"
	labelCrossUnits   = "交叉任职村(社区)"
	labelCrossPers    = "交叉任职人员"
	labelNoWoman      = "无女性成员"
	labelHighSchoolUp = "高中（中专）以上"
)

// positionOrder and categoryOrder fix the order in which positions and deputies' categories are listed;
// values not named here follow in alphabetical order.
var (
	positionOrder = positionNames()
	categoryOrder = electsum.Categories()
)

func positionNames() []string {
	var out []string
	for _, p := range electsum.Positions() {
		out = append(out, string(p))
	}
	return out
}

func rankOf(order []string, s string) int {
	for i, o := range order {
		if o == s {
			return i
		}
	}
	return len(order)
}

// sortLabels sorts labels by order, unknown ones after in alphabetical order.
func sortLabels(labels []string, order []string) {
	sort.SliceStable(labels, func(i, j int) bool {
		ri, rj := rankOf(order, labels[i]), rankOf(order, labels[j])
		if ri != rj {
			return ri < rj
		}
		return labels[i] < labels[j]
	})
}

func sortParts(parts []Part, order []string) {
	sort.SliceStable(parts, func(i, j int) bool {
		ri, rj := rankOf(order, parts[i].Label), rankOf(order, parts[j].Label)
		if ri != rj {
			return ri < rj
		}
		return parts[i].Label < parts[j].Label
	})
}

// structure is the make-up of a set of people (current values only) from its counts in
// structure_figures (views/04_v_structure.sql, the one definition); nil counts are an empty set.
// Optional columns that no row filled give parts without a figure; the shares of an optional column
// are of the rows that filled it. Age bands and average age are over the people whose age is known.
func structure(c *structureCounts, opts Options, withPositions bool) Structure {
	if c == nil {
		c = &structureCounts{}
	}
	total := int(c.Members)
	var s Structure
	s.Total = Figure{Current: count(total)}
	s.Women = part(labelWomen, int(c.Women), total)
	s.PartyMembers = optionalPart(labelParty, int(c.PartyMembers), int(c.PartyKnown))
	s.Minorities = optionalPart(labelMinority, int(c.Minorities), int(c.EthnicityKnown))
	s.Reelected = optionalPart(labelReelected, int(c.Reelected), int(c.ReelectedKnown))
	s.New = optionalPart(labelNew, int(c.New), int(c.ReelectedKnown))
	s.WealthLeaders = optionalPart(labelWealth, int(c.WealthLeaders), int(c.WealthLeaderKnown))
	s.GraduateOfficials = optionalPart(labelGraduate, int(c.GraduateOfficials), int(c.GraduateOfficialKnown))

	bands := c.AgeBands
	bandLabels, bandCounts := make([]string, len(opts.AgeBands)), make([]int, len(opts.AgeBands))
	for i, b := range opts.AgeBands {
		bandLabels[i], bandCounts[i] = b.Label, bands[b.Label]
	}
	s.AgeBands = distributionOrNone(bandLabels, bandCounts, int(c.AgeKnown), opts.Rounding)
	if c.AgeKnown > 0 {
		s.AverageAge = Figure{Current: Known(electsum.Round(float64(c.AgeSum)/float64(c.AgeKnown), 1))}
	}
	buckets := c.Education
	bucketLabels, bucketCounts := make([]string, len(opts.EducationBuckets)), make([]int, len(opts.EducationBuckets))
	eduKnown := 0
	for i, b := range opts.EducationBuckets {
		bucketLabels[i], bucketCounts[i] = b.Label, buckets[b.Label]
		eduKnown += buckets[b.Label]
	}
	s.Education = distributionOrNone(bucketLabels, bucketCounts, eduKnown, opts.Rounding)
	for _, p := range []*Part{&s.PartyMembers, &s.Minorities, &s.Reelected, &s.New, &s.WealthLeaders, &s.GraduateOfficials} {
		p.over(total)
	}
	overAll(s.AgeBands, total)
	overAll(s.Education, total)

	if labels, n, known := ordered(c.Categories, categoryOrder); len(labels) > 0 {
		s.Categories = distribution(labels, n, known, opts.Rounding)
	}
	if labels, n, _ := ordered(c.Positions, positionOrder); withPositions && total > 0 {
		s.Positions = distribution(labels, n, total, opts.Rounding)
		women := c.WomenPositions
		s.WomenPositions = make([]Part, len(labels))
		for i, l := range labels {
			s.WomenPositions[i] = part(l, women[l], n[i])
		}
	}
	s.HighSchoolUp = optionalPart(labelHighSchoolUp, int(c.HighSchoolUp), int(c.EducationKnown))
	s.HighSchoolUp.over(total)
	return s
}

// histogram is a MAP label → count of a figure macro (DuckDB's histogram, MAP(VARCHAR, UBIGINT)).
type histogram map[string]int

// Scan reads the MAP as the driver gives it.
func (h *histogram) Scan(src any) error {
	m, ok := src.(duckdb.OrderedMap)
	if !ok {
		return fmt.Errorf("a label → count MAP, not %T", src)
	}
	keys, values := m.Keys(), m.Values()
	*h = make(histogram, len(keys))
	for i, k := range keys {
		label, ok1 := k.(string)
		n, ok2 := values[i].(uint64)
		if !ok1 || !ok2 {
			return fmt.Errorf("a label → count MAP, not %T → %T", k, values[i])
		}
		(*h)[label] = int(n)
	}
	return nil
}

// ordered lists the labels of m by order (others after, alphabetically), with their counts and total.
func ordered(m map[string]int, order []string) ([]string, []int, int) {
	labels := make([]string, 0, len(m))
	for l := range m {
		labels = append(labels, l)
	}
	sortLabels(labels, order)
	n, total := make([]int, len(labels)), 0
	for i, l := range labels {
		n[i] = m[l]
		total += n[i]
	}
	return labels, n, total
}

// distributionOrNone is distribution, except that with nobody counted the parts carry no figure.
func distributionOrNone(labels []string, counts []int, known int, r Rounding) []Part {
	if known == 0 {
		parts := make([]Part, len(labels))
		for i, l := range labels {
			parts[i] = Part{Label: l}
		}
		return parts
	}
	return distribution(labels, counts, known, r)
}

// mergeStructure sets the Previous values of cur from prev's Current values.
func mergeStructure(cur *Structure, prev Structure) {
	cur.Total.Previous = prev.Total.Current
	mergePart(&cur.Women, prev.Women)
	mergePart(&cur.PartyMembers, prev.PartyMembers)
	mergePart(&cur.Minorities, prev.Minorities)
	mergePart(&cur.Reelected, prev.Reelected)
	mergePart(&cur.New, prev.New)
	mergePart(&cur.WealthLeaders, prev.WealthLeaders)
	mergePart(&cur.GraduateOfficials, prev.GraduateOfficials)
	mergePart(&cur.HighSchoolUp, prev.HighSchoolUp)
	cur.AverageAge.Previous = prev.AverageAge.Current
	cur.AgeBands = mergeParts(cur.AgeBands, prev.AgeBands)
	cur.Education = mergeParts(cur.Education, prev.Education)
	if len(cur.Categories) > 0 || len(prev.Categories) > 0 {
		cur.Categories = mergeParts(cur.Categories, prev.Categories)
		sortParts(cur.Categories, categoryOrder)
	}
	if len(cur.Positions) > 0 || len(prev.Positions) > 0 {
		cur.Positions = mergeParts(cur.Positions, prev.Positions)
		sortParts(cur.Positions, positionOrder)
		cur.WomenPositions = mergeParts(cur.WomenPositions, prev.WomenPositions)
		sortParts(cur.WomenPositions, positionOrder)
	}
}

func mergePart(cur *Part, prev Part) {
	cur.Count.Previous = prev.Count.Current
	cur.Share.Previous = prev.Share.Current
}

// mergeParts pairs parts by label. A label only one term has gets a count of 0 (and a share of 0) in the
// other term when that term's distribution has figures, so that a group's appearance or disappearance
// is reported as a change rather than as a missing figure.
func mergeParts(cur, prev []Part) []Part {
	index := map[string]int{}
	curHas, prevHas := false, false
	for i, p := range cur {
		index[p.Label] = i
		curHas = curHas || p.Count.Current.OK
	}
	for _, p := range prev {
		prevHas = prevHas || p.Count.Current.OK
	}
	matched := make([]bool, len(cur))
	for _, p := range prev {
		i, ok := index[p.Label]
		if !ok {
			np := Part{Label: p.Label}
			if curHas {
				np.Count.Current, np.Share.Current = Known(0), Known(0)
			}
			cur = append(cur, np)
			matched = append(matched, false)
			i = len(cur) - 1
			index[p.Label] = i
		}
		matched[i] = true
		mergePart(&cur[i], p)
	}
	for i := range cur {
		if !matched[i] && prevHas {
			cur[i].Count.Previous, cur[i].Share.Previous = Known(0), Known(0)
		}
	}
	return cur
}
