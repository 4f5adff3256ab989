package ingest

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"electsum"
)

// sheetData is one worksheet of a fixture workbook.
type sheetData struct {
	name   string
	rows   [][]any
	merges []string // "A3:A5"
	// formulas are set after the rows, without their results, as a program that is not Excel writes
	// them: "F3" → "E3-100".
	formulas map[string]string
}

// writeXLSX writes a fixture workbook with excelize into a temp dir and returns its path.
func writeXLSX(tb testing.TB, sheets ...sheetData) string {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				tb.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			tb.Fatal(err)
		}
		for r, row := range s.rows {
			if len(row) == 0 {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				tb.Fatal(err)
			}
		}
		for cell, formula := range s.formulas {
			if err := f.SetCellFormula(s.name, cell, formula); err != nil {
				tb.Fatal(err)
			}
		}
		for _, m := range s.merges {
			from, to, _ := strings.Cut(m, ":")
			if err := f.MergeCell(s.name, from, to); err != nil {
				tb.Fatal(err)
			}
		}
	}
	path := filepath.Join(tb.TempDir(), "fixture.xlsx")
	if err := f.SaveAs(path); err != nil {
		tb.Fatal(err)
	}
	return path
}

var resultsHeader = []any{"乡镇(街道)", "村(社区)", "年份", "届次", "选举类型", "登记选民数", "参加投票人数", "有效票数", "无效票数", "应选职数", "候选人数", "当选人数", "选举日期"}

// resultRow is a valid results row; override cells by index to make it wrong.
func resultRow(unit, body string, elected int) []any {
	return []any{"城关镇", unit, 2024, "第十届", body, 1200, 1100, 1090, 10, 5, 6, elected, "2024-03-15"}
}

var membersHeader = []any{"乡镇(街道)", "村(社区)", "年份", "选举类型", "姓名", "职务", "性别", "出生年月", "民族", "政治面貌", "学历", "是否连任", "身份证号"}

func memberRow(unit, body, name, position, gender, birth, id string) []any {
	return []any{"城关镇", unit, 2024, body, name, position, gender, birth, "汉族", "中共党员", "大学本科", "是", id}
}

// makeID returns a valid 身份证号 for the birth date and gender.
func makeID(birth string, male bool) string {
	return makeIDSeq(birth, 1, male)
}

// makeIDSeq is makeID for the n-th person born that day (n < 500).
func makeIDSeq(birth string, n int, male bool) string {
	seq := 2 * n
	if male {
		seq++
	}
	body := "330102" + birth + fmt.Sprintf("%03d", seq)
	return body + string(electsum.IDCheckChar(body))
}

func mustParse(tb testing.TB, path string) *Parsed {
	tb.Helper()
	p, err := ParseFile(path, ParseOptions{County: "测试县"})
	if err != nil {
		tb.Fatalf("ParseFile: %v", err)
	}
	return p
}

// rules lists the problems' rules with their cells, for compact assertions: "voted_gt_registered@G3".
func rules(p *Parsed, sev Severity) []string {
	var out []string
	for _, pr := range p.Problems {
		if pr.Severity == sev {
			out = append(out, pr.Rule+"@"+pr.Cell)
		}
	}
	return out
}

func TestParseFileCleanWorkbook(t *testing.T) {
	path := writeXLSX(t,
		sheetData{name: "选举结果", rows: [][]any{resultsHeader,
			resultRow("石桥村", "村民委员会", 2),
			resultRow("石桥村", "村党组织", 1),
		}},
		sheetData{name: "当选人员", rows: [][]any{membersHeader,
			memberRow("石桥村", "村民委员会", "张三", "主任", "男", "1975.03", makeID("19750315", true)),
			memberRow("石桥村", "村民委员会", "李四", "委员", "女", "1980-11", ""),
			memberRow("石桥村", "村党组织", "张三", "书记", "男", "197503", ""),
		}},
	)
	p := mustParse(t, path)
	for _, pr := range p.Problems {
		t.Errorf("unexpected problem: %s [%s]", pr, pr.Rule)
	}
	if len(p.Results) != 2 || len(p.Members) != 3 {
		t.Fatalf("got %d results, %d members; want 2, 3", len(p.Results), len(p.Members))
	}
	r := p.Results[0]
	if r.County != "测试县" || r.Township != "城关镇" || r.Unit != "石桥村" || r.Year != 2024 || r.Body != "村民委员会" {
		t.Errorf("result key = %+v", r.Key)
	}
	if r.Term == nil || *r.Term != 10 || *r.Registered != 1200 || *r.Voted != 1100 || *r.Elected != 2 {
		t.Errorf("result figures wrong: %+v", r)
	}
	if r.Date == nil || !r.Date.Equal(time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("date = %v", r.Date)
	}
	if r.Row != 2 || r.Sheet != "选举结果" || r.File != path {
		t.Errorf("pos = %+v", r.Pos)
	}
	m := p.Members[0]
	if m.PersonKey != "id:"+makeID("19750315", true) {
		t.Errorf("person key = %q", m.PersonKey)
	}
	if got := p.Members[1].PersonKey; got != "name:城关镇|石桥村|李四|1980-11" {
		t.Errorf("person key = %q", got)
	}
	if m.Birth == nil || !m.Birth.Equal(time.Date(1975, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("birth = %v", m.Birth)
	}
	if m.Reelected == nil || !*m.Reelected || m.Party != "中共党员" || m.Ethnicity != "汉族" {
		t.Errorf("member = %+v", m)
	}
	if len(p.SHA256) != 64 {
		t.Errorf("sha256 = %q", p.SHA256)
	}
}

func TestProblemString(t *testing.T) {
	for _, c := range []struct {
		p    Problem
		want string
	}{
		{Problem{File: "a.xlsx", Sheet: "选举结果", Row: 12, Cell: "C12", Message: "错"}, "a.xlsx:选举结果!C12: 错"},
		{Problem{File: "a.xlsx", Sheet: "选举结果", Row: 12, Message: "错"}, "a.xlsx:选举结果!第12行: 错"},
		{Problem{File: "a.xlsx", Sheet: "选举结果", Message: "错"}, "a.xlsx:选举结果: 错"},
		{Problem{File: "a.csv", Row: 3, Cell: "B3", Message: "错"}, "a.csv:B3: 错"},
		{Problem{File: "a.xlsx", Message: "错"}, "a.xlsx: 错"},
	} {
		if got := c.p.String(); got != c.want {
			t.Errorf("String() = %q, want %q", got, c.want)
		}
	}
}

// writeBenchWorkbook writes a members sheet of n rows (and its results sheet) with excelize's
// StreamWriter, the way a large township or county file looks.
func writeBenchWorkbook(tb testing.TB, n int) string {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "当选人员"); err != nil {
		tb.Fatal(err)
	}
	sw, err := f.NewStreamWriter("当选人员")
	if err != nil {
		tb.Fatal(err)
	}
	if err := sw.SetRow("A1", membersHeader); err != nil {
		tb.Fatal(err)
	}
	bodies := []string{"村党组织", "村民委员会"}
	educations := []string{"大学本科", "大专", "高中", "初中", "中专"}
	for i := 0; i < n; i++ {
		unit := fmt.Sprintf("第%d村", i/10)
		male := i%3 != 0
		gender := "女"
		if male {
			gender = "男"
		}
		birth := fmt.Sprintf("19%02d%02d%02d", 60+i%30, 1+i%12, 1+i%28)
		row := []any{"城关镇", unit, 2024, bodies[(i/5)%2], fmt.Sprintf("姓名%d", i), "委员", gender,
			birth[:4] + "." + birth[4:6], "汉族", "中共党员", educations[i%5], "是", makeIDSeq(birth, i%499, male)}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			tb.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "bench.xlsx")
	if err := f.SaveAs(path); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkParseFile reads a 10,000-row members sheet; compare with BenchmarkExcelizeRows, excelize
// alone stream-reading every cell of the same file.
func BenchmarkParseFile(b *testing.B) {
	path := writeBenchWorkbook(b, 10000)
	b.ReportAllocs()
	for b.Loop() {
		p, err := ParseFile(path, ParseOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Members) != 10000 || len(rules(p, Error)) != 0 {
			b.Fatalf("members %d, errors %v", len(p.Members), rules(p, Error)[:1])
		}
	}
}

func BenchmarkExcelizeRows(b *testing.B) {
	path := writeBenchWorkbook(b, 10000)
	b.ReportAllocs()
	for b.Loop() {
		f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
		if err != nil {
			b.Fatal(err)
		}
		for _, name := range f.GetSheetList() {
			rows, err := f.Rows(name)
			if err != nil {
				b.Fatal(err)
			}
			for rows.Next() {
				if _, err := rows.Columns(); err != nil {
					b.Fatal(err)
				}
			}
			rows.Close()
		}
		f.Close()
	}
}

// TestNoneMarks: —, -, / or 无 in a count is a count not given (an optional one is left out, never read as
// 0; a required one is missing_value), not a wrong_type that refuses the file; other text still is.
func TestNoneMarks(t *testing.T) {
	for _, c := range []struct {
		proxy, registered any
		errs              []string
	}{
		{"—", 1200, nil},
		{"——", 1200, nil},
		{"/", 1200, nil},
		{"－", 1200, nil},
		{"无", 1200, nil},
		{"1.2万", 1200, []string{"wrong_type@G2"}},
		{"", "—", []string{"missing_value@E2"}}, // as a blank 登记选民数: no 选民登记 table gives it
	} {
		p := mustParse(t, writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{
			{"乡镇", "村", "年份", "选举类型", "登记选民数", "参加投票人数", "委托投票数", "应选职数", "当选人数"},
			{"青石镇", "东山村", 2024, "村民委员会", c.registered, 1100, c.proxy, 5, 5},
		}}))
		if got := rules(p, Error); !slices.Equal(got, c.errs) {
			t.Errorf("%v/%v: errors %v, want %v", c.proxy, c.registered, got, c.errs)
		}
		if c.errs == nil && (len(p.Results) != 1 || p.Results[0].ProxyVotes != nil) {
			t.Errorf("%v: results %+v, want one without 委托投票数", c.proxy, p.Results)
		}
	}
}
