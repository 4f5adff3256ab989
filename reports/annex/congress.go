package annex

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"electsum"
	"electsum/analytics"
	"electsum/reports"
)

// WriteCongress writes the annex workbook of a people's congress summary: 选民登记统计表 and
// 选区情况统计表 (a row per 选区, a section and a 合计 row per level), 代表构成统计表 (per level),
// 与上届对比表 and 当选代表名册 (id numbers masked unless opts.Unmasked). c is not modified.
func WriteCongress(w io.Writer, c *analytics.Congress, opts Options) error {
	ts := congressTables(c, opts)
	title := fmt.Sprintf("%s%d年人大换届选举工作总结附件", c.Place(), c.Year)
	return writeBook(w, ts, title, nil)
}

func congressTables(c *analytics.Congress, opts Options) []*table {
	return inOrder(reports.CongressTables(c),
		func() *table { return registrationTable(c) },
		func() *table { return constituencyTable(c) },
		func() *table { return compositionTable(c) },
		func() *table { return congressCompareTable(c) },
		func() *table { return deputyRoster(c, opts) })
}

// inOrder builds the tables of a people's congress or party annex that has says it has
// (reports.CongressTables), each numbered 表N in order, N being 附件N of the draft whichever tables it
// has (the 与上届对比表 only with a term to compare, the roster's only with people on it).
func inOrder(has []bool, builds ...func() *table) []*table {
	var ts []*table
	for i, build := range builds {
		if !has[i] {
			continue
		}
		t := build()
		if rest, ok := strings.CutPrefix(t.sheet, "表"); ok {
			if _, name, ok := strings.Cut(rest, " "); ok {
				t.sheet = fmt.Sprintf("表%d %s", len(ts)+1, name)
			}
		}
		ts = append(ts, t)
	}
	return ts
}

// perLevel adds, for each level, a section, the rows of its 选区 and a 合计 row summing the count
// columns from the first count column on; rates are the model's, never recomputed (perBody).
func perLevel(t *table, c *analytics.Congress, counts int, rowOf func(k analytics.Constituency) []cell, totalOf func(l analytics.CongressLevel) []cell) {
	levels := make([]analytics.Body, len(c.Levels))
	for i, l := range c.Levels {
		levels[i] = l.Body
	}
	perBody(t, levels, c.Constituencies, func(k analytics.Constituency) analytics.Body { return k.Body }, 4, counts,
		func(k analytics.Constituency) []cell {
			return append([]cell{str(k.Township), str(k.Unit), str(k.Number)}, rowOf(k)...)
		},
		func(i int) []cell { return totalOf(c.Levels[i]) })
}

func registrationTable(c *analytics.Congress) *table {
	t := &table{sheet: "表1 选民登记统计表", title: fmt.Sprintf("%s%d年人大换届选民登记统计表", c.Place(), c.Year), freezeCols: 3}
	t.cols = []column{{label: "序号", kind: count}, {label: "乡镇(街道)", kind: text}, {label: "选区", kind: text}, {label: "选区编号", kind: text},
		{label: "总人口", kind: count}, {label: "18周岁以上人口", kind: count}}
	for _, l := range []string{"回户籍地参选", "参加本单位选举", "长期外出下落不明", "不能行使选举权利", "停止行使选举权利", "被剥夺选举权利"} {
		t.cols = append(t.cols, column{group: "未在本选区登记", label: l, kind: count})
	}
	t.cols = append(t.cols, column{label: "登记选民", kind: count}, column{group: "登记选民中", label: "女性", kind: count},
		column{group: "登记选民中", label: "少数民族", kind: count}, column{group: "登记选民中", label: "流动人口", kind: count},
		column{label: "登记率", kind: share})
	perLevel(t, c, 12, func(k analytics.Constituency) []cell {
		return []cell{value(k.Population), value(k.Adults), value(k.AwayHome), value(k.AwayWorkplace), value(k.AwayMissing),
			value(k.Incapable), value(k.Suspended), value(k.Deprived), value(k.Registered), value(k.RegisteredWomen),
			value(k.RegisteredMinor), value(k.RegisteredMigr), percent(k.RegistrationRate)}
	}, func(l analytics.CongressLevel) []cell { return []cell{percent(l.RegistrationRate.Current)} })
	return t
}

// constituencyTable is 表2: every 选区 with its figures, its 流动票箱 share of 参加投票, and, when the
// draft's 四、存在的问题 names 选区 for it (流动票箱投票比例偏高), a column marking each of them 是, so the
// sheet holds the full list a cut list in the draft refers to (issue 10 prose).
func constituencyTable(c *analytics.Congress) *table {
	t := &table{sheet: "表2 选区情况统计表", title: fmt.Sprintf("%s%d年人大代表选举选区情况统计表", c.Place(), c.Year), freezeCols: 3}
	flagged := map[[3]string]bool{}
	threshold := 0.0
	for _, f := range c.Findings {
		if f.Kind != analytics.FindingMobileVotes {
			continue
		}
		for _, it := range f.Items {
			threshold = it.Threshold
			for _, u := range it.Units {
				flagged[[3]string{string(it.Body), u.Township, u.Unit}] = true
			}
		}
	}
	t.cols = []column{{label: "序号", kind: count}, {label: "乡镇(街道)", kind: text}, {label: "选区", kind: text}, {label: "选区编号", kind: text},
		{label: "应选代表名额", kind: count}, {label: "正式候选人", kind: count},
		{group: "候选人提名", label: "政党、人民团体推荐", kind: count}, {group: "候选人提名", label: "选民或代表联名推荐", kind: count},
		{label: "登记选民", kind: count}, {label: "参加投票", kind: count},
		{group: "投票方式", label: "投票站", kind: count}, {group: "投票方式", label: "流动票箱", kind: count}, {group: "投票方式", label: "委托投票", kind: count},
		{label: "有效票", kind: count}, {label: "无效票", kind: count}, {label: "当选代表", kind: count},
		{label: "差额比例", kind: share}, {label: "参选率", kind: share}, {label: "选举轮次", kind: text},
		{label: "流动票箱投票比例", kind: share}}
	if len(flagged) > 0 {
		t.cols = append(t.cols, column{label: fmt.Sprintf("流动票箱投票比例超过%s%%", strconv.FormatFloat(threshold, 'f', -1, 64)), kind: text})
	}
	perLevel(t, c, 12, func(k analytics.Constituency) []cell {
		cells := []cell{value(k.Seats), value(k.Candidates), value(k.ByParties), value(k.ByVoters), value(k.Registered), value(k.Voted),
			value(k.InPerson), value(k.Mobile), value(k.Proxy), value(k.ValidBallots), value(k.InvalidBallots), value(k.Elected),
			percent(k.Margin), percent(k.Turnout), str(k.Round), percent(k.MobileShare)}
		if len(flagged) > 0 {
			flag := ""
			if flagged[[3]string{string(k.Body), k.Township, k.Unit}] {
				flag = "是"
			}
			cells = append(cells, str(flag))
		}
		return cells
	}, func(l analytics.CongressLevel) []cell {
		// A share over the 选区 that gave 流动票箱投票 is not the level's: blank when some did not.
		mobile := percent(l.Mobile.Share.Current)
		if l.Mobile.Partial {
			mobile = cell{kind: share}
		}
		cells := []cell{percent(l.Margin.Current), percent(l.Turnout.Current), {kind: text}, mobile}
		if len(flagged) > 0 {
			cells = append(cells, cell{kind: text})
		}
		return cells
	})
	return t
}

// deputyParts are the groups of 代表构成 in the order the tables list them.
func deputyParts(d analytics.DeputyStructure) []analytics.Part {
	out := []analytics.Part{d.Women, d.NonParty, d.Minorities}
	out = append(out, d.Categories...)
	out = append(out, d.WorkersFarmers, d.College, d.Reelected)
	return out
}

// compositionTable lists each group's count and share per level, with the base of the share (填报人数):
// the deputies who filled the group's column (性别 for 女性, 政治面貌 for 非中共党员 …). A share over fewer
// than all deputies (Part.Partial) is so never passed off as a share of them all (issue 12: the
// annex labels its partial bases); where every deputy filled it, the base is the 代表总数.
func compositionTable(c *analytics.Congress) *table {
	t := &table{sheet: "表3 代表构成统计表", title: fmt.Sprintf("%s%d年新当选人大代表构成统计表", c.Place(), c.Year), freezeCols: 1}
	t.cols = []column{{label: "代表构成", kind: text}}
	for _, l := range c.Levels {
		t.cols = append(t.cols, column{group: string(l.Body), label: "人数", kind: count}, column{group: string(l.Body), label: "占比", kind: share},
			column{group: string(l.Body), label: "填报人数", kind: count})
	}
	row := func(label string, pick func(analytics.CongressLevel) analytics.Part) {
		cells := []cell{str(label)}
		for _, l := range c.Levels {
			p := pick(l)
			base := p.Base
			if !p.Count.Current.OK {
				base = analytics.Value{}
			}
			cells = append(cells, value(p.Count.Current), percent(p.Share.Current), value(base))
		}
		t.add(dataRow, cells...)
	}
	total := []cell{str("代表总数")}
	for _, l := range c.Levels {
		total = append(total, value(l.Deputies.Total.Current), cell{kind: share}, cell{kind: count})
	}
	t.add(totalRow, total...)
	if len(c.Levels) == 0 {
		return t
	}
	for i, p := range deputyParts(c.Levels[0].Deputies) {
		row(p.Label, func(l analytics.CongressLevel) analytics.Part { return deputyParts(l.Deputies)[i] })
	}
	return t
}

// comparison is a 与上届对比表: a row per figure with this term, the previous one and the change (in
// 百分点 for shares), a section per body; year and previous name the columns (previous 0: none).
type comparison struct{ *table }

func newCompareTable(sheet, title string, year, previous int) comparison {
	t := &table{sheet: sheet, title: title,
		cols: []column{{label: "指标", kind: text}, {label: "本届", kind: count}, {label: "上届", kind: count},
			{label: "增减", kind: count}, {label: "单位", kind: text}},
		freezeCols: 1}
	if previous > 0 {
		t.cols[1].label = fmt.Sprintf("本届(%d年)", year)
		t.cols[2].label = fmt.Sprintf("上届(%d年)", previous)
	}
	return comparison{t}
}

// count adds a count's row; share a share's (percent, its change in 百分点).
func (t comparison) count(label string, f analytics.Figure, unit string) {
	r := t.nextRow()
	cur, prev := value(f.Current), value(f.Previous)
	t.add(dataRow, str(label), cur, prev, change(cur, prev, r, "", 0), str(unit))
}

// age adds an average age's row, with one decimal as every age (a count cell showed 42 for 42.2).
func (t comparison) age(label string, f analytics.Figure) {
	r := t.nextRow()
	cur, prev := value(f.Current), value(f.Previous)
	cur.kind, prev.kind = decimal, decimal
	t.add(dataRow, str(label), cur, prev, change(cur, prev, r, "", 1), str("岁"))
}

// partial adds the row of a group counted over those who filled its column, when some did not: this
// term and the previous one side by side, without 增减, which would set a count (share) of some
// against one of all (as the draft gives no 百分点 for such a share).
func (t comparison) partial(label string, f analytics.Figure, unit string, isShare bool) {
	cur, prev := value(f.Current), value(f.Previous)
	if isShare {
		cur, prev = percent(f.Current), percent(f.Previous)
	}
	t.add(dataRow, str(label), cur, prev, cell{kind: count}, str(unit))
}

func (t comparison) share(label string, f analytics.Figure) {
	r := t.nextRow()
	cur, prev := percent(f.Current), percent(f.Previous)
	t.add(dataRow, str(label), cur, prev, change(cur, prev, r, "*100", 1), str("百分点"))
}

func congressCompareTable(c *analytics.Congress) *table {
	t := newCompareTable("表4 与上届对比表", fmt.Sprintf("%s%d年人大换届主要指标与上届对比表", c.Place(), c.Year), c.Year, c.PreviousYear)
	countRow, shareRow := t.count, t.share
	for i, l := range c.Levels {
		t.section(numbered(i, string(l.Body)))
		countRow("选区数", l.Constituencies, "个")
		countRow("登记选民", l.Registered, "人")
		shareRow("登记率", l.RegistrationRate)
		countRow("参加投票", l.Voted, "人")
		shareRow("参选率", l.Turnout)
		countRow("应选代表名额", l.Seats, "名")
		countRow("正式候选人", l.Candidates, "名")
		shareRow("差额比例", l.Margin)
		countRow("当选代表", l.Deputies.Total, "名")
		for _, p := range deputyParts(l.Deputies) {
			if p.Partial {
				t.partial(partLabel(analytics.Part{Label: p.Label + "代表", Partial: true, Base: p.Base}), p.Count, "名", false)
				t.partial(partLabel(analytics.Part{Label: p.Label + "代表占比", Partial: true, Base: p.Base}), p.Share, "百分点", true)
				continue
			}
			countRow(p.Label+"代表", p.Count, "名")
			shareRow(p.Label+"代表占比", p.Share)
		}
	}
	return t.table
}

func deputyRoster(c *analytics.Congress, opts Options) *table {
	t := &table{sheet: "表5 当选代表名册", title: fmt.Sprintf("%s%d年当选人大代表名册", c.Place(), c.Year)}
	t.cols = []column{{label: "序号", kind: count}}
	for _, l := range []string{"乡镇(街道)", "选区", "选举类型", "姓名", "性别"} {
		t.cols = append(t.cols, column{label: l, kind: text})
	}
	t.freezeCols = len(t.cols) - 1
	t.cols = append(t.cols, column{label: "年龄", kind: count})
	for _, l := range []string{"民族", "政治面貌", "学历", "代表构成", "是否连任"} {
		t.cols = append(t.cols, column{label: l, kind: text})
	}
	t.cols = append(t.cols, column{label: "得票数", kind: count}, column{label: "身份证号", kind: text})
	t.stream = func(emit func(row) error) error {
		for i, d := range c.Roster {
			id := d.IDNumber
			if !opts.Unmasked {
				id = electsum.MaskID(id)
			}
			cells := []cell{num(float64(i + 1)), str(d.Township), str(d.Unit), str(string(d.Body)), str(d.Name), str(d.Gender),
				value(d.Age), str(d.Ethnicity), str(d.Party), str(d.Education), str(d.Category), yesNo(d.Reelected), value(d.Votes), str(id)}
			if err := emit(row{kind: dataRow, cells: cells}); err != nil {
				return err
			}
		}
		return nil
	}
	return t
}
