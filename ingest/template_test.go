package ingest

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// openTemplate writes the blank workbook (WriteTemplate) and opens it, closed when t ends.
func openTemplate(t *testing.T) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestTemplateSheetsHeadersAndValidations(t *testing.T) {
	f := openTemplate(t)
	if got, want := f.GetSheetList(), []string{string(ResultsSheet), string(MembersSheet), GuideSheet}; !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	for _, s := range []struct {
		sheet string
		cols  []Column
	}{{string(ResultsSheet), resultColumns}, {string(MembersSheet), memberColumns}} {
		rows, err := f.GetRows(s.sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 {
			t.Errorf("%s has %d rows, want only the header", s.sheet, len(rows))
		}
		var want []string
		for _, c := range s.cols {
			want = append(want, c.Header)
		}
		if !slices.Equal(rows[0], want) {
			t.Errorf("%s header %v, want %v", s.sheet, rows[0], want)
		}
		panes, err := f.GetPanes(s.sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s header row not frozen: %+v %v", s.sheet, panes, err)
		}
		dvs, err := f.GetDataValidations(s.sheet)
		if err != nil {
			t.Fatal(err)
		}
		bySqref := map[string]*excelize.DataValidation{}
		for _, dv := range dvs {
			bySqref[strings.SplitN(dv.Sqref, ":", 2)[0]] = dv
		}
		for i, c := range s.cols {
			col, _ := excelize.ColumnNumberToName(i + 1)
			dv := bySqref[col+"2"]
			switch c.Kind {
			case KindEnum, KindBool:
				values := c.Values
				if c.Kind == KindBool {
					values = []string{"是", "否"}
				}
				if dv == nil || dv.Type != "list" || dv.Formula1 != `"`+strings.Join(values, ",")+`"` {
					t.Errorf("%s %s: dropdown %+v, want the list %v", s.sheet, c.Header, dv, values)
				}
			case KindText:
				if dv != nil {
					t.Errorf("%s %s: unexpected validation %+v", s.sheet, c.Header, dv)
				}
			}
			w, err := f.GetColWidth(s.sheet, col)
			if err != nil || w != max(c.Width, 6) {
				t.Errorf("%s %s width %v, want %v", s.sheet, c.Header, w, c.Width)
			}
			style, err := f.GetCellStyle(s.sheet, col+"1")
			if err != nil {
				t.Fatal(err)
			}
			st, err := f.GetStyle(style)
			if err != nil {
				t.Fatal(err)
			}
			if red := st.Font != nil && st.Font.Color == "C00000"; red != c.Required {
				t.Errorf("%s %s: header red = %v, required = %v", s.sheet, c.Header, red, c.Required)
			}
		}
	}
	guide, err := f.GetRows(GuideSheet)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]string{} // sheet|header → required
	for _, r := range guide {
		if len(r) >= 5 && (r[0] == string(ResultsSheet) || r[0] == string(MembersSheet)) {
			listed[r[0]+"|"+r[1]] = r[2]
			if r[3] == "" || r[4] == "" {
				t.Errorf("guide row %v lacks meaning or format", r)
			}
		}
	}
	for _, c := range memberColumns {
		want := map[bool]string{true: "是", false: "否"}[c.Required]
		if got := listed[string(MembersSheet)+"|"+c.Header]; got != want {
			t.Errorf("guide: %s required = %q, want %q", c.Header, got, want)
		}
	}
	if len(listed) != len(resultColumns)+len(memberColumns) {
		t.Errorf("guide lists %d columns, want %d", len(listed), len(resultColumns)+len(memberColumns))
	}
}

// TestGuideSheetSkippedQuietly fills the real template workbook and reads it back: its 填表说明 sheet,
// under the names clerks leave it with (the other script, Excel's copy name, a shorter name), is not
// reported as an unknown sheet. A sheet of that content under another name still is, and a sheet
// called 说明 that holds data is read.
func TestGuideSheetSkippedQuietly(t *testing.T) {
	fill := func(t *testing.T, rename string, copyAs string) string {
		f := openTemplate(t)
		values := map[SheetKind]map[string]any{
			ResultsSheet: {"县(市、区)": "测试县", "乡镇(街道)": "城关镇", "村(社区)": "石桥村", "年份": 2024, "选举类型": "村民委员会",
				"登记选民数": 1200, "参加投票人数": 1100, "应选职数": 1, "当选人数": 1},
			MembersSheet: {"县(市、区)": "测试县", "乡镇(街道)": "城关镇", "村(社区)": "石桥村", "年份": 2024, "选举类型": "村民委员会",
				"姓名": "张三", "职务": "主任", "性别": "男", "出生年月": "1975.03", "政治面貌": "中共党员", "学历": "大学本科", "是否连任": "是"},
		}
		for kind, byHeader := range values {
			header, err := f.GetRows(string(kind))
			if err != nil {
				t.Fatal(err)
			}
			row := make([]any, len(header[0]))
			for i, h := range header[0] {
				row[i] = byHeader[h]
			}
			if err := f.SetSheetRow(string(kind), "A2", &row); err != nil {
				t.Fatal(err)
			}
		}
		if rename != "" {
			if err := f.SetSheetName(GuideSheet, rename); err != nil {
				t.Fatal(err)
			}
		}
		if copyAs != "" {
			idx, err := f.NewSheet(copyAs)
			if err != nil {
				t.Fatal(err)
			}
			from, _ := f.GetSheetIndex(GuideSheet)
			if err := f.CopySheet(from, idx); err != nil {
				t.Fatal(err)
			}
		}
		path := t.TempDir() + "/采集表.xlsx"
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for _, c := range []struct {
		name, rename, copyAs string
		unknown              bool
	}{
		{name: "as written"},
		{name: "traditional", rename: "填表說明"},
		{name: "short", rename: "说明"},
		{name: "excel copy", copyAs: "填表说明 (2)"},
		{name: "wps copy", copyAs: "填表说明(2)"},
		{name: "numbered", rename: "填表说明2"},
		{name: "other name", rename: "汇总", unknown: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := mustParse(t, fill(t, c.rename, c.copyAs))
			var unknown []Problem
			for _, pr := range p.Problems {
				if pr.Rule == "unknown_sheet" {
					unknown = append(unknown, pr)
				} else {
					t.Errorf("problem: %s [%s]", pr, pr.Rule)
				}
			}
			if got := len(unknown) > 0; got != c.unknown {
				t.Errorf("unknown_sheet reported: %v, want %v (%v)", got, c.unknown, unknown)
			}
			if len(p.Results) != 1 || len(p.Members) != 1 {
				t.Errorf("got %d results, %d members; want 1, 1", len(p.Results), len(p.Members))
			}
		})
	}
	t.Run("说明 with data", func(t *testing.T) {
		p := mustParse(t, writeXLSX(t, sheetData{name: "说明", rows: [][]any{resultsHeader, resultRow("石桥村", "村民委员会", 5)}}))
		if len(p.Results) != 1 {
			t.Errorf("a sheet named 说明 that holds data was not read: %v", p.Problems)
		}
	})
}
