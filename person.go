package electsum

import (
	"strconv"
	"time"
)

// Person is what one member row says about who its person is: the fields the identity rule and the
// age at election read. A zero Birth or Age means the sheet did not give it.
type Person struct {
	IDNumber string    // 身份证号 as stored (normalised and validated by ingest), "" when not given
	Name     string    // 姓名
	Birth    time.Time // 出生年月: the first of the month when only year and month were written
	Age      int       // 年龄 as written (周岁), 0 when not given
	Election time.Time // the election's 选举日期, else 31 December of its year
}

// ElectionDate is the date ages are counted at: the election's 选举日期 when known, else 31 December of
// the election year.
func ElectionDate(year int, date time.Time) time.Time {
	if !date.IsZero() {
		return date
	}
	return time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
}

// IDBirth is the birth date an 18-character 身份证号 encodes (digits 7–14), and whether it is a real date.
// It does not check the check digit: stored numbers were validated by ingest.
func IDBirth(id string) (time.Time, bool) {
	if len(id) != 18 {
		return time.Time{}, false
	}
	n := 0
	for i := 6; i < 14; i++ {
		c := id[i]
		if c < '0' || c > '9' {
			return time.Time{}, false
		}
		n = n*10 + int(c-'0')
	}
	y, m, d := n/10000, n/100%100, n%100
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// ExactBirth is the birth date ages are counted from: the 身份证号's date when it gives one that agrees
// with 出生年月 (same year and month) or 出生年月 is empty; otherwise 出生年月 as stored (the first of the
// month when only the month was written). It reports whether the date is exact to the day (from the
// 身份证号, or a 出生年月 written with a day other than the 1st). Zero when neither is known.
func ExactBirth(birth time.Time, id string) (time.Time, bool) {
	if b, ok := IDBirth(id); ok && (birth.IsZero() || (b.Year() == birth.Year() && b.Month() == birth.Month())) {
		return b, true
	}
	return birth, !birth.IsZero() && birth.Day() != 1
}

// AgeAt is the age in 周岁 of a person born on birth at the date at: the years completed, one less
// before the birthday of at's year.
func AgeAt(birth, at time.Time) int {
	age := at.Year() - birth.Year()
	if at.Month() < birth.Month() || (at.Month() == birth.Month() && at.Day() < birth.Day()) {
		age--
	}
	return age
}

// AgeAtElection is p's age at the election: from the exact birthday when the 身份证号 gives it, else
// from 出生年月, else the age written on the sheet; ok is false when none is known.
func (p Person) AgeAtElection() (age int, ok bool) {
	if b, _ := ExactBirth(p.Birth, p.IDNumber); !b.IsZero() {
		return AgeAt(b, p.Election), true
	}
	return p.Age, p.Age > 0
}

// BirthWindow is the range of birth dates p's row allows, both ends included: the exact birthday; the
// whole birth month when only the month is known; from the written age, the year of days whose 周岁 at
// the election is that age. ok is false when the row gives none of them.
func (p Person) BirthWindow() (from, to time.Time, ok bool) {
	if b, exact := ExactBirth(p.Birth, p.IDNumber); !b.IsZero() {
		if exact {
			return b, b, true
		}
		first := time.Date(b.Year(), b.Month(), 1, 0, 0, 0, 0, time.UTC)
		return first, first.AddDate(0, 1, -1), true
	}
	if p.Age > 0 {
		return yearsBefore(p.Election, p.Age+1).AddDate(0, 0, 1), yearsBefore(p.Election, p.Age), true
	}
	return time.Time{}, time.Time{}, false
}

// SamePerson is the one identity rule (issue 8, item 7): two member rows are the same person when both
// give a 身份证号 and it is the same; otherwise when the names are the same and their birth windows
// overlap, where both rows give one. So the same birth month is the same person, and written ages may
// differ by one across two elections that straddle a birthday, or by the years between two terms. The
// SQL form is the same_person macro of analytics/sql/person.sql.
func SamePerson(a, b Person) bool {
	if a.IDNumber != "" && b.IDNumber != "" {
		return a.IDNumber == b.IDNumber
	}
	if a.Name != b.Name {
		return false
	}
	af, at, aok := a.BirthWindow()
	bf, bt, bok := b.BirthWindow()
	return !aok || !bok || (!af.After(bt) && !bf.After(at))
}

// PersonKey is the stored members.person_key of a row of one election (one unit, body and year):
// "id:" and the 身份证号 when given; else "name:", township, unit, name and the birth month
// (2006-01), or "age:" and the written age, separated by "|". Within one election, rows with equal keys
// are the same person by SamePerson (one date: equal written ages, or the same birth month).
func PersonKey(township, unit string, p Person) string {
	if p.IDNumber != "" {
		return "id:" + p.IDNumber
	}
	born := ""
	switch {
	case !p.Birth.IsZero():
		born = p.Birth.Format("2006-01")
	case p.Age > 0:
		born = "age:" + strconv.Itoa(p.Age)
	}
	return "name:" + township + "|" + unit + "|" + p.Name + "|" + born
}

// yearsBefore is the same day n years before t; 29 February becomes 28 February in a common year (as
// SQL's date − INTERVAL n YEAR does).
func yearsBefore(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	y -= n
	if m == time.February && d == 29 && !(y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		d = 28
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
