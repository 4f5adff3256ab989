package ingest

import (
	"fmt"
	"path/filepath"
	"strings"
)

// A township's workbook often has a sheet besides its data: a 汇总 or 合计 sheet with one totals row per
// township (often with the very header of the results sheet), a 统计表, a 封面, a chart. Such a sheet is
// never read as villages — its totals would count every village twice — and never refuses the file; a
// notice names it. The name alone does not decide: a township's one data sheet may well be called
// 选举结果汇总表. A sheet whose name says summary is read after the workbook's other sheets, and its
// first row below the header decides (summaryReason): a totals row (合计/总计/小计, no 村(社区), the
// township itself or 全镇 in that column), a header without a 村(社区) column, or another sheet that
// already gave rows of the same table make it a summary, skipped whole; otherwise it is data, read and
// checked like any sheet, so that a broken data sheet is still an error at its cell.

// summarySheetWords are the words of a summary sheet's name, Simplified (names are folded first).
var summarySheetWords = []string{"汇总", "合计", "总计", "小计", "统计", "封面", "目录", "图表",
	"summary", "total", "cover", "chart", "statistics"}

// isSummarySheet says whether a sheet name (for a CSV file, its file name) names a summary sheet.
func isSummarySheet(name string) bool {
	k := fold(name, true)
	for _, w := range summarySheetWords {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// summaryName is the name the summary rule looks at: the sheet's, or a CSV file's base name.
func (sp *sheetParser) summaryName() string {
	if sp.name != "" {
		return sp.name
	}
	return strings.TrimSuffix(filepath.Base(sp.fp.path), filepath.Ext(sp.fp.path))
}

// hasJi says whether s holds 计 or 計 (UTF-8 E8 AE A1 and E8 A8 88), in one pass over it.
func hasJi(s string) bool {
	for {
		i := strings.IndexByte(s, 0xE8)
		if i < 0 || i+2 >= len(s) {
			return false
		}
		if s[i+1] == 0xAE && s[i+2] == 0xA1 || s[i+1] == 0xA8 && s[i+2] == 0x88 {
			return true
		}
		s = s[i+1:]
	}
}

// totalWord is the 合计, 总计 or 小计 a row's cells carry (either script), "" when none does.
func totalWord(cells []string) string {
	for _, c := range cells {
		if len(c) > 40 || !hasJi(c) {
			continue
		}
		k := fold(c, true)
		for _, w := range []string{"合计", "总计", "小计"} {
			if strings.Contains(k, w) {
				return w
			}
		}
	}
	return ""
}

// summaryReason says, at the first row below the header of a sheet named like a summary, why the sheet
// is a summary and not data ("" when it is data). row is that row's number.
func (sp *sheetParser) summaryReason(row int, cells []string) string {
	kind := sp.lay.spec.kind
	if sp.wide == nil && sp.lay.registrationOnly() {
		kind = RegistrationSheet // its rows are not the results' twice over (选民登记统计表 beside 选区情况)
	}
	table := string(kind)
	if sp.lay.col[fUnit] < 0 {
		return "表头没有“村(社区)”列，各行不是村(社区)的数据"
	}
	unit, township := sp.cell(cells, fUnit), sp.cell(cells, fTownship)
	switch {
	case totalWord(cells) != "":
		return fmt.Sprintf("第%d行是“%s”行，各行是合计而不是村(社区)的数据", row, totalWord(cells))
	case unit == "":
		return fmt.Sprintf("第%d行“村(社区)”未填，各行是按乡镇的合计而不是村(社区)的数据", row)
	case fold(unit, true) == fold(township, true), strings.HasPrefix(unit, "全"):
		return fmt.Sprintf("第%d行的“村(社区)”是“%s”，各行是按乡镇的合计而不是村(社区)的数据", row, shorten(unit, 20))
	case kind == ResultsSheet && sp.fp.nResults > 0, kind == MembersSheet && sp.fp.nMembers > 0,
		kind == RegistrationSheet && sp.fp.nRegistrations > 0:
		return fmt.Sprintf("本文件其他工作表已有%s的数据，汇总表不重复导入(否则每个村计两次)；如其中有其他表没有的行，请移到数据表中", table)
	}
	return ""
}

// decide settles, at its first row below the header, whether a sheet named like a summary is data; it
// reports whether the row is to be read.
func (sp *sheetParser) decide(row int, cells []string) bool {
	sp.undecided = false
	if reason := sp.summaryReason(row, cells); reason != "" {
		sp.skipSummary(reason)
		return false
	}
	sp.useLayout()
	return !sp.skip
}

// skipSummary skips the rest of a summary sheet with a notice saying why.
func (sp *sheetParser) skipSummary(reason string) {
	sp.skip = true
	sp.fp.summaries = append(sp.fp.summaries, sp.summaryName())
	where := sp.where()
	if sp.name == "" {
		where = "文件"
	}
	sp.fp.add(Problem{Severity: Notice, Sheet: sp.name, Rule: "summary_sheet",
		Message: fmt.Sprintf("%s是汇总表，不作为数据导入，已跳过：%s", where, reason)})
}
