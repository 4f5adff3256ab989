package ingest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func cellFill(t *testing.T, f *excelize.File, sheet, cell string) (color string, st *excelize.Style) {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err = f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Fill.Color) > 0 {
		color = st.Fill.Color[0]
	}
	return color, st
}

func TestWriteErrorsDirMarksCellsAndListsProblems(t *testing.T) {
	in := t.TempDir()
	src := filepath.Join(in, "东镇.xlsx")
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "选举结果")
	f.SetSheetRow("选举结果", "A1", &[]any{"乡镇(街道)", "村(社区)", "登记选民数"})
	f.SetSheetRow("选举结果", "A2", &[]any{"东镇", "红星村", 1000})
	f.SetSheetRow("选举结果", "A3", &[]any{"东镇", "向阳村", 900})
	f.SetSheetRow("选举结果", "A4", &[]any{"东镇", "向阳村", 800})
	thousands, _ := f.NewStyle(&excelize.Style{NumFmt: 3})
	f.SetCellStyle("选举结果", "C3", "C3", thousands)
	f.AddComment("选举结果", excelize.Comment{Author: "乡镇", Cell: "B2", Text: "村名已核对"})
	if err := f.SaveAs(src); err != nil {
		t.Fatal(err)
	}
	f.Close()
	csv := filepath.Join(in, "西镇.csv")
	os.WriteFile(csv, []byte("x\n"), 0o644)

	problems := []Problem{
		{Severity: Error, File: src, Sheet: "选举结果", Row: 3, Column: "登记选民数", Cell: "C3", Value: "900", Rule: "voted_gt_registered", Message: "参加投票人数大于登记选民数"},
		{Severity: Warning, File: src, Sheet: "选举结果", Row: 4, Rule: "duplicate_key", Message: "与第3行重复"},
		{Severity: Notice, File: src, Sheet: "选举结果", Row: 2, Cell: "B2", Rule: "unknown_column", Message: "村名有空格"},
		{Severity: Error, File: csv, Sheet: "西镇", Row: 2, Cell: "A2", Rule: "missing_value", Message: "缺少乡镇"},
		{Severity: Error, File: filepath.Join(in, "坏.xlsx"), Rule: "file_unreadable", Message: "不是 xlsx 文件"},
	}
	notices := filepath.Join(in, "北镇.xlsx") // notices only: listed, no copy
	f = excelize.NewFile()
	f.SaveAs(notices)
	f.Close()
	problems = append(problems, Problem{Severity: Notice, File: notices, Sheet: "Sheet1", Row: 1, Cell: "D1", Rule: "unknown_column", Message: "备注列不是标准列"})
	out := filepath.Join(t.TempDir(), "问题")
	written, err := WriteErrorsDir(out, problems, []string{src, csv, filepath.Join(in, "坏.xlsx"), notices})
	if err != nil {
		t.Fatal(err)
	}
	wantFiles := []string{filepath.Join(out, "东镇_问题标注.xlsx"), filepath.Join(out, ProblemListName)}
	if !slices.Equal(written, wantFiles) {
		t.Fatalf("written %v, want %v", written, wantFiles)
	}

	m, err := excelize.OpenFile(wantFiles[0])
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if color, st := cellFill(t, m, "选举结果", "C3"); color != fills[Error] || st.NumFmt != 3 {
		t.Errorf("C3: fill %q numfmt %d, want %s and the original format 3", color, st.NumFmt, fills[Error])
	}
	if color, _ := cellFill(t, m, "选举结果", "A4"); color != fills[Warning] {
		t.Errorf("A4 (row-level warning): fill %q", color)
	}
	if color, _ := cellFill(t, m, "选举结果", "C2"); color != "" {
		t.Errorf("C2 has no problem but fill %q", color)
	}
	comments, err := m.GetComments("选举结果")
	if err != nil {
		t.Fatal(err)
	}
	text := map[string]string{}
	for _, c := range comments {
		s := c.Text
		for _, r := range c.Paragraph {
			s += r.Text
		}
		text[c.Cell] = s
	}
	if !strings.Contains(text["C3"], "参加投票人数大于登记选民数") {
		t.Errorf("comment on C3: %q", text["C3"])
	}
	if !strings.Contains(text["B2"], "村名有空格") || !strings.Contains(text["B2"], "村名已核对") {
		t.Errorf("comment on B2 should hold ours and the township's: %q", text["B2"])
	}
	if v, _ := m.GetCellValue("选举结果", "C3"); v != "900" {
		t.Errorf("the copy changed a value: C3 = %q", v)
	}

	l, err := excelize.OpenFile(wantFiles[1])
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	rows, err := l.GetRows("问题清单")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(problems)+1 || !slices.Equal(rows[0], []string{"文件", "工作表", "行", "列", "单元格", "值", "问题", "级别"}) {
		t.Fatalf("问题清单 rows %v", rows)
	}
	want := []string{src, "选举结果", "3", "登记选民数", "C3", "900", "参加投票人数大于登记选民数", "错误"}
	if !slices.ContainsFunc(rows[1:], func(r []string) bool { return slices.Equal(r, want) }) {
		t.Errorf("问题清单 lacks the C3 row: %v", rows)
	}
}
