package analytics_test

import (
	"context"
	"database/sql"
	"strconv"
	"testing"

	"electsum"
	"electsum/analytics"
	"electsum/ingest/synth"
)

// TestCommunityPartyRecount recounts the 社区党组织 figures (篇3, kind shequdangzuzhi) of a generated
// county with SQL of its own over the base tables, both terms, and checks that the model says the same:
// elections and streets, 应到/实到/到会率 and the 4/5 quorum (less 批准剔除), 应选/候选/差额比例, the
// elections per 选举方式 with those who took part, the elections per 当选人数, the pooled 赞成票率 over
// the members with 得票数 only (and how many those are), the 书记 and the women among them.
func TestCommunityPartyRecount(t *testing.T) {
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship, cfg.Communities = 4, 6, 0.5
	w := synth.Generate(cfg)
	synth.GeneratePartyCongress(w)
	db := loadWorkbooks(t, w)
	// Some members without 得票数, and a 批准剔除, so that the partial base and the quorum rule are tried.
	for _, q := range []string{
		`UPDATE members SET votes = NULL WHERE body = '社区党组织' AND hash(name) % 3 = 0`,
		`UPDATE elections SET excused = 2 WHERE body = '社区党组织' AND hash(unit) % 2 = 0`,
		`UPDATE members SET ethnicity = NULL WHERE body = '社区党组织' AND year = 2024 AND hash(name) % 4 = 1`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	p, err := analytics.SummarizeCommunityParty(context.Background(), db, analytics.Scope{Year: 2024}, analytics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != electsum.Shequdangzuzhi || p.PreviousYear != 2021 || len(p.Bodies) != 1 || p.Bodies[0].Body != electsum.CommunityParty {
		t.Fatalf("kind %s, previous %d, bodies %+v", p.Kind, p.PreviousYear, p.Bodies)
	}
	b := p.Bodies[0]
	pct := func(num, den float64) float64 { return electsum.Round(100*num/den, 1) }
	for i, year := range []int{2024, 2021} {
		pick := termOf(i)
		var elections, townships, due, present, quorum, seats, candidates int
		var excused sql.NullInt64
		if err := db.QueryRow(`SELECT count(*), count(DISTINCT township), sum(registered), sum(excused), sum(voted),
			count(*) FILTER (WHERE voted * 5 > (registered - coalesce(excused, 0)) * 4), sum(seats), sum(candidates)
			FROM elections WHERE body = '社区党组织' AND year = ?`, year).
			Scan(&elections, &townships, &due, &excused, &present, &quorum, &seats, &candidates); err != nil {
			t.Fatal(err)
		}
		if elections < 4 {
			t.Fatalf("%d: only %d 社区党组织 elections generated", year, elections)
		}
		var members, women, heads, womenHeads, counted int
		var votes, valid sql.NullInt64
		if err := db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE m.gender = '女'),
			count(*) FILTER (WHERE m.position = '书记'), count(*) FILTER (WHERE m.position = '书记' AND m.gender = '女'),
			count(m.votes), sum(m.votes), sum(e.valid_ballots) FILTER (WHERE m.votes IS NOT NULL)
			FROM members m JOIN elections e USING (county, township, unit, year, body)
			WHERE m.body = '社区党组织' AND m.year = ?`, year).
			Scan(&members, &women, &heads, &womenHeads, &counted, &votes, &valid); err != nil {
			t.Fatal(err)
		}
		checks := []recounted{
			{"社区党组织", pick(b.Meetings), float64(elections)},
			{"乡镇（街道）", pick(b.Townships), float64(townships)},
			{"应到", pick(b.Due), float64(due)},
			{"批准剔除", pick(b.Excused), float64(excused.Int64)},
			{"实到", pick(b.Present), float64(present)},
			{"到会率", pick(b.Attendance), pct(float64(present), float64(due))},
			{"达到五分之四", pick(b.QuorumMet.Count), float64(quorum)},
			{"应选", pick(b.Seats), float64(seats)},
			{"差额比例", pick(b.Margin), pct(float64(candidates-seats), float64(seats))},
			{"委员", pick(b.Members.Total), float64(members)},
			{"女性", pick(b.Members.Women.Count), float64(women)},
			{"书记", pick(b.Members.Heads), float64(heads)},
			{"女性书记", pick(b.Members.WomenHeads.Count), float64(womenHeads)},
			{"女性书记占比", pick(b.Members.WomenHeads.Share), pct(float64(womenHeads), float64(heads))},
			{"赞成票率", pick(b.Approval), pct(float64(votes.Int64), float64(valid.Int64))},
		}
		if year == 2024 {
			checks = append(checks, recounted{"填报得票数的委员", b.ApprovalCounted, float64(counted)})
			if counted == 0 || counted == members {
				t.Fatalf("%d of %d members with 得票数: the partial base is not tried", counted, members)
			}
		}
		sameRecounts(t, strconv.Itoa(year), checks)
	}
	// 民族 left blank by some: 少数民族 is a count over those who filled it, not a share of all elected.
	var minorities, ethnicityKnown int
	if err := db.QueryRow(`SELECT count(*) FILTER (WHERE ethnicity <> '汉族'), count(ethnicity) FROM members
		WHERE body = '社区党组织' AND year = 2024`).Scan(&minorities, &ethnicityKnown); err != nil {
		t.Fatal(err)
	}
	if mi := b.Members.Minorities; !mi.Partial || mi.Count.Current.V != float64(minorities) || mi.Base.V != float64(ethnicityKnown) {
		t.Errorf("少数民族 %+v, recount %d of %d filled (not partial?)", mi, minorities, ethnicityKnown)
	}
	// This term's elections per 选举方式 (with Σ实到) and per 当选人数, as the sheets give them.
	rows, err := db.Query(`SELECT method, count(*), sum(voted) FROM elections
		WHERE body = '社区党组织' AND year = 2024 AND coalesce(method, '') <> ''
		GROUP BY method ORDER BY count(*) DESC, method`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	i, known := 0, 0
	for ; rows.Next(); i++ {
		var label string
		var units, present int
		if err := rows.Scan(&label, &units, &present); err != nil {
			t.Fatal(err)
		}
		known += units
		if i >= len(b.Methods) || b.Methods[i].Label != label || b.Methods[i].Units.V != float64(units) || b.Methods[i].Present.V != float64(present) {
			t.Errorf("method %d: model %+v, recount %s %d %d", i, b.Methods, label, units, present)
		}
	}
	if i != len(b.Methods) || b.MethodsKnown.V != float64(known) {
		t.Errorf("methods: model %d (%v known), recount %d (%d known)", len(b.Methods), b.MethodsKnown, i, known)
	}
	var sized int
	for _, z := range b.Sizes {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM elections WHERE body = '社区党组织' AND year = 2024 AND elected = ?`, int(z.Elected.V)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if z.Units.V != float64(n) {
			t.Errorf("当选%v名: model %v elections, recount %d", z.Elected, z.Units, n)
		}
		sized += n
	}
	if float64(sized) != b.Meetings.Current.V {
		t.Errorf("sizes cover %d elections of %v", sized, b.Meetings.Current)
	}
	if len(p.Meetings) != int(b.Meetings.Current.V) {
		t.Errorf("%d annex rows for %v elections", len(p.Meetings), b.Meetings.Current)
	}
	for _, m := range p.Roster {
		if m.Body != electsum.CommunityParty {
			t.Fatalf("roster row %+v is not of a 社区党组织", m)
		}
	}
	for _, c := range p.Checks {
		if c.Body != electsum.CommunityParty {
			t.Errorf("check %+v is not of a 社区党组织", c)
		}
	}
}
