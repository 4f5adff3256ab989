package analytics

import (
	"electsum"
	"sort"
)

// Labels of the parts of a Structure, as printed.
const (
	labelWomen      = "女"
	labelParty      = "中共党员"
	labelMinority   = "少数民族"
	labelReelected  = "连任"
	labelNew        = "新当选"
	labelWealth     = "致富带头人"
	labelGraduate   = "大学生村官"
	labelFirstRound = "一次选举成功"
	labelProxy      = "委托投票"
	labelMobile     = "流动票箱"
	labelChanged    = "带头人变动"
	labelOneShould  = "一肩挑"
	labelCrossUnits = "交叉任职村(社区)"
	labelCrossPers  = "交叉任职人员"
	labelNoWoman    = "无女性成员"
)

// positionOrder and categoryOrder fix the order in which positions and deputies' categories are listed;
// values not named here follow in alphabetical order.
var (
	positionOrder = positionNames()
	categoryOrder = []string{"工人", "农民", "专业技术人员", "干部", "其他"}
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

// counted counts the rows per label, returning labels in the given order.
func counted(values []string, order []string) ([]string, []int) {
	n := map[string]int{}
	var labels []string
	for _, v := range values {
		if v == "" {
			continue
		}
		if n[v] == 0 {
			labels = append(labels, v)
		}
		n[v]++
	}
	sortLabels(labels, order)
	counts := make([]int, len(labels))
	for i, l := range labels {
		counts[i] = n[l]
	}
	return labels, counts
}

// structure computes the make-up of a set of people (current values only). Optional columns that no
// row filled give parts without a figure; the shares of an optional column are of the rows that filled
// it. Age bands and average age are over the people whose age is known.
func structure(rows []*memberRow, opts Options, withPositions bool) Structure {
	total := len(rows)
	var s Structure
	s.Total = Figure{Current: count(total)}

	var women, party, partyKnown, minority, ethKnown, re, reKnown, wealth, wealthKnown, grad, gradKnown int
	var ageSum, ageKnown, eduKnown int
	bands := make([]int, len(opts.AgeBands))
	buckets := make([]int, len(opts.EducationBuckets))
	var categories, positions []string
	for _, m := range rows {
		if m.Gender == "女" {
			women++
		}
		if m.Party != "" {
			partyKnown++
			if electsum.PartyMember(m.Party) {
				party++
			}
		}
		if m.Ethnicity != "" {
			ethKnown++
			if m.Ethnicity != "汉族" {
				minority++
			}
		}
		if m.Reelected.Valid {
			reKnown++
			if m.Reelected.Bool {
				re++
			}
		}
		if m.WealthLeader.Valid {
			wealthKnown++
			if m.WealthLeader.Bool {
				wealth++
			}
		}
		if m.GraduateOffice.Valid {
			gradKnown++
			if m.GraduateOffice.Bool {
				grad++
			}
		}
		if m.Age.Valid {
			ageKnown++
			ageSum += int(m.Age.Int64)
			if i := ageBand(opts.AgeBands, int(m.Age.Int64)); i >= 0 {
				bands[i]++
			}
		}
		if i := educationBucket(opts.EducationBuckets, m.Education); i >= 0 {
			eduKnown++
			buckets[i]++
		}
		categories = append(categories, m.Category)
		positions = append(positions, m.Position)
	}
	s.Women = part(labelWomen, women, total)
	s.PartyMembers = optionalPart(labelParty, party, partyKnown)
	s.Minorities = optionalPart(labelMinority, minority, ethKnown)
	s.Reelected = optionalPart(labelReelected, re, reKnown)
	s.New = optionalPart(labelNew, reKnown-re, reKnown)
	s.WealthLeaders = optionalPart(labelWealth, wealth, wealthKnown)
	s.GraduateOfficials = optionalPart(labelGraduate, grad, gradKnown)

	bandLabels := make([]string, len(opts.AgeBands))
	for i, b := range opts.AgeBands {
		bandLabels[i] = b.Label
	}
	s.AgeBands = distributionOrNone(bandLabels, bands, ageKnown, opts.Rounding)
	if ageKnown > 0 {
		s.AverageAge = Figure{Current: Known(electsum.Round(float64(ageSum)/float64(ageKnown), 1))}
	}
	bucketLabels := make([]string, len(opts.EducationBuckets))
	for i, b := range opts.EducationBuckets {
		bucketLabels[i] = b.Label
	}
	s.Education = distributionOrNone(bucketLabels, buckets, eduKnown, opts.Rounding)

	if labels, counts := counted(categories, categoryOrder); len(labels) > 0 {
		known := 0
		for _, c := range counts {
			known += c
		}
		s.Categories = distribution(labels, counts, known, opts.Rounding)
	}
	if withPositions && total > 0 {
		labels, counts := counted(positions, positionOrder)
		s.Positions = distribution(labels, counts, total, opts.Rounding)
	}
	return s
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
