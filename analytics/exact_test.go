package analytics_test

import (
	"context"
	"errors"
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
