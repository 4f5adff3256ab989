package reports

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"electsum/analytics"
)

// TestRepresentativesDrafts: the demo county's 村务监督委员会 are chosen by their 村民代表会议 (the
// generator's 选举方式 村民代表会议推选); here two of the first township's villages elect theirs by the
// voters instead. The drafts say the representatives' 应到/实到 and 到会率 apart from the voters'
// 登记选民/参加投票 and 参选率 (其余N个村…), every figure recounted by the tests' own SQL at county,
// township and unit level (checkDraftsRecount, checkFamiliesRecount), and never call representatives
// 登记选民 (issue 10 prose: 监委会 elected by 村民代表 says 应到村民代表, not 登记选民).
func TestRepresentativesDrafts(t *testing.T) {
	db := loadWorld(t, demoWorld(false))
	_, township, _ := demoSummaries(t, db)
	// Two villages of the first township: their 2024 村务监督委员会 by the voters, with the counts of
	// their 村民委员会 vote.
	first := township.Scope.Township
	var voters []string
	rows, err := db.Query(`SELECT unit FROM elections WHERE year = 2024 AND township = ? AND body = '村务监督委员会'
	    ORDER BY unit DESC LIMIT 2`, first)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			t.Fatal(err)
		}
		voters = append(voters, u)
	}
	rows.Close()
	if len(voters) != 2 {
		t.Fatalf("the test's data: %d 村务监督委员会 in %s", len(voters), first)
	}
	for _, u := range voters {
		if _, err := db.Exec(`UPDATE elections s SET method = '有候选人', registered = c.registered, voted = c.voted,
		        valid_ballots = c.voted - 1, invalid_ballots = 1
		    FROM elections c
		    WHERE s.year = 2024 AND s.township = ? AND s.unit = ? AND s.body = '村务监督委员会'
		      AND c.year = s.year AND c.county = s.county AND c.township = s.township AND c.unit = s.unit AND c.body = '村民委员会'`, first, u); err != nil {
			t.Fatal(err)
		}
	}
	county, township, _ := demoSummaries(t, db)
	opts := draftOptions()
	unit, err := analytics.Summarize(context.Background(), db, analytics.Scope{County: county.Scope.County, Township: first, Unit: voters[0], Year: 2024}, opts)
	if err != nil {
		t.Fatal(err)
	}
	checkDraftsRecount(t, db, []*analytics.Summary{county, township, unit})
	checkFamiliesRecount(t, db, []*analytics.Summary{county, township})

	for _, s := range []*analytics.Summary{county, township} {
		r := s.Body(analytics.SupervisoryCommittee).Participation.Representatives
		draft := string(render(t, Builtin(), s, testConfig(), Hans, "md"))
		want := fmt.Sprintf("%d个村由村民代表会议推选，应到会村民代表", r.Units.Current.Int())
		rest := fmt.Sprintf("其余%d个村登记选民", r.Voters.Current.Int())
		if r.Voters.Current.Int() != 2 || !strings.Contains(draft, want) || !strings.Contains(draft, rest) {
			t.Errorf("%s: the 村务监督委员会 paragraph lacks %q or %q:\n%s", s.Level, want, rest, draft)
		}
		if strings.Contains(draft, "均由村民代表会议推选") {
			t.Errorf("%s: 均由村民代表会议推选 where two villages voted", s.Level)
		}
	}
	u := string(render(t, Builtin(), unit, testConfig(), Hans, "md"))
	if !strings.Contains(u, "村务监督委员会选举于") || strings.Contains(u, "村民代表") {
		t.Errorf("unit %s, whose voters elected its 村务监督委员会, speaks of representatives:\n%s", unit.Scope.Unit, u)
	}
	// The demo's own unit draft, whose 村务监督委员会 a 村民代表会议 chose, is the golden demo-unit.md.
}

// TestFallenTurnoutSaidOnceWhenJoined: in a village's own draft a 村民委员会 参选率 that fell and is below
// the threshold is one problem, said with its change inside 参选率偏低 — also when that problem joins
// the 村党组织's 到会率 of the same village (…分别为…，均低于90%，其中村民委员会选举参选率比上届下降…), not a
// second problem 选民参选率有所下降 that repeats the figure (found reading a held-out county's village).
func TestFallenTurnoutSaidOnceWhenJoined(t *testing.T) {
	db := loadWorld(t, demoWorld(false))
	_, _, unit := demoSummaries(t, db)
	u := unit.Scope
	for _, q := range []string{
		`UPDATE elections SET voted = registered * 85 // 100 WHERE year = 2024 AND township = ? AND unit = ? AND body IN ('村党组织', '村民委员会')`,
		`UPDATE elections SET voted = registered WHERE year = 2021 AND township = ? AND unit = ? AND body = '村民委员会'`,
	} {
		if _, err := db.Exec(q, u.Township, u.Unit); err != nil {
			t.Fatal(err)
		}
	}
	_, _, unit = demoSummaries(t, db)
	draft := string(render(t, Builtin(), unit, testConfig(), Hans, "md"))
	problems := draft[strings.Index(draft, "存在的问题"):]
	if strings.Contains(problems, "选民参选率有所下降") {
		t.Errorf("the fallen 参选率 is a problem of its own beside 参选率偏低:\n%s", problems)
	}
	if !strings.Contains(problems, "均低于90%，其中村民委员会选举参选率比上届下降") {
		t.Errorf("参选率偏低 does not say the 村民委员会's fall:\n%s", problems)
	}
}
