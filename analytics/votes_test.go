package analytics_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"electsum/analytics"
	"electsum/ingest"
)

// writeRows writes rows (a header first) as a UTF-8 CSV file at dir/name and returns its folder.
func writeRows(t *testing.T, dir, name string, rows ...string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestVotesOverBallotsAcrossFiles: a person's 得票数 above the 有效票数 of their election is found over
// the whole database, not only inside one file — here the results and members of a village committee,
// a 乡镇党委 and a 县级人大代表 选区 come as two CSV files (so ingest's own check, which compares the two
// sheets of one file, cannot see it), and then a resubmitted results file lowers the 有效票数 under
// members loaded before. Each kind's model lists it as a 数据错误 (not a legal failure), in v_checks or
// v_congress_checks with the figures.
func TestVotesOverBallotsAcrossFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := ingest.Open(ctx, filepath.Join(dir, "electsum.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	results := func(valid string) []string {
		return []string{
			"乡镇,村(社区),年份,选举类型,登记选民数,参加投票人数,有效票数,无效票数,应选职数,候选人数,当选人数",
			"东镇,红星村,2024,村民委员会,200,150," + valid + ",,3,4,1",
			"东镇,东镇党代会,2024,乡镇党委,100,95,95,0,1,2,1",
			"东镇,第一选区,2024,县级人大代表,2000,1900,1890,10,1,2,1",
		}
	}
	members := []string{
		"乡镇,村(社区),年份,选举类型,姓名,职务,性别,出生年月,政治面貌,学历,是否连任,得票数",
		"东镇,红星村,2024,村民委员会,张三,主任,男,1975.03,中共党员,高中,是,140",
		"东镇,东镇党代会,2024,乡镇党委,李四,书记,男,1978.05,中共党员,大学本科,否,96",
		"东镇,第一选区,2024,县级人大代表,王五,代表,女,1980.01,群众,大学本科,否,1895",
	}
	first := writeRows(t, filepath.Join(dir, "first"), "选举结果.csv", results("148")...)
	writeRows(t, first, "当选人员.csv", members...)
	opts := ingest.LoadOptions{County: "示例县", Install: analytics.InstallTx}
	if _, err := ingest.Load(ctx, db, []string{first}, opts); err != nil {
		t.Fatal(err)
	}
	type want struct{ body, name, message string }
	check := func(stage string, village []want) {
		t.Helper()
		scope := analytics.Scope{County: "示例县", Township: "东镇", Year: 2024}
		s, err := analytics.Summarize(ctx, db, scope, analytics.Options{})
		if err != nil {
			t.Fatal(err)
		}
		p, err := analytics.SummarizePartyCongress(ctx, db, scope, analytics.Options{})
		if err != nil {
			t.Fatal(err)
		}
		c, err := analytics.SummarizeCongress(ctx, db, scope, analytics.Options{})
		if err != nil {
			t.Fatal(err)
		}
		wants := append(village,
			want{"乡镇党委", "李四", "李四（书记）得票96张，多于该选举的有效票95张：得票数不能超过有效票数，请核对选举结果和当选人员"},
			want{"县级人大代表", "王五", "王五（代表）得票1895张，多于该选举的有效票1890张：得票数不能超过有效票数，请核对选举结果和当选人员"})
		var got []analytics.Check
		for _, checks := range [][]analytics.Check{s.Checks, p.Checks, c.Checks} {
			for _, ch := range checks {
				if ch.Rule == analytics.RuleVotesOverBallots {
					got = append(got, ch)
				}
			}
		}
		if len(got) != len(wants) {
			t.Fatalf("%s: %d votes_gt_valid_ballots checks in the models, want %d: %+v", stage, len(got), len(wants), got)
		}
		for i, w := range wants {
			g := got[i]
			if string(g.Body) != w.body || g.Message != w.message || g.Severity != analytics.SeverityDataError ||
				len(g.Quoted) != 1 || g.Quoted[0] != w.name {
				t.Errorf("%s: check %d is %+v, want %s %s %q (数据错误)", stage, i, g, w.body, w.name, w.message)
			}
		}
		var inViews int
		if err := db.QueryRow(`SELECT (SELECT count(*) FROM v_checks WHERE rule = 'votes_gt_valid_ballots')
			+ (SELECT count(*) FROM v_congress_checks WHERE rule = 'votes_gt_valid_ballots')`).Scan(&inViews); err != nil {
			t.Fatal(err)
		}
		if inViews != len(wants) {
			t.Errorf("%s: %d rows in v_checks and v_congress_checks, want %d", stage, inViews, len(wants))
		}
	}
	check("two files", nil)

	// The township sends its results again with 有效票 118 for 红星村: the members loaded before now
	// exceed it (ingest replaces the results only, as the resubmitted file holds no members).
	again := writeRows(t, filepath.Join(dir, "again"), "选举结果.csv", results("118")...)
	if _, err := ingest.Load(ctx, db, []string{again}, opts); err != nil {
		t.Fatal(err)
	}
	check("resubmitted results", []want{{"村民委员会", "张三", "张三（主任）得票140张，多于该选举的有效票118张：得票数不能超过有效票数，请核对选举结果和当选人员"}})
}
