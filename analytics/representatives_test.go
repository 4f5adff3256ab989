package analytics_test

import (
	"testing"

	"electsum/analytics"
)

// TestRepresentativesApartFromVoters: a 村务监督委员会 chosen by a 村民代表会议 (选举方式 村民代表会议推选)
// has 应到/实到村民代表 in its registered/voted; its 到会率 is a figure of its own, and the voters'
// 登记选民, 参选率 and unit lists leave it out (issue 10 prose: 监委会 by 村民代表 says 应到村民代表). A
// meeting with fewer than two thirds present fails 村民委员会组织法 第二十六条.
func TestRepresentativesApartFromVoters(t *testing.T) {
	db := fixtureDB(t, "county.sql")
	// 2024: 东村 and 南村 by their 村民代表会议 (36 of 40, 20 of 31: below two thirds), 西村 by its
	// voters (300 of 400, 75%); 2021: 东村 by its 村民代表会议 (30 of 40).
	if _, err := db.Exec(`INSERT INTO elections (county, township, unit, year, body, method, registered, voted, seats, candidates, elected, first_round, source_file, source_sheet, source_row)
		VALUES ('清河县', '东镇', '东村', 2024, '村务监督委员会', '村民代表会议推选', 40, 36, 3, 4, 3, true, 'h.xlsx', '选举结果', 2),
		       ('清河县', '东镇', '南村', 2024, '村务监督委员会', '村民代表会议推选', 31, 20, 3, 4, 3, true, 'h.xlsx', '选举结果', 3),
		       ('清河县', '西镇', '西村', 2024, '村务监督委员会', '有候选人', 400, 300, 3, 4, 3, true, 'h.xlsx', '选举结果', 4),
		       ('清河县', '东镇', '东村', 2021, '村务监督委员会', '村民代表会议推选', 40, 30, 3, 4, 3, true, 'h.xlsx', '选举结果', 5)`); err != nil {
		t.Fatal(err)
	}
	s := summarize(t, db, analytics.Scope{County: "清河县", Year: 2024}, analytics.Options{})
	p := s.Body(analytics.SupervisoryCommittee).Participation
	r := p.Representatives
	for _, c := range []struct {
		name string
		got  analytics.Figure
		cur  float64
		prev float64 // -1: no previous figure
	}{
		{"units", p.Units, 3, 1},
		{"voters' registered", p.Registered, 400, -1},
		{"voters' voted", p.Voted, 300, -1},
		{"参选率", p.Turnout, 75, -1},
		{"representatives' units", r.Units, 2, 1},
		{"应到村民代表", r.Due, 71, 40},
		{"实到村民代表", r.Present, 56, 30},
		{"到会率", r.Rate, 78.9, 75},
		{"by the voters", r.Voters, 1, 0},
	} {
		if !c.got.Current.OK || c.got.Current.V != c.cur {
			t.Errorf("%s = %+v, want %g", c.name, c.got.Current, c.cur)
		}
		if c.prev < 0 && c.got.Previous.OK || c.prev >= 0 && (!c.got.Previous.OK || c.got.Previous.V != c.prev) {
			t.Errorf("%s previous = %+v, want %g", c.name, c.got.Previous, c.prev)
		}
	}
	// Only 西村's 75% is a 参选率 below the threshold; 南村's 64.5% is a meeting's 到会率.
	if len(p.BelowThreshold) != 1 || p.BelowThreshold[0].Unit != "西村" {
		t.Errorf("below threshold %+v, want 西村 only", p.BelowThreshold)
	}
	if len(p.Lowest) != 1 || p.Lowest[0].Unit != "西村" || len(p.Highest) != 1 || p.Highest[0].Unit != "西村" {
		t.Errorf("lowest %+v, highest %+v: want 西村, the one vote of the voters", p.Lowest, p.Highest)
	}
	quorum := 0
	for _, c := range s.Checks {
		if c.Rule == analytics.RuleRepresentativesQuorum {
			quorum++
			const msg = "村民代表会议应到村民代表31人，实到20人（64.5%），不足三分之二，会议不能召开；填报的“一次选举成功”与此矛盾，不计入一次选举成功"
			if c.Unit != "南村" || c.Message != msg || c.Citation != "《中华人民共和国村民委员会组织法》第二十六条" {
				t.Errorf("check %+v, want 南村: %s", c, msg)
			}
		}
	}
	if quorum != 1 {
		t.Errorf("%d representatives' quorum checks, want 1 (南村)", quorum)
	}
	for _, e := range s.Elections {
		if e.Body == analytics.SupervisoryCommittee && e.ByRepresentatives != (e.Unit != "西村") {
			t.Errorf("%s ByRepresentatives = %v", e.Unit, e.ByRepresentatives)
		}
	}
}

// TestSmallSupervisoryElectorate: a 村务监督委员会 not marked 村民代表会议推选 whose 登记选民数 is under a
// fifth of its village's 村民委员会's is most likely a 村民代表会议 written as a vote of the villagers
// (a township that left 选举方式 out): the 数据核对 notes name it with both counts, so the drafter can mark
// it; one with a villagers' electorate, or marked, is not named.
func TestSmallSupervisoryElectorate(t *testing.T) {
	db := fixtureDB(t, "county.sql")
	// 东村 (村民委员会 1000 registered): 40 with a blank 选举方式; 南村 (500): 120 by 有候选人, not under a fifth.
	if _, err := db.Exec(`INSERT INTO elections (county, township, unit, year, body, method, registered, voted, seats, candidates, elected, source_file, source_sheet, source_row)
		VALUES ('清河县', '东镇', '东村', 2024, '村务监督委员会', NULL, 40, 36, 3, 4, 3, 'h.xlsx', '选举结果', 2),
		       ('清河县', '东镇', '南村', 2024, '村务监督委员会', '有候选人', 120, 100, 3, 4, 3, 'h.xlsx', '选举结果', 3)`); err != nil {
		t.Fatal(err)
	}
	s := summarize(t, db, analytics.Scope{County: "清河县", Year: 2024}, analytics.Options{})
	var got []analytics.Finding
	for _, f := range s.Findings {
		if f.Kind == analytics.FindingSupervisorySmall {
			got = append(got, f)
		}
	}
	if len(got) != 1 || len(got[0].Units) != 1 || got[0].Section != analytics.SectionDataCheck {
		t.Fatalf("supervisory_small findings %+v, want one naming 东村", got)
	}
	u := got[0].Units[0]
	if u.Unit != "东村" || len(u.Rates) != 2 || u.Rates[0].V != 40 || u.Rates[1].V != 1000 {
		t.Errorf("named %+v, want 东村 with 40 and 1000", u)
	}
	// Marked 村民代表会议推选, it is counted as representatives and not named.
	if _, err := db.Exec(`UPDATE elections SET method = '村民代表会议推选' WHERE unit = '东村' AND body = '村务监督委员会'`); err != nil {
		t.Fatal(err)
	}
	s = summarize(t, db, analytics.Scope{County: "清河县", Year: 2024}, analytics.Options{})
	for _, f := range s.Findings {
		if f.Kind == analytics.FindingSupervisorySmall {
			t.Errorf("still named once marked: %+v", f)
		}
	}
}
