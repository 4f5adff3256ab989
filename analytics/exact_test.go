package analytics_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"electsum/analytics"
)

// noPrevious asserts that no figure of the structure has a previous-term value.
func noPrevious(t *testing.T, where string, st analytics.Structure) {
	t.Helper()
	check := func(name string, f analytics.Figure) {
		if f.Previous.OK {
			t.Errorf("%s %s previous = %v, want no figure (no previous term)", where, name, f.Previous.V)
		}
	}
	check("total", st.Total)
	check("women", st.Women.Count)
	check("average age", st.AverageAge)
	for _, p := range append(append([]analytics.Part{}, st.AgeBands...), st.Education...) {
		check(p.Label, p.Count)
	}
}

// TestNoPreviousTermNoComparison: a database holding one term only, or a unit new this term, gives no
// previous-term values (they were zeros, printed as 比上届增加66人).
func TestNoPreviousTermNoComparison(t *testing.T) {
	db := fixtureDB(t, "county.sql")
	if _, err := db.Exec(`DELETE FROM members WHERE year = 2021; DELETE FROM elections WHERE year = 2021`); err != nil {
		t.Fatal(err)
	}
	s := summarize(t, db, analytics.Scope{County: "清河县", Year: 2024}, analytics.Options{})
	if s.PreviousYear != 0 {
		t.Fatalf("previous year %d", s.PreviousYear)
	}
	for _, b := range s.Bodies {
		noPrevious(t, string(b.Body)+" members", b.Members)
		noPrevious(t, string(b.Body)+" heads", b.Heads)
		if b.Participation.Units.Previous.OK || b.Participation.Turnout.Previous.OK || b.Seats.Seats.Previous.OK {
			t.Errorf("%s participation has previous values", b.Body)
		}
		for _, m := range b.Methods {
			if m.Count.Previous.OK {
				t.Errorf("%s method %s previous %v", b.Body, m.Label, m.Count.Previous.V)
			}
		}
	}
	for _, tc := range s.TwoCommittees {
		noPrevious(t, tc.Kind+" two committees", tc.Persons)
		if tc.OneShoulder.Share.Previous.OK || tc.Positions.Previous.OK {
			t.Errorf("%s two committees have previous values", tc.Kind)
		}
	}
}

// TestNewUnitNoComparison: 南村 has no 2021 term, so its township-level breakdown of a body only it
// elected has no previous values, while the county's compare with 2021.
func TestNewUnitNoComparison(t *testing.T) {
	db := fixtureDB(t, "county.sql")
	s := summarize(t, db, analytics.Scope{County: "清河县", Township: "东镇", Unit: "南村", Year: 2024}, analytics.Options{})
	for _, b := range s.Bodies {
		noPrevious(t, "南村 "+string(b.Body), b.Members)
		if b.Participation.Turnout.Previous.OK {
			t.Errorf("南村 %s turnout previous %v", b.Body, b.Participation.Turnout.Previous.V)
		}
	}
}

// TestCompareYearWithoutData: --compare 2018 on a database without 2018 is an error, not a comparison
// with zeros.
func TestCompareYearWithoutData(t *testing.T) {
	db := fixtureDB(t, "county.sql")
	_, err := analytics.Summarize(context.Background(), db, analytics.Scope{County: "清河县", Year: 2024, Compare: 2018}, analytics.Options{})
	var ce *analytics.NoCompareDataError
	if !errors.As(err, &ce) || ce.Scope.Compare != 2018 {
		t.Fatalf("err = %v, want *NoCompareDataError for 2018", err)
	}
	if _, err := analytics.Summarize(context.Background(), db, analytics.Scope{County: "清河县", Year: 2024, Compare: 2021}, analytics.Options{}); err != nil {
		t.Fatalf("compare 2021: %v", err)
	}
}

// TestTurnoutTiesListAll: units tied at the highest (or lowest) turnout are all named, in township and
// unit order (the model held the first one only; issue 10 item 5).
func TestTurnoutTiesListAll(t *testing.T) {
	db := fixtureDB(t, "county.sql")
	// 南村 2024 村民委员会 from 240/500 to 900/1000 = 东村's 90%, and a third village at 45/50 = 90% too.
	if _, err := db.Exec(`UPDATE elections SET registered = 1000, voted = 900 WHERE unit = '南村' AND year = 2024 AND body = '村民委员会';
		INSERT INTO units VALUES ('清河县', '西镇', '北村', '村');
		INSERT INTO elections (county, township, unit, year, body, registered, voted, source_file, source_sheet, source_row)
		VALUES ('清河县', '西镇', '北村', 2024, '村民委员会', 50, 45, 'h.xlsx', '选举结果', 2),
		       ('清河县', '西镇', '西村', 2024, '村民委员会', 100, 60, 'h.xlsx', '选举结果', 3),
		       ('清河县', '西镇', '中心村', 2024, '村民委员会', 10, 6, 'h.xlsx', '选举结果', 4)`); err != nil {
		t.Fatal(err)
	}
	s := summarize(t, db, analytics.Scope{County: "清河县", Year: 2024}, analytics.Options{})
	p := s.Body(analytics.VillagersCommittee).Participation
	names := func(us []analytics.UnitRate) (out []string) {
		for _, u := range us {
			out = append(out, u.Township+u.Unit)
		}
		return out
	}
	if got := names(p.Highest); !slices.Equal(got, []string{"东镇东村", "东镇南村", "西镇北村"}) || p.Highest[2].Turnout != 90 {
		t.Errorf("highest %+v, want 东村, 南村 and 北村 at 90%%", p.Highest)
	}
	if got := names(p.Lowest); !slices.Equal(got, []string{"西镇中心村", "西镇西村"}) || p.Lowest[0].Turnout != 60 {
		t.Errorf("lowest %+v, want 中心村 and 西村 at 60%%", p.Lowest)
	}
}

// TestFailedQuorumIsNotFirstRound: an election whose quorum failed (村民委员会: no more than half of
// the registered voted; party bodies: no more than 4/5 attended) is not 一次选举成功 even when the
// sheet says 是, and the legal check says so once (issue 10 item 6).
func TestFailedQuorumIsNotFirstRound(t *testing.T) {
	db := fixtureDB(t, "county.sql")
	// 南村: 村民委员会 240 of 500 voted, 村党组织 15 of 20 attended (75%); both filed as first-round successes.
	if _, err := db.Exec(`UPDATE elections SET first_round = true WHERE unit = '南村' AND year = 2024`); err != nil {
		t.Fatal(err)
	}
	s := summarize(t, db, analytics.Scope{County: "清河县", Year: 2024}, analytics.Options{})
	checkPart(t, "vc first round", s.Body(analytics.VillagersCommittee).Seats.FirstRound, 1, 50.0)
	checkPart(t, "party first round", s.Body(analytics.PartyBranch).Seats.FirstRound, 1, 50.0)
	for _, e := range s.Elections {
		if e.Unit == "南村" && (e.FirstRound == nil || *e.FirstRound) {
			t.Errorf("南村 %s first round %v, want false", e.Body, e.FirstRound)
		}
	}
	said := map[string]int{}
	for _, c := range s.Checks {
		if c.Unit == "南村" && strings.Contains(c.Message, "一次选举成功") {
			said[c.Rule]++
		}
	}
	if said["vc_turnout_majority"] != 1 || said["party_quorum"] != 1 || len(said) != 2 {
		t.Errorf("contradiction reported %v, want once per quorum rule", said)
	}
	// A blank answer stays blank: the quorum rule does not turn it into 否.
	if _, err := db.Exec(`UPDATE elections SET first_round = NULL WHERE unit = '南村' AND year = 2024`); err != nil {
		t.Fatal(err)
	}
	s = summarize(t, db, analytics.Scope{County: "清河县", Year: 2024}, analytics.Options{})
	checkPart(t, "vc first round (blank)", s.Body(analytics.VillagersCommittee).Seats.FirstRound, 1, 100.0)
}

// TestImpossibleTurnoutIsDropped: more votes than registered voters is noted in 数据核对 and leaves no
// turnout; this check was in reports (check.go) and is now the model's own.
func TestImpossibleTurnoutIsDropped(t *testing.T) {
	db := fixtureDB(t, "county.sql")
	if _, err := db.Exec(`UPDATE elections SET voted = registered + 5 WHERE year = 2024 AND body = '村民委员会'`); err != nil {
		t.Fatal(err)
	}
	s := summarize(t, db, analytics.Scope{County: "清河县", Year: 2024}, analytics.Options{})
	b := s.Body(analytics.VillagersCommittee)
	if b == nil || b.Participation.Turnout.Current.OK {
		t.Fatalf("turnout kept: %+v", b)
	}
	noted := false
	for _, f := range crossChecks(s) {
		noted = noted || f.Kind == analytics.FindingTurnoutOver100 && f.Body == analytics.VillagersCommittee && f.Value.V > f.Whole.V
	}
	if !noted {
		t.Errorf("数据核对 %+v does not note it", crossChecks(s))
	}
}

// crossChecks are the model's own failed cross-checks: the 数据核对 findings other than partial_share
// and the units of one term only.
func crossChecks(s *analytics.Summary) []analytics.Finding {
	var out []analytics.Finding
	for _, f := range s.Findings {
		switch f.Kind {
		case analytics.FindingPartialShare, analytics.FindingOnlyCurrent, analytics.FindingOnlyPrevious:
			continue
		}
		if f.Section == analytics.SectionDataCheck {
			out = append(out, f)
		}
	}
	return out
}

// TestPartialShareIsTyped: a column some members left blank gives a Partial part whose Base is the
// members who filled it in, and a 数据核对 finding with the share of all members.
func TestPartialShareIsTyped(t *testing.T) {
	db := fixtureDB(t, "county.sql")
	if _, err := db.Exec(`UPDATE members SET party = NULL WHERE year = 2024 AND body = '村民委员会' AND rowid = (SELECT min(rowid) FROM members WHERE year = 2024 AND body = '村民委员会')`); err != nil {
		t.Fatal(err)
	}
	s := summarize(t, db, analytics.Scope{County: "清河县", Year: 2024}, analytics.Options{})
	m := s.Body(analytics.VillagersCommittee).Members
	p := m.PartyMembers
	if !p.Partial || p.Base.Int() != m.Total.Current.Int()-1 {
		t.Fatalf("party members %+v of %v: want partial over all but one", p, m.Total.Current.V)
	}
	if m.Women.Partial || m.Women.Base.Int() != m.Total.Current.Int() {
		t.Errorf("women %+v: want the share of all members", m.Women)
	}
	found := false
	for _, f := range s.Findings {
		found = found || f.Kind == analytics.FindingPartialShare && f.Body == analytics.VillagersCommittee && f.Part.Label == p.Label && f.Whole.Int() == m.Total.Current.Int()
	}
	if !found && p.Count.Current.V > 0 {
		t.Errorf("no partial_share finding for the party members: %+v", s.Findings)
	}
}

// TestNoUnitElectingBothBodies: when no unit holds members of both the 村党组织 and the 村民委员会 (the
// rosters name other units), 一肩挑 and 交叉任职 have no figure — not 0 of 0, nor 交叉任职0人，占0.0%.
func TestNoUnitElectingBothBodies(t *testing.T) {
	db := fixtureDB(t, "county.sql")
	if _, err := db.Exec(`UPDATE members SET unit = unit || '委员会' WHERE body = '村民委员会'`); err != nil {
		t.Fatal(err)
	}
	s := summarize(t, db, analytics.Scope{County: "清河县", Year: 2024}, analytics.Options{})
	found := false
	for _, tc := range s.TwoCommittees {
		if tc.Kind != "村" {
			continue // the communities' rosters were left as they were
		}
		found = true
		for name, p := range map[string]analytics.Part{"one shoulder": tc.OneShoulder, "cross units": tc.CrossUnits, "cross persons": tc.CrossPersons} {
			if p.Count.Current.OK || p.Share.Current.OK || p.Base.OK {
				t.Errorf("%s %s = %+v, want no figure", tc.Kind, name, p)
			}
		}
	}
	if !found {
		t.Fatal("no two committees summarised")
	}
}
