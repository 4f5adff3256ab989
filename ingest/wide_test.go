package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// wideFigures are one body's figures in one unit; nil leaves the cell blank.
type wideFigures struct {
	registered, voted, proxy, mobile, seats, candidates, elected any
	method                                                       any
}

// wideUnit is one unit of the wide fixtures: its figures by canonical body.
type wideUnit struct {
	name   string
	date   string
	bodies map[string]wideFigures
}

// wideUnits are a township's villages and one community: the community has no 村党组织, 村委会 or
// 监委会 figures, the villages none of 居委会.
var wideUnits = []wideUnit{
	{"桃源村", "2024-03-16", map[string]wideFigures{
		"村党组织":    {45, 43, nil, nil, 5, 6, 5, "两推一选"},
		"村民委员会":   {1320, 1210, 30, 12, 5, 7, 5, nil},
		"村务监督委员会": {1320, 1200, nil, nil, 3, 4, 3, nil},
	}},
	{"柳溪村", "2024-03-17", map[string]wideFigures{
		"村党组织":    {38, 36, nil, nil, 3, 4, 3, "公推直选"},
		"村民委员会":   {980, 905, 20, 0, 5, 6, 5, nil},
		"村务监督委员会": {980, 900, nil, nil, 3, 4, 3, nil},
	}},
	{"东门社区", "2024-03-20", map[string]wideFigures{
		"居民委员会": {2100, 1890, nil, 40, 5, 6, 5, nil},
	}},
}

// wideColumn is one column of a body's group: its header and which figure it holds.
type wideColumn struct {
	header string
	value  func(f wideFigures) any
}

// wideGroupSpec is one body's group: the upper header as a township writes it, and its columns.
type wideGroupSpec struct {
	body, title string
	cols        []wideColumn
}

var (
	colReg      = func(h string) wideColumn { return wideColumn{h, func(f wideFigures) any { return f.registered }} }
	colVoted    = func(h string) wideColumn { return wideColumn{h, func(f wideFigures) any { return f.voted }} }
	colProxy    = func(h string) wideColumn { return wideColumn{h, func(f wideFigures) any { return f.proxy }} }
	colMobile   = func(h string) wideColumn { return wideColumn{h, func(f wideFigures) any { return f.mobile }} }
	colSeats    = func(h string) wideColumn { return wideColumn{h, func(f wideFigures) any { return f.seats }} }
	colCands    = func(h string) wideColumn { return wideColumn{h, func(f wideFigures) any { return f.candidates }} }
	colElected  = func(h string) wideColumn { return wideColumn{h, func(f wideFigures) any { return f.elected }} }
	colMethod   = func(h string) wideColumn { return wideColumn{h, func(f wideFigures) any { return f.method }} }
	colTurnout  = func(h string) wideColumn { return wideColumn{h, func(f wideFigures) any { return turnout(f) }} }
	wideFormGrp = []wideGroupSpec{
		{"村党组织", "村党组织", []wideColumn{colReg("应到党员数"), colVoted("实到党员数"), colSeats("应选"), colCands("候选人数"), colElected("当选人数"), colMethod("选举方式")}},
		{"村民委员会", "村委会", []wideColumn{colReg("登记选民数"), colVoted("参加投票人数"), colTurnout("参选率"), colProxy("委托投票"), colMobile("流动票箱"), colSeats("应选"), colCands("候选"), colElected("当选")}},
		{"村务监督委员会", "监委会", []wideColumn{colReg("登记选民数"), colVoted("参加投票人数"), colSeats("应选"), colCands("候选"), colElected("当选")}},
		{"居民委员会", "居委会", []wideColumn{colReg("登记选民数"), colVoted("参加投票人数"), colMobile("流动票箱"), colSeats("应选"), colCands("候选"), colElected("当选")}},
	}
)

// turnout is the 参选率 a township's form computes, blank without figures.
func turnout(f wideFigures) any {
	if f.registered == nil {
		return nil
	}
	return fmt.Sprintf("%.1f%%", 100*float64(f.voted.(int))/float64(f.registered.(int)))
}

// wideShape is how a township lays out the wide form.
type wideShape struct {
	title       bool               // a title row above the header, merged across
	merged      bool               // the upper header cells merged across each group, shared ones down
	firstOnly   bool               // each body named once, over the group's first column (a CSV saved from merges)
	total       bool               // a 合计 row and a notes row below the data
	traditional bool               // headers in Traditional script
	groups      []wideGroupSpec    // nil: wideFormGrp
	edit        func(rows [][]any) // changes cells after the form is built
}

// shared are the columns every body shares, at the left.
var wideShared = []string{"乡镇", "村", "年份", "选举日期"}

// toTraditional writes the fixtures' headers in Traditional script.
var toTraditional = strings.NewReplacer("乡", "鄉", "镇", "鎮", "党", "黨", "组", "組", "织", "織", "会", "會", "监", "監",
	"应", "應", "选", "選", "当", "當", "记", "記", "数", "數", "参", "參", "举", "舉", "实", "實", "员", "員", "托", "託")

// build writes the wide form's rows (and merges) for the units.
func (s wideShape) build() sheetData {
	groups := s.groups
	if groups == nil {
		groups = wideFormGrp
	}
	tr := func(h string) string {
		if s.traditional {
			return toTraditional.Replace(h)
		}
		return h
	}
	var upper, lower []any
	var merges []string
	top := 1
	if s.title {
		top = 2
	}
	for i, h := range wideShared {
		if s.merged {
			upper = append(upper, tr(h))
			lower = append(lower, nil)
			merges = append(merges, fmt.Sprintf("%s:%s", cellRef(i, top), cellRef(i, top+1)))
		} else {
			upper = append(upper, nil)
			lower = append(lower, tr(h))
		}
	}
	for _, g := range groups {
		first := len(upper)
		for i, c := range g.cols {
			switch {
			case i == 0 || !(s.merged || s.firstOnly):
				upper = append(upper, tr(g.title))
			default:
				upper = append(upper, nil)
			}
			lower = append(lower, tr(c.header))
		}
		if s.merged {
			merges = append(merges, fmt.Sprintf("%s:%s", cellRef(first, top), cellRef(len(upper)-1, top)))
		}
	}
	var rows [][]any
	if s.title {
		rows = append(rows, []any{"青山镇2024年村（社区）组织换届选举结果统计表"})
		merges = append(merges, fmt.Sprintf("A1:%s", cellRef(len(upper)-1, 1)))
	}
	rows = append(rows, upper, lower)
	sums := map[int]int{}
	for _, u := range wideUnits {
		row := []any{"青山镇", u.name, 2024, u.date}
		for _, g := range groups {
			f, ok := u.bodies[g.body]
			for _, c := range g.cols {
				var v any
				if ok {
					v = c.value(f)
				}
				if n, isInt := v.(int); isInt {
					sums[len(row)] += n
				}
				row = append(row, v)
			}
		}
		rows = append(rows, row)
	}
	if s.total {
		row := make([]any, len(lower))
		row[1] = "合计"
		for i, n := range sums {
			row[i] = n
		}
		rows = append(rows, row, []any{"填表说明：本表由各村（社区）填报，镇汇总。"})
		merges = append(merges, fmt.Sprintf("A%d:%s", len(rows), cellRef(len(upper)-1, len(rows))))
	}
	if s.edit != nil {
		s.edit(rows)
	}
	return sheetData{name: "换届选举结果", rows: rows, merges: merges}
}

// wideLong is the same data as a long results sheet.
func wideLong() sheetData {
	rows := [][]any{{"乡镇(街道)", "村(社区)", "年份", "选举日期", "选举类型", "选举方式", "登记选民数", "参加投票人数", "委托投票数", "流动票箱投票数", "应选职数", "候选人数", "当选人数"}}
	for _, u := range wideUnits {
		for _, body := range bodyNames() {
			f, ok := u.bodies[body]
			if !ok {
				continue
			}
			rows = append(rows, []any{"青山镇", u.name, 2024, u.date, body, f.method, f.registered, f.voted, f.proxy, f.mobile, f.seats, f.candidates, f.elected})
		}
	}
	return sheetData{name: "选举结果", rows: rows}
}

// writeWideCSV writes a sheet's rows as a CSV file, a blank cell for nil.
func writeWideCSV(t *testing.T, s sheetData) string {
	t.Helper()
	var b strings.Builder
	for _, row := range s.rows {
		cells := make([]string, len(row))
		for i, v := range row {
			if v != nil {
				cells[i] = fmt.Sprint(v)
			}
		}
		b.WriteString(strings.Join(cells, ",") + "\n")
	}
	path := filepath.Join(t.TempDir(), "青山镇换届结果.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// electionsText is the elections table without where each row came from.
func electionsText(t *testing.T, path string) string {
	t.Helper()
	db := openTestDB(t)
	mustLoad(t, db, LoadOptions{County: "青山县"}, path)
	return queryText(t, db, `SELECT * EXCLUDE (source_file, source_sheet, source_row) FROM elections ORDER BY ALL`)
}

// TestWideLayoutLoadsAsLong loads the wide forms townships hand in and the same data in the long layout,
// and compares the elections tables.
func TestWideLayoutLoadsAsLong(t *testing.T) {
	want := electionsText(t, writeXLSX(t, wideLong()))
	if n := strings.Count(want, "\n"); n != 7 {
		t.Fatalf("the long sheet loaded %d elections, want 7:\n%s", n, want)
	}
	for _, tc := range []struct {
		name  string
		shape wideShape
		csv   bool
	}{
		{"merged, title, total, notes", wideShape{title: true, merged: true, total: true}, false},
		{"repeated upper cells", wideShape{}, false},
		{"body named over the first column only", wideShape{firstOnly: true, total: true}, false},
		{"traditional script", wideShape{merged: true, traditional: true}, false},
		{"csv, body named over the first column", wideShape{firstOnly: true, title: true}, true},
		{"csv, repeated upper cells", wideShape{traditional: true}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sheet := tc.shape.build()
			var path string
			if tc.csv {
				path = writeWideCSV(t, sheet)
			} else {
				path = writeXLSX(t, sheet)
			}
			p := mustParse(t, path)
			if errs := rules(p, Error); len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if warns := rules(p, Warning); len(warns) > 0 {
				t.Errorf("warnings: %v", warns)
			}
			if len(p.Results) != 7 {
				t.Errorf("read %d results rows, want 7", len(p.Results))
			}
			if got := electionsText(t, path); got != want {
				t.Errorf("elections differ from the long sheet's:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// wideCol is the 0-based cell index of a group's column in the default wide form.
func wideCol(t *testing.T, title, header string) int {
	t.Helper()
	i := len(wideShared)
	for _, g := range wideFormGrp {
		for _, c := range g.cols {
			if g.title == title && c.header == header {
				return i
			}
			i++
		}
	}
	t.Fatalf("no column %s/%s", title, header)
	return 0
}

// TestWideLayoutProblemsNameTheCell checks that a problem in a wide row names the cell as written: its
// column letter, the group and header, and the row.
func TestWideLayoutProblemsNameTheCell(t *testing.T) {
	elected := wideCol(t, "村委会", "当选")
	seats := wideCol(t, "村委会", "应选")
	// 柳溪村 is the second data row, below a title row and the two header rows: row 5.
	sheet := wideShape{title: true, merged: true, edit: func(rows [][]any) { rows[4][elected] = 6 }}.build()
	p := mustParse(t, writeXLSX(t, sheet))
	var found *Problem
	for i := range p.Problems {
		if p.Problems[i].Rule == "elected_gt_seats" {
			found = &p.Problems[i]
		}
	}
	if found == nil {
		t.Fatalf("no elected_gt_seats; problems: %v", rules(p, Error))
	}
	if want := cellRef(elected, 5); found.Cell != want || found.Row != 5 || found.Column != "村委会/当选" || found.Sheet != "换届选举结果" {
		t.Errorf("problem at %s row %d column %q sheet %q, want %s row 5 村委会/当选: %s", found.Cell, found.Row, found.Column, found.Sheet, want, found.Message)
	}
	if !strings.Contains(found.Message, "村委会/应选("+cellRef(seats, 5)+")") {
		t.Errorf("message does not name the 应选 cell %s: %s", cellRef(seats, 5), found.Message)
	}

	// A blank 年份 is one error at its cell, not one per body.
	sheet = wideShape{edit: func(rows [][]any) { rows[2][2] = nil }}.build()
	p = mustParse(t, writeXLSX(t, sheet))
	if got := rules(p, Error); !slices.Equal(got, []string{"missing_value@C3"}) {
		t.Errorf("blank 年份: errors %v, want [missing_value@C3]", got)
	}

	// A members sheet naming four of 桃源村's five committee members: the whole-file check names the
	// 村委会 group's 当选 cell.
	members := sheetData{name: "当选人员", rows: [][]any{membersHeader}}
	for i, name := range []string{"王一", "王二", "王三", "王四"} {
		members.rows = append(members.rows, []any{"青山镇", "桃源村", 2024, "村民委员会", name, "委员", "男", fmt.Sprintf("197%d.05", i), "汉族", "群众", "高中", "是", ""})
	}
	p = mustParse(t, writeXLSX(t, wideShape{}.build(), members))
	var cells []string
	for _, pr := range p.Problems {
		if pr.Rule == "member_count_mismatch" && strings.Contains(pr.Message, "桃源村 2024 年村民委员会") {
			cells = append(cells, pr.Cell+" "+pr.Column)
		}
	}
	if want := []string{cellRef(elected, 3) + " 村委会/当选"}; !slices.Equal(cells, want) {
		t.Errorf("member_count_mismatch at %v, want %v", cells, want)
	}

	// The 参选率 column of a group is a derived column, named with its group.
	var derived []string
	for _, pr := range p.Problems {
		if pr.Rule == "derived_column" {
			derived = append(derived, pr.Cell+" "+pr.Column)
		}
	}
	if want := []string{cellRef(wideCol(t, "村委会", "参选率"), 2) + " 村委会/参选率"}; !slices.Equal(derived, want) {
		t.Errorf("derived columns %v, want %v", derived, want)
	}
}

// TestWideLayoutRefused checks the wide headers that are not read, each with an error at the header cell
// that says what was expected.
func TestWideLayoutRefused(t *testing.T) {
	groups := func(edit func(g []wideGroupSpec) []wideGroupSpec) []wideGroupSpec {
		return edit(slices.Clone(wideFormGrp))
	}
	for _, tc := range []struct {
		name   string
		shape  wideShape
		rule   string
		cell   string
		phrase string
	}{
		{"a group naming no body", wideShape{merged: true, groups: groups(func(g []wideGroupSpec) []wideGroupSpec {
			g[2].title = "村民小组"
			return g
		})}, "wide_header", cellRef(wideCol(t, "监委会", "登记选民数"), 1), "不是可识别的选举类型"},
		{"two groups of one body", wideShape{groups: groups(func(g []wideGroupSpec) []wideGroupSpec {
			g[3].title, g[3].body = "村民委员会", "村民委员会"
			return g
		})}, "wide_header", cellRef(wideCol(t, "居委会", "登记选民数"), 1), "都是村民委员会"},
		{"a figure under no body", wideShape{groups: groups(func(g []wideGroupSpec) []wideGroupSpec {
			return append([]wideGroupSpec{{"", "", []wideColumn{colReg("登记选民数")}}}, g...)
		})}, "wide_header", "E2", "上方没有注明选举类型"},
		{"a group lacking a required column", wideShape{merged: true, groups: groups(func(g []wideGroupSpec) []wideGroupSpec {
			g[2].cols = g[2].cols[:4] // no 当选
			return g
		})}, "missing_column", cellRef(wideCol(t, "监委会", "登记选民数"), 1), "“监委会”(" + cellRef(wideCol(t, "监委会", "登记选民数"), 1) + ")一组缺少必填列“当选人数”"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := mustParse(t, writeXLSX(t, tc.shape.build()))
			if len(p.Results) != 0 {
				t.Errorf("read %d rows of a refused sheet", len(p.Results))
			}
			var got []string
			for _, pr := range p.Problems {
				if pr.Severity == Error {
					got = append(got, pr.Rule+"@"+pr.Cell)
					if pr.Rule == tc.rule && !strings.Contains(pr.Message, tc.phrase) {
						t.Errorf("message does not say %q: %s", tc.phrase, pr.Message)
					}
				}
			}
			if want := []string{tc.rule + "@" + tc.cell}; !slices.Equal(got, want) {
				t.Errorf("errors %v, want %v", got, want)
			}
		})
	}
}

// TestWideLayoutTotalChecked checks a 合计 row of a wide sheet against each group's rows.
func TestWideLayoutTotalChecked(t *testing.T) {
	elected := wideCol(t, "村委会", "当选")
	sheet := wideShape{merged: true, total: true, edit: func(rows [][]any) { rows[5][elected] = 99 }}.build()
	p := mustParse(t, writeXLSX(t, sheet))
	if got, want := rules(p, Warning), []string{"total_mismatch@" + cellRef(elected, 6)}; !slices.Equal(got, want) {
		t.Errorf("warnings %v, want %v", got, want)
	}
}

// TestWideLayoutEmptyRow warns of a unit whose every group is blank.
func TestWideLayoutEmptyRow(t *testing.T) {
	sheet := wideShape{}.build()
	sheet.rows = append(sheet.rows, []any{"青山镇", "白石村", 2024})
	p := mustParse(t, writeXLSX(t, sheet))
	if got, want := rules(p, Warning), []string{"wide_row_empty@B6"}; !slices.Equal(got, want) {
		t.Errorf("warnings %v, want %v", got, want)
	}
	if len(p.Results) != 7 {
		t.Errorf("read %d rows, want 7", len(p.Results))
	}
}

// The wide fixture is a real workbook: excelize reads the groups' merged upper cells back.
func TestWideFixtureMerged(t *testing.T) {
	f, err := excelize.OpenFile(writeXLSX(t, wideShape{merged: true}.build()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	merges, err := f.GetMergeCells("换届选举结果")
	if err != nil {
		t.Fatal(err)
	}
	if len(merges) != len(wideShared)+len(wideFormGrp) {
		t.Errorf("%d merged ranges, want %d", len(merges), len(wideShared)+len(wideFormGrp))
	}
}

// TestBodyHeader reads the upper header cells of a wide form as a 选举类型 cell is read.
func TestBodyHeader(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"村委会", "村民委员会"},
		{"村委會選舉情況", "村民委员会"},
		{"村党组织换届选举", "村党组织"},
		{"監委會", "村务监督委员会"},
		{" 村党支部（总支） ", "村党组织"},
		{"居委会换届", "居民委员会"},
		{"社区党委", "社区党组织"},
		{"村民小组", ""},
		{"选举情况", ""},
		{"换届选举", ""},
		{"青山镇2024年村委会换届选举结果统计表", ""},
		{"", ""},
	} {
		got, ok := bodyHeader(tc.in)
		if string(got) != tc.want || ok != (tc.want != "") {
			t.Errorf("bodyHeader(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}

// TestWideHeaderOfThreeRows: a wide form whose header has three rows — the bodies on top or under a
// grouping row, 选举情况/结构 between, the columns last — is read as its two-row form is.
func TestWideHeaderOfThreeRows(t *testing.T) {
	type threeRowCase struct {
		name   string
		sheet  sheetData
		csv    bool     // written as a CSV: no merged cells, a text only where the merged cell began
		bodies []string // the bodies read, row by row
		notes  []string
	}
	cases := []threeRowCase{
		{name: "bodies on top, 选举情况 and 结构 between", sheet: sheetData{name: "两委", rows: [][]any{
			{"东湖镇2024年村“两委”换届选举情况统计表"},
			{"乡镇", "村", "年份", "村党组织", "", "", "", "", "村民委员会", "", "", "", "", ""},
			{"", "", "", "选举情况", "", "", "", "结构", "选举情况", "", "", "", "结构", ""},
			{"", "", "", "应到党员数", "实到党员数", "应选职数", "当选人数", "女性", "登记选民数", "参加投票人数", "应选职数", "当选人数", "女性", "党员"},
			{"东湖镇", "东村", 2024, 40, 38, 5, 5, 1, 1000, 950, 5, 5, 1, 3},
			{"东湖镇", "西村", 2024, 30, 29, 3, 3, 1, 800, 700, 3, 3, 1, 2},
		}, merges: []string{"A1:N1", "A2:A4", "B2:B4", "C2:C4", "D2:H2", "I2:N2", "D3:G3", "I3:L3", "M3:N3"}},
			bodies: []string{"村党组织", "村民委员会", "村党组织", "村民委员会"},
			notes:  []string{"unknown_column@H4", "unknown_column@M4", "unknown_column@N4"}},
		{name: "Traditional, bodies under a grouping row", sheet: sheetData{name: "換屆", rows: [][]any{
			{"鄉鎮", "村", "年份", "村級組織換屆選舉", "", "", "", "", "", "", ""},
			{"", "", "", "村黨組織", "", "", "", "村民委員會", "", "", ""},
			{"", "", "", "應到黨員數", "實到黨員數", "應選職數", "當選人數", "登記選民數", "參加投票人數", "應選職數", "當選人數"},
			{"南湖鎮", "河村", 2024, 40, 38, 5, 5, 1000, 950, 5, 5},
		}, merges: []string{"A1:A3", "B1:B3", "C1:C3", "D1:K1", "D2:G2", "H2:K2"}},
			bodies: []string{"村党组织", "村民委员会"}},
		{name: "bodies written once over their first column", sheet: sheetData{name: "两委", rows: [][]any{
			{"乡镇", "村", "年份", "村党组织", "", "", "", "村民委员会", "", "", ""},
			{"乡镇", "村", "年份", "选举情况", "", "", "", "选举情况", "", "", ""},
			{"乡镇", "村", "年份", "应到党员数", "实到党员数", "应选职数", "当选人数", "登记选民数", "参加投票人数", "应选职数", "当选人数"},
			{"东湖镇", "东村", 2024, 40, 38, 5, 5, 1000, 950, 5, 5},
		}},
			bodies: []string{"村党组织", "村民委员会"}},
	}
	cases = append(cases, threeRowCase{name: "a CSV saved from merged cells", csv: true, sheet: sheetData{name: "csv", rows: [][]any{
		{"乡镇", "村", "年份", "村党组织", "", "", "", "村民委员会", "", "", ""},
		{"", "", "", "选举情况", "", "", "", "选举情况", "", "", ""},
		{"", "", "", "应到党员数", "实到党员数", "应选职数", "当选人数", "登记选民数", "参加投票人数", "应选职数", "当选人数"},
		{"东湖镇", "东村", 2024, 40, 38, 5, 5, 1000, 950, 5, 5},
	}}, bodies: []string{"村党组织", "村民委员会"}})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var p *Parsed
			if c.csv {
				p = mustParse(t, writeWideCSV(t, c.sheet))
			} else {
				p = mustParse(t, writeXLSX(t, c.sheet))
			}
			if errs := rules(p, Error); len(errs) > 0 {
				t.Fatalf("errors %v: %v", errs, p.Problems)
			}
			var bodies []string
			for _, r := range p.Results {
				bodies = append(bodies, r.Body)
			}
			if !slices.Equal(bodies, c.bodies) {
				t.Errorf("bodies %v, want %v", bodies, c.bodies)
			}
			if got := rules(p, Notice); !slices.Equal(got, c.notes) {
				t.Errorf("notices %v, want %v", got, c.notes)
			}
		})
	}
}
