package analytics_test

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"electsum"
	"electsum/analytics"
	"electsum/ingest"
	"electsum/ingest/synth"
)

// congressCounty generates a small messy county with its people's congress elections, writes the
// workbooks and loads them through ingest, as a user would.
func congressCounty(t *testing.T) (*sql.DB, *synth.World) {
	t.Helper()
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 4, 4
	w := synth.Generate(cfg)
	synth.GenerateCongress(w)
	return loadWorkbooks(t, w), w
}

// loadWorkbooks writes w's workbooks, loads them through ingest with the analysts' views installed, and
// closes the database when the test ends.
func loadWorkbooks(t *testing.T, w *synth.World) *sql.DB {
	t.Helper()
	db, err := synth.Load(context.Background(), w, t.TempDir(), ingest.LoadOptions{Install: analytics.InstallTx})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// recounted is a model value and what the test's own SQL counts for it.
type recounted struct {
	name string
	got  analytics.Value
	want float64
}

// sameRecounts fails for each of xs whose model value is no figure or not the recount's.
func sameRecounts(t *testing.T, where string, xs []recounted) {
	t.Helper()
	for _, x := range xs {
		if !x.got.OK || x.got.V != x.want {
			t.Errorf("%s %s: model %v, recount %v", where, x.name, x.got, x.want)
		}
	}
}

// TestCongressRecount recounts the people's congress figures of a generated county with SQL of its
// own over the base tables, and checks that the model says the same.
func TestCongressRecount(t *testing.T) {
	db, w := congressCounty(t)
	ctx := context.Background()
	c, err := analytics.SummarizeCongress(ctx, db, analytics.Scope{Year: 2024}, analytics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c.PreviousYear != 2021 || len(c.Levels) != 2 || c.Levels[0].Body != electsum.CountyDeputies {
		t.Fatalf("previous %d, levels %+v", c.PreviousYear, c.Levels)
	}
	// no year: the latest with a people's congress election
	if latest, err := analytics.SummarizeCongress(ctx, db, analytics.Scope{}, analytics.Options{}); err != nil || latest.Year != 2024 || latest.PreviousYear != 2021 {
		t.Fatalf("without a year: %v, %+v", err, latest)
	}
	pct := func(num, den float64) float64 { return electsum.Round(100*num/den, 1) }
	for _, l := range c.Levels {
		for i, year := range []int{2024, 2021} {
			var n, pop, adults, registered, voted, mobile, seats, candidates, elected, parties, firstRound int
			err := db.QueryRow(`SELECT count(*), sum(population), sum(adults), sum(registered), sum(voted), sum(mobile_votes),
				sum(seats), sum(candidates), sum(elected), sum(nominated_by_parties), count(*) FILTER (WHERE round = '一次选足')
				FROM elections WHERE body = ? AND year = ?`, string(l.Body), year).
				Scan(&n, &pop, &adults, &registered, &voted, &mobile, &seats, &candidates, &elected, &parties, &firstRound)
			if err != nil {
				t.Fatal(err)
			}
			pick := termOf(i)
			sameRecounts(t, fmt.Sprintf("%s %d", l.Body, year), []recounted{
				{"选区", pick(l.Constituencies), float64(n)},
				{"总人口", pick(l.Population), float64(pop)},
				{"18周岁以上", pick(l.Adults), float64(adults)},
				{"登记选民", pick(l.Registered), float64(registered)},
				{"登记率", pick(l.RegistrationRate), pct(float64(registered), float64(adults))},
				{"参选率", pick(l.Turnout), pct(float64(voted), float64(registered))},
				{"流动票箱", pick(l.Mobile.Share), pct(float64(mobile), float64(voted))},
				{"应选", pick(l.Seats), float64(seats)},
				{"当选", pick(l.Elected), float64(elected)},
				{"差额比例", pick(l.Margin), pct(float64(candidates-seats), float64(seats))},
				{"政党团体推荐", pick(l.Nominations[0].Share), pct(float64(parties), float64(candidates))},
				{"一次选足", pick(l.Rounds[0].Count), float64(firstRound)},
			})
			var deputies, women, nonParty, cadres, college, reelected int
			err = db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE gender = '女'),
				count(*) FILTER (WHERE party NOT LIKE '中共%'), count(*) FILTER (WHERE category = '干部'),
				count(*) FILTER (WHERE education IN ('研究生', '大学本科', '大学专科')), count(*) FILTER (WHERE reelected)
				FROM members WHERE body = ? AND year = ?`, string(l.Body), year).Scan(&deputies, &women, &nonParty, &cadres, &college, &reelected)
			if err != nil {
				t.Fatal(err)
			}
			d := l.Deputies
			sameRecounts(t, fmt.Sprintf("%s %d", l.Body, year), []recounted{
				{"代表", pick(d.Total), float64(deputies)},
				{"女性", pick(d.Women.Share), pct(float64(women), float64(deputies))},
				{"非中共", pick(d.NonParty.Share), pct(float64(nonParty), float64(deputies))},
				{"干部", pick(d.Categories[3].Share), pct(float64(cadres), float64(deputies))},
				{"大专及以上", pick(d.College.Share), pct(float64(college), float64(deputies))},
				{"连任", pick(d.Reelected.Count), float64(reelected)},
			})
			if year == 2024 {
				if ch := d.Women.Share.Change(); !ch.OK || ch.V != electsum.Round(d.Women.Share.Current.V-d.Women.Share.Previous.V, 1) {
					t.Errorf("%s: change in women's share %v", l.Body, ch)
				}
			}
		}
	}
	var rows, deputies int
	db.QueryRow(`SELECT count(*) FROM elections WHERE body LIKE '%人大代表' AND year = 2024`).Scan(&rows)
	db.QueryRow(`SELECT count(*) FROM members WHERE body LIKE '%人大代表' AND year = 2024`).Scan(&deputies)
	if len(c.Constituencies) != rows || len(c.Roster) != deputies || rows == 0 {
		t.Errorf("%d 选区 and %d deputies in the model; %d and %d in the database", len(c.Constituencies), len(c.Roster), rows, deputies)
	}
	for _, d := range c.Roster {
		if d.IDNumber != "" && d.IDNumber != electsum.MaskID(d.IDNumber) {
			t.Fatalf("roster id not masked: %s", d.IDNumber)
		}
	}
	if len(w.Congress) != len(w.Townships) {
		t.Errorf("%d congress workbooks for %d townships", len(w.Congress), len(w.Townships))
	}
	// A township scope counts only its own 选区 (of a township: a 街道 has no 乡级 ones).
	var township string
	for _, tw := range w.Townships {
		if !strings.HasSuffix(tw.Name, "街道") {
			township = tw.Name
			break
		}
	}
	tc, err := analytics.SummarizeCongress(ctx, db, analytics.Scope{Year: 2024, Township: township}, analytics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	db.QueryRow(`SELECT count(*) FROM elections WHERE body = '乡级人大代表' AND year = 2024 AND township = ?`, township).Scan(&n)
	if tc.Level != analytics.LevelTownship || tc.Levels[1].Constituencies.Current.Int() != n {
		t.Errorf("township scope: level %s, %v 选区, want %d", tc.Level, tc.Levels[1].Constituencies.Current, n)
	}
}

// TestCongressChecks breaks three 选区 of a generated county the ways the 选举法 forbids and finds each
// failure, with its citation, in the model.
func TestCongressChecks(t *testing.T) {
	db, _ := congressCounty(t)
	ctx := context.Background()
	c, err := analytics.SummarizeCongress(ctx, db, analytics.Scope{Year: 2024}, analytics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Checks) != 0 {
		t.Fatalf("a lawful county fails checks: %v", c.Checks)
	}
	type place struct{ township, unit string }
	first := func(body string, n int) place {
		var p place
		if err := db.QueryRow(`SELECT township, unit FROM elections WHERE body = ? AND year = 2024 ORDER BY township, unit LIMIT 1 OFFSET ?`, body, n).Scan(&p.township, &p.unit); err != nil {
			t.Fatal(err)
		}
		return p
	}
	low, narrow, weak := first("县级人大代表", 0), first("乡级人大代表", 0), first("乡级人大代表", 1)
	where := func(p place) string { return " AND township = '" + p.township + "' AND unit = '" + p.unit + "'" }
	for _, q := range []string{
		`UPDATE elections SET voted = registered // 2 WHERE body = '县级人大代表' AND year = 2024` + where(low),
		`UPDATE elections SET candidates = seats WHERE body = '乡级人大代表' AND year = 2024` + where(narrow),
		`UPDATE elections SET round = '一次选足' WHERE body = '乡级人大代表' AND year = 2024` + where(weak),
		`UPDATE members SET votes = (SELECT voted // 2 FROM elections e WHERE e.body = members.body AND e.year = 2024 AND e.unit = members.unit AND e.township = members.township)
		 WHERE body = '乡级人大代表' AND year = 2024` + where(weak),
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	c, err = analytics.SummarizeCongress(ctx, db, analytics.Scope{Year: 2024}, analytics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]place{}
	for _, ch := range c.Checks {
		found[ch.Rule] = place{ch.Township, ch.Unit}
		if ch.Citation == "" || ch.Message == "" || ch.Severity != analytics.SeverityViolation {
			t.Errorf("check without citation or message: %+v", ch)
		}
	}
	for rule, at := range map[string]place{"renda_turnout_majority": low, "renda_margin": narrow, "renda_deputy_majority": weak} {
		if found[rule] != at {
			t.Errorf("%s: found at %v, want %v (%v)", rule, found[rule], at, c.Checks)
		}
	}
	if len(c.Checks) < 3 {
		t.Errorf("checks %v", c.Checks)
	}
}

// TestCongressRollsCheck: where a township's 乡级 选区 add up to another 总人口, 18周岁以上人口 or 登记选民
// than its 县级 ones (elected together over the same people), congress_checks says so once for the
// township, naming each figure that differs, as a notice (提示) rather than a legal failure; a
// township whose 乡级 选区 leave a figure blank is not compared on it. (The generated county adds up:
// TestCongressChecks finds no check in it.)
func TestCongressRollsCheck(t *testing.T) {
	db, _ := congressCounty(t)
	ctx := context.Background()
	var township, unit string
	var registered int
	if err := db.QueryRow(`SELECT township, unit, registered FROM elections WHERE body = '乡级人大代表' AND year = 2024
		ORDER BY township, unit LIMIT 1`).Scan(&township, &unit, &registered); err != nil {
		t.Fatal(err)
	}
	var countyRegistered, otherTownship string
	if err := db.QueryRow(`SELECT sum(registered)::VARCHAR FROM elections WHERE body = '县级人大代表' AND year = 2024 AND township = ?`,
		township).Scan(&countyRegistered); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT max(township) FROM elections WHERE body = '乡级人大代表' AND year = 2024`).Scan(&otherTownship); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		// 5 more registered (and 5 fewer 回户籍地参选, so the 选区 itself still adds up).
		`UPDATE elections SET registered = registered + 5, away_home = away_home - 5 WHERE body = '乡级人大代表' AND year = 2024 AND township = ? AND unit = ?`,
		// A blank 总人口 in another township: nothing to compare, no check.
		`UPDATE elections SET population = NULL, registered = registered + 1 WHERE body = '乡级人大代表' AND year = 2024 AND township = ? AND unit = (
			SELECT min(unit) FROM elections WHERE body = '乡级人大代表' AND year = 2024 AND township = ?)`,
	} {
		args := []any{township, unit}
		if strings.Contains(q, "NULL") {
			args = []any{otherTownship, otherTownship}
		}
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatal(err)
		}
	}
	c, err := analytics.SummarizeCongress(ctx, db, analytics.Scope{Year: 2024}, analytics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var rolls []analytics.Check
	for _, ch := range c.Checks {
		if ch.Rule == analytics.RuleCongressRolls {
			rolls = append(rolls, ch)
		}
	}
	want := fmt.Sprintf("登记选民合计%d人，县级人大代表各选区合计%s人：同一乡镇的县、乡两级选区覆盖同一批选民，选民登记应当一致，请核对",
		mustInt(t, countyRegistered)+5, countyRegistered)
	if len(rolls) != 2 {
		t.Fatalf("rolls checks %+v, want one for %s and one for %s", rolls, township, otherTownship)
	}
	got := map[string]analytics.Check{rolls[0].Township: rolls[0], rolls[1].Township: rolls[1]}
	if ch := got[township]; ch.Message != want || ch.Severity != analytics.SeverityNotice || ch.Unit != "" ||
		ch.Body != electsum.TownshipDeputies || ch.Citation != "" {
		t.Errorf("%s: check %+v, want the notice %q", township, ch, want)
	}
	if ch := got[otherTownship]; strings.Contains(ch.Message, "总人口") || !strings.Contains(ch.Message, "登记选民合计") {
		t.Errorf("%s: check %+v compares a total with a blank 总人口, or lacks 登记选民", otherTownship, ch)
	}
}

func mustInt(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestConstituenciesInNumberOrder: 选区 without a 选区编号 are listed (and their deputies) in the order their
// names number them — 第一选区, 第二选区, 第三选区 — not in the names' character order (第一, 第三, 第二).
func TestConstituenciesInNumberOrder(t *testing.T) {
	db, _ := congressCounty(t)
	if _, err := db.Exec(`UPDATE elections SET constituency_no = NULL WHERE body LIKE '%人大代表'`); err != nil {
		t.Fatal(err)
	}
	c, err := analytics.SummarizeCongress(context.Background(), db, analytics.Scope{Year: 2024}, analytics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	inOrder := func(what string, places [][4]string) {
		t.Helper()
		threes := 0
		for i := 1; i < len(places); i++ {
			p, q := places[i-1], places[i]
			if p[0] != q[0] || p[1] != q[1] || p[2] != q[2] {
				continue
			}
			m, _ := electsum.NumberInName(p[3])
			n, _ := electsum.NumberInName(q[3])
			if m > n {
				t.Errorf("%s: %s before %s", what, p[3], q[3])
			}
			if n == 3 {
				threes++
			}
		}
		if threes == 0 {
			t.Fatalf("%s: no township with a third 选区 to order", what)
		}
	}
	var ks, ds [][4]string
	for _, k := range c.Constituencies {
		ks = append(ks, [4]string{string(k.Body), k.County, k.Township, k.Unit})
	}
	for _, d := range c.Roster {
		ds = append(ds, [4]string{string(d.Body), d.County, d.Township, d.Unit})
	}
	inOrder("选区", ks)
	inOrder("deputies", ds)
}
