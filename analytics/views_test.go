package analytics_test

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"testing"

	"electsum"
	"electsum/analytics"
	"electsum/ingest"
)

func installed(t *testing.T, files ...string) *sql.DB {
	t.Helper()
	db := fixtureDB(t, files...)
	for i := 0; i < 2; i++ { // Install is repeatable: ingest runs it after every load
		if err := analytics.Install(context.Background(), db, analytics.Options{}); err != nil {
			t.Fatalf("Install (run %d): %v", i+1, err)
		}
	}
	return db
}

func queryInts(t *testing.T, db *sql.DB, q string, args ...any) []sql.NullFloat64 {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	out := make([]sql.NullFloat64, len(cols))
	ptrs := make([]any, len(cols))
	for i := range out {
		ptrs[i] = &out[i]
	}
	if !rows.Next() {
		t.Fatalf("%s: no row", q)
	}
	if err := rows.Scan(ptrs...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return out
}

func sameValue(t *testing.T, name string, got analytics.Value, sqlValue sql.NullFloat64) {
	t.Helper()
	if got.OK != sqlValue.Valid || (got.OK && got.V != sqlValue.Float64) {
		t.Errorf("%s: Summarize %v (ok=%v), view %v (ok=%v)", name, got.V, got.OK, sqlValue.Float64, sqlValue.Valid)
	}
}

// TestViewsAgreeWithSummarize counts every body's figures a second way, in SQL over the views, and
// compares them with Summarize.
func TestViewsAgreeWithSummarize(t *testing.T) {
	db := installed(t, "county.sql")
	s := summarize(t, db, analytics.Scope{County: "清河县", Year: 2024}, analytics.Options{})
	for _, b := range s.Bodies {
		for _, y := range []struct {
			year int
			pick func(analytics.Figure) analytics.Value
		}{{2024, func(f analytics.Figure) analytics.Value { return f.Current }}, {2021, func(f analytics.Figure) analytics.Value { return f.Previous }}} {
			name := fmt.Sprintf("%s %d", b.Body, y.year)
			v := queryInts(t, db, `SELECT sum(registered), sum(voted), round(sum(voted) FILTER (WHERE registered IS NOT NULL) * 100.0 / nullif(sum(registered) FILTER (WHERE voted IS NOT NULL), 0), 1), sum(seats), sum(candidates), sum(elected), count(*) FILTER (WHERE voted = registered) FROM v_turnout WHERE county = '清河县' AND year = ? AND body = ?`, y.year, string(b.Body))
			p := b.Participation
			sameValue(t, name+" registered", y.pick(p.Registered), v[0])
			sameValue(t, name+" voted", y.pick(p.Voted), v[1])
			sameValue(t, name+" turnout", y.pick(p.Turnout), v[2])
			sameValue(t, name+" seats", y.pick(b.Seats.Seats), v[3])
			sameValue(t, name+" candidates", y.pick(b.Seats.Candidates), v[4])
			sameValue(t, name+" elected", y.pick(b.Seats.Elected), v[5])
			if y.year == 2024 {
				sameValue(t, name+" full turnout", y.pick(p.FullTurnout), v[6])
			}

			var st sql.NullFloat64
			row := db.QueryRow(`SELECT members FROM v_structure WHERE level = 'county' AND county = '清河县' AND year = ? AND body = ?`, y.year, string(b.Body))
			if err := row.Scan(&st); err != nil && err != sql.ErrNoRows {
				t.Fatal(err)
			}
			if !st.Valid {
				continue
			}
			v = queryInts(t, db, `SELECT members, women, women_share, party_members, party_share, minorities, minority_share, average_age, reelected, new, heads FROM v_structure WHERE level = 'county' AND county = '清河县' AND year = ? AND body = ?`, y.year, string(b.Body))
			m := b.Members
			sameValue(t, name+" members", y.pick(m.Total), v[0])
			sameValue(t, name+" women", y.pick(m.Women.Count), v[1])
			sameValue(t, name+" women share", y.pick(m.Women.Share), v[2])
			sameValue(t, name+" party members", y.pick(m.PartyMembers.Count), v[3])
			sameValue(t, name+" party share", y.pick(m.PartyMembers.Share), v[4])
			if m.Minorities.Count.Current.OK {
				sameValue(t, name+" minorities", y.pick(m.Minorities.Count), v[5])
				sameValue(t, name+" minority share", y.pick(m.Minorities.Share), v[6])
			}
			sameValue(t, name+" average age", y.pick(m.AverageAge), v[7])
			sameValue(t, name+" reelected", y.pick(m.Reelected.Count), v[8])
			sameValue(t, name+" new", y.pick(m.New.Count), v[9])
			if b.Heads.Total.Current.OK {
				sameValue(t, name+" heads", y.pick(b.Heads.Total), v[10])
			}
			for _, band := range m.AgeBands {
				var n sql.NullFloat64
				if err := db.QueryRow(`SELECT count(*) FROM v_members WHERE county = '清河县' AND year = ? AND body = ? AND age_band = ?`, y.year, string(b.Body), band.Label).Scan(&n); err != nil {
					t.Fatal(err)
				}
				sameValue(t, name+" "+band.Label, y.pick(band.Count), n)
			}
			for _, bucket := range m.Education {
				var n sql.NullFloat64
				if err := db.QueryRow(`SELECT count(*) FROM v_members WHERE county = '清河县' AND year = ? AND body = ? AND education_bucket = ?`, y.year, string(b.Body), bucket.Label).Scan(&n); err != nil {
					t.Fatal(err)
				}
				sameValue(t, name+" "+bucket.Label, y.pick(bucket.Count), n)
			}
			if b.Heads.Total.Current.OK && y.year == 2024 {
				v = queryInts(t, db, `SELECT count(*) FILTER (WHERE head_changed), count(head_changed) FROM v_change WHERE level = 'unit' AND county = '清河县' AND year = ? AND body = ?`, y.year, string(b.Body))
				if v[1].Float64 == 0 { // no unit had a head in both terms: no figure
					v[0].Valid = false
				}
				sameValue(t, name+" heads changed", b.HeadsChanged.Count.Current, v[0])
			}
		}
	}
	for _, tc := range s.TwoCommittees {
		for i, y := range []int{2024, 2021} {
			pick := termOf(i)
			name := fmt.Sprintf("%s两委 %d", tc.Kind, y)
			v := queryInts(t, db, `SELECT sum(positions), sum(persons), sum(cross_persons), count(*) FILTER (WHERE one_shoulder), count(*) FILTER (WHERE cross_unit), count(*) FILTER (WHERE committee_women = 0) FROM v_two_committees WHERE county = '清河县' AND year = ? AND kind = ?`, y, tc.Kind)
			sameValue(t, name+" positions", pick(tc.Positions), v[0])
			sameValue(t, name+" persons", pick(tc.Persons.Total), v[1])
			sameValue(t, name+" cross persons", pick(tc.CrossPersons.Count), v[2])
			sameValue(t, name+" one shoulder", pick(tc.OneShoulder.Count), v[3])
			sameValue(t, name+" cross units", pick(tc.CrossUnits.Count), v[4])
			sameValue(t, name+" no woman", pick(tc.NoWoman.Count), v[5])
		}
	}

	rows, err := db.Query(`SELECT rule || ':' || unit || ':' || coalesce(name, '') FROM v_checks WHERE county = '清河县' AND year = 2024 ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var fromView []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			t.Fatal(err)
		}
		fromView = append(fromView, r)
	}
	var fromModel []string
	for _, c := range s.Checks {
		if c.Severity != analytics.SeverityViolation {
			continue
		}
		name := ""
		if strings.Contains(c.Rule, "candidate_majority") && len(c.Quoted) == 1 {
			name = c.Quoted[0]
		}
		fromModel = append(fromModel, c.Rule+":"+c.Unit+":"+name)
	}
	sort.Strings(fromModel)
	if fmt.Sprint(fromView) != fmt.Sprint(fromModel) {
		t.Errorf("checks\n view  %v\n model %v", fromView, fromModel)
	}
}

// TestViewAgeMatchesRoster checks v_members.age_at_election against the ages Summarize computes.
func TestViewAgeMatchesRoster(t *testing.T) {
	db := installed(t, "county.sql")
	s := summarize(t, db, analytics.Scope{Year: 2024}, analytics.Options{})
	for _, m := range s.Roster {
		var age sql.NullFloat64
		if err := db.QueryRow(`SELECT age_at_election FROM v_members WHERE year = 2024 AND unit = ? AND body = ? AND name = ?`, m.Unit, string(m.Body), m.Name).Scan(&age); err != nil {
			t.Fatal(err)
		}
		sameValue(t, m.Name+" age", m.Age, age)
	}
	// 张三, born 1980-05, elected 2024-03-10 (party) and 2024-04-20: 43 at both.
	if s.Roster[0].Name != "张三" || s.Roster[0].Age.Int() != 43 {
		t.Errorf("张三: %+v", s.Roster[0])
	}
}

// TestChecksOneDefinition: Summary.Checks and v_checks are the same rows with the same messages, also
// when Summarize reads a database opened read-only (its TEMP definitions need no write access).
func TestChecksOneDefinition(t *testing.T) {
	db := installed(t, "county.sql")
	var path string
	if err := db.QueryRow(`SELECT path FROM duckdb_databases() WHERE database_name = current_database()`).Scan(&path); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT rule, unit, body, message FROM v_checks WHERE year = 2024 ORDER BY ALL`)
	if err != nil {
		t.Fatal(err)
	}
	var fromView []string
	for rows.Next() {
		var rule, unit, body, msg string
		if err := rows.Scan(&rule, &unit, &body, &msg); err != nil {
			t.Fatal(err)
		}
		fromView = append(fromView, rule+"|"+unit+"|"+body+"|"+msg)
	}
	rows.Close()
	if len(fromView) == 0 {
		t.Fatal("the fixture fails no legal check")
	}
	db.Close()
	ro, err := ingest.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	s := summarize(t, ro, analytics.Scope{Year: 2024}, analytics.Options{})
	var fromModel []string
	for _, c := range s.Checks {
		if c.Severity == analytics.SeverityViolation {
			fromModel = append(fromModel, c.Rule+"|"+c.Unit+"|"+string(c.Body)+"|"+c.Message)
		}
	}
	sort.Strings(fromModel)
	if strings.Join(fromView, "\n") != strings.Join(fromModel, "\n") {
		t.Errorf("checks\n view:\n%s\n model:\n%s", strings.Join(fromView, "\n"), strings.Join(fromModel, "\n"))
	}
}

// TestPercentText: the checks' percentages are electsum.Round of the exact ratio.
func TestPercentText(t *testing.T) {
	db := installed(t)
	for _, c := range [][2]int{{999, 2000}, {51, 69}, {0, 5}, {-1, 5}, {23, 80}, {2, 3}, {1, 8}, {-3, 8}, {7, 7}, {1, 1999}} {
		var got string
		if err := db.QueryRow(`SELECT percent_text(?::BIGINT, ?::BIGINT)`, c[0], c[1]).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("%.1f", electsum.Round(100*float64(c[0])/float64(c[1]), 1)); got != want {
			t.Errorf("percent_text(%d, %d) = %s, want %s", c[0], c[1], got, want)
		}
	}
}

// ViewNames lists exactly the views Install creates.
func TestViewNames(t *testing.T) {
	db := installed(t, "county.sql")
	rows, err := db.Query(`SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	want := analytics.ViewNames()
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Install creates %v, ViewNames lists %v", got, want)
	}
}
