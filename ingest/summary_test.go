package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// townshipSheets are a township's two data sheets: 石桥村 and 河岭村, one 村民委员会 election each.
func townshipSheets() []sheetData {
	return []sheetData{
		{name: "选举结果", rows: [][]any{resultsHeader, resultRow("石桥村", "村民委员会", 2), resultRow("河岭村", "村民委员会", 1)}},
		{name: "当选人员", rows: [][]any{membersHeader,
			memberRow("石桥村", "村民委员会", "张三", "主任", "男", "1975.03", ""),
			memberRow("石桥村", "村民委员会", "李四", "委员", "女", "1980-11", ""),
			memberRow("河岭村", "村民委员会", "王五", "主任", "男", "1968.07", "")}},
	}
}

// townshipTotals is a 汇总 row with the results sheet's own header: the township's totals, 村(社区) as given.
func townshipTotals(unit string) []any {
	return []any{"城关镇", unit, 2024, "第十届", "村民委员会", 2400, 2200, 2180, 20, 10, 12, 3, ""}
}

// TestSummarySheetsAreSkipped: a workbook with an extra summary sheet, in either script, before or
// after the data, loads its data sheets once and names the summary sheet in a notice; it is never
// refused for it and never loads the totals as villages (issue 8 follow-up: summary sheets).
func TestSummarySheetsAreSkipped(t *testing.T) {
	for _, c := range []struct {
		name  string
		sheet sheetData
		first bool   // the summary sheet comes before the data sheets
		rule  string // the notice that names it ("": none)
	}{
		{name: "汇总 with a totals header of its own", rule: "summary_sheet", sheet: sheetData{name: "汇总", rows: [][]any{
			{"乡镇(街道)", "村数", "登记选民数", "参加投票人数", "当选人数"}, {"城关镇", 2, 2400, 2200, 3}, {"合计", 2, 2400, 2200, 3}}}},
		{name: "匯總 in Traditional with a totals header", rule: "summary_sheet", first: true, sheet: sheetData{name: "匯總", rows: [][]any{
			{"鄉鎮(街道)", "村數", "登記選民數", "參加投票人數", "當選人數"}, {"城關鎮", 2, 2400, 2200, 3}}}},
		{name: "汇总 with the results header, a township row with 村 blank, first", first: true, rule: "summary_sheet",
			sheet: sheetData{name: "汇总", rows: [][]any{resultsHeader, townshipTotals("")}}},
		{name: "合计 sheet with the results header, 全镇 rows", rule: "summary_sheet",
			sheet: sheetData{name: "合计", rows: [][]any{resultsHeader, townshipTotals("全镇")}}},
		{name: "總計 with the results header, the township as 村", rule: "summary_sheet",
			sheet: sheetData{name: "總計", rows: [][]any{resultsHeader, townshipTotals("城关镇")}}},
		{name: "汇总 with the results header, 合计 row first", rule: "summary_sheet", first: true,
			sheet: sheetData{name: "汇总表", rows: [][]any{resultsHeader, townshipTotals("合计")}}},
		{name: "汇总 repeating the villages, with a 合计 row, first", rule: "summary_sheet", first: true,
			sheet: sheetData{name: "汇总", rows: [][]any{resultsHeader, resultRow("石桥村", "村民委员会", 2), resultRow("河岭村", "村民委员会", 1), townshipTotals("合计")}}},
		{name: "人员汇总 repeating the members", rule: "summary_sheet",
			sheet: sheetData{name: "人员汇总", rows: [][]any{membersHeader, memberRow("石桥村", "村民委员会", "张三", "主任", "男", "1975.03", "")}}},
		{name: "汇总 with the header only", rule: "summary_sheet", sheet: sheetData{name: "汇总", rows: [][]any{resultsHeader}}},
		{name: "统计表 of its own", rule: "unknown_sheet", sheet: sheetData{name: "统计表", rows: [][]any{
			{"项目", "数量", "比例"}, {"登记选民", 2400, "100%"}, {"党员", 2, ""}}}},
		{name: "統計表 of its own", rule: "unknown_sheet", sheet: sheetData{name: "統計表", rows: [][]any{{"項目", "數量"}, {"選民", 2400}}}},
		{name: "封面", rule: "unknown_sheet", first: true, sheet: sheetData{name: "封面", rows: [][]any{
			{"城关镇村级组织换届选举统计表"}, {}, {"填报单位：城关镇人民政府"}, {"2024年3月"}}}},
		{name: "blank sheet", rule: "empty_sheet", sheet: sheetData{name: "Sheet3"}},
		{name: "blank sheet in Traditional", rule: "empty_sheet", first: true, sheet: sheetData{name: "工作表1"}},
		{name: "填表说明", sheet: sheetData{name: "填表說明", rows: [][]any{{"填表說明"}, {"1. 年份填四位數字"}}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			sheets := townshipSheets()
			if c.first {
				sheets = append([]sheetData{c.sheet}, sheets...)
			} else {
				sheets = append(sheets, c.sheet)
			}
			p := mustParse(t, writeXLSX(t, sheets...))
			if errs := rules(p, Error); len(errs) > 0 {
				t.Errorf("errors %v, want none", errs)
			}
			if w := rules(p, Warning); len(w) > 0 {
				t.Errorf("warnings %v, want none", w)
			}
			if len(p.Results) != 2 || len(p.Members) != 3 {
				t.Errorf("%d results, %d members; want 2, 3 (the summary read as data?)", len(p.Results), len(p.Members))
			}
			for _, r := range p.Results {
				if r.Sheet != "选举结果" {
					t.Errorf("result from sheet %q", r.Sheet)
				}
			}
			var named []string
			for _, pr := range p.Problems {
				if pr.Severity == Notice && (pr.Rule == "summary_sheet" || pr.Rule == "unknown_sheet" || pr.Rule == "empty_sheet") {
					named = append(named, pr.Rule+"@"+pr.Sheet)
					if !strings.Contains(pr.Message, "“"+c.sheet.name+"”") {
						t.Errorf("notice does not name the sheet: %s", pr.Message)
					}
				}
			}
			want := []string(nil)
			if c.rule != "" {
				want = []string{c.rule + "@" + c.sheet.name}
			}
			if !slices.Equal(named, want) {
				t.Errorf("notices %v, want %v", named, want)
			}
			// Problems stay in workbook order although a summary sheet is read last.
			if c.first && c.rule != "" && p.Problems[0].Sheet != c.sheet.name {
				t.Errorf("first problem is about %q, want the first sheet %q", p.Problems[0].Sheet, c.sheet.name)
			}
		})
	}
}

// TestChartSheetIsNamed: a chart sheet has no cells; it is skipped with a notice that names it.
func TestChartSheetIsNamed(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "选举结果"); err != nil {
		t.Fatal(err)
	}
	row := resultRow("石桥村", "村民委员会", 2)
	if err := f.SetSheetRow("选举结果", "A1", &resultsHeader); err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetRow("选举结果", "A2", &row); err != nil {
		t.Fatal(err)
	}
	if err := f.AddChartSheet("图表", &excelize.Chart{Type: excelize.Col,
		Series: []excelize.ChartSeries{{Name: "选举结果!$F$1", Categories: "选举结果!$B$2", Values: "选举结果!$F$2"}}}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "chart.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	p := mustParse(t, path)
	if len(p.Results) != 1 || len(rules(p, Error)) > 0 {
		t.Fatalf("%d results, errors %v", len(p.Results), rules(p, Error))
	}
	var got []string
	for _, pr := range p.Problems {
		got = append(got, pr.Rule+"@"+pr.Sheet)
	}
	if !slices.Contains(got, "empty_sheet@图表") {
		t.Errorf("problems %v, want empty_sheet@图表", got)
	}
}

// TestSummaryNamedDataSheetIsData: the name alone never skips data. A township's only results sheet
// called 选举结果汇总表 is read, and a broken cell in it is still an error at that cell.
func TestSummaryNamedDataSheetIsData(t *testing.T) {
	bad := resultRow("河岭村", "村民委员会", 1)
	bad[5] = "一千二"
	p := mustParse(t, writeXLSX(t,
		sheetData{name: "选举结果汇总表", rows: [][]any{resultsHeader, resultRow("石桥村", "村民委员会", 2), bad, townshipTotals("合计")}},
		sheetData{name: "当选人员", rows: [][]any{membersHeader,
			memberRow("石桥村", "村民委员会", "张三", "主任", "男", "1975.03", ""),
			memberRow("石桥村", "村民委员会", "李四", "委员", "女", "1980-11", ""),
			memberRow("河岭村", "村民委员会", "王五", "主任", "男", "1968.07", "")}},
	))
	if len(p.Results) != 2 {
		t.Errorf("%d results, want 2", len(p.Results))
	}
	if errs := rules(p, Error); !slices.Equal(errs, []string{"wrong_type@F3"}) {
		t.Errorf("errors %v, want [wrong_type@F3]", errs)
	}
	for _, pr := range p.Problems {
		if pr.Rule == "summary_sheet" {
			t.Errorf("data sheet skipped as a summary: %s", pr.Message)
		}
	}

	// A summary-named sheet whose header lacks a required column but lists villages is data that is
	// broken: the missing column is an error, as for any sheet.
	p = mustParse(t, writeXLSX(t, sheetData{name: "村委会选举统计", rows: [][]any{
		{"乡镇(街道)", "村(社区)", "年份", "登记选民数", "参加投票人数"}, {"城关镇", "石桥村", 2024, 1200, 1100}}}))
	if errs := rules(p, Error); len(errs) == 0 || !strings.HasPrefix(errs[0], "missing_column") {
		t.Errorf("errors %v, want missing_column", errs)
	}
}

// TestSummaryCSVIsNotLoaded: a township's 汇总.csv sent with its data files does not refuse the run and
// adds no village; the file is said to hold only a summary.
func TestSummaryCSVIsNotLoaded(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for _, row := range [][]any{resultsHeader, townshipTotals(""), townshipTotals("合计")} {
		for i, v := range row {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprint(&b, v)
		}
		b.WriteString("\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "汇总.csv"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(writeXLSX(t, townshipSheets()...))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "城关镇.xlsx"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := ParseFile(filepath.Join(dir, "汇总.csv"), ParseOptions{County: "测试县"})
	if err != nil {
		t.Fatal(err)
	}
	if got := append(rules(p, Error), rules(p, Warning)...); !slices.Equal(got, []string{"summary_only@"}) {
		t.Errorf("problems %v, want the summary_only warning", got)
	}
	db := openTestDB(t)
	r, err := Load(context.Background(), db, []string{dir}, LoadOptions{County: "测试县"})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if !r.Committed {
		t.Fatalf("not committed: %+v", r)
	}
	if n := count(t, db, `SELECT count(*) FROM elections`); n != 2 {
		t.Errorf("elections %d, want 2", n)
	}
	if n := count(t, db, `SELECT count(DISTINCT unit) FROM units`); n != 2 {
		t.Errorf("units %d, want 2", n)
	}
}
