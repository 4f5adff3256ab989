package reports

import (
	"slices"

	"electsum/analytics"
)

// AnnexSheet is one sheet of the 两委 annex workbook that the draft lists under 附件.
type AnnexSheet int

// The 两委 annex's sheets, in the order of 附件 (words.toml [drafts.annex] village gives their titles,
// one per sheet in this order).
const (
	SheetElections    AnnexSheet = iota // 选举基本情况统计表: 表1-1, 表1-2 … one per body
	SheetStructure                      // 成员结构统计表
	SheetCompare                        // 与上届对比表
	SheetRoster                         // 当选人员名册
	SheetProblemUnits                   // 存在问题的村（社区）名单 (无 when there are none)
)

// AnnexSheets are the sheets of the 两委 annex that s has figures for, in order: the elections need
// results sheets, the structure a body with members on the roster, the roster its list, the comparison a
// previous term with a body compared (none is when each was held in other townships then). A sheet
// without them would show zeros or blanks where the data say nothing, and the draft would list it
// under 附件.
func AnnexSheets(s *analytics.Summary) []AnnexSheet {
	var out []AnnexSheet
	if len(s.Elections) > 0 {
		out = append(out, SheetElections)
	}
	for _, b := range s.Bodies {
		if HasFigures(b.Members) {
			out = append(out, SheetStructure)
			break
		}
	}
	if s.PreviousYear != 0 && slices.ContainsFunc(s.Bodies, compared) {
		out = append(out, SheetCompare)
	}
	if len(s.Roster) > 0 {
		out = append(out, SheetRoster)
	}
	return append(out, SheetProblemUnits)
}

// annexTitles are the titles under 附件 of sheets: titles (words.toml) holds one per AnnexSheet, in
// order; a list of another length is a department's own and is kept as written.
func annexTitles(titles []string, sheets []AnnexSheet) []string {
	if len(titles) != int(SheetProblemUnits)+1 {
		return titles
	}
	out := make([]string, len(sheets))
	for i, sh := range sheets {
		out[i] = titles[sh]
	}
	return out
}

// compared reports whether any of b's figures stands beside the previous term's.
func compared(b analytics.BodySummary) bool {
	return b.Participation.Units.Previous.OK || b.Members.Total.Previous.OK
}

// CongressTables says which of the people's congress annex's tables (annex.WriteCongress: 选民登记统计表,
// 选区情况统计表, 代表构成统计表, 与上届对比表, 当选代表名册, in this order) c has figures for: the
// composition and the roster need deputies on a roster (a township may send only its 选区 results); the
// comparison a level compared with the previous term (none is without one, or when each was held in
// other townships). A table without them would be blank, and the draft would list it under 附件.
func CongressTables(c *analytics.Congress) []bool {
	deputies := len(c.Roster) > 0
	compared := slices.ContainsFunc(c.Levels, func(l analytics.CongressLevel) bool { return l.Constituencies.Previous.OK })
	return []bool{true, true, deputies, compared, deputies}
}

// PartyCongressTables says, as CongressTables, which of a party annex's tables (annex.WritePartyCongress:
// 选举情况统计表, 当选人员结构统计表, 与上届对比表, 当选人员名册) p has figures for.
func PartyCongressTables(p *analytics.PartyCongress) []bool {
	elected := len(p.Roster) > 0
	compared := slices.ContainsFunc(p.Bodies, func(b analytics.PartyCongressBody) bool { return b.Meetings.Previous.OK })
	return []bool{true, elected, compared, elected}
}

// tablesListed are the titles under 附件 of an annex with the tables has (CongressTables): the built-in
// list, one title per table, keeps those it has; a list of another length is a department's own and is
// kept as written.
func tablesListed(titles []string, has []bool) []string {
	if len(titles) != len(has) {
		return titles
	}
	var out []string
	for i, t := range titles {
		if has[i] {
			out = append(out, t)
		}
	}
	return out
}
