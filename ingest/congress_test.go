package ingest

import (
	"fmt"
	"slices"
	"testing"
)

// The results sheet of a people's congress election: the base columns and the congressColumns.
// Columns: A 乡镇 B 选区 C 年份 D 选举类型 E 总人口 F 18周岁以上人口 G 回户籍地参选人数 H 参加本单位选举人数
// I 下落不明人数 J 不能行使选举权利人数 K 停止行使选举权利人数 L 被剥夺选举权利人数 M 登记选民数 N 女性选民数
// O 参加投票人数 P 投票站投票数 Q 流动票箱投票数 R 委托投票数 S 有效票数 T 无效票数 U 应选职数 V 候选人数
// W 政党团体推荐候选人数 X 联名推荐候选人数 Y 当选人数 Z 选举轮次
var congressHeader = []any{"乡镇(街道)", "选区", "年份", "选举类型", "总人口", "18周岁以上人口", "回户籍地参选人数", "参加本单位选举人数",
	"下落不明人数", "不能行使选举权利人数", "停止行使选举权利人数", "被剥夺选举权利人数", "登记选民数", "女性选民数",
	"参加投票人数", "投票站投票数", "流动票箱投票数", "委托投票数", "有效票数", "无效票数", "应选职数", "候选人数",
	"政党团体推荐候选人数", "联名推荐候选人数", "当选人数", "选举轮次"}

// congressRow is a clean row: 2400 adults − 100 − 40 − 10 − 3 − 1 − 2 = 2244 registered.
func congressRow() []any {
	return []any{"城关镇", "第一选区", 2024, "县级人大代表", 3000, 2400, 100, 40, 10, 3, 1, 2, 2244, 1100,
		2200, 2000, 150, 50, 2190, 10, 2, 3, 1, 2, 2, "一次选足"}
}

var congressMembersHeader = []any{"乡镇(街道)", "选区", "年份", "选举类型", "姓名", "职务", "性别", "年龄", "政治面貌", "学历", "是否连任", "代表构成", "得票数"}

func congressMember(name string, votes int) []any {
	return []any{"城关镇", "第一选区", 2024, "县级人大代表", name, "代表", "男", 50, "群众", "大学本科", "否", "工人", votes}
}

func TestCongressChecks(t *testing.T) {
	results := func(rows ...[]any) []sheetData {
		return []sheetData{{name: "选举结果", rows: append([][]any{congressHeader}, rows...)}}
	}
	withMembers := func(r []any, ms ...[]any) []sheetData {
		return []sheetData{{name: "选举结果", rows: [][]any{congressHeader, r}},
			{name: "当选人员", rows: append([][]any{congressMembersHeader}, ms...)}}
	}
	ok := congressRow()
	for _, c := range []struct {
		name    string
		sheets  []sheetData
		want    []string // "severity rule@cell" of every problem
		message string   // of the first, when given
	}{
		{name: "clean", sheets: withMembers(ok, congressMember("张三", 1500), congressMember("李四", 1400))},
		{name: "adults > population", sheets: results(set(ok, 4, 2300)), want: []string{"错误 part_gt_whole@F2"},
			message: "18周岁以上人口(F2) 2400，多于总人口(E2) 2300：部分不能大于总数，请核对"},
		{name: "exclusions > adults", sheets: results(set(ok, 4, 150, 5, 150)), want: []string{"错误 part_gt_whole@F2"},
			message: "未在本选区登记的各项人数(回户籍地参选人数(G2) 100、参加本单位选举人数(H2) 40、下落不明人数(I2) 10、不能行使选举权利人数(J2) 3、停止行使选举权利人数(K2) 1、被剥夺选举权利人数(L2) 2)合计 156，多于18周岁以上人口(F2) 150：部分不能大于总数，请核对"},
		{name: "women > registered", sheets: results(set(ok, 13, 2300)), want: []string{"错误 part_gt_whole@N2"},
			message: "女性选民数(N2) 2300，多于登记选民数(M2) 2244：部分不能大于总数，请核对"},
		{name: "registration does not add up", sheets: results(set(ok, 12, 2250, 14, 2200)), want: []string{"警告 registration_mismatch@M2"},
			message: "18周岁以上人口(F2) 2400 减去未在本选区登记的 156 人为 2244，与登记选民数(M2) 2250 不符：如有外地来本选区登记的选民属正常，否则请核对选民登记各项"},
		{name: "registration with a part blank is not summed", sheets: results(set(ok, 12, 2250, 11, ""))},
		{name: "nominated > candidates", sheets: results(set(ok, 22, 2, 23, 2)), want: []string{"错误 part_gt_whole@V2"}},
		{name: "nominated < candidates", sheets: results(set(ok, 22, 0)), want: []string{"警告 nomination_mismatch@V2"}},
		{name: "vote modes > voted", sheets: results(set(ok, 15, 2100)), want: []string{"错误 part_gt_whole@O2"}},
		{name: "vote modes < voted", sheets: results(set(ok, 15, 1900)), want: []string{"警告 vote_modes_mismatch@O2"}},
		{name: "elected > seats", sheets: results(set(ok, 24, 3)), want: []string{"错误 elected_gt_seats@Y2"}},
		{name: "未选足 yet filled", sheets: results(set(ok, 25, "未选足")), want: []string{"警告 round_mismatch@Z2"}},
		{name: "round outside enum", sheets: results(set(ok, 25, "第三轮")), want: []string{"错误 bad_enum@Z2"}},
		{name: "votes > valid ballots", sheets: withMembers(ok, congressMember("张三", 2191), congressMember("李四", 1400)),
			want:    []string{"错误 votes_gt_valid_ballots@M2"},
			message: "张三 的得票数(M2)为 2191，多于城关镇第一选区 2024 年县级人大代表在“选举结果”表中的有效票数(S2) 2190：得票数不能超过有效票数，请核对"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := mustParse(t, writeXLSX(t, c.sheets...))
			var got []string
			for _, pr := range p.Problems {
				got = append(got, fmt.Sprintf("%s %s@%s", pr.Severity, pr.Rule, pr.Cell))
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(c.want))
			if !slices.Equal(got, want) {
				t.Fatalf("problems %q, want %q (%v)", got, want, p.Problems)
			}
			if c.message != "" {
				for _, pr := range p.Problems {
					if fmt.Sprintf("%s %s@%s", pr.Severity, pr.Rule, pr.Cell) == c.want[0] && pr.Message != c.message {
						t.Errorf("message:\n got %s\nwant %s", pr.Message, c.message)
					}
				}
			}
		})
	}
}

// TestCongressHeaders reads the congress columns under Traditional and English headers and checks the
// values land in the right fields.
func TestCongressHeaders(t *testing.T) {
	header := []any{"鄉鎮", "選區", "year", "選舉類型", "population", "十八周歲以上人口", "回戶籍地參選", "參加本單位選舉",
		"下落不明", "不能行使選舉權利", "停止行使選舉權利", "被剝奪政治權利人數", "登記選民數", "其中女性",
		"參加投票人數", "現場投票數", "流動票箱", "委託投票", "有效票", "無效票", "應選名額", "正式候選人數",
		"nominated_by_parties", "聯名推薦", "當選人數", "選舉輪次"}
	row := set(congressRow(), 3, "鄉級人大代表", 25, "另行選舉")
	p := mustParse(t, writeXLSX(t, sheetData{name: "選舉結果", rows: [][]any{header, row}}))
	if len(p.Problems) != 0 || len(p.Results) != 1 {
		t.Fatalf("%d results, problems %v", len(p.Results), p.Problems)
	}
	r := p.Results[0]
	c := r.Congress
	got := fmt.Sprintln(r.Body, *c.Population, *c.Adults, *c.AwayHome, *c.AwayWorkplace, *c.AwayMissing, *c.Incapable,
		*c.Suspended, *c.Deprived, *r.Registered, *c.RegisteredWomen, *c.InPersonVotes, *c.NominatedByParties, *c.NominatedByVoters, c.Round)
	if want := "乡级人大代表 3000 2400 100 40 10 3 1 2 2244 1100 2000 1 2 另行选举\n"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestDeputiesRosterWithoutPosition: a township's roster of deputies (代表名册) often has no 职务 column —
// a deputy holds no post but 代表 — and names the seats 应选代表名额. It loads, every row a 代表; a
// village roster without 职务 is still refused for the missing column, and a blank 职务 cell of a
// village body is still missing_value.
func TestDeputiesRosterWithoutPosition(t *testing.T) {
	results := []any{"乡镇", "选区", "年份", "选举类型", "登记选民数", "参加投票人数", "应选代表名额", "正式代表候选人数", "当选代表数"}
	roster := []any{"乡镇", "选区", "年份", "选举类型", "姓名", "性别", "年龄", "政治面貌", "文化程度", "是否连任", "代表构成"}
	p := mustParse(t, writeXLSX(t,
		sheetData{name: "选区情况", rows: [][]any{results, {"青石镇", "第一选区", 2024, "乡级人大代表", 2100, 2000, 2, 3, 2}}},
		sheetData{name: "代表名册", rows: [][]any{roster,
			{"青石镇", "第一选区", 2024, "乡级人大代表", "王强", "男", 49, "中共党员", "大专", "是", "干部"},
			{"青石镇", "第一选区", 2024, "乡级人大代表", "李芳", "女", 43, "群众", "高中", "否", "农民"}}},
	))
	if len(p.Problems) != 0 {
		t.Fatalf("problems: %v", p.Problems)
	}
	if len(p.Results) != 1 || *p.Results[0].Seats != 2 || *p.Results[0].Candidates != 3 || *p.Results[0].Elected != 2 {
		t.Errorf("results: %+v", p.Results)
	}
	if len(p.Members) != 2 || p.Members[0].Position != "代表" || p.Members[1].Position != "代表" {
		t.Errorf("members: %+v", p.Members)
	}

	p = mustParse(t, writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{roster,
		{"青石镇", "上湾村", 2024, "村民委员会", "王强", "男", 49, "中共党员", "大专", "是", ""}}}))
	if got := rules(p, Error); !slices.Equal(got, []string{"missing_column@"}) {
		t.Errorf("a village roster without 职务: errors %v, want missing_column", got)
	}

	withPosition := append(slices.Clone(roster), "职务")
	p = mustParse(t, writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{withPosition,
		{"青石镇", "上湾村", 2024, "村民委员会", "王强", "男", 49, "中共党员", "大专", "是", "", ""},
		{"青石镇", "第一选区", 2024, "乡级人大代表", "李芳", "女", 43, "群众", "高中", "否", "农民", ""}}}))
	if got := rules(p, Error); !slices.Equal(got, []string{"missing_value@L2"}) {
		t.Errorf("blank 职务 cells: errors %v, want only the village member's missing_value@L2", got)
	}
}
