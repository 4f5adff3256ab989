package reports

import (
	"fmt"
	"strings"
	"testing"

	"electsum/analytics"
)

// TestPartialSumsSayTheirBase blanks optional columns in some rows of the demo county's people's
// congress (总人口, 18周岁以上人口, 回户籍地参选人数, 候选人数 per 选区), township party congress (批准剔除,
// 候选人数 per township) and 社区党组织 elections (the same per community), recounts with SQL of its own
// each sum, the rows that gave the column and the rates over them, and checks that the county drafts
// say each sum with how many gave it (总人口52310人（5个选区填报）), never as the county's total (全县总人口),
// and a rate over them with its base (issue 10 exactness: a partial sum says so).
// blankEvery is the statement that blanks column in every mod-th of this year's rows of the bodies where
// (rem-th of each body, counted in township and unit order).
func blankEvery(column, where string, mod, rem int) string {
	return fmt.Sprintf(`UPDATE elections SET %s = NULL WHERE year = 2024 AND (township, unit, body) IN (SELECT (township, unit, body) FROM (
		SELECT township, unit, body, row_number() OVER (PARTITION BY body ORDER BY township, unit) AS n
		FROM elections WHERE year = 2024 AND %s) WHERE n %% %d = %d)`, column, where, mod, rem)
}

func TestPartialSumsSayTheirBase(t *testing.T) {
	db := loadWorld(t, demoWorld(true))
	for _, q := range []string{
		blankEvery("population", "body LIKE '%人大代表'", 3, 0),
		blankEvery("adults", "body LIKE '%人大代表'", 3, 1),
		blankEvery("away_home", "body LIKE '%人大代表'", 4, 2),
		blankEvery("candidates", "body LIKE '%人大代表'", 4, 1),
		// 批准剔除 made positive where given, so that the draft says it at all
		`UPDATE elections SET excused = 2 WHERE body IN ('乡镇党委', '乡镇纪委', '出席上级党代会代表', '社区党组织')`,
		`UPDATE elections SET excused = NULL WHERE body IN ('乡镇党委', '乡镇纪委', '出席上级党代会代表')
		     AND township = (SELECT min(township) FROM elections WHERE body = '乡镇党委')`,
		`UPDATE elections SET candidates = NULL WHERE body IN ('乡镇党委', '乡镇纪委', '出席上级党代会代表')
		     AND township = (SELECT max(township) FROM elections WHERE body = '乡镇党委')`,
		blankEvery("excused", "body = '社区党组织'", 2, 0),
		blankEvery("candidates", "body = '社区党组织'", 2, 1),
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	scope := analytics.Scope{Year: 2024}
	// one returns the scalar results of q over this year's rows of body.
	one := func(q, body string, dest ...any) {
		t.Helper()
		if err := db.QueryRow(q, body).Scan(dest...); err != nil {
			t.Fatal(err)
		}
	}
	// partial checks that the test's blanks left some but not all of all rows giving a column.
	partial := func(what string, k, all int) {
		t.Helper()
		if k == 0 || k == all {
			t.Fatalf("the test's blanks: %s given in %d of %d rows, want some but not all", what, k, all)
		}
	}
	has := func(draft, kind string, want ...string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(draft, w) {
				t.Errorf("the %s draft lacks %q", kind, w)
			}
		}
	}

	renda := string(draftBytes(t, NewCongressView(summarizeCongress(t, db, scope), Config{}), Hans, "md"))
	if strings.Contains(renda, "全县总人口") {
		t.Error("the 人大 draft calls a sum over some 选区 全县总人口")
	}
	for _, body := range []string{"县级人大代表", "乡级人大代表"} {
		var all, pop, popK, adults, adultsK, away, awayK, rateK, rateReg, rateAdults, cand, candK, marginK, mCand, mSeats int
		one(`SELECT count(*), sum(population), count(population), sum(adults), count(adults), sum(away_home), count(away_home),
		        count(*) FILTER (WHERE registered IS NOT NULL AND adults IS NOT NULL),
		        sum(registered) FILTER (WHERE adults IS NOT NULL), sum(adults) FILTER (WHERE registered IS NOT NULL),
		        sum(candidates), count(candidates), count(*) FILTER (WHERE seats IS NOT NULL AND candidates IS NOT NULL),
		        sum(candidates) FILTER (WHERE seats IS NOT NULL), sum(seats) FILTER (WHERE candidates IS NOT NULL)
		    FROM elections WHERE year = 2024 AND body = ?`, body,
			&all, &pop, &popK, &adults, &adultsK, &away, &awayK, &rateK, &rateReg, &rateAdults, &cand, &candK, &marginK, &mCand, &mSeats)
		for what, k := range map[string]int{"总人口": popK, "18周岁以上人口": adultsK, "回户籍地参选人数": awayK, "候选人数": candK} {
			partial(body+" "+what, k, all)
		}
		has(renda, body,
			fmt.Sprintf("总人口%d人（%d个选区填报），18周岁以上人口%d人（%d个选区填报）。", pop, popK, adults, adultsK),
			fmt.Sprintf("其中：回户籍地参选%d人（%d个选区填报）", away, awayK),
			fmt.Sprintf("按同时填报18周岁以上人口和登记选民的%d个选区计，登记率为%s。", rateK, Pct(analytics.Known(electsumShare(rateReg, rateAdults)))),
			fmt.Sprintf("确定正式代表候选人%d名（%d个选区填报），按填报候选人数的%d个选区计，差额比例为%s。",
				cand, candK, marginK, Pct(analytics.Known(electsumShare(mCand-mSeats, mSeats)))))
		// A nomination channel is a part of 正式候选人: over the 选区 giving both (never 占106.5%).
		var byVoters, votersK, votersOf int
		one(`SELECT sum(nominated_by_voters), count(*), sum(candidates) FROM elections
		    WHERE year = 2024 AND body = ? AND nominated_by_voters IS NOT NULL AND candidates IS NOT NULL`, body, &byVoters, &votersK, &votersOf)
		has(renda, body, fmt.Sprintf("由选民或代表十人以上联名推荐%d名（%d个选区填报，占其正式候选人的%s）",
			byVoters, votersK, Pct(analytics.Known(electsumShare(byVoters, votersOf)))))
	}

	party := string(draftBytes(t, NewPartyCongressView(summarizePartyCongress(t, db, scope), Config{}), Hans, "md"))
	community := string(draftBytes(t, NewPartyCongressView(summarizeCommunityParty(t, db, scope), Config{}), Hans, "md"))
	for _, x := range []struct {
		body, draft, noun string
	}{{"乡镇党委", party, "个乡镇"}, {"乡镇纪委", party, "个乡镇"}, {"社区党组织", community, "个社区党组织"}} {
		var all, excused, excusedK, cand, candK, marginK, mCand, mSeats int
		one(`SELECT count(*), sum(excused), count(excused), sum(candidates), count(candidates),
		        count(*) FILTER (WHERE seats IS NOT NULL AND candidates IS NOT NULL),
		        sum(candidates) FILTER (WHERE seats IS NOT NULL), sum(seats) FILTER (WHERE candidates IS NOT NULL)
		    FROM elections WHERE year = 2024 AND body = ?`, x.body,
			&all, &excused, &excusedK, &cand, &candK, &marginK, &mCand, &mSeats)
		partial(x.body+" 批准剔除", excusedK, all)
		partial(x.body+" 候选人数", candK, all)
		has(x.draft, x.body,
			fmt.Sprintf("经批准剔除%d名（%d%s填报）", excused, excusedK, x.noun),
			fmt.Sprintf("正式候选人%d名（%d%s填报），按填报候选人数的%d%s计，差额比例为%s", cand, candK, x.noun, marginK, x.noun,
				Pct(analytics.Known(electsumShare(mCand-mSeats, mSeats)))))
	}
}
