package ingest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestHeaderLookup(t *testing.T) {
	results, members := specs[0], specs[1]
	for _, c := range []struct {
		spec *sheetSpec
		in   string
		want field
	}{
		{results, "登记选民数", fRegistered},
		{results, "登記選民數", fRegistered},
		{results, " 登记选民数 ", fRegistered},
		{results, "登记\n选民数", fRegistered},
		{results, "登记选民数（人）", fRegistered},
		{results, "登记选民数(人)", fRegistered},
		{results, "*登记选民数", fRegistered},
		{results, "有选举权人数", fRegistered},
		{results, "实参选人数", fVoted},
		{results, "应到人数", fRegistered},
		{results, "registered", fRegistered},
		{results, "Registered", fRegistered},
		{results, "valid_ballots", fValidBallots},
		{results, "Valid Ballots", fValidBallots},
		{results, "VALID-BALLOTS", fValidBallots},
		{results, "县(市、区)", fCounty},
		{results, "县（市、区）", fCounty},
		{results, "縣（市、區）", fCounty},
		{results, "县市区", fCounty},
		{results, "乡镇（街道）", fTownship},
		{results, "鄉鎮(街道)", fTownship},
		{results, "村（社区）", fUnit},
		{results, "選舉類型", fBody},
		{results, "一次選舉成功", fFirstRound},
		{results, "【届次】", fTerm},
		{members, "姓名", fName},
		{members, "姓　名", fName},
		{members, "出生年月", fBirth},
		{members, "出生年月日", fBirth},
		{members, "年龄（周岁）", fAge},
		{members, "年齡(週歲)", fAge},
		{members, "政治面貌", fParty},
		{members, "文化程度", fEducation},
		{members, "身份證號碼", fIDNumber},
		{members, "id_number", fIDNumber},
		{members, "graduate_official", fGraduateOfficial},
	} {
		got, ok := c.spec.lookup(c.in)
		if !ok || got != c.want {
			t.Errorf("%s.lookup(%q) = %s, %v; want %s", c.spec.kind, c.in, fieldKeys[got], ok, fieldKeys[c.want])
		}
	}
	for _, in := range []string{"备注", "序号", "", "登记", "XX镇2024年村两委换届选举结果统计表"} {
		if f, ok := results.lookup(in); ok {
			t.Errorf("lookup(%q) = %s, want no match", in, fieldKeys[f])
		}
	}
}

// TestHeaderLookupNear: a header that only adds or drops the words for "name of" and "number of" (名称,
// 总数, 人数 …) or a 所属 still finds its column, by lookupNear; a stem two columns share finds none, and
// the exact lookup is never overruled.
func TestHeaderLookupNear(t *testing.T) {
	results, members := specs[0], specs[1]
	for _, c := range []struct {
		spec *sheetSpec
		in   string
		want field
	}{
		{results, "村居名称", fUnit},
		{results, "单位名称", fUnit},
		{results, "社区名称", fUnit},
		{results, "所属社区", fUnit},
		{results, "乡镇街道名称", fTownship},
		{results, "选民总数", fRegistered},
		{results, "選民總數", fRegistered},
		{results, "选民人数（人）", fRegistered},
		{results, "登记选民总人数", fRegistered},
		{results, "当选人", fElected},
		{results, "候选人人数", fCandidates},
		{results, "有效选票数", fValidBallots},
		{members, "民族名称", fEthnicity},
		{results, "所在乡镇", fTownship},
		{results, "实际当选人数", fElected},
		{results, "實際當選人數", fElected},
	} {
		if _, exact := c.spec.lookup(c.in); exact {
			t.Errorf("%s: %q is an exact alias; the case tests nothing", c.spec.kind, c.in)
		}
		got, ok := c.spec.lookupNear(c.in)
		if !ok || got != c.want {
			t.Errorf("%s.lookupNear(%q) = %s, %v; want %s", c.spec.kind, c.in, fieldKeys[got], ok, fieldKeys[c.want])
		}
	}
	for _, in := range []string{"备注", "序号", "人数", "总数", "名称", "所属", "所属村", "实际", "所在", "Voters Total", "XX镇2024年村两委换届选举结果统计表"} {
		if f, ok := results.lookupNear(in); ok {
			t.Errorf("lookupNear(%q) = %s, want no match", in, fieldKeys[f])
		}
	}
	// Every stem kept names one column: no alias of another column stems to it.
	for _, spec := range specs {
		for i, c := range spec.cols {
			if c == nil {
				continue
			}
			for _, h := range append([]string{c.Header}, c.Aliases...) {
				if f, ok := spec.lookupNear(h); ok && f != field(i) {
					t.Errorf("%s: %q (a header of %s) stems to %s", spec.kind, h, c.Key, fieldKeys[f])
				}
			}
		}
	}
}

func TestBestHeader(t *testing.T) {
	for _, c := range []struct {
		name    string
		parent  []string
		row     []string
		kind    SheetKind // "" for no header
		columns map[field]int
	}{
		{name: "results in order",
			row:  []string{"乡镇(街道)", "村(社区)", "年份", "选举类型", "登记选民数", "参加投票人数", "应选职数", "当选人数"},
			kind: ResultsSheet, columns: map[field]int{fTownship: 0, fUnit: 1, fRegistered: 4, fElected: 7}},
		{name: "members shuffled, traditional and English",
			row:  []string{"姓名", "性別", "unit", "township", "年份", "選舉類型", "職務", "出生年月", "政治面貌", "學歷", "是否連任"},
			kind: MembersSheet, columns: map[field]int{fName: 0, fGender: 1, fUnit: 2, fTownship: 3, fPosition: 6, fEducation: 9, fReelected: 10}},
		{name: "title row",
			row:  []string{"XX镇2024年村两委换届选举结果统计表", "XX镇2024年村两委换届选举结果统计表"},
			kind: ""},
		{name: "instructions sheet",
			row:  []string{"列名", "必填", "含义", "可选值"},
			kind: ""},
		{name: "two-row header with merged parent",
			parent: []string{"乡镇", "村", "年份", "选举类型", "选举情况", "选举情况", "选举情况", "职数", "当选人数"},
			row:    []string{"乡镇", "村", "年份", "选举类型", "登记选民数", "参加投票人数", "有效票", "职数", "当选人数"},
			kind:   ResultsSheet, columns: map[field]int{fTownship: 0, fRegistered: 4, fVoted: 5, fValidBallots: 6, fSeats: 7, fElected: 8}},
		{name: "headers that name their columns loosely",
			row:  []string{"乡镇名称", "村居名称", "年度", "选举类型", "选民总数", "参选选民数", "应选人数", "当选人"},
			kind: ResultsSheet, columns: map[field]int{fTownship: 0, fUnit: 1, fYear: 2, fRegistered: 4, fVoted: 5, fSeats: 6, fElected: 7}},
		{name: "a loose header never displaces an exact one further right",
			row:  []string{"乡镇", "村", "年份", "选举类型", "党员人数", "登记选民数", "参加投票人数", "应选职数", "当选人数"},
			kind: ResultsSheet, columns: map[field]int{fRegistered: 5, fVoted: 6}},
		{name: "two-row header, combined text",
			parent: []string{"乡镇", "村", "年份", "选举类型", "登记", "参加投票", "应选", "当选"},
			row:    []string{"", "", "", "", "选民数", "人数", "职数", "人数"},
			kind:   ResultsSheet, columns: map[field]int{fRegistered: 4, fVoted: 5, fSeats: 6, fElected: 7}},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := bestHeader(c.parent, c.row)
			if c.kind == "" {
				if l != nil && l.isHeader() {
					t.Fatalf("recognised a %s header in %q", l.spec.kind, c.row)
				}
				return
			}
			if l == nil || !l.isHeader() {
				t.Fatalf("no header recognised in %q", c.row)
			}
			if l.spec.kind != c.kind {
				t.Fatalf("kind = %s, want %s", l.spec.kind, c.kind)
			}
			for f, want := range c.columns {
				if l.col[f] != want {
					t.Errorf("column of %s = %d, want %d", fieldKeys[f], l.col[f], want)
				}
			}
		})
	}
}

// TestLooseHeaderIsReadWithANotice: a column found by its stem is read, and a notice names the
// standard column it was read as, so that a clerk sees the guess and can correct the header.
func TestLooseHeaderIsReadWithANotice(t *testing.T) {
	header := set(resultsHeader, 5, "选民总数")
	p := mustParse(t, writeXLSX(t, sheetData{name: "Sheet1", rows: [][]any{header, resultRow("石桥村", "村民委员会", 5)}}))
	if errs := rules(p, Error); len(errs) != 0 {
		t.Fatalf("errors = %v", errs)
	}
	if len(p.Results) != 1 || p.Results[0].Registered == nil || *p.Results[0].Registered != 1200 {
		t.Fatalf("results = %+v", p.Results)
	}
	var found bool
	for _, pr := range p.Problems {
		if pr.Rule == "column_read_as" {
			found = true
			if want := "工作表“Sheet1”的列“选民总数”按标准列“登记选民数”读取：如不是这个意思，请改用标准列名"; pr.Message != want || pr.Cell != "F1" {
				t.Errorf("notice %s %q, want F1 %q", pr.Cell, pr.Message, want)
			}
		}
	}
	if !found {
		t.Errorf("no column_read_as notice: %v", rules(p, Notice))
	}
}

// TestMissingColumnIsNotAnEmptyFile: rows under a header that lacks a required column are not read,
// but they are there: the file gets the missing_column error, not also "no data rows".
func TestMissingColumnIsNotAnEmptyFile(t *testing.T) {
	p := mustParse(t, writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{drop(resultsHeader, 5), drop(resultRow("石桥村", "村民委员会", 5), 5)}}))
	if errs := rules(p, Error); len(errs) != 1 || !strings.HasPrefix(errs[0], "missing_column") {
		t.Errorf("errors = %v, want missing_column", errs)
	}
	if ws := rules(p, Warning); len(ws) != 0 {
		t.Errorf("warnings = %v, want none", ws)
	}
}

func TestUnknownColumnIsNotice(t *testing.T) {
	header := append([]any{"序号"}, resultsHeader...)
	header = append(header, "备注")
	row := append([]any{1}, resultRow("石桥村", "村民委员会", 5)...)
	p := mustParse(t, writeXLSX(t, sheetData{name: "Sheet1", rows: [][]any{header, row}}))
	got := rules(p, Notice)
	want := []string{"unknown_column@A1", "unknown_column@O1"}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("notices = %v, want %v", got, want)
	}
	if errs := rules(p, Error); len(errs) != 0 {
		t.Errorf("errors = %v", errs)
	}
	if len(p.Results) != 1 || *p.Results[0].Elected != 5 {
		t.Errorf("results = %+v", p.Results)
	}
}

// bestHeader's memo of rows alone (headerMemo) gives what matching the row gives (matchBest), each time
// a layout of the caller's own: a headerEnd set on one is not seen by the next; rows that match nothing,
// and rows too long for the memo, are nil or matched as before.
func TestHeaderMemoGivesFreshLayouts(t *testing.T) {
	var results, members []string
	for _, h := range resultsHeader {
		results = append(results, fmt.Sprint(h))
	}
	for _, h := range membersHeader {
		members = append(members, fmt.Sprint(h))
	}
	long := append(append([]string{}, results...), strings.Repeat("备注", maxHeaderMemoKey))
	for _, row := range [][]string{results, members, long, {"", "标题"}, {"张三", "男"}} {
		want := matchBest(nil, row)
		for i := range 3 {
			got := bestHeader(nil, row)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%.20q, call %d: bestHeader %+v, matchBest %+v", row, i, got, want)
			}
			if got != nil {
				got.headerEnd = 9
			}
		}
	}
}

// TestHeaderLineBreaks: a header typed on two lines in its cell (出生\n年月, Alt+Enter in a narrow column)
// is read as the column, and a message quotes it on one line.
func TestHeaderLineBreaks(t *testing.T) {
	p := mustParse(t, writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{
		{"乡镇\n（街道）", "村\r\n（社区）", "年份", "选举\n类型", "登记\n选民数", "参加投票\n人数", "应选\n职数", "当选\n人数", "参选率\n（%）"},
		{"青石镇", "东山村", 2024, "村民委员会", 1200, 1100, 5, 5, "91.67"},
	}}))
	if len(p.Results) != 1 || len(p.Problems) != 1 || p.Problems[0].Column != "参选率（%）" {
		t.Errorf("%d results, problems %v", len(p.Results), p.Problems)
	}
}

// TestDerivedRates: a roster's 得票率 and a party meeting's 到会率 are figures electsum computes (得票数 /
// 有效票数, 实到 / 应到): said so and not read, and a stated 到会率 is compared as 参选率 is.
func TestDerivedRates(t *testing.T) {
	p := mustParse(t, writeXLSX(t,
		sheetData{name: "选举结果", rows: [][]any{
			{"乡镇", "村", "年份", "选举类型", "应到会人数", "实到会人数", "到会率", "有效票数", "应选职数", "当选人数"},
			{"青石镇", "东山村", 2024, "村党组织", 50, 45, "80%", 45, 1, 1},
		}},
		sheetData{name: "当选人员", rows: [][]any{
			{"乡镇", "村", "年份", "选举类型", "姓名", "职务", "性别", "出生年月", "政治面貌", "学历", "得票数", "得票率"},
			{"青石镇", "东山村", 2024, "村党组织", "王芳", "书记", "女", "1976.05", "中共党员", "大专", 44, "97.8%"},
		}}))
	got := append(rules(p, Warning), rules(p, Notice)...)
	if !slices.Equal(got, []string{"turnout_mismatch@G2", "derived_column@G1", "derived_column@L1"}) || len(p.Members) != 1 {
		t.Errorf("problems %v: %v", got, p.Problems)
	}
}
