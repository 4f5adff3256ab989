package annex

import (
	"cmp"
	"electsum"
	"fmt"
	"slices"

	"electsum/analytics"
	"electsum/reports"
)

// tables builds every table of the annex from s, in sheet order.
func tables(s *analytics.Summary, opts Options) ([]*table, error) {
	checks, err := dataChecks(s, opts.Renderer)
	if err != nil {
		return nil, err
	}
	// Sheet N is 附件N of the draft (reports.AnnexSheets); the 数据核对 sheet, not among them, comes last.
	var ts []*table
	sheets := reports.AnnexSheets(s)
	for i, sh := range sheets {
		no := i + 1
		switch sh {
		case reports.SheetElections:
			ts = append(ts, electionTables(s, no)...)
		case reports.SheetStructure:
			ts = append(ts, structureTable(s, no))
		case reports.SheetCompare:
			ts = append(ts, compareTable(s, no))
		case reports.SheetRoster:
			ts = append(ts, rosterTable(s, opts, no))
		case reports.SheetProblemUnits:
			ts = append(ts, problemUnitsTable(s, no))
		}
	}
	return append(ts, checksTable(s, checks, len(sheets)+1)), nil
}

// dataCheck is a 数据核对 finding of the model worded as the draft words it.
type dataCheck struct {
	analytics.Finding
	text string
}

// dataChecks words the model's 数据核对 findings with r (nil: the built-in templates).
func dataChecks(s *analytics.Summary, r *reports.Renderer) ([]dataCheck, error) {
	if r == nil {
		r = reports.Builtin()
	}
	level := s.Level
	if level == analytics.LevelAll {
		level = analytics.LevelCounty
	}
	var out []dataCheck
	for _, f := range s.Findings {
		if f.Section != analytics.SectionDataCheck {
			continue
		}
		text, err := r.Finding(f, "", level)
		if err != nil {
			return nil, err
		}
		out = append(out, dataCheck{Finding: f, text: text})
	}
	return out, nil
}

// scopeName is the place a title names: the township, the county, or 各县(市、区) for several.
func scopeName(s *analytics.Summary) string {
	if s.Scope.Unit != "" {
		return s.Scope.Township + s.Scope.Unit
	}
	if p := s.Place(); p != "" {
		return p
	}
	return "各县(市、区)"
}

// withCounty says whether tables need a 县(市、区) column: only when the scope spans several counties.
func withCounty(s *analytics.Summary) bool {
	return s.Level == analytics.LevelAll || len(s.Counties) > 1
}

func value(v analytics.Value) cell {
	if !v.OK {
		return cell{}
	}
	return num(v.V)
}

// percent turns a model percentage (28.8) into the fraction Excel formats as 0.0% (0.288).
func percent(v analytics.Value) cell {
	if !v.OK {
		return cell{kind: share}
	}
	return cell{kind: share, v: v.V / 100, ok: true}
}

func yesNo(b *bool) cell {
	switch {
	case b == nil:
		return cell{kind: text}
	case *b:
		return str("是")
	}
	return str("否")
}

func unitLabel(b analytics.Body) string {
	switch b {
	case analytics.CountyDeputies, analytics.TownshipDeputies:
		return "选区"
	case analytics.TownshipPartyCommittee:
		return "单位"
	}
	return "村(社区)"
}

// electionTables is 表1: one sheet per body, a row per unit grouped by township with a 小计 per
// township and a 合计.
func electionTables(s *analytics.Summary, no int) []*table {
	byBody := map[analytics.Body][]analytics.ElectionRow{}
	for _, e := range s.Elections {
		byBody[e.Body] = append(byBody[e.Body], e)
	}
	var ts []*table
	n := 0
	for _, b := range electsum.Bodies() {
		rows := byBody[b]
		if len(rows) == 0 {
			continue
		}
		n++
		ts = append(ts, electionTable(s, b, rows, no, n))
	}
	return ts
}

func electionTable(s *analytics.Summary, b analytics.Body, rows []analytics.ElectionRow, no, n int) *table {
	// The model orders rows by township and unit; a stable sort on each township's first appearance
	// keeps that order and makes each township one block even if the model did not.
	first := map[[2]string]int{}
	for i, r := range rows {
		if _, ok := first[[2]string{r.County, r.Township}]; !ok {
			first[[2]string{r.County, r.Township}] = i
		}
	}
	rows = slices.Clone(rows)
	slices.SortStableFunc(rows, func(x, y analytics.ElectionRow) int {
		return cmp.Compare(first[[2]string{x.County, x.Township}], first[[2]string{y.County, y.Township}])
	})
	var hasProxy, hasMobile, hasVoters, hasReps bool
	for _, r := range rows {
		hasProxy = hasProxy || r.ProxyVotes.OK
		hasMobile = hasMobile || r.MobileVotes.OK
		hasReps = hasReps || r.ByRepresentatives
		hasVoters = hasVoters || !r.ByRepresentatives
	}
	group, reg, voted, rate := "参选情况", "登记选民数", "参加投票人数", "参选率"
	if b.Party() { // elected by party members: 应到/实到/到会率
		group, reg, voted, rate = "到会情况", "应到人数", "实到人数", "到会率"
	}
	// A 村务监督委员会 a 村民代表会议 chose (ElectionRow.ByRepresentatives) has 应到/实到村民代表 and their
	// 到会率 in columns of their own, so that no 小计 adds representatives to voters.
	repGroup := "村民代表会议到会情况"
	t := &table{
		sheet: fmt.Sprintf("表%d-%d %s选举", no, n, b),
		title: fmt.Sprintf("%s%d年%s选举基本情况统计表", scopeName(s), s.Year, b),
	}
	multi := withCounty(s)
	if multi {
		t.cols = append(t.cols, column{label: "县(市、区)", kind: text})
	}
	t.cols = append(t.cols, column{label: "乡镇(街道)", kind: text}, column{label: unitLabel(b), kind: text})
	t.freezeCols = len(t.cols)
	iLabel := len(t.cols) - 1
	iReg, iRep := -1, -1
	if hasVoters {
		iReg = len(t.cols)
		t.cols = append(t.cols, column{group: group, label: reg, kind: count}, column{group: group, label: voted, kind: count},
			column{group: group, label: rate, kind: share})
	}
	if hasReps {
		iRep = len(t.cols)
		t.cols = append(t.cols, column{group: repGroup, label: "应到村民代表", kind: count}, column{group: repGroup, label: "实到村民代表", kind: count},
			column{group: repGroup, label: "到会率", kind: share})
	}
	iProxy, iMobile := -1, -1
	if hasProxy {
		iProxy = len(t.cols)
		t.cols = append(t.cols, column{group: group, label: "委托投票", kind: count})
	}
	if hasMobile {
		iMobile = len(t.cols)
		t.cols = append(t.cols, column{group: group, label: "流动票箱", kind: count})
	}
	iSeats := len(t.cols)
	t.cols = append(t.cols, column{group: "职数", label: "应选", kind: count}, column{group: "职数", label: "候选", kind: count},
		column{group: "职数", label: "当选", kind: count}, column{group: "职数", label: "差额比例", kind: share},
		column{label: "一次选举成功", kind: count})
	iFirst := len(t.cols) - 1

	// rates writes a row's 参选率 and 差额比例: the model's figures, never a formula over the row's counts,
	// whose units need not be the ones the model's definition counts (units that gave both numbers).
	// A row the model has no figure for (a township's 小计 when the scope spans several counties) leaves
	// them empty.
	rates := func(cells []cell, bs *analytics.BodySummary) {
		turnout, reps, margin := cell{kind: share}, cell{kind: share}, cell{kind: share}
		if bs != nil {
			turnout, reps = percent(bs.Participation.Turnout.Current), percent(bs.Participation.Representatives.Rate.Current)
			margin = percent(bs.Seats.Margin.Current)
		}
		if iReg >= 0 {
			cells[iReg+2] = turnout
		}
		if iRep >= 0 {
			cells[iRep+2] = reps
		}
		cells[iSeats+3] = margin
	}
	// township is the model's summary of body b in one township, when the scope's breakdown is by
	// township.
	township := func(county, name string) *analytics.BodySummary {
		if s.Level != analytics.LevelCounty {
			return nil
		}
		for i := range s.Breakdown {
			if bd := &s.Breakdown[i]; bd.County == county && bd.Township == name {
				for j := range bd.Bodies {
					if bd.Bodies[j].Body == b {
						return &bd.Bodies[j]
					}
				}
			}
		}
		return nil
	}
	lead := func(county, township, unit string) []cell {
		cells := make([]cell, len(t.cols))
		i := 0
		if multi {
			cells[0] = str(county)
			i = 1
		}
		cells[i], cells[i+1] = str(township), str(unit)
		return cells
	}
	// sums is the row that adds up rows [from, to]: a township's 小计, or the 合计 when there is only
	// one township (a township-level annex), whose 小计 would repeat it.
	sums := func(cells []cell, from, to int) []cell {
		for i, c := range t.cols {
			if c.kind == count && i != iFirst {
				cells[i] = sumOf(t, i, from, to)
			}
		}
		cells[iFirst] = countYes(t, iFirst, from, to)
		return cells
	}
	var subtotals []int
	for start := 0; start < len(rows); {
		end := start
		for end < len(rows) && rows[end].County == rows[start].County && rows[end].Township == rows[start].Township {
			end++
		}
		from := t.nextRow()
		for _, e := range rows[start:end] {
			cells := lead(e.County, e.Township, e.Unit)
			at := iReg
			if e.ByRepresentatives {
				at = iRep
			}
			cells[at], cells[at+1], cells[at+2] = value(e.Registered), value(e.Voted), percent(e.Turnout)
			if iProxy >= 0 {
				cells[iProxy] = value(e.ProxyVotes)
			}
			if iMobile >= 0 {
				cells[iMobile] = value(e.MobileVotes)
			}
			cells[iSeats], cells[iSeats+1], cells[iSeats+2] = value(e.Seats), value(e.Candidates), value(e.Elected)
			cells[iFirst] = yesNo(e.FirstRound)
			cells[iSeats+3] = percent(e.Margin)
			t.add(dataRow, cells...)
		}
		to := t.nextRow() - 1
		if len(first) == 1 {
			cells := make([]cell, len(t.cols))
			cells[0] = str("合计")
			cells = sums(cells, from, to)
			rates(cells, s.Body(b))
			t.add(totalRow, cells...)
			return t
		}
		subtotals = append(subtotals, t.nextRow())
		cells := sums(lead(rows[start].County, rows[start].Township, subtotalLabel), from, to)
		rates(cells, township(rows[start].County, rows[start].Township))
		t.add(subtotalRow, cells...)
		start = end
	}
	cells := make([]cell, len(t.cols))
	cells[0] = str("合计")
	for i, c := range t.cols {
		if c.kind == count {
			cells[i] = sumRows(t, i, subtotals, iLabel)
		}
	}
	rates(cells, s.Body(b))
	t.add(totalRow, cells...)
	return t
}

// countYes counts the 是 cells of column i over rows [from, to]; blank when no row answered 是 or 否
// (a township that left the column blank has no count, not 0).
func countYes(t *table, i, from, to int) cell {
	n, answered := 0, false
	for r := from; r <= to; r++ {
		switch t.rows[r-t.firstRow()].cells[i].s {
		case "是":
			n++
			answered = true
		case "否":
			answered = true
		}
	}
	if !answered {
		return cell{kind: count}
	}
	return formula(fmt.Sprintf(`COUNTIF(%s:%s,"是")`, ref(i, from), ref(i, to)), cell{kind: count, v: float64(n), ok: true})
}

// structureSet is one section of 表2 and 表3: a set of people (the members of a body, the heads, the two
// committees counted once per person) picked from the whole scope or from one breakdown row.
type structureSet struct {
	title string
	pick  func(bodies []analytics.BodySummary, tcs []analytics.TwoCommittees) (*analytics.Structure, *analytics.TwoCommittees)
}

// structureSets lists the sections: for each kind of two committees (村, 社区) the party body's members,
// the committee's members, the two together, and the heads of each.
func structureSets(s *analytics.Summary) []structureSet {
	type pair struct {
		kind           string
		party, comm    analytics.Body
		headP, headC   string
		togetherPrefix string
	}
	pairs := []pair{
		{"村", analytics.PartyBranch, analytics.VillagersCommittee, "村党组织书记", "村民委员会主任", "村“两委”"},
		{"社区", analytics.CommunityParty, analytics.ResidentsCommittee, "社区党组织书记", "居民委员会主任", "社区“两委”"},
	}
	body := func(b analytics.Body, heads bool) func([]analytics.BodySummary, []analytics.TwoCommittees) (*analytics.Structure, *analytics.TwoCommittees) {
		return func(bs []analytics.BodySummary, _ []analytics.TwoCommittees) (*analytics.Structure, *analytics.TwoCommittees) {
			for i := range bs {
				if bs[i].Body == b {
					if heads {
						return &bs[i].Heads, nil
					}
					return &bs[i].Members, nil
				}
			}
			return nil, nil
		}
	}
	together := func(kind string) func([]analytics.BodySummary, []analytics.TwoCommittees) (*analytics.Structure, *analytics.TwoCommittees) {
		return func(_ []analytics.BodySummary, tcs []analytics.TwoCommittees) (*analytics.Structure, *analytics.TwoCommittees) {
			for i := range tcs {
				if tcs[i].Kind == kind {
					return &tcs[i].Persons, &tcs[i]
				}
			}
			return nil, nil
		}
	}
	var sets []structureSet
	for _, p := range pairs {
		if s.Body(p.party) == nil && s.Body(p.comm) == nil {
			continue
		}
		sets = append(sets,
			structureSet{string(p.party) + "成员", body(p.party, false)},
			structureSet{string(p.comm) + "成员", body(p.comm, false)},
			structureSet{p.togetherPrefix + "成员（按人数计）", together(p.kind)},
			structureSet{p.headP, body(p.party, true)},
			structureSet{p.headC, body(p.comm, true)},
		)
	}
	// Keep only the sections the scope has members on the roster for: a body whose members sheets
	// were not sent has no structure, not one of zero people.
	return slices.DeleteFunc(sets, func(set structureSet) bool {
		st, _ := set.pick(s.Bodies, s.TwoCommittees)
		return st == nil || !reports.Positive(st.Total.Current)
	})
}

// labels are the age bands and education buckets the model was computed with, in order.
func labels(s *analytics.Summary) (bands, buckets []string) {
	structures := []*analytics.Structure{}
	for i := range s.TwoCommittees {
		structures = append(structures, &s.TwoCommittees[i].Persons)
	}
	for i := range s.Bodies {
		structures = append(structures, &s.Bodies[i].Members)
	}
	for _, st := range structures {
		if len(st.AgeBands) > 0 && bands == nil {
			for _, p := range st.AgeBands {
				bands = append(bands, p.Label)
			}
		}
		if len(st.Education) > 0 && buckets == nil {
			for _, p := range st.Education {
				buckets = append(buckets, p.Label)
			}
		}
	}
	return bands, buckets
}

func partByLabel(parts []analytics.Part, label string) analytics.Part {
	for _, p := range parts {
		if p.Label == label {
			return p
		}
	}
	return analytics.Part{}
}

var chineseNumbers = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"}

func numbered(i int, title string) string {
	if i < len(chineseNumbers) {
		return chineseNumbers[i] + "、" + title
	}
	return fmt.Sprintf("%d、%s", i+1, title)
}

// perBody adds, for each of bodies, its numbered section, the rows of that body — 序号 from 1, then
// the cells cellsOf gives — and its 合计 row (groupTotal from column lead on, counts of them), ending
// with the cells rates gives for the i-th body: the model's, never recomputed.
func perBody[R any](t *table, bodies []analytics.Body, rows []R, bodyOf func(R) analytics.Body, lead, counts int,
	cellsOf func(R) []cell, rates func(i int) []cell) {
	for i, b := range bodies {
		t.section(numbered(i, string(b)))
		from := t.nextRow()
		n := 0
		for _, r := range rows {
			if bodyOf(r) != b {
				continue
			}
			n++
			t.add(dataRow, append([]cell{num(float64(n))}, cellsOf(r)...)...)
		}
		t.add(totalRow, groupTotal(t, lead, counts, from, t.nextRow()-1, rates(i)...)...)
	}
}

// structureTable is 表2: the make-up of each set of people, one row per township (per unit at township
// scope), a section per set, each with a 合计.
func structureTable(s *analytics.Summary, no int) *table {
	sets := structureSets(s)
	t := &table{
		sheet:   fmt.Sprintf("表%d 成员结构", no),
		title:   fmt.Sprintf("%s%d年%s“两委”成员结构统计表", scopeName(s), s.Year, kinds(s)),
		anchors: map[string]string{},
	}
	// The breakdown is one level below the scope: counties of everything, townships of a county,
	// units of a township.
	name := map[analytics.Level]string{analytics.LevelAll: "县(市、区)", analytics.LevelTownship: "村(社区)"}[s.Level]
	if name == "" {
		name = "乡镇(街道)"
	}
	iName := len(t.cols)
	t.cols = append(t.cols, column{label: name, kind: text})
	t.freezeCols = len(t.cols)
	bands, buckets := labels(s)
	iTotal := len(t.cols)
	t.cols = append(t.cols, column{label: "总人数", kind: count},
		column{group: "女性", label: "人数", kind: count}, column{group: "女性", label: "占比", kind: share},
		column{group: "中共党员", label: "人数", kind: count}, column{group: "中共党员", label: "占比", kind: share},
		column{group: "少数民族", label: "人数", kind: count}, column{group: "少数民族", label: "占比", kind: share})
	iBands := len(t.cols)
	for _, b := range bands {
		t.cols = append(t.cols, column{group: "年龄", label: b, kind: count})
	}
	iAvg := len(t.cols)
	t.cols = append(t.cols, column{group: "年龄", label: "平均年龄", kind: decimal})
	iEdu := len(t.cols)
	for _, b := range buckets {
		t.cols = append(t.cols, column{group: "学历", label: b, kind: count})
	}
	iRe := len(t.cols)
	t.cols = append(t.cols, column{label: "连任", kind: count}, column{label: "新当选", kind: count},
		column{label: "一肩挑(个)", kind: count},
		column{group: "交叉任职", label: "村(社区)数", kind: count}, column{group: "交叉任职", label: "人数", kind: count})

	// shares writes a row's 占比 of 女性, 中共党员, 少数民族: the model's shares (中共党员 and 少数民族 are
	// shares of the people whose column was filled, not of 总人数), never a formula over the counts.
	shares := func(cells []cell, st *analytics.Structure) {
		for i, p := range []analytics.Part{st.Women, st.PartyMembers, st.Minorities} {
			cells[iTotal+2+2*i] = percent(p.Share.Current)
		}
	}
	for k, set := range sets {
		t.section(numbered(k, set.title))
		from := t.nextRow()
		for _, bd := range s.Breakdown {
			st, tc := set.pick(bd.Bodies, bd.TwoCommittees)
			if st == nil || !reports.Positive(st.Total.Current) {
				continue // no roster of this part
			}
			cells := make([]cell, len(t.cols))
			cells[iName] = str(bd.Name)
			cells[iTotal] = value(st.Total.Current)
			cells[iTotal+1] = value(st.Women.Count.Current)
			cells[iTotal+3] = value(st.PartyMembers.Count.Current)
			cells[iTotal+5] = value(st.Minorities.Count.Current)
			for j, b := range bands {
				cells[iBands+j] = value(partByLabel(st.AgeBands, b).Count.Current)
			}
			cells[iAvg] = value(st.AverageAge.Current)
			for j, b := range buckets {
				cells[iEdu+j] = value(partByLabel(st.Education, b).Count.Current)
			}
			cells[iRe], cells[iRe+1] = value(st.Reelected.Count.Current), value(st.New.Count.Current)
			if tc != nil {
				cells[iRe+2] = value(tc.OneShoulder.Count.Current)
				cells[iRe+3] = value(tc.CrossUnits.Count.Current)
				cells[iRe+4] = value(tc.CrossPersons.Count.Current)
			}
			shares(cells, st)
			t.add(dataRow, cells...)
		}
		to := t.nextRow() - 1
		if to < from {
			continue
		}
		if _, tc := set.pick(s.Bodies, s.TwoCommittees); tc != nil && t.anchors["women_val"] == "" {
			t.anchors["women_cat"] = absRange(t.sheet, iName, from, to)
			t.anchors["women_val"] = absRange(t.sheet, iTotal+2, from, to)
			t.anchors["women_title"] = set.title
		}
		cells := make([]cell, len(t.cols))
		cells[0] = str("合计")
		_, tc := set.pick(s.Bodies, s.TwoCommittees)
		for i, c := range t.cols {
			if c.kind == count && (i < iRe+2 || tc != nil) {
				cells[i] = sumOf(t, i, from, to)
			}
		}
		whole, _ := set.pick(s.Bodies, s.TwoCommittees)
		cells[iAvg] = value(whole.AverageAge.Current)
		cells[iAvg].kind = decimal
		shares(cells, whole)
		t.add(totalRow, cells...)
	}
	return t
}

// kinds is 村, 社区 or 村(社区), after the kinds of two committees the scope has.
func kinds(s *analytics.Summary) string {
	var village, community bool
	for _, tc := range s.TwoCommittees {
		village = village || tc.Kind == "村"
		community = community || tc.Kind == "社区"
	}
	switch {
	case community && !village:
		return "社区"
	case community && village:
		return "村(社区)"
	}
	return "村"
}

// compareTable is 表3: every figure this term beside the previous term and the change, in 人,
// 百分点 or 岁. Its shares are the model's rounded values, not formulas over the counts above them,
// so that they and their changes in 百分点 are the very numbers the report's text prints (a change is
// the difference of the two rounded shares, and largest-remainder rounding cannot be a formula).
func compareTable(s *analytics.Summary, no int) *table {
	t := &table{
		sheet:   fmt.Sprintf("表%d 与上届对比", no),
		title:   fmt.Sprintf("%s%d年换届选举主要指标与上届对比表", scopeName(s), s.Year),
		anchors: map[string]string{},
		cols: []column{{label: "指标", kind: text}, {label: "本届", kind: count}, {label: "上届", kind: count},
			{label: "增减", kind: count}, {label: "单位", kind: text}},
		freezeCols: 1,
	}
	if s.PreviousYear > 0 {
		t.cols[1].label = fmt.Sprintf("本届(%d年)", s.Year)
		t.cols[2].label = fmt.Sprintf("上届(%d年)", s.PreviousYear)
	}
	countRow := func(label string, f analytics.Figure) {
		r := t.nextRow()
		cur, prev := value(f.Current), value(f.Previous)
		t.add(dataRow, str(label), cur, prev, change(cur, prev, r, "", 0), str("人"))
	}
	shareRow := func(label string, f analytics.Figure) {
		r := t.nextRow()
		cur, prev := percent(f.Current), percent(f.Previous)
		t.add(dataRow, str(label), cur, prev, change(cur, prev, r, "*100", 1), str("百分点"))
	}
	k := 0
	section := func(title string) { t.section(numbered(k, title)); k++ }
	section("参选情况")
	for _, b := range s.Bodies {
		p := b.Participation
		if b.Body.Party() {
			countRow(string(b.Body)+"应到人数", p.Registered)
			countRow(string(b.Body)+"实到人数", p.Voted)
			shareRow(string(b.Body)+"到会率", p.Turnout)
			continue
		}
		// A 村民代表会议's 应到/实到村民代表 and 到会率 (村务监督委员会) are rows of their own; the voters'
		// rows stay when either term had a vote of the voters.
		r := p.Representatives
		reps := r.Units.Current.OK || r.Units.Previous.OK
		if !reps || p.Registered.Current.OK || p.Registered.Previous.OK {
			countRow(string(b.Body)+"登记选民数", p.Registered)
			countRow(string(b.Body)+"参加投票人数", p.Voted)
			shareRow(string(b.Body)+"参选率", p.Turnout)
		}
		if reps {
			countRow(string(b.Body)+"应到村民代表数", r.Due)
			countRow(string(b.Body)+"实到村民代表数", r.Present)
			shareRow(string(b.Body)+"村民代表到会率", r.Rate)
		}
	}
	for _, set := range structureSets(s) {
		st, tc := set.pick(s.Bodies, s.TwoCommittees)
		section(set.title)
		countRow("总人数", st.Total)
		for _, p := range []struct {
			label string
			part  analytics.Part
		}{{"女性", st.Women}, {"中共党员", st.PartyMembers}, {"少数民族", st.Minorities}, {"连任", st.Reelected}, {"新当选", st.New}} {
			countRow(p.label+"人数", p.part.Count)
			shareRow(p.label+"占比", p.part.Share)
		}
		// groups adds the count rows of a grouping (age bands, education), then their shares; the first
		// 两委 set's count rows are the chart's (anchors chart_cat, _cur, _prev and _title).
		groups := func(chart string, ps []analytics.Part) {
			from := t.nextRow()
			for _, p := range ps {
				countRow(p.Label, p.Count)
			}
			if tc != nil && t.anchors[chart+"_cat"] == "" && len(ps) > 0 {
				t.anchors[chart+"_cat"] = absRange(t.sheet, 0, from, t.nextRow()-1)
				t.anchors[chart+"_cur"] = absRange(t.sheet, 1, from, t.nextRow()-1)
				t.anchors[chart+"_prev"] = absRange(t.sheet, 2, from, t.nextRow()-1)
				t.anchors[chart+"_title"] = set.title
			}
			for _, p := range ps {
				shareRow(p.Label+"占比", p.Share)
			}
		}
		groups("age", st.AgeBands)
		r := t.nextRow()
		cur, prev := value(st.AverageAge.Current), value(st.AverageAge.Previous)
		cur.kind, prev.kind = decimal, decimal
		t.add(dataRow, str("平均年龄"), cur, prev, change(cur, prev, r, "", 1), str("岁"))
		groups("edu", st.Education)
		if tc != nil {
			countRow("一肩挑村数", tc.OneShoulder.Count)
			shareRow("一肩挑比例", tc.OneShoulder.Share)
			countRow("交叉任职村数", tc.CrossUnits.Count)
			countRow("交叉任职人数", tc.CrossPersons.Count)
			countRow("村民委员会无女性成员的村数", tc.NoWoman.Count)
		}
	}
	t.anchors["cur_name"] = fmt.Sprintf("%s!$B$2", quoteSheet(t.sheet))
	t.anchors["prev_name"] = fmt.Sprintf("%s!$C$2", quoteSheet(t.sheet))
	return t
}

// change is 增减 = 本届 − 上届 of sheet row r, scaled (×100 for shares, giving 百分点) and rounded to
// decimals, empty unless both terms have a figure — the same as Excel computes it from the two cells.
func change(cur, prev cell, r int, scale string, decimals int) cell {
	b, c := ref(1, r), ref(2, r)
	f := fmt.Sprintf(`IF(OR(%s="",%s=""),"",ROUND((%s-%s)%s,%d))`, b, c, b, c, scale, decimals)
	k := count
	if decimals > 0 {
		k = decimal
	}
	if !cur.ok || !prev.ok {
		return formula(f, cell{kind: k})
	}
	d := cur.v - prev.v
	if scale != "" {
		d *= 100
	}
	return formula(f, cell{kind: k, v: excelRound(d, decimals), ok: true})
}

// rosterTable is 表4, every elected person; it streams its rows from the model.
func rosterTable(s *analytics.Summary, opts Options, no int) *table {
	multi := withCounty(s)
	t := &table{sheet: fmt.Sprintf("表%d 当选人员名册", no), title: fmt.Sprintf("%s%d年当选人员名册", scopeName(s), s.Year)}
	t.cols = append(t.cols, column{label: "序号", kind: count})
	if multi {
		t.cols = append(t.cols, column{label: "县(市、区)", kind: text})
	}
	for _, l := range []string{"乡镇(街道)", "村(社区)", "选举类型", "职务", "姓名", "性别"} {
		t.cols = append(t.cols, column{label: l, kind: text})
	}
	t.freezeCols = len(t.cols) - 1 // through 姓名
	t.cols = append(t.cols, column{label: "年龄", kind: count})
	for _, l := range []string{"民族", "政治面貌", "学历", "是否连任", "身份证号"} {
		t.cols = append(t.cols, column{label: l, kind: text})
	}
	t.stream = func(emit func(row) error) error {
		cells := make([]cell, len(t.cols))
		for i, m := range s.Roster {
			c := cells[:0]
			c = append(c, num(float64(i+1)))
			if multi {
				c = append(c, str(m.County))
			}
			id := m.IDNumber
			if !opts.Unmasked {
				id = electsum.MaskID(id)
			}
			c = append(c, str(m.Township), str(m.Unit), str(string(m.Body)), str(m.Position), str(m.Name), str(m.Gender),
				value(m.Age), str(m.Ethnicity), str(m.Party), str(m.Education), yesNo(m.Reelected), str(id))
			if err := emit(row{kind: dataRow, cells: c}); err != nil {
				return err
			}
		}
		return nil
	}
	return t
}

// problemUnitsTable is 表5: every unit 四、存在的问题 names, which the draft lists five (ten) of and
// counts, one row per unit and body with the rate it is named for (issue 10 prose: the village lists
// go to the annex). From the model's problem findings; the sheet computes nothing.
func problemUnitsTable(s *analytics.Summary, no int) *table {
	t := &table{sheet: fmt.Sprintf("表%d 存在问题的村（社区）名单", no), title: fmt.Sprintf("%s%d年换届选举存在问题的村（社区）名单", scopeName(s), s.Year),
		cols: []column{{label: "序号", kind: count}, {label: "问题", kind: text}, {label: "选举类型", kind: text},
			{label: "乡镇(街道)", kind: text}, {label: "村(社区)", kind: text}, {label: "比例", kind: share}},
		freezeCols: 2}
	n := 0
	add := func(problem, body string, u analytics.Named, rate analytics.Value) {
		n++
		t.add(dataRow, num(float64(n)), str(problem), str(body), str(u.Township), str(u.Unit), percent(rate))
	}
	for _, f := range s.Findings {
		if f.Section != analytics.SectionProblem {
			continue
		}
		switch f.Kind {
		case analytics.FindingLowTurnout, analytics.FindingMobileVotes, analytics.FindingSecondRound:
			for _, it := range f.Items {
				bodies := it.Bodies
				if len(bodies) == 0 {
					bodies = []analytics.Body{it.Body}
				}
				for _, u := range it.Units {
					for k, b := range bodies {
						rate := u.Rate
						if len(u.Rates) > k {
							rate = u.Rates[k]
						}
						add(problemOf(f.Kind, it.Threshold, b), string(b), u, rate)
					}
				}
			}
		case analytics.FindingNoWoman:
			committee := string(analytics.VillagersCommittee)
			if f.Body == analytics.Body(electsum.Community) {
				committee = string(analytics.ResidentsCommittee)
			}
			for _, u := range f.Units {
				add(committee+"没有女性成员", committee, u, analytics.Value{})
			}
		case analytics.FindingAged:
			for _, u := range f.Units {
				add(fmt.Sprintf("%s成员占比超过%g%%", f.Part.Label, f.Threshold), u.Kind+"“两委”", u, u.Rate)
			}
		}
	}
	if n == 0 {
		cells := make([]cell, len(t.cols))
		cells[1] = str("无")
		t.add(dataRow, cells...)
	}
	return t
}

// problemOf names the problem a unit of a list of kind, at threshold, under body b is named for.
func problemOf(kind string, threshold float64, b analytics.Body) string {
	switch kind {
	case analytics.FindingLowTurnout:
		if b.Party() {
			return fmt.Sprintf("党员到会率低于%g%%", threshold)
		}
		return fmt.Sprintf("参选率低于%g%%", threshold)
	case analytics.FindingMobileVotes:
		return fmt.Sprintf("流动票箱投票超过参加投票人数的%g%%", threshold)
	}
	return "未能一次选举成功"
}

// checksTable is 表6: legal-check failures and data warnings, then the model's 数据核对 findings as the
// draft words them (optional items filled by some, failed cross-checks).
func checksTable(s *analytics.Summary, findings []dataCheck, no int) *table {
	multi := withCounty(s)
	t := &table{sheet: fmt.Sprintf("表%d 数据核对", no), title: fmt.Sprintf("%s%d年换届选举数据核对情况", scopeName(s), s.Year)}
	t.cols = append(t.cols, column{label: "序号", kind: count}, column{label: "类别", kind: text})
	if multi {
		t.cols = append(t.cols, column{label: "县(市、区)", kind: text})
	}
	for _, l := range []string{"乡镇(街道)", "村(社区)", "年度", "选举类型", "问题说明", "依据", "规则"} {
		t.cols = append(t.cols, column{label: l, kind: text})
	}
	t.freezeCols = 2
	n := 0
	for _, c := range s.Checks {
		n++
		cells := []cell{num(float64(n)), str(c.Severity)}
		if multi {
			cells = append(cells, str(c.County))
		}
		year := cell{kind: mixed}
		if c.Year != 0 {
			year = cell{kind: mixed, v: float64(c.Year), ok: true}
		}
		cells = append(cells, str(c.Township), str(c.Unit), year, str(string(c.Body)), str(c.Message), str(c.Citation), str(c.Rule))
		t.add(dataRow, cells...)
	}
	for _, f := range findings {
		n++
		cells := []cell{num(float64(n)), str("汇总核对")}
		if multi {
			cells = append(cells, str(""))
		}
		cells = append(cells, str(""), str(""), cell{kind: mixed}, str(string(f.Body)), str(f.text), str(""), str(f.Kind))
		t.add(dataRow, cells...)
	}
	if n == 0 {
		cells := make([]cell, len(t.cols))
		cells[1] = str("未发现问题")
		t.add(dataRow, cells...)
	}
	return t
}
