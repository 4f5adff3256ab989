package ingest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestBallotRows: a committee's 主任 and 委员 elected on separate ballots, a results row each (the post
// in 选举类型 or in a 职位 column), are one election: seats, candidates and elected added up, one
// registration, the 主任's ballot's turnout, valid ballots only when the ballots agree (ballots.go).
func TestBallotRows(t *testing.T) {
	header := []any{"乡镇", "村", "年份", "选举类型", "登记选民数", "参加投票人数", "有效票数", "应选职数", "候选人数", "当选人数"}
	withPost := []any{"乡镇", "村", "年份", "选举类型", "职位", "登记选民数", "参加投票人数", "有效票数", "应选职数", "候选人数", "当选人数"}
	type merged struct {
		unit, body                                    string
		registered, voted, valid, seats, cands, elect int // valid -1: not stored
	}
	cases := []struct {
		name     string
		rows     [][]any
		want     []merged
		problems []string // severity rule@cell, in order, besides the ballot_rows notice
	}{
		{name: "the post in 选举类型", rows: [][]any{header,
			{"青石镇", "东山村", 2024, "村委会主任", 1200, 1100, 1090, 1, 2, 1},
			{"青石镇", "东山村", 2024, "村委会委员", 1200, 1100, 1090, 4, 5, 4},
			{"青石镇", "东山村", 2024, "村党支部", 45, 42, 42, 5, 6, 5},
			{"青石镇", "西河村", 2024, "村民委员会主任选举", 800, 700, 690, 1, 2, 1},
			{"青石镇", "西河村", 2024, "村民委员会副主任选举", 800, 700, 690, 1, 2, 1},
			{"青石镇", "西河村", 2024, "村民委员会委员选举", 800, 700, 690, 3, 4, 3},
		}, want: []merged{
			{"东山村", "村党组织", 45, 42, 42, 5, 6, 5},
			{"东山村", "村民委员会", 1200, 1100, 1090, 5, 7, 5},
			{"西河村", "村民委员会", 800, 700, 690, 5, 8, 5},
		}},
		{name: "a 職位 column, Traditional", rows: [][]any{
			{"鄉鎮", "村", "年份", "選舉類型", "職位", "登記選民數", "參加投票人數", "有效票數", "應選職數", "候選人數", "當選人數"},
			{"青石鎮", "東山村", 2024, "村委會", "主任", 1200, 1100, 1090, 1, 2, 1},
			{"青石鎮", "東山村", 2024, "村委會", "委員", 1200, 1100, 1090, 4, 5, 4},
			{"青石鎮", "東山村", 2024, "監委會", "主任", 1200, 1100, 1090, 1, 2, 1},
			{"青石鎮", "東山村", 2024, "監委會", "委員", 1200, 1100, 1090, 2, 3, 2},
		}, want: []merged{
			{"東山村", "村务监督委员会", 1200, 1100, 1090, 3, 5, 3},
			{"東山村", "村民委员会", 1200, 1100, 1090, 5, 7, 5},
		}},
		{name: "the 委员 ballot first, another turnout and other valid ballots", rows: [][]any{withPost,
			{"青石镇", "东山村", 2024, "村委会", "委员", 1200, 1090, 1080, 4, 5, 4},
			{"青石镇", "东山村", 2024, "村委会", "主任", 1200, 1100, 1095, 1, 2, 1},
		}, want: []merged{{"东山村", "村民委员会", 1200, 1100, -1, 5, 7, 5}},
			problems: []string{"警告 ballot_voted_differs@G3", "提示 ballot_valid_differs@H3"}},
		{name: "two registrations", rows: [][]any{withPost,
			{"青石镇", "东山村", 2024, "村委会", "主任", 1200, 1100, 1090, 1, 2, 1},
			{"青石镇", "东山村", 2024, "村委会", "委员", 1180, 1100, 1090, 4, 5, 4},
		}, problems: []string{"错误 ballot_registered_differs@F3"}},
		{name: "the same post twice", rows: [][]any{withPost,
			{"青石镇", "东山村", 2024, "村委会", "主任", 1200, 1100, 1090, 1, 2, 1},
			{"青石镇", "东山村", 2024, "村委会", "主任", 1200, 1100, 1090, 1, 2, 1},
		}, problems: []string{"错误 duplicate_result@B3"}},
		{name: "a party branch's posts are not its members' ballots", rows: [][]any{withPost,
			{"青石镇", "东山村", 2024, "村党支部", "书记", 45, 42, 42, 1, 1, 1},
			{"青石镇", "东山村", 2024, "村党支部", "委员", 45, 42, 42, 4, 5, 4},
		}, problems: []string{"错误 duplicate_result@B3"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := ParseFile(writeXLSX(t, sheetData{name: "选举结果", rows: c.rows}), ParseOptions{County: "白河县", Year: 2024})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			merging := false
			for _, pr := range p.Problems {
				if pr.Rule == "ballot_rows" {
					merging = true
					if !strings.Contains(pr.Message, "应选、候选、当选人数相加") {
						t.Errorf("notice: %s", pr.Message)
					}
					continue
				}
				got = append(got, fmt.Sprintf("%s %s@%s", pr.Severity, pr.Rule, pr.Cell))
			}
			if !slices.Equal(got, c.problems) {
				t.Errorf("problems %q, want %q", got, c.problems)
				for _, pr := range p.Problems {
					t.Log(pr.Rule, pr.Message)
				}
			}
			if c.want == nil {
				return
			}
			if !merging {
				t.Error("no ballot_rows notice")
			}
			var rows []merged
			for _, r := range p.Results {
				m := merged{r.Unit, r.Body, *r.Registered, *r.Voted, -1, *r.Seats, *r.Candidates, *r.Elected}
				if r.ValidBallots != nil {
					m.valid = *r.ValidBallots
				}
				rows = append(rows, m)
			}
			slices.SortFunc(rows, func(a, b merged) int { return strings.Compare(a.unit+a.body, b.unit+b.body) })
			if !slices.Equal(rows, c.want) {
				t.Errorf("results\n%v\nwant\n%v", rows, c.want)
			}
		})
	}
}

// TestBallotRowsLoad: the merged election is what the database holds, at its first row, and the roster
// of both ballots matches its 当选人数.
func TestBallotRowsLoad(t *testing.T) {
	db := openTestDB(t)
	path := writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{
		{"乡镇", "村", "年份", "选举类型", "登记选民数", "参加投票人数", "应选职数", "候选人数", "当选人数"},
		{"青石镇", "东山村", 2024, "村委会主任", 1200, 1100, 1, 2, 1},
		{"青石镇", "东山村", 2024, "村委会委员", 1200, 1100, 2, 3, 2},
	}}, sheetData{name: "当选人员", rows: [][]any{
		{"乡镇", "村", "年份", "选举类型", "姓名", "职务", "性别", "年龄", "政治面貌", "文化程度"},
		{"青石镇", "东山村", 2024, "村委会", "王芳", "主任", "女", 48, "中共党员", "大专"},
		{"青石镇", "东山村", 2024, "村委会", "李四", "委员", "男", 44, "群众", "高中"},
		{"青石镇", "东山村", 2024, "村委会", "赵六", "委员", "男", 54, "群众", "高中"},
	}})
	r := mustLoad(t, db, LoadOptions{County: "测试县"}, path)
	if got := problemsAt(r, Warning); len(got) != 0 {
		t.Errorf("warnings %v", got)
	}
	const want = "东山村 村民委员会 1200 1100 3 5 3 2\n"
	if got := queryText(t, db, `SELECT unit, body, registered, voted, seats, candidates, elected, source_row FROM elections`); got != want {
		t.Errorf("elections:\n%s\nwant\n%s", got, want)
	}
}

// TestBallotColumns: a results sheet with a group of counts per post (主任 | 委员 over 应选 | 候选 | 当选)
// adds the groups up; a count under two groups that are not posts (本届 | 上届) refuses the sheet, since
// reading either would be a guess (before, the first group was read as the whole election's).
func TestBallotColumns(t *testing.T) {
	place := []any{"乡镇", "村", "年份", "选举类型", "登记选民数", "参加投票人数"}
	merges := []string{"A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:F2", "G1:I1", "J1:L1", "M1:O1"}
	groups := func(a, b, c string) [][]any {
		if b == "" { // as a CSV file has it: each group's name once, no merged cells
			return [][]any{
				append(slices.Clone(place), a, "", "", "副主任", "", "", "委员", "", ""),
				{"", "", "", "", "", "", "应选", "候选", "当选", "应选", "候选", "当选", "应选", "候选", "当选"},
			}
		}
		return [][]any{
			append(slices.Clone(place), a, "", "", b, "", "", c, "", ""),
			{"", "", "", "", "", "", "应选", "候选", "当选", "应选", "候选", "当选", "应选", "候选", "当选"},
		}
	}
	cases := []struct {
		name     string
		rows     [][]any
		want     string // seats candidates elected of 东山村's row
		problems []string
		plain    bool // no merged cells, as a CSV file
	}{
		{name: "posts", rows: append(groups("主任", "副主任", "委员"),
			[]any{"青石镇", "东山村", 2024, "村委会", 1200, 1100, 1, 2, 1, "", "", "", 4, 5, 4}),
			want: "5 7 5", problems: []string{"ballot_columns@J2"}},
		{name: "posts, each written once over its group", rows: append(groups("主任", "", ""),
			[]any{"青石镇", "东山村", 2024, "村委会", 1200, 1100, 1, 2, 1, 1, 1, 1, 3, 4, 3}),
			want: "5 7 5", problems: []string{"ballot_columns@J2"}, plain: true},
		{name: "this term and the last", rows: append(groups("本届", "上届", "变化"),
			[]any{"青石镇", "东山村", 2024, "村委会", 1200, 1100, 5, 6, 5, 5, 7, 5, 0, -1, 0}),
			problems: []string{"column_twice@J2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sheet := sheetData{name: "选举结果", rows: c.rows, merges: merges}
			if c.plain {
				sheet.merges = nil
			}
			p, err := ParseFile(writeXLSX(t, sheet), ParseOptions{County: "白河县"})
			if err != nil {
				t.Fatal(err)
			}
			var problems []string
			for _, pr := range p.Problems {
				problems = append(problems, pr.Rule+"@"+pr.Cell)
			}
			if !slices.Equal(problems, c.problems) {
				t.Errorf("problems %q, want %q", problems, c.problems)
				for _, pr := range p.Problems {
					t.Log(pr.Message)
				}
			}
			if c.want == "" {
				if len(p.Results) != 0 {
					t.Errorf("a refused sheet gave %d results rows", len(p.Results))
				}
				return
			}
			if len(p.Results) != 1 {
				t.Fatalf("%d results rows", len(p.Results))
			}
			r := p.Results[0]
			if got := fmt.Sprint(*r.Seats, *r.Candidates, *r.Elected); got != c.want {
				t.Errorf("seats candidates elected %s, want %s", got, c.want)
			}
		})
	}
}
