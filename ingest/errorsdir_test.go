package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"electsum"
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
	written, err := WriteErrorsDir(electsum.Output{}, out, problems, []string{src, csv, filepath.Join(in, "坏.xlsx"), notices})
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

// rewriteParts rewrites the workbook at path part by part: edit returns a part's new content, or nil
// to leave the part out.
func rewriteParts(t *testing.T, path string, edit func(name string, data []byte) []byte) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(r)
		r.Close()
		if data = edit(f.Name, data); data == nil {
			continue
		}
		w, _ := zw.Create(f.Name)
		w.Write(data)
	}
	zr.Close()
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// withoutStyles rewrites the workbook at path without xl/styles.xml, which the format allows.
func withoutStyles(t *testing.T, path string) {
	t.Helper()
	rewriteParts(t, path, func(name string, data []byte) []byte {
		switch name {
		case "xl/styles.xml":
			return nil
		case "[Content_Types].xml":
			return regexp.MustCompile(`<Override PartName="/xl/styles.xml"[^>]*/>`).ReplaceAll(data, nil)
		case "xl/_rels/workbook.xml.rels":
			return regexp.MustCompile(`<Relationship [^>]*Target="styles.xml"[^>]*/>`).ReplaceAll(data, nil)
		case "xl/worksheets/sheet1.xml":
			return regexp.MustCompile(` s="\d+"`).ReplaceAll(data, nil)
		}
		return data
	})
}

// A workbook without xl/styles.xml (optional in the format), or with one that has none of the tables a
// style refers to (<styleSheet/>, or fonts and fills but no cellXfs), is read, and marking it up neither
// panics nor fails: the copy gets the fills and comments, and the list is written.
func TestWriteErrorsDirWorkbookWithoutStyles(t *testing.T) {
	for name, styles := range map[string]string{
		"no styles part": "",
		"empty":          `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`,
		"no cellXfs": `<?xml version="1.0" encoding="UTF-8"?><x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
			`<x:fonts count="1"><x:font><x:sz val="11"/></x:font></x:fonts><x:fills count="1"><x:fill/></x:fills></x:styleSheet>`,
	} {
		t.Run(name, func(t *testing.T) { testMarkingWithStyles(t, styles) })
	}
}

func testMarkingWithStyles(t *testing.T, styles string) {
	src := writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{resultsHeader, set(resultRow("石桥村", "村民委员会", 1), 6, 2000)}})
	if styles == "" {
		withoutStyles(t, src)
	} else {
		rewriteParts(t, src, func(name string, data []byte) []byte {
			switch name {
			case "xl/styles.xml":
				return []byte(styles)
			case "xl/worksheets/sheet1.xml":
				return regexp.MustCompile(` s="\d+"`).ReplaceAll(data, nil)
			}
			return data
		})
	}
	p, err := ParseFile(src, ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Problems) == 0 {
		t.Fatal("the fixture has no problem to mark")
	}
	out := filepath.Join(t.TempDir(), "退回")
	written, err := WriteErrorsDir(electsum.Output{}, out, p.Problems, []string{src})
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 2 {
		t.Fatalf("written %q, want the marked copy and the list", written)
	}
	f, err := excelize.OpenFile(written[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cell := p.Problems[0].Cell
	if color, _ := cellFill(t, f, "选举结果", cell); color == "" {
		t.Errorf("%s is not filled", cell)
	}
}

// TestErrorsDirMarksTheLoadersProblems: the problems issue 8 added — a notes row under the table, a blank
// county assumed from the database, members whose election has no results row anywhere, a 中共预备党员 on
// a party committee — reach the marked copy like any cell's: a run of Load, then WriteErrorsDir with its
// report, gives a comment at each problem's cell (or its row's first cell).
func TestErrorsDirMarksTheLoadersProblems(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	dir := t.TempDir()
	known := put(t, filepath.Join(dir, "a"), "北镇.xlsx", scriptRows("北镇", 2024, []string{"北村"}, []string{"李明"}))
	if _, err := Load(ctx, db, []string{known}, LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	src := put(t, filepath.Join(dir, "b"), "东镇.xlsx", []sheetData{
		{name: "选举结果", rows: [][]any{
			{"县(市、区)", "乡镇(街道)", "村(社区)", "年份", "选举类型", "登记选民数", "参加投票人数", "应选职数", "当选人数"},
			{"", "东镇", "东村", 2024, "村党组织", 300, 280, 1, 1},
			{"注：本表由各村填报，镇汇总。"},
		}},
		{name: "当选人员", rows: [][]any{
			{"县(市、区)", "乡镇(街道)", "村(社区)", "年份", "选举类型", "姓名", "职务", "性别", "出生年月", "政治面貌", "学历", "是否连任"},
			{"", "东镇", "东村", 2024, "村党组织", "张三", "书记", "男", "1975.03", "中共预备党员", "高中", "否"},
			{"", "东镇", "西村", 2024, "村民委员会", "李四", "主任", "女", "1980.05", "群众", "高中", "否"},
		}},
	})
	rep, err := Load(ctx, db, []string{src}, LoadOptions{})
	if err != nil {
		for _, p := range rep.Problems {
			t.Log(p)
		}
		t.Fatal(err)
	}
	rules := map[string]bool{}
	for _, p := range rep.Problems {
		rules[p.Rule] = true
	}
	for _, r := range []string{"notes_row", "county_assumed", "no_result_row", "probationary_member_elected"} {
		if !rules[r] {
			t.Errorf("no %s problem in %v (the fixture no longer makes it)", r, rules)
		}
	}
	written, err := WriteErrorsDir(electsum.Output{}, filepath.Join(dir, "问题"), rep.Problems, []string{src})
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 2 {
		t.Fatalf("written %v, want the marked copy and the list", written)
	}
	f, err := excelize.OpenFile(written[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	comments := map[string]string{}
	for _, s := range f.GetSheetList() {
		cs, _ := f.GetComments(s)
		for _, c := range cs {
			text := c.Text
			for _, r := range c.Paragraph {
				text += r.Text
			}
			comments[s+"!"+c.Cell] += text
		}
	}
	for _, p := range rep.Problems {
		if p.Sheet == "" || p.Row == 0 {
			continue
		}
		cell := p.Cell
		if cell == "" {
			cell = fmt.Sprintf("A%d", p.Row)
		}
		if !strings.Contains(comments[p.Sheet+"!"+cell], p.Message) {
			t.Errorf("%s at %s!%s is not in the marked copy (comments %v)", p.Rule, p.Sheet, cell, comments)
		}
	}
}
