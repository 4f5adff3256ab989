package ingest

import (
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
