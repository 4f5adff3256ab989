package analytics_test

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"electsum"
	"electsum/analytics"
)

// TestOneShoulderAcrossBirthday is issue 8 item 7: a 书记 who is also 主任, his two elections either
// side of his birthday (written ages 45 and 46), is one person in Summarize and in the views.
func TestOneShoulderAcrossBirthday(t *testing.T) {
	db := installed(t, "person.sql")
	s := summarize(t, db, analytics.Scope{Year: 2024}, analytics.Options{})
	if len(s.TwoCommittees) != 1 {
		t.Fatalf("two committees: %+v", s.TwoCommittees)
	}
	tc := s.TwoCommittees[0]
	checkValue(t, "一肩挑", tc.OneShoulder.Count.Current, 1)
	checkValue(t, "交叉任职人员", tc.CrossPersons.Count.Current, 1)
	checkValue(t, "职数", tc.Positions.Current, 6)
	checkValue(t, "人数", tc.Persons.Total.Current, 5)
	v := queryInts(t, db, `SELECT count(*) FILTER (WHERE one_shoulder), sum(cross_persons), sum(positions), sum(persons) FROM v_two_committees WHERE year = 2024`)
	for i, w := range []float64{1, 1, 6, 5} {
		if !v[i].Valid || v[i].Float64 != w {
			t.Errorf("v_two_committees column %d = %v, want %v", i, v[i], w)
		}
	}
}

// TestAgeFromExactBirthday is issue 8 item 8: the 身份证号's birthday, not the 1st of the birth month,
// gives the age at election, in Summarize and in v_members alike.
func TestAgeFromExactBirthday(t *testing.T) {
	db := installed(t, "person.sql")
	s := summarize(t, db, analytics.Scope{Year: 2024}, analytics.Options{})
	want := map[string]int{"张三": 43, "李四": 34}
	for _, m := range s.Roster {
		if w, ok := want[m.Name]; ok {
			checkValue(t, m.Name+" age", m.Age, w)
			var age int
			if err := db.QueryRow(`SELECT age_at_election FROM v_members WHERE name = ?`, m.Name).Scan(&age); err != nil {
				t.Fatal(err)
			}
			if age != w {
				t.Errorf("v_members: %s is %d, want %d", m.Name, age, w)
			}
		}
	}
}

// TestPersonSQL checks that the SQL macros of views/00_person.sql give what package electsum gives,
// on random rows: the age at election and the identity rule.
func TestPersonSQL(t *testing.T) {
	db := installed(t)
	r := rand.New(rand.NewPCG(8, 7))
	day := func(from, span int) time.Time {
		return time.Date(from, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(span*366))
	}
	person := func(name string) electsum.Person {
		p := electsum.Person{Name: name, Election: day(2020, 5)}
		if r.IntN(5) == 0 {
			p.Election = time.Date(p.Election.Year(), 12, 31, 0, 0, 0, 0, time.UTC)
		}
		born := day(1950, 50)
		if r.IntN(20) == 0 {
			born = time.Date(1980+4*r.IntN(5), 2, 29, 0, 0, 0, 0, time.UTC)
		}
		switch r.IntN(4) {
		case 0: // month only
			p.Birth = time.Date(born.Year(), born.Month(), 1, 0, 0, 0, 0, time.UTC)
		case 1: // a full date
			p.Birth = born
		}
		if r.IntN(2) == 0 {
			id := born
			if r.IntN(4) == 0 {
				id = born.AddDate(0, r.IntN(3)-1, r.IntN(3)-1)
			}
			p.IDNumber = "330102" + id.Format("20060102") + fmt.Sprintf("%04d", r.IntN(3))
		}
		if r.IntN(2) == 0 {
			p.Age = electsum.AgeAt(born, p.Election) + r.IntN(3) - 1
		}
		return p
	}
	arg := func(p electsum.Person) []any {
		var birth, id, age any
		if !p.Birth.IsZero() {
			birth = p.Birth.Format(time.DateOnly)
		}
		if p.IDNumber != "" {
			id = p.IDNumber
		}
		if p.Age > 0 {
			age = p.Age
		}
		return []any{birth, id, age, p.Election.Format(time.DateOnly)}
	}
	// The cases go into one table and the macros run in one query, as a view would run them.
	if _, err := db.Exec(`CREATE TEMP TABLE cases (i INTEGER, a_birth DATE, a_id VARCHAR, a_age INTEGER, a_date DATE, a_name VARCHAR,
		b_birth DATE, b_id VARCHAR, b_age INTEGER, b_date DATE, b_name VARCHAR)`); err != nil {
		t.Fatal(err)
	}
	type pair struct{ a, b electsum.Person }
	var pairs []pair
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 400; i++ {
		a := person("王五")
		b := person([]string{"王五", "王六"}[r.IntN(2)])
		if r.IntN(3) == 0 { // the same person, elected again
			b = a
			b.Election = day(2020, 5)
			if b.Age > 0 {
				b.Age = b.Age + b.Election.Year() - a.Election.Year()
			}
		}
		pairs = append(pairs, pair{a, b})
		args := append(append([]any{i}, arg(a)...), a.Name)
		args = append(append(args, arg(b)...), b.Name)
		if _, err := tx.Exec(`INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT i, age_at_election(a_birth, a_id, a_age, a_date),
	       same_person(person(a_id, a_name, a_birth, a_age, a_date), person(b_id, b_name, b_birth, b_age, b_date))
	FROM cases ORDER BY i`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var i int
		var age sql.NullInt64
		var same bool
		if err := rows.Scan(&i, &age, &same); err != nil {
			t.Fatal(err)
		}
		n++
		a, b := pairs[i].a, pairs[i].b
		goAge, known := a.AgeAtElection()
		if age.Valid != known || int(age.Int64) != goAge {
			t.Errorf("age_at_election %+v: SQL %v, Go %d (%v)", a, age, goAge, known)
		}
		if goSame := electsum.SamePerson(a, b); same != goSame {
			t.Errorf("same_person:\n  a %+v\n  b %+v\n  SQL %v, Go %v", a, b, same, goSame)
		}
	}
	if err := rows.Err(); err != nil || n != len(pairs) {
		t.Fatalf("%d of %d rows: %v", n, len(pairs), err)
	}
}
