package analytics_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"electsum"
	"electsum/analytics"
	"electsum/ingest/synth"
)

// partyCongressCounty generates a small messy county with its township party congresses (and, to show
// they stay apart, its people's congress elections), writes the workbooks and loads them through ingest.
func partyCongressCounty(t *testing.T) *sql.DB {
	t.Helper()
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 4, 3
	w := synth.Generate(cfg)
	synth.GenerateCongress(w)
	synth.GeneratePartyCongress(w)
	return loadWorkbooks(t, w)
}

// TestPartyCongressRecount recounts the township party congress figures of a generated county with SQL
// of its own over the base tables, both terms, and checks that the model says the same: 到会率, 差额比例,
// the pooled 赞成票率 (Σ得票 / Σ有效票 of the ballot that elected each: the roster's own 有效票数 where
// given, as for three persons elected in 另行选举 here, else their election's) and its lowest individual
// rate, and the 构成 of those elected.
func TestPartyCongressRecount(t *testing.T) {
	db := partyCongressCounty(t)
	ctx := context.Background()
	// 另行选举: three persons of the 2024 党委 elected on a second ballot with fewer valid ballots.
	if _, err := db.Exec(`UPDATE members SET valid_ballots = votes + 3
		WHERE (county, township, name) IN (SELECT county, township, name FROM members
			WHERE body = '乡镇党委' AND year = 2024 AND votes IS NOT NULL ORDER BY township, name LIMIT 3)
		  AND body = '乡镇党委' AND year = 2024`); err != nil {
		t.Fatal(err)
	}
	p, err := analytics.SummarizePartyCongress(ctx, db, analytics.Scope{Year: 2024}, analytics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if latest, err := analytics.SummarizePartyCongress(ctx, db, analytics.Scope{}, analytics.Options{}); err != nil || latest.Year != 2024 {
		t.Fatalf("without a year: %v, %+v", err, latest)
	}
	want := []electsum.Body{electsum.TownshipPartyCommittee, electsum.TownshipDiscipline, electsum.Delegates}
	if p.PreviousYear != 2021 || len(p.Bodies) != len(want) {
		t.Fatalf("previous %d, bodies %d", p.PreviousYear, len(p.Bodies))
	}
	pct := func(num, den float64) float64 { return electsum.Round(100*num/den, 1) }
	for i, b := range p.Bodies {
		if b.Body != want[i] {
			t.Fatalf("body %d is %s, want %s", i, b.Body, want[i])
		}
		for i, year := range []int{2024, 2021} {
			var meetings, due, present, seats, candidates, elected int
			if err := db.QueryRow(`SELECT count(*), sum(registered), sum(voted), sum(seats), sum(candidates), sum(elected)
				FROM elections WHERE body = ? AND year = ?`, string(b.Body), year).
				Scan(&meetings, &due, &present, &seats, &candidates, &elected); err != nil {
				t.Fatal(err)
			}
			var members, women, college, votes, valid int
			if err := db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE m.gender = '女'),
				count(*) FILTER (WHERE m.education IN ('研究生', '大学本科', '大学专科')),
				sum(m.votes), sum(coalesce(m.valid_ballots, e.valid_ballots))
				FROM members m JOIN elections e USING (county, township, unit, year, body)
				WHERE m.body = ? AND m.year = ?`, string(b.Body), year).Scan(&members, &women, &college, &votes, &valid); err != nil {
				t.Fatal(err)
			}
			pick := termOf(i)
			sameRecounts(t, fmt.Sprintf("%s %d", b.Body, year), []recounted{
				{"党代会", pick(b.Meetings), float64(meetings)},
				{"应到", pick(b.Due), float64(due)},
				{"实到", pick(b.Present), float64(present)},
				{"到会率", pick(b.Attendance), pct(float64(present), float64(due))},
				{"应选", pick(b.Seats), float64(seats)},
				{"当选", pick(b.Elected), float64(elected)},
				{"差额比例", pick(b.Margin), pct(float64(candidates-seats), float64(seats))},
				{"赞成票率", pick(b.Approval), pct(float64(votes), float64(valid))},
				{"当选人数", pick(b.Members.Total), float64(members)},
				{"女性", pick(b.Members.Women.Share), pct(float64(women), float64(members))},
				{"大专及以上", pick(b.Members.College.Count), float64(college)},
				{"达到五分之四", pick(b.QuorumMet.Count), float64(meetings)},
			})
			// 代表构成: the delegates' (generated with one) as shares of those who filled it; the
			// committees' (left blank) no figure.
			var filled, cadres int
			if err := db.QueryRow(`SELECT count(category), count(*) FILTER (WHERE category = '干部')
				FROM members WHERE body = ? AND year = ?`, string(b.Body), year).Scan(&filled, &cadres); err != nil {
				t.Fatal(err)
			}
			cad := b.Members.Categories[3]
			switch got := pick(cad.Share); {
			case cad.Label != "干部":
				t.Errorf("category 3 is %s", cad.Label)
			case b.Body == electsum.Delegates && (filled != members || !got.OK || got.V != pct(float64(cadres), float64(filled))):
				t.Errorf("%s %d 干部: model %v, recount %d of %d (of %d)", b.Body, year, got, cadres, filled, members)
			case b.Body != electsum.Delegates && (filled != 0 || got.OK):
				t.Errorf("%s %d 干部: model %v, %d filled", b.Body, year, got, filled)
			}
		}
		var name string
		var votes, valid int
		if err := db.QueryRow(`SELECT m.name, m.votes, coalesce(m.valid_ballots, e.valid_ballots)
			FROM members m JOIN elections e USING (county, township, unit, year, body)
			WHERE m.body = ? AND m.year = 2024 ORDER BY m.votes / coalesce(m.valid_ballots, e.valid_ballots), m.township, m.name LIMIT 1`, string(b.Body)).
			Scan(&name, &votes, &valid); err != nil {
			t.Fatal(err)
		}
		if l := b.Lowest; l == nil || l.Name != name || l.Votes != votes || l.Valid != valid || l.Rate.V != pct(float64(votes), float64(valid)) {
			t.Errorf("%s lowest 赞成票率 %+v, recount %s %d/%d", b.Body, b.Lowest, name, votes, valid)
		}
	}
	if len(p.Checks) != 0 {
		t.Errorf("the generated congresses break rules: %+v", p.Checks)
	}
	if n := len(p.Meetings); n != 4*3 {
		t.Errorf("%d meetings in the annex rows, want 12", n)
	}
	for _, m := range p.Roster {
		if !m.Body.PartyCongress() || m.IDNumber == "" || m.IDNumber[6:14] != "********" {
			t.Fatalf("roster row %+v: not of the party congress, or its id not masked", m)
		}
	}
}

// TestPartyCongressQuorum: a 党代会 whose 实到 does not exceed four fifths of 应到 less 批准剔除 fails
// the quorum check with the figures in its message, and one that passes only because of the 批准剔除
// does not fail it.
func TestPartyCongressQuorum(t *testing.T) {
	db := partyCongressCounty(t)
	ctx := context.Background()
	var township string
	if err := db.QueryRow(`SELECT min(township) FROM elections WHERE body = '乡镇纪委' AND year = 2024`).Scan(&township); err != nil {
		t.Fatal(err)
	}
	// 100 due, 5 excused: 76 present exceeds 4/5 of 95 (76 = 4/5 × 95 exactly does not); 80 of 100 would not.
	for _, q := range []string{
		`UPDATE elections SET registered = 100, excused = 5, voted = 77, valid_ballots = 77, invalid_ballots = 0 WHERE body = '乡镇党委' AND year = 2024 AND township = ?`,
		`UPDATE elections SET registered = 100, excused = 5, voted = 76, valid_ballots = 76, invalid_ballots = 0 WHERE body = '乡镇纪委' AND year = 2024 AND township = ?`,
	} {
		if _, err := db.Exec(q, township); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(`UPDATE members SET votes = 70 WHERE body IN ('乡镇党委', '乡镇纪委') AND year = 2024 AND township = ?`, township); err != nil {
		t.Fatal(err)
	}
	p, err := analytics.SummarizePartyCongress(ctx, db, analytics.Scope{Year: 2024, Township: township}, analytics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var quorum []analytics.Check
	for _, c := range p.Checks {
		if c.Rule == "party_quorum" {
			quorum = append(quorum, c)
		}
	}
	wantMsg := "应到会100人，经批准剔除5人，实到会76人（占应到会减剔除后的80.0%），未超过五分之四，会议无效"
	if len(quorum) != 1 || quorum[0].Body != electsum.TownshipDiscipline || quorum[0].Message != wantMsg {
		t.Fatalf("quorum checks %+v, want one for 乡镇纪委: %s", quorum, wantMsg)
	}
	if b := p.Bodies[1]; b.QuorumMet.Count.Current.V != 0 || b.Excused.Current.V != 5 || b.Attendance.Current.V != 76 {
		t.Errorf("乡镇纪委: quorum met %v, excused %v, 到会率 %v", b.QuorumMet.Count.Current, b.Excused.Current, b.Attendance.Current)
	}
}
