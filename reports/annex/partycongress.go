package annex

import (
	"fmt"
	"io"

	"electsum"
	"electsum/analytics"
	"electsum/reports"
)

// WritePartyCongress writes the annex workbook of a township party congress summary: 党代会选举情况统计表
// (a row per body per township's 党代会, a section and a 合计 row per body), 当选人员构成统计表 (per
// body, this term beside the previous one), 与上届对比表 (per body, the meetings' figures and the 构成
// shares this term, last term and the change) and 当选人员名册 (id numbers masked unless opts.Unmasked).
// p is not modified. The 社区党组织 summary (analytics.SummarizeCommunityParty, Kind shequdangzuzhi) has the
// same sheets, 表1 a row per community's election with its 选举方式.
func WritePartyCongress(w io.Writer, p *analytics.PartyCongress, opts Options) error {
	place := p.Place()
	ts := inOrder(reports.PartyCongressTables(p),
		func() *table { return meetingTable(p, place) },
		func() *table { return partyMembersTable(p, place) },
		func() *table { return partyCompareTable(p, place) },
		func() *table { return partyRoster(p, place, opts) })
	return writeBook(w, ts, fmt.Sprintf("%s%d年%s换届选举工作总结附件", place, p.Year, wordsOf(p).what), nil)
}

// partyWords are the words of a party annex that differ between the township party congresses and the
// 社区党组织 elections.
type partyWords struct {
	what    string // 乡镇党代会, 社区党组织: titles
	meeting string // the 表1 column naming each election
	due     string // 应到 and 实到 in 与上届对比表
	present string
	unitCol bool // 表1 gives each election's 选举方式; the roster names each person's 社区 rather than the body
}

func wordsOf(p *analytics.PartyCongress) partyWords {
	if p.Kind == electsum.Shequdangzuzhi {
		return partyWords{what: "社区党组织", meeting: "社区", due: "应到会党员（党员代表）", present: "实到会", unitCol: true}
	}
	return partyWords{what: "乡镇党代会", meeting: "会议", due: "应到会代表", present: "实到会代表"}
}

func meetingTable(p *analytics.PartyCongress, place string) *table {
	pw := wordsOf(p)
	sheet := "表1 党代会选举情况统计表"
	if pw.unitCol {
		sheet = "表1 社区党组织选举情况统计表"
	}
	t := &table{sheet: sheet, title: fmt.Sprintf("%s%d年%s选举情况统计表", place, p.Year, pw.what), freezeCols: 3}
	t.cols = []column{{label: "序号", kind: count}, {label: "乡镇(街道)", kind: text}, {label: pw.meeting, kind: text}}
	lead := len(t.cols) // the columns before the summed ones
	if pw.unitCol {
		t.cols = append(t.cols, column{label: "选举方式", kind: text})
		lead++
	}
	t.cols = append(t.cols, []column{{group: "到会", label: "应到", kind: count}, {group: "到会", label: "批准剔除", kind: count}, {group: "到会", label: "实到", kind: count},
		{label: "应选", kind: count}, {label: "候选", kind: count}, {label: "当选", kind: count}, {label: "有效票", kind: count},
		{label: "到会率", kind: share}, {label: "超过五分之四", kind: text}, {label: "差额比例", kind: share}, {label: "赞成票率", kind: share}}...)
	bodies := make([]analytics.Body, len(p.Bodies))
	for i, b := range p.Bodies {
		bodies[i] = b.Body
	}
	perBody(t, bodies, p.Meetings, func(m analytics.PartyMeeting) analytics.Body { return m.Body }, lead, 7,
		func(m analytics.PartyMeeting) []cell {
			cells := []cell{str(m.Township), str(m.Unit)}
			if pw.unitCol {
				cells = append(cells, str(m.Method))
			}
			return append(cells, value(m.Due), value(m.Excused), value(m.Present),
				value(m.Seats), value(m.Candidates), value(m.Elected), value(m.Valid), percent(m.Attendance), yesNo(m.QuorumMet),
				percent(m.Margin), percent(m.Approval))
		},
		func(i int) []cell {
			b := p.Bodies[i]
			return []cell{percent(b.Attendance.Current), cell{kind: text}, percent(b.Margin.Current), percent(b.Approval.Current)}
		})
	return t
}

// partyParts are the groups of 当选人员构成 in the order the table lists them.
// The 代表构成 groups are listed only where some term has them (the delegates, as a rule).
func partyParts(m analytics.PartyMembers) []analytics.Part {
	out := []analytics.Part{m.Women, m.Minorities, m.College, m.Under46, m.Reelected}
	for _, c := range m.Categories {
		if c.Count.Current.OK || c.Count.Previous.OK {
			out = append(out, c)
		}
	}
	return out
}

// partLabel names a group whose share is over those who filled its column, when some did not
// (Part.Partial): 少数民族(填报146名), so that the sheet never passes it off as a share of all elected.
func partLabel(x analytics.Part) string {
	if x.Partial && x.Base.OK {
		return fmt.Sprintf("%s(填报%d名)", x.Label, int(x.Base.V))
	}
	return x.Label
}

func partyMembersTable(p *analytics.PartyCongress, place string) *table {
	t := &table{sheet: "表2 当选人员构成统计表", title: fmt.Sprintf("%s%d年%s当选人员构成统计表", place, p.Year, wordsOf(p).what), freezeCols: 1,
		cols: []column{{label: "构成", kind: text}, {label: "本届人数", kind: count}, {label: "本届占比", kind: share},
			{label: "上届人数", kind: count}, {label: "上届占比", kind: share}}}
	if p.PreviousYear > 0 {
		t.cols[1].label, t.cols[2].label = fmt.Sprintf("%d年人数", p.Year), fmt.Sprintf("%d年占比", p.Year)
		t.cols[3].label, t.cols[4].label = fmt.Sprintf("%d年人数", p.PreviousYear), fmt.Sprintf("%d年占比", p.PreviousYear)
	}
	for i, b := range p.Bodies {
		t.section(numbered(i, string(b.Body)))
		m := b.Members
		t.add(totalRow, str("当选人数"), value(m.Total.Current), cell{kind: share}, value(m.Total.Previous), cell{kind: share})
		for _, x := range partyParts(m) {
			t.add(dataRow, str(partLabel(x)), value(x.Count.Current), percent(x.Share.Current), value(x.Count.Previous), percent(x.Share.Previous))
		}
		cur, prev := value(m.AverageAge.Current), value(m.AverageAge.Previous)
		cur.kind, prev.kind = decimal, decimal // 42.2, not 42
		t.add(dataRow, str("平均年龄(岁)"), cur, cell{kind: share}, prev, cell{kind: share})
	}
	return t
}

// partyCompareTable is 与上届对比表: per body, 到会, 差额, 当选 and 赞成票率 and the 构成 shares, each
// this term beside the previous township party congress of the scope (blank when it had none).
func partyCompareTable(p *analytics.PartyCongress, place string) *table {
	pw := wordsOf(p)
	t := newCompareTable("表3 与上届对比表", fmt.Sprintf("%s%d年%s主要指标与上届对比表", place, p.Year, pw.what), p.Year, p.PreviousYear)
	for i, b := range p.Bodies {
		t.section(numbered(i, string(b.Body)))
		t.count(pw.due, b.Due, "名")
		t.count(pw.present, b.Present, "名")
		t.share("到会率", b.Attendance)
		t.count("应选", b.Seats, "名")
		t.count("正式候选人", b.Candidates, "名")
		t.share("差额比例", b.Margin)
		t.count("当选", b.Elected, "名")
		approval := "赞成票率"
		if b.ApprovalCounted.OK && b.Members.Total.Current.OK && b.ApprovalCounted.V < b.Members.Total.Current.V {
			approval = fmt.Sprintf("赞成票率(填报得票数的%d名)", int(b.ApprovalCounted.V))
		}
		t.share(approval, b.Approval)
		for _, x := range partyParts(b.Members) {
			t.share(partLabel(x)+"占比", x.Share)
		}
		t.age("平均年龄", b.Members.AverageAge)
	}
	return t.table
}

func partyRoster(p *analytics.PartyCongress, place string, opts Options) *table {
	pw := wordsOf(p)
	t := &table{sheet: "表4 当选人员名册", title: fmt.Sprintf("%s%d年%s当选人员名册", place, p.Year, pw.what)}
	t.cols = []column{{label: "序号", kind: count}}
	second := "选举类型"
	if pw.unitCol {
		second = "社区"
	}
	for _, l := range []string{"乡镇(街道)", second, "职务", "姓名", "性别"} {
		t.cols = append(t.cols, column{label: l, kind: text})
	}
	t.freezeCols = len(t.cols) - 1
	t.cols = append(t.cols, column{label: "年龄", kind: count})
	for _, l := range []string{"民族", "学历", "是否连任"} {
		t.cols = append(t.cols, column{label: l, kind: text})
	}
	t.cols = append(t.cols, column{label: "得票数", kind: count}, column{label: "有效票数", kind: count},
		column{label: "赞成票率", kind: share}, column{label: "身份证号", kind: text})
	t.stream = func(emit func(row) error) error {
		for i, e := range p.Roster {
			id := e.IDNumber
			if !opts.Unmasked {
				id = electsum.MaskID(id)
			}
			second := string(e.Body)
			if pw.unitCol {
				second = e.Unit
			}
			cells := []cell{num(float64(i + 1)), str(e.Township), str(second), str(e.Position), str(e.Name), str(e.Gender),
				value(e.Age), str(e.Ethnicity), str(e.Education), yesNo(e.Reelected), value(e.Votes), value(e.Valid),
				percent(e.Approval), str(id)}
			if err := emit(row{kind: dataRow, cells: cells}); err != nil {
				return err
			}
		}
		return nil
	}
	return t
}
