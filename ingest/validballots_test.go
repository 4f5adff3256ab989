package ingest

import (
	"slices"
	"testing"
)

// TestMemberValidBallots: a roster's 有效票数 is the ballot that elected the person (另行选举): their
// 得票数 is checked against it, row by row, and not against the results row's 有效票数; a person without
// it is checked against the results row as before.
func TestMemberValidBallots(t *testing.T) {
	p := mustParse(t, writeXLSX(t,
		sheetData{name: "选举结果", rows: [][]any{
			{"乡镇", "村", "年份", "选举类型", "登记选民数", "参加投票人数", "有效票数", "应选职数", "当选人数"},
			{"青石镇", "东山村", 2024, "村党组织", 60, 58, 50, 3, 3},
		}},
		sheetData{name: "当选人员", rows: [][]any{
			{"乡镇", "村", "年份", "选举类型", "姓名", "职务", "性别", "出生年月", "政治面貌", "学历", "得票数", "有效票数"},
			{"青石镇", "东山村", 2024, "村党组织", "王芳", "书记", "女", "1976.05", "中共党员", "大专", 48, ""},
			{"青石镇", "东山村", 2024, "村党组织", "李四", "委员", "男", "1980.03", "中共党员", "高中", 55, 57}, // 另行选举
			{"青石镇", "东山村", 2024, "村党组织", "赵六", "委员", "男", "1970.03", "中共党员", "高中", 56, 52},
		}}))
	if got := rules(p, Error); !slices.Equal(got, []string{"votes_gt_valid_ballots@K4"}) {
		t.Errorf("errors %v, want votes_gt_valid_ballots@K4 (赵六 56 of his own 52): %v", got, p.Problems)
	}
	if v := p.Members[1].ValidBallots; v == nil || *v != 57 || p.Members[0].ValidBallots != nil {
		t.Errorf("valid ballots %v, %v", p.Members[0].ValidBallots, v)
	}
	for _, pr := range p.Problems {
		if pr.Rule == "votes_gt_valid_ballots" && pr.Message != "赵六 的得票数(K4)为 56，多于有效票数(L4) 52：得票数不能超过有效票数，请核对" {
			t.Errorf("message %s", pr.Message)
		}
	}
}
