package ingest

import (
	"slices"
	"strings"
	"testing"
)

// TestFormulaWithoutResult: a workbook written by a program other than Excel holds formulas without
// their results; Excel shows the computed number, so electsum computes it too and says so once per sheet,
// and a formula it cannot compute is blank with a warning at its cell (formula.go).
func TestFormulaWithoutResult(t *testing.T) {
	rows := [][]any{
		resultsHeader,
		resultRow("东山村", "村民委员会", 5),
		resultRow("西河村", "村民委员会", 5),
		{"合计"},
	}
	rows[2][6] = nil // 参加投票人数 of 西河村: a formula below
	sums := map[string]string{}
	for _, col := range []string{"F", "G", "H", "I", "J", "K", "L"} {
		sums[col+"4"] = "SUM(" + col + "2:" + col + "3)"
	}
	cases := []struct {
		name     string
		formulas map[string]string
		voted    int // 西河村's; 0: the file is refused
		problems []string
	}{
		{name: "computed, and the 合计 row's sums", formulas: merge(sums, map[string]string{"G3": "F3-100"}), voted: 1100,
			problems: []string{"提示 formula_computed G3 =F3-100 另有 7 个"}},
		{name: "a formula of another sheet's cells", formulas: map[string]string{"G3": "说明!A2*2"}, voted: 1100,
			problems: []string{"提示 formula_computed G3 =说明!A2*2 算出 1100"}},
		{name: "a link to another workbook", formulas: map[string]string{"G3": "[1]Sheet1!G3"}, voted: 0,
			problems: []string{"警告 formula_not_computed G3 =[1]Sheet1!G3 也无法计算", "错误 missing_value G3"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeXLSX(t, sheetData{name: "选举结果", rows: rows, formulas: c.formulas}, sheetData{name: "说明", rows: [][]any{{"填表说明"}, {550}}})
			p, err := ParseFile(path, ParseOptions{County: "白河县", Year: 2024})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, pr := range p.Problems {
				if pr.Rule == "unknown_sheet" || pr.Rule == "notes_row" || pr.Rule == "empty_sheet" {
					continue
				}
				got = append(got, strings.Join([]string{string(pr.Severity), pr.Rule, pr.Cell, pr.Value, pr.Message}, " "))
			}
			if len(got) != len(c.problems) {
				t.Fatalf("problems:\n%s\nwant %q", strings.Join(got, "\n"), c.problems)
			}
			for i, want := range c.problems {
				for _, part := range strings.Fields(want) {
					if !strings.Contains(got[i], part) {
						t.Errorf("problem %d: %s\nwant it to have %q", i, got[i], part)
					}
				}
			}
			if c.voted == 0 {
				return
			}
			i := slices.IndexFunc(p.Results, func(r Result) bool { return r.Key.Unit == "西河村" })
			if i < 0 || p.Results[i].Voted == nil || *p.Results[i].Voted != c.voted {
				t.Fatalf("西河村's results: %+v", p.Results)
			}
		})
	}
}

func merge(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}
