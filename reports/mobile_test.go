package reports

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"electsum/analytics"
)

// TestMobileBallotBox raises the 流动票箱投票 of two villages of a generated county to 30% of their votes,
// leaves 流动票箱投票数 blank in some, recounts with SQL of its own the county's 流动票箱 votes, the villages that gave them and the share of
// their 参加投票, and the units above the threshold, and checks the county draft: the share is said with
// its base (流动票箱投票8329人（123个村填报，占其参加投票人数的2.9%）), and 存在的问题 names the units above
// report.toml's [thresholds] mobile (default 10) with their shares, highest first. A higher threshold
// names none; without the column the draft says nothing of 流动票箱.
func TestMobileBallotBox(t *testing.T) {
	db := loadWorld(t, demoWorld(false))
	if _, err := db.Exec(`UPDATE elections SET mobile_votes = NULL WHERE hash(unit) % 5 = 0`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE elections SET mobile_votes = voted * 3 // 10
	    WHERE year = 2024 AND body = '村民委员会' AND (township, unit) IN (
	        SELECT (township, unit) FROM elections WHERE year = 2024 AND body = '村民委员会' AND mobile_votes IS NOT NULL
	        ORDER BY township DESC, unit LIMIT 2)`); err != nil {
		t.Fatal(err)
	}
	summarize := func(threshold float64) (*analytics.Summary, string) {
		opts := analytics.DefaultOptions()
		if threshold != 0 {
			opts.MobileThreshold = threshold
		}
		opts.Now = draftNow
		s, err := analytics.Summarize(context.Background(), db, analytics.Scope{County: "示例县", Year: 2024}, opts)
		if err != nil {
			t.Fatal(err)
		}
		return s, string(render(t, Builtin(), s, testConfig(), Hans, "md"))
	}
	s, draft := summarize(0)
	var votes, voted, reporting, units int
	if err := db.QueryRow(`SELECT sum(mobile_votes), sum(voted) FILTER (WHERE mobile_votes IS NOT NULL), count(mobile_votes), count(*)
	    FROM elections WHERE year = 2024 AND county = '示例县' AND body = '村民委员会'`).Scan(&votes, &voted, &reporting, &units); err != nil {
		t.Fatal(err)
	}
	p := s.Body(analytics.VillagersCommittee).Participation
	sameInt(t, "流动票箱投票", p.MobileVotes.Count.Current, votes)
	sameInt(t, "流动票箱 reporting", p.MobileVotes.Reporting, reporting)
	share := Pct(analytics.Known(electsumShare(votes, voted)))
	want := fmt.Sprintf("流动票箱投票%d人，占%s", votes, share)
	if reporting == units {
		t.Error("the test's blanks left every village reporting 流动票箱投票数")
	} else {
		want = fmt.Sprintf("流动票箱投票%d人（%d个村填报，占其参加投票人数的%s）", votes, reporting, share)
	}
	if !strings.Contains(draft, want) {
		t.Errorf("the draft lacks %q", want)
	}

	rows, err := db.Query(`SELECT township || unit, mobile_votes, voted FROM elections
	    WHERE year = 2024 AND county = '示例县' AND body = '村民委员会' AND mobile_votes * 100 > voted * 10
	    ORDER BY mobile_votes::DOUBLE / voted DESC, township, unit`)
	if err != nil {
		t.Fatal(err)
	}
	var named []string
	for rows.Next() {
		var unit string
		var n, of int
		if err := rows.Scan(&unit, &n, &of); err != nil {
			t.Fatal(err)
		}
		named = append(named, fmt.Sprintf("%s（%s）", unit, Pct(analytics.Known(electsumShare(n, of)))))
	}
	rows.Close()
	if len(named) < 2 || len(named) > 5 {
		t.Fatalf("%d villages above 10%%: the test's data should make 2 to 5", len(named))
	}
	few := "个别"
	if len(named) > 3 {
		few = "部分"
	}
	for _, w := range []string{few + "村流动票箱投票比例偏高。",
		fmt.Sprintf("村民委员会选举有%d个村通过流动票箱投票的超过参加投票人数的10%%：%s", len(named), strings.Join(named, "、"))} {
		if !strings.Contains(draft, w) {
			t.Errorf("the draft lacks %q", w)
		}
	}
	if _, high := summarize(40); strings.Contains(high, "流动票箱投票比例偏高") {
		t.Error("a threshold of 40% still names units at 30%")
	}
	if _, err := db.Exec(`UPDATE elections SET mobile_votes = NULL`); err != nil {
		t.Fatal(err)
	}
	if _, none := summarize(0); strings.Contains(none, "流动票箱") {
		t.Error("the draft speaks of 流动票箱 without the column")
	}
}

// TestCongressMobileBallotBox is the 流动票箱 flag of the people's congress draft, as the village drafts
// have it: in the demo county (which holds a people's congress election) two 乡级 选区 of one township
// vote 30% and 20% by 流动票箱 and one 县级 选区 25% (投票站投票 lowered to keep the parts of 参加投票),
// another 选区 leaves 流动票箱投票数 blank. SQL of its own finds the 选区 above 10% per level with their
// shares, highest first; the county and township drafts' 存在的问题 must name them (the county's with
// their township) under 县级 then 乡级人大代表, as 个别选区 (three 选区). A threshold of 40 names none;
// the old draft had no such statement.
func TestCongressMobileBallotBox(t *testing.T) {
	db := loadWorld(t, demoWorld(true))
	var town string
	if err := db.QueryRow(`SELECT min(township) FROM elections WHERE year = 2024 AND body = '乡级人大代表'`).Scan(&town); err != nil {
		t.Fatal(err)
	}
	for _, q := range []struct {
		body    string
		offset  int
		percent int
	}{{"乡级人大代表", 0, 30}, {"乡级人大代表", 1, 20}, {"县级人大代表", 0, 25}, {"乡级人大代表", 2, -1}} {
		var unit string
		if err := db.QueryRow(`SELECT unit FROM elections WHERE year = 2024 AND body = ? AND township = ? ORDER BY unit LIMIT 1 OFFSET ?`,
			q.body, town, q.offset).Scan(&unit); err != nil {
			t.Fatal(err)
		}
		update := `UPDATE elections SET mobile_votes = voted * ? // 100,
		        in_person_votes = voted - voted * ? // 100 - coalesce(proxy_votes, 0)
		    WHERE year = 2024 AND body = ? AND township = ? AND unit = ?`
		args := []any{q.percent, q.percent, q.body, town, unit}
		if q.percent < 0 {
			update, args = `UPDATE elections SET mobile_votes = NULL WHERE year = 2024 AND body = ? AND township = ? AND unit = ?`, args[2:]
		}
		if _, err := db.Exec(update, args...); err != nil {
			t.Fatal(err)
		}
	}
	recount := func(prefix bool, township string) (string, int) {
		rows, err := db.Query(`SELECT body, township, unit, mobile_votes, voted FROM elections
		    WHERE year = 2024 AND body LIKE '%人大代表' AND (? = '' OR township = ?) AND mobile_votes * 100 > voted * 10
		    ORDER BY body = '乡级人大代表', mobile_votes::DOUBLE / voted DESC`, township, township)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		named := map[string][]string{}
		var bodies []string
		n := 0
		for rows.Next() {
			var body, tw, unit string
			var m, of int
			if err := rows.Scan(&body, &tw, &unit, &m, &of); err != nil {
				t.Fatal(err)
			}
			if !prefix {
				tw = ""
			}
			if named[body] == nil {
				bodies = append(bodies, body)
			}
			named[body] = append(named[body], fmt.Sprintf("%s%s（%s）", tw, unit, Pct(analytics.Known(electsumShare(m, of)))))
			n++
		}
		var items []string
		for _, b := range bodies {
			items = append(items, fmt.Sprintf("%s选举有%d个选区通过流动票箱投票的超过参加投票人数的10%%：%s", b, len(named[b]), strings.Join(named[b], "、")))
		}
		return strings.Join(items, "；"), n
	}
	for _, level := range []struct {
		name     string
		scope    analytics.Scope
		township string
	}{{"county", analytics.Scope{Year: 2024}, ""}, {"township", analytics.Scope{Township: town, Year: 2024}, town}} {
		want, n := recount(level.township == "", level.township)
		if n != 3 {
			t.Fatalf("the test's data: %d 选区 above 10%% in the %s, want the 3 it raised", n, level.name)
		}
		c := summarizeCongress(t, db, level.scope)
		draft := string(draftBytes(t, NewCongressView(c, Config{}), Hans, "md"))
		if want = "个别选区流动票箱投票比例偏高。" + want + "。"; !strings.Contains(draft, want) {
			t.Errorf("the %s draft lacks %q", level.name, want)
		}
	}
	opts := analytics.Options{MobileThreshold: 40, Now: draftNow}
	c, err := analytics.SummarizeCongress(context.Background(), db, analytics.Scope{Year: 2024}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if draft := string(draftBytes(t, NewCongressView(c, Config{}), Hans, "md")); strings.Contains(draft, "流动票箱投票比例偏高") {
		t.Error("a threshold of 40% still names 选区 at 30%")
	}
}
