package ingest

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestStatedTurnoutIsChecked: a 参选率 a results sheet states is compared with 参加投票人数 ÷ 登记选民数
// of its row (980 ÷ 1029 = 95.238…%) within the rounding the stated value shows, in every way a
// township writes it; a mismatch is a warning at the rate's cell and the row still loads.
func TestStatedTurnoutIsChecked(t *testing.T) {
	cases := []struct {
		stated  any
		percent bool // the cell is formatted 0.00%
		warn    bool
	}{
		{"95.2%", false, false},
		{"95.24%", false, false},
		{"95%", false, false},
		{"95.2", false, false},
		{"0.952", false, false},
		{"0.95", false, false},
		{"９５．２％", false, false},
		{"95.2 %", false, false},
		{95.2, false, false},
		{0.952, false, false},
		{980.0 / 1029, false, false}, // a formula's cached result
		{0.9524, true, false},
		{"无", false, false},
		{"—", false, false},
		{"96%", false, true},
		{"95.3%", false, true},
		{"95.3", false, true},
		{"9.52%", false, true},
		{"0.96", false, true},
		{"0.9", false, true},
		{0.9624, true, true},
		{95.25, false, true},
		{95.23, false, false}, // 95.238… cut off at two decimals
	}
	f := excelize.NewFile()
	defer f.Close()
	sheet := "选举结果"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10})
	if err != nil {
		t.Fatal(err)
	}
	header := []any{"乡镇(街道)", "村(社区)", "年份", "选举类型", "登记选民数", "参加投票人数", "参选率", "应选职数", "当选人数"}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		t.Fatal(err)
	}
	var want []string
	for i, c := range cases {
		row := []any{"城关镇", fmt.Sprintf("第%d村", i+1), 2024, "村民委员会", 1029, 980, c.stated, 5, 5}
		if err := f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+2), &row); err != nil {
			t.Fatal(err)
		}
		if c.percent {
			if err := f.SetCellStyle(sheet, fmt.Sprintf("G%d", i+2), fmt.Sprintf("G%d", i+2), pct); err != nil {
				t.Fatal(err)
			}
		}
		if c.warn {
			want = append(want, fmt.Sprintf("turnout_mismatch@G%d", i+2))
		}
	}
	path := filepath.Join(t.TempDir(), "城关镇.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	p := mustParse(t, path)
	if got := rules(p, Warning); !slices.Equal(got, want) {
		t.Errorf("warnings = %v\nwant %v", got, want)
	}
	if errs := rules(p, Error); len(errs) > 0 {
		t.Errorf("errors = %v, want none", errs)
	}
	if len(p.Results) != len(cases) {
		t.Errorf("%d rows read, want %d: a stated rate never stops a row", len(p.Results), len(cases))
	}
	for _, pr := range p.Problems {
		if pr.Rule == "turnout_mismatch" && pr.Cell == "G16" {
			const msg = "参选率(G16)填写为“96%”，但参加投票人数(F16) 980 ÷ 登记选民数(E16) 1029 = 95.24%，两者不符：请核对这三项；electsum 不导入填写的参选率，统计按算出的 95.24%"
			if pr.Message != msg || pr.Value != "96%" || pr.Column != "参选率" || pr.Sheet != sheet {
				t.Errorf("G16: %+v\nwant message %s", pr, msg)
			}
		}
		if pr.Rule == "turnout_mismatch" && pr.Cell == "G22" { // a percent-formatted cell: its fraction, as Excel shows it
			const msg = "参选率(G22)填写为“0.9624”(即 96.24%)，但参加投票人数(F22) 980 ÷ 登记选民数(E22) 1029 = 95.24%，两者不符：请核对这三项；electsum 不导入填写的参选率，统计按算出的 95.24%"
			if pr.Message != msg {
				t.Errorf("G22: %s\nwant %s", pr.Message, msg)
			}
		}
	}
}

// TestWideStatedTurnoutIsChecked: a wide form's 参选率 under one body's group is checked against that
// group's counts and named with the group; a rate outside the groups is of no one body and is not.
func TestWideStatedTurnoutIsChecked(t *testing.T) {
	path := writeXLSX(t, sheetData{name: "两委", rows: [][]any{
		{"乡镇", "村", "年份", "村党组织", "", "", "", "村委会", "", "", "", "", "参选率"},
		{"乡镇", "村", "年份", "应到党员数", "实到党员数", "应选", "当选", "登记选民数", "参加投票人数", "参选率", "应选", "当选", "参选率"},
		{"城关镇", "石桥村", 2024, 40, 38, 5, 5, 1000, 950, "95.0%", 5, 5, "12%"},
		{"城关镇", "河口村", 2024, 30, 29, 3, 3, 800, 700, "88.5%", 5, 5, "12%"},
	}, merges: []string{"A1:A2", "B1:B2", "C1:C2", "D1:G1", "H1:L1", "M1:M2"}})
	p := mustParse(t, path)
	if got, want := rules(p, Warning), []string{"turnout_mismatch@J4"}; !slices.Equal(got, want) {
		t.Fatalf("warnings = %v, want %v", got, want)
	}
	for _, pr := range p.Problems {
		if pr.Rule == "turnout_mismatch" {
			const msg = "村委会/参选率(J4)填写为“88.5%”，但村委会/参加投票人数(I4) 700 ÷ 村委会/登记选民数(H4) 800 = 87.50%，两者不符：请核对这三项；electsum 不导入填写的参选率，统计按算出的 87.50%"
			if pr.Message != msg {
				t.Errorf("message = %s\nwant %s", pr.Message, msg)
			}
		}
	}
}

func TestParseRate(t *testing.T) {
	for _, c := range []struct {
		in    string
		ok    bool
		agree float64 // a percentage it agrees with
		not   float64 // and one it does not
	}{
		{"95.2%", true, 95.24, 95.31},
		{"95.2%", true, 95.29, 95.14},
		{"95.2", true, 95.15, 95.3},
		{"0.952", true, 95.24, 95.3},
		{"1", true, 100, 98},
		{"0.9", true, 90.4, 86},
		{"100%", true, 99.96, 99.4},
		{"9.5238095238095233E-1", true, 95.238095238095238, 95.2},
		{"１００％", true, 100, 99},
		{"", false, 0, 0},
		{"%", false, 0, 0},
		{"无", false, 0, 0},
		{"-5%", false, 0, 0},
		{"1e400", false, 0, 0},
		{"95.2‰", false, 0, 0},
	} {
		r, ok := parseRate(c.in)
		if ok != c.ok {
			t.Errorf("parseRate(%q) ok = %v, want %v", c.in, ok, c.ok)
			continue
		}
		if !ok {
			continue
		}
		if !r.agrees(c.agree) {
			t.Errorf("parseRate(%q) does not agree with %v%%", c.in, c.agree)
		}
		if r.agrees(c.not) {
			t.Errorf("parseRate(%q) agrees with %v%%", c.in, c.not)
		}
	}
}

// A meeting's stated 到会率 over 应到 less 批准剔除 (90 ÷ (100 − 4) = 93.75%) is the sheet's arithmetic
// done right, as one over 应到 (90%) is: neither is warned of; a rate matching neither is.
func TestStatedAttendanceOverEntitled(t *testing.T) {
	p := mustParse(t, writeXLSX(t, sheetData{name: "党代会", rows: [][]any{
		{"乡镇", "村(社区)", "年份", "选举类型", "应到会人数", "批准剔除人数", "实到会人数", "到会率", "应选职数", "当选人数"},
		{"城关镇", "城关镇党代会", 2024, "乡镇党委", 100, 4, 90, "93.8%", 9, 9},
		{"城关镇", "城关镇党代会", 2024, "乡镇纪委", 100, 4, 90, "90%", 5, 5},
		{"城关镇", "城关镇党代会", 2024, "出席上级党代会代表", 100, 4, 90, "91.0%", 6, 6},
	}}))
	if got, want := rules(p, Warning), []string{"turnout_mismatch@H4"}; !slices.Equal(got, want) {
		t.Errorf("warnings = %v, want %v: %v", got, want, p.Problems)
	}
}
