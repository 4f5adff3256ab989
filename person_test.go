package electsum_test

import (
	"fmt"
	"testing"
	"time"

	"electsum"
)

func date(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// idFor is a 身份证号 with the given birth date (the check digit is not checked by the person rules).
func idFor(birth string) string {
	return "330102" + birth[0:4] + birth[5:7] + birth[8:10] + "0011"
}

func TestAgeAtElection(t *testing.T) {
	for _, c := range []struct {
		name                string
		birth, id, election string
		age, want           int
		known               bool
	}{
		// Issue 8 item 8: the 身份证号 gives the birthday, which the month alone does not.
		{"birthday after the election", "1980-05-01", idFor("1980-05-20"), "2024-05-10", 0, 43, true},
		{"birthday before the election", "1980-05-01", idFor("1980-05-02"), "2024-05-10", 0, 44, true},
		{"month only: born on the 1st", "1980-05-01", "", "2024-05-10", 0, 44, true},
		{"id without 出生年月", "", idFor("1980-05-20"), "2024-05-10", 0, 43, true},
		{"id disagreeing with 出生年月 is not used", "1980-06-01", idFor("1980-05-20"), "2024-05-10", 0, 43, true},
		{"written age only", "", "", "2024-05-10", 45, 45, true},
		{"exact birth wins over the written age", "1980-05-01", idFor("1980-05-20"), "2024-05-10", 44, 43, true},
		{"nothing known", "", "", "2024-05-10", 0, 0, false},
		{"29 February", "", idFor("2000-02-29"), "2024-02-28", 0, 23, true},
	} {
		p := electsum.Person{Name: "张三", Birth: date(c.birth), IDNumber: c.id, Age: c.age, Election: date(c.election)}
		got, known := p.AgeAtElection()
		if got != c.want || known != c.known {
			t.Errorf("%s: AgeAtElection = %d, %v; want %d, %v", c.name, got, known, c.want, c.known)
		}
	}
}

func TestSamePerson(t *testing.T) {
	march, june := date("2024-03-01"), date("2024-06-01")
	for _, c := range []struct {
		name string
		a, b electsum.Person
		want bool
	}{
		{"same id", electsum.Person{IDNumber: idFor("1980-05-20"), Name: "张三"}, electsum.Person{IDNumber: idFor("1980-05-20"), Name: "张叁"}, true},
		{"different ids, same name", electsum.Person{IDNumber: idFor("1980-05-20"), Name: "张三"}, electsum.Person{IDNumber: idFor("1981-05-20"), Name: "张三"}, false},
		{"same name and birth month", electsum.Person{Name: "李四", Birth: date("1990-06-01")}, electsum.Person{Name: "李四", Birth: date("1990-06-01")}, true},
		{"same name, other birth month", electsum.Person{Name: "李四", Birth: date("1990-06-01")}, electsum.Person{Name: "李四", Birth: date("1990-07-01")}, false},
		{"id on one side only: birth month decides", electsum.Person{Name: "沈一", IDNumber: idFor("1970-02-14")}, electsum.Person{Name: "沈一", Birth: date("1970-02-01")}, true},
		// Issue 8 item 7: written ages differ by one across two elections that straddle his birthday.
		{"ages 45 in March and 46 in June", electsum.Person{Name: "王五", Age: 45, Election: march}, electsum.Person{Name: "王五", Age: 46, Election: june}, true},
		{"ages 45 and 46 on one day", electsum.Person{Name: "王五", Age: 45, Election: june}, electsum.Person{Name: "王五", Age: 46, Election: june}, false},
		{"ages 45 and 47", electsum.Person{Name: "王五", Age: 45, Election: march}, electsum.Person{Name: "王五", Age: 47, Election: june}, false},
		{"across terms", electsum.Person{Name: "王五", Age: 43, Election: date("2021-04-01")}, electsum.Person{Name: "王五", Age: 46, Election: june}, true},
		{"age against birth", electsum.Person{Name: "王五", Age: 45, Election: march}, electsum.Person{Name: "王五", Birth: date("1978-04-01")}, true},
		{"age against another birth", electsum.Person{Name: "王五", Age: 45, Election: march}, electsum.Person{Name: "王五", Birth: date("1980-04-01")}, false},
		{"nothing but the name", electsum.Person{Name: "赵六"}, electsum.Person{Name: "赵六", Age: 50, Election: june}, true},
		{"other name", electsum.Person{Name: "赵六"}, electsum.Person{Name: "赵七"}, false},
	} {
		if got := electsum.SamePerson(c.a, c.b); got != c.want {
			t.Errorf("%s: SamePerson = %v, want %v", c.name, got, c.want)
		}
		if got := electsum.SamePerson(c.b, c.a); got != c.want {
			t.Errorf("%s (swapped): SamePerson = %v, want %v", c.name, got, c.want)
		}
	}
}

func ExamplePersonKey() {
	fmt.Println(electsum.PersonKey("东镇", "东村", electsum.Person{Name: "张三", IDNumber: "330102198005200011"}))
	fmt.Println(electsum.PersonKey("东镇", "东村", electsum.Person{Name: "李四", Birth: date("1990-06-01")}))
	fmt.Println(electsum.PersonKey("东镇", "南村", electsum.Person{Name: "吴一", Age: 30}))
	// Output:
	// id:330102198005200011
	// name:东镇|东村|李四|1990-06
	// name:东镇|南村|吴一|age:30
}
