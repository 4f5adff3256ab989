package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestFormAboveTable: a village's 选举结果报告单 — labelled values above its 当选人员名单 (乡镇：青石镇 in
// one cell, 登记选民数 | 1200 in two) — loads as the election's results row and its roster; the values
// give the roster's missing columns; counts above a roster of several villages, or given twice, or
// without 当选人数, are no results row (form.go).
func TestFormAboveTable(t *testing.T) {
	roster := [][]any{
		{"当选人员名单"},
		{"序号", "姓名", "性别", "年龄", "职务", "政治面貌", "文化程度"},
		{1, "王芳", "女", 48, "主任", "中共党员", "大专"},
		{2, "李四", "男", 44, "委员", "群众", "高中"},
		{3, "赵六", "男", 54, "委员", "群众", "高中"},
	}
	type want struct {
		township, unit, body               string
		registered, voted, valid, seats, n int // the results row's; seats 0: no results row
	}
	cases := []struct {
		name, file, sheet string
		rows              [][]any
		want              want
		members           int
		warnings, notices []string
	}{
		{name: "报告单 with the roster below", file: "选举结果.xlsx", sheet: "东山村",
			rows: append([][]any{
				{"东山村第十二届村民委员会选举结果报告单"},
				{"乡镇（街道）：青石镇", "", "", "选举日期：2024年3月15日"},
				{"登记选民数", "登记选民数", "1,200人", "参加投票选民数", "", "1100人"},
				{"发出选票", 1100, "收回选票", 1100, "有效票", 1080},
				{"应选人数", 3, "实选人数", 3},
			}, roster...),
			want:    want{"青石镇", "东山村", "村民委员会", 1200, 1100, 1080, 3, 3},
			members: 3,
			notices: []string{"form_result@", "body_from_name@", "form_field@", "unit_from_sheet@", "unknown_column@A7"}},
		{name: "Traditional 報告單, the village in the form", file: "東山村.xlsx", sheet: "Sheet1",
			rows: append([][]any{
				{"第十二屆村民委員會選舉結果報告單"},
				{"鄉鎮：青石鎮", "", "村（社區）：東山村"},
				{"登記選民數", 1200, "參加投票人數", 1100},
				{"應選職數", 3, "當選人數", 3},
			}, roster...),
			want:    want{"青石鎮", "東山村", "村民委员会", 1200, 1100, 0, 3, 3},
			members: 3,
			notices: []string{"form_result@", "body_from_name@", "form_field@", "unknown_column@A6"}},
		{name: "the counts without 当选人数", file: "选举结果.xlsx", sheet: "东山村",
			rows: append([][]any{
				{"村民委员会选举结果报告单"},
				{"乡镇：青石镇"},
				{"登记选民数", 1200, "参加投票人数", 1100},
			}, roster...),
			want:     want{township: "青石镇", unit: "东山村", body: "村民委员会"},
			members:  3,
			warnings: []string{"form_result_incomplete@"},
			notices:  []string{"body_from_name@", "form_field@", "unit_from_sheet@", "unknown_column@A5"}},
		{name: "two ballots' 有效票 tell nothing", file: "选举结果.xlsx", sheet: "东山村",
			rows: append([][]any{
				{"村民委员会选举结果报告单"},
				{"乡镇：青石镇"},
				{"登记选民数", 1200, "参加投票人数", 1100},
				{"登记选民数", "1,200人", "参加投票人数", "1100人"}, // the same counts again, written otherwise
				{"主任选举", "", "有效票", 1080},
				{"委员选举", "", "有效票", 1050},
				{"应选职数", 3, "当选人数", 3},
			}, roster...),
			want:    want{"青石镇", "东山村", "村民委员会", 1200, 1100, 0, 3, 3},
			members: 3,
			notices: []string{"form_result@", "body_from_name@", "form_field@", "unit_from_sheet@", "unknown_column@A9"}},
		{name: "a township's totals above its villages' roster", file: "选举结果.xlsx", sheet: "Sheet1",
			rows: [][]any{
				{"青石镇村民委员会成员名单"},
				{"全镇登记选民数：12000", "", "参加投票人数：11000", "", "年度：2024年"},
				{"村", "姓名", "性别", "出生年月", "职务", "政治面貌", "学历"},
				{"东山村", "王芳", "女", "1976.05", "主任", "中共党员", "大专"},
				{"西河村", "孙八", "男", "1970.01", "主任", "群众", "高中"},
			},
			want:    want{township: "青石镇", body: "村民委员会"},
			members: 2,
			notices: []string{"body_from_name@", "form_field@", "township_from_title@"}},
		{name: "the results over one row, the roster below", file: "选举结果.xlsx", sheet: "东山村",
			rows: append([][]any{
				{"东山村村民委员会选举结果报告单"},
				{"乡镇", "登记选民数", "参加投票人数", "有效票数", "应选职数", "当选人数"},
				{"青石镇", 1200, 1100, 1080, 3, 3},
				{},
			}, roster...),
			want:    want{"青石镇", "东山村", "村民委员会", 1200, 1100, 1080, 3, 3},
			members: 3,
			notices: []string{"body_from_name@", "unit_from_sheet@", "body_from_name@", "next_table@", "township_from_results@", "unit_from_sheet@", "unknown_column@A6"}},
		{name: "a header with a column that is no value", file: "选举结果.xlsx", sheet: "Sheet1",
			rows: [][]any{
				{"青石镇2024年村民委员会成员名单"},
				{"村", "村民小组", "姓名", "性别", "出生年月", "职务", "政治面貌", "学历"},
				{"东山村", "一组", "王芳", "女", "1976.05", "主任", "中共党员", "大专"},
			},
			want:    want{township: "青石镇", body: "村民委员会"},
			members: 1,
			notices: []string{"unknown_column@B2", "body_from_name@", "township_from_title@", "year_from_title@"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := writeXLSX(t, sheetData{name: c.sheet, rows: c.rows})
			path := filepath.Join(t.TempDir(), c.file)
			if err := os.Rename(src, path); err != nil {
				t.Fatal(err)
			}
			p, err := ParseFile(path, ParseOptions{County: "白河县", Year: 2024})
			if err != nil {
				t.Fatal(err)
			}
			if errs := rules(p, Error); len(errs) > 0 {
				t.Fatalf("errors %v: %v", errs, p.Problems)
			}
			w := c.want
			if len(p.Members) != c.members {
				t.Fatalf("%d members, want %d: %v", len(p.Members), c.members, p.Problems)
			}
			for _, m := range p.Members {
				if m.Township != w.township || w.unit != "" && m.Unit != w.unit || m.Body != w.body || m.Year != 2024 {
					t.Errorf("member %s under %s %s %d %s, want %s %s 2024 %s", m.Name, m.Township, m.Unit, m.Year, m.Body, w.township, w.unit, w.body)
				}
			}
			switch {
			case w.seats == 0 && len(p.Results) > 0:
				t.Errorf("results %+v, want none", p.Results)
			case w.seats > 0 && len(p.Results) != 1:
				t.Errorf("%d results, want 1: %v", len(p.Results), p.Problems)
			case w.seats > 0:
				r := p.Results[0]
				got := fmt.Sprintf("%s %s %s %d %v %v %v %v %v", r.Township, r.Unit, r.Body, r.Year, count0(r.Registered), count0(r.Voted), count0(r.ValidBallots), count0(r.Seats), count0(r.Elected))
				exp := fmt.Sprintf("%s %s %s 2024 %v %v %v %v %v", w.township, w.unit, w.body, w.registered, w.voted, w.valid, w.seats, w.n)
				if got != exp {
					t.Errorf("results row %s, want %s", got, exp)
				}
			}
			if got := rules(p, Warning); !slices.Equal(got, c.warnings) {
				t.Errorf("warnings %v, want %v: %v", got, c.warnings, p.Problems)
			}
			if got := rules(p, Notice); !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(c.notices))) {
				t.Errorf("notices %v, want %v: %v", got, c.notices, p.Problems)
			}
		})
	}
}

// count0 is a count for a comparison: 0 when it is not given.
func count0(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// TestFormOnlySheet: a 选举结果报告单 without its roster, on a sheet named after its village, is that
// village's results row; the same counts on a sheet that names no village are no table, as before.
func TestFormOnlySheet(t *testing.T) {
	form := [][]any{
		{"村民委员会选举结果报告单"},
		{"乡镇：青石镇"},
		{"登记选民数", 900},
		{"参加投票人数", 850},
		{"应选职数", 3},
		{"当选人数", 2},
	}
	parse := func(sheet string) *Parsed {
		p, err := ParseFile(writeXLSX(t, sheetData{name: sheet, rows: form}), ParseOptions{County: "白河县", Year: 2024})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	p := parse("西河村")
	if errs := rules(p, Error); len(errs) > 0 || len(p.Results) != 1 {
		t.Fatalf("errors %v, %d results: %v", errs, len(p.Results), p.Problems)
	}
	if r := p.Results[0]; r.Unit != "西河村" || r.Township != "青石镇" || count0(r.Voted) != 850 || count0(r.Elected) != 2 || r.Row != 6 {
		t.Errorf("results row %+v", r)
	}
	p = parse("汇总")
	if len(p.Results) != 0 || !slices.Equal(rules(p, Error), []string{"no_data_sheet@"}) {
		t.Errorf("a form naming no village: results %v, problems %v, want no_data_sheet as before", p.Results, p.Problems)
	}
}

// TestFormPairs: which cells of a row above a table are labelled values.
func TestFormPairs(t *testing.T) {
	for _, c := range []struct {
		cells []string
		want  []string // field key=value@cell
	}{
		{[]string{"乡镇（街道）：青石镇", "", "村（社区）：东山村", "选举日期：2024年3月15日"},
			[]string{"township=青石镇@A1", "unit=东山村@C1", "election_date=2024年3月15日@D1"}},
		{[]string{"登记选民数", "登记选民数", "1,200人", "参加投票人数", "", "1100"}, []string{"registered=1,200人@C1", "voted=1100@F1"}},
		{[]string{"乡镇", "青石镇", "村", "东山村", "年份", "2024年"}, []string{"township=青石镇@B1", "unit=东山村@D1", "year=2024年@F1"}},
		{[]string{"村", "村民小组", "姓名", "性别"}, nil},                                    // a header: no value looks like one
		{[]string{"乡镇", "村", "登记选民数", "参加投票人数"}, nil},                               // a header of labels only
		{[]string{"填报单位：青石镇人民政府", "填报日期：2024.3.20"}, nil},                           // the sender and the day of filling are not the election's
		{[]string{"说明：登记选民数按选民名单填写"}, nil},                                          // a note
		{[]string{"选举类型：村民委员会", "应选职数：5"}, []string{"body=村民委员会@A1", "seats=5@B1"}}, // either colon
		{[]string{"年份:2024"}, []string{"year=2024@A1"}},
		{[]string{"填报单位：青石镇人民政府", "", "单位：人"}, nil}, // the unit of the counts
		{[]string{"村：东"}, nil}, // a place's name has two characters or more
	} {
		var got []string
		for _, p := range formPairs(1, c.cells) {
			got = append(got, fmt.Sprintf("%s=%s@%s", fieldKeys[p.f], p.value, cellRef(p.col, p.row)))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: %v, want %v", c.cells, got, c.want)
		}
	}
}

// TestTablesOfBothKindsTwice: a roster read by its 职务, the results below it, and a roster again below those
// (without 职务): each table is read by its own header, never with the first table's way of telling bodies
// (the third lacks 职务: missing_column), and a message about the results row names its cells by the results'
// header, not the roster's read last.
func TestTablesOfBothKindsTwice(t *testing.T) {
	p := mustParse(t, writeXLSX(t, sheetData{name: "东山村", rows: [][]any{
		{"乡镇", "年份", "姓名", "职务", "性别", "出生年月", "政治面貌", "学历"},
		{"青石镇", 2024, "王芳", "村委会主任", "女", "1976.05", "中共党员", "大专"},
		{"选举结果"},
		{"乡镇", "年份", "选举类型", "登记选民数", "参加投票人数", "应选职数", "当选人数"},
		{"青石镇", 2024, "村民委员会", 1200, 1100, 1, 1},
		{"当选人员"},
		{"乡镇", "年份", "姓名", "性别", "出生年月", "政治面貌", "学历"},
		{"青石镇", 2024, "李四", "男", "1980.03", "群众", "高中"},
	}}))
	if got := rules(p, Error); !slices.Equal(got, []string{"missing_column@"}) || len(p.Results) != 1 {
		t.Errorf("errors %v, want the third table's missing 职务 only; %d results: %v", got, len(p.Results), p.Problems)
	}
	for _, pr := range p.Problems {
		if pr.Rule == "member_count_mismatch" && !strings.Contains(pr.Message, "当选人数(G5)") {
			t.Errorf("the results row's cell named from the roster's header: %s", pr.Message)
		}
	}
}
