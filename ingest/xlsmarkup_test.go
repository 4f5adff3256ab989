package ingest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"electsum"
)

// TestWriteErrorsDirMarksXLS: the marked copy of an .xls (or .et) is an .xlsx with the same sheets,
// values, merged ranges, number formats and hidden sheets, and the problem cells marked.
func TestWriteErrorsDirMarksXLS(t *testing.T) {
	in := t.TempDir()
	data, err := os.ReadFile("testdata/xls/features.xls")
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(in, "城关镇.xls")
	et := filepath.Join(in, "城关镇村表.et")
	os.WriteFile(src, data, 0o644)
	os.WriteFile(et, data, 0o644)
	var problems []Problem
	for _, path := range []string{src, et} {
		p, err := ParseFile(path, ParseOptions{})
		if err != nil {
			t.Fatal(err)
		}
		problems = append(problems, p.Problems...)
	}
	out := filepath.Join(t.TempDir(), "退回")
	written, err := WriteErrorsDir(electsum.Output{}, out, problems, []string{src, et})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(out, "城关镇_问题标注.xlsx"), filepath.Join(out, "城关镇村表_问题标注.xlsx"), filepath.Join(out, ProblemListName)}
	slices.Sort(want[:2])
	if !slices.Equal(written, want) {
		t.Fatalf("written %v, want %v", written, want)
	}

	m, err := excelize.OpenFile(want[0])
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if got := m.GetSheetList(); !slices.Equal(got, []string{"选举结果", "當選人員", "旧表"}) {
		t.Errorf("sheets %v", got)
	}
	if visible, _ := m.GetSheetVisible("旧表"); visible {
		t.Error("the hidden sheet is shown in the copy")
	}
	// F19: more voters than registered, an error.
	if color, _ := cellFill(t, m, "选举结果", "F19"); color != fills[Error] {
		t.Errorf("F19 fill %q, want %s", color, fills[Error])
	}
	comments, err := m.GetComments("选举结果")
	if err != nil {
		t.Fatal(err)
	}
	var f19 string
	for _, c := range comments {
		if c.Cell == "F19" {
			f19 = c.Text
			for _, r := range c.Paragraph {
				f19 += r.Text
			}
		}
	}
	if !strings.Contains(f19, "多于登记选民数") {
		t.Errorf("comment on F19: %q", f19)
	}
	for cell, want := range map[string]string{"B4": "第1村（原东东片区）", "E4": "800", "F19": "924", "L4": "FALSE", "A1": "城关镇2024年村级组织换届选举结果统计表"} {
		if v, _ := m.GetCellValue("选举结果", cell); v != want {
			t.Errorf("%s = %q, want %q", cell, v, want)
		}
	}
	// A date keeps its date format, so the clerk sees 2024/3/1 and not 45352.
	if _, st := cellFill(t, m, "选举结果", "K4"); st.NumFmt != 14 && st.CustomNumFmt == nil {
		t.Errorf("K4 lost its date format: %+v", st)
	}
	merges, err := m.GetMergeCells("选举结果")
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, mc := range merges {
		refs = append(refs, mc.GetStartAxis()+":"+mc.GetEndAxis())
	}
	for _, r := range []string{"A1:L1", "G2:H2", "A4:A63"} {
		if !slices.Contains(refs, r) {
			t.Errorf("merged range %s lost: %v", r, refs)
		}
	}
}
