package synth

import (
	"electsum"

	"bytes"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"electsum/ingest"
)

// small is a quick messy world with communities and Traditional townships.
func small() Config {
	c := County()
	c.TownshipsPerCounty = 6
	c.Counties = 2
	c.CountyNames = []string{"示例县"}
	c.Communities = 0.3
	c.TraditionalShare = 0.3
	return c
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := Generate(small()), Generate(small())
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two worlds from the same config differ")
	}
	c := small()
	c.Seed++
	if reflect.DeepEqual(a.Townships[0].Members, Generate(c).Townships[0].Members) {
		t.Fatal("a different seed gave the same members")
	}
}

func TestWriteWorkbooksIsByteIdentical(t *testing.T) {
	w := Generate(small())
	d1, d2 := t.TempDir(), t.TempDir()
	p1, err := WriteWorkbooks(w, d1)
	if err != nil {
		t.Fatal(err)
	}
	p2, err := WriteWorkbooks(Generate(small()), d2)
	if err != nil {
		t.Fatal(err)
	}
	if len(p1) != len(w.Townships) || len(p1) != len(p2) {
		t.Fatalf("wrote %d and %d files for %d townships", len(p1), len(p2), len(w.Townships))
	}
	for i := range p1 {
		a, _ := os.ReadFile(p1[i])
		b, _ := os.ReadFile(p2[i])
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Fatalf("%s differs between two runs", strings.TrimPrefix(p1[i], d1))
		}
	}
}

// TestResultsAreConsistent checks every results row against the rules ingest enforces, so that the
// generated files load without errors.
func TestResultsAreConsistent(t *testing.T) {
	w := Generate(small())
	members := map[ingest.Key]int{}
	for _, tw := range w.Townships {
		for _, m := range tw.Members {
			members[m.Key]++
		}
	}
	seen := map[ingest.Key]bool{}
	for _, tw := range w.Townships {
		for _, r := range tw.Results {
			if seen[r.Key] {
				t.Errorf("%v: results row twice", r.Key)
			}
			seen[r.Key] = true
			if *r.Voted > *r.Registered {
				t.Errorf("%v: voted %d > registered %d", r.Key, *r.Voted, *r.Registered)
			}
			if r.ValidBallots != nil && *r.ValidBallots+*r.InvalidBallots != *r.Voted {
				t.Errorf("%v: valid %d + invalid %d ≠ voted %d", r.Key, *r.ValidBallots, *r.InvalidBallots, *r.Voted)
			}
			if *r.Elected > *r.Seats {
				t.Errorf("%v: elected %d > seats %d", r.Key, *r.Elected, *r.Seats)
			}
			if r.Candidates != nil && (r.Method == "无候选人" || r.Method == "自荐海选") {
				t.Errorf("%v: elected %s, yet %d formal candidates", r.Key, r.Method, *r.Candidates)
			}
			if r.Candidates != nil && *r.Candidates < *r.Seats {
				t.Errorf("%v: candidates %d < seats %d", r.Key, *r.Candidates, *r.Seats)
			}
			if r.Date != nil && (r.Date.Year() != r.Year || r.Date.Month() < time.March || r.Date.Month() > time.May) {
				t.Errorf("%v: election date %v is not in the spring of the year", r.Key, r.Date)
			}
			if members[r.Key] != *r.Elected {
				t.Errorf("%v: %d members for %d elected", r.Key, members[r.Key], *r.Elected)
			}
		}
	}
	for k := range members {
		if !seen[k] {
			t.Errorf("%v: members without a results row", k)
		}
	}
}

// TestMembersAreConsistent checks people: valid 身份证号 agreeing with birth and gender, one identity
// per id number, no one twice in a body, ages within the law, party members in party bodies.
func TestMembersAreConsistent(t *testing.T) {
	w := Generate(small())
	type identity struct{ name, gender string }
	people := map[string]identity{}
	type seatKey struct {
		ingest.Key
		person string
	}
	seats := map[seatKey]bool{}
	for _, tw := range w.Townships {
		for _, m := range tw.Members {
			if m.IDNumber == "" {
				if !tw.Omits("id_number") {
					t.Errorf("%v %s: no id number", m.Key, m.Name)
				}
				continue
			}
			id := m.IDNumber
			if len(id) != 18 || electsum.IDCheckChar(id[:17]) != id[17] {
				t.Errorf("%s: bad id number", id)
			}
			if g := map[bool]string{true: "女", false: "男"}[(id[16]-'0')%2 == 0]; g != m.Gender {
				t.Errorf("%s: id says %s, gender %s", id, g, m.Gender)
			}
			if m.Birth != nil {
				layout := "200601"
				if tw.style.birthFormat == birthFullDate {
					layout = "20060102"
				}
				if got := m.Birth.Format(layout); !strings.HasPrefix(id[6:], got) {
					t.Errorf("%s: birth %s does not agree", id, got)
				}
			}
			if m.Age != nil && (*m.Age < 18 || *m.Age > 70) {
				t.Errorf("%s: age %d", id, *m.Age)
			}
			if p, ok := people[id]; ok && p != (identity{m.Name, m.Gender}) {
				t.Errorf("%s: two people %v and %s", id, p, m.Name)
			}
			people[id] = identity{m.Name, m.Gender}
			k := seatKey{m.Key, id}
			if seats[k] {
				t.Errorf("%v: %s twice", m.Key, m.Name)
			}
			seats[k] = true
			if (m.Body == "村党组织" || m.Body == "社区党组织") && m.Party != "中共党员" {
				t.Errorf("%v: %s in a party body is %s", m.Key, m.Name, m.Party)
			}
		}
	}
}

// TestTermsLookReal checks the shares the summary reports on against the ranges the brief asks for:
// 一肩挑 more common in the later term, 交叉任职 present, women on most committees, 连任 consistent
// with the previous term.
func TestTermsLookReal(t *testing.T) {
	w := Generate(County())
	first, last := w.Config.Years[0], w.Config.Years[len(w.Config.Years)-1]
	type unitYear struct {
		unit string
		year int
	}
	secretary, director := map[unitYear]string{}, map[unitYear]string{}
	partyPeople, committeePeople := map[unitYear][]string{}, map[unitYear][]string{}
	women, committees := map[unitYear]int{}, map[unitYear]bool{}
	inBody := map[string]bool{} // unit, body, id number, year
	var reelectedWrong, laterMembers, committeeMembers, committeeParty int
	for _, tw := range w.Townships {
		if tw.Omits("id_number") {
			continue
		}
		for _, m := range tw.Members {
			uy := unitYear{m.Township + m.Unit, m.Year}
			inBody[fmt.Sprint(uy.unit, m.Body, m.IDNumber, m.Year)] = true
			switch m.Body {
			case "村党组织":
				partyPeople[uy] = append(partyPeople[uy], m.IDNumber)
				if m.Position == "书记" {
					secretary[uy] = m.IDNumber
				}
			case "村民委员会":
				committees[uy] = true
				committeePeople[uy] = append(committeePeople[uy], m.IDNumber)
				committeeMembers++
				if m.Party == "中共党员" {
					committeeParty++
				}
				if m.Gender == "女" {
					women[uy]++
				}
				if m.Position == "主任" {
					director[uy] = m.IDNumber
				}
			}
		}
		for _, m := range tw.Members {
			if m.Year != last {
				continue
			}
			laterMembers++
			was := inBody[fmt.Sprint(m.Township+m.Unit, m.Body, m.IDNumber, first)]
			if *m.Reelected != was {
				reelectedWrong++
			}
		}
	}
	if reelectedWrong > 0 {
		t.Errorf("%d of %d members of %d have 是否连任 disagreeing with %d", reelectedWrong, laterMembers, last, first)
	}
	share := func(year int) (oneShoulder, cross, noWomen float64) {
		n := 0
		for uy := range committees {
			if uy.year != year {
				continue
			}
			n++
			if secretary[uy] != "" && secretary[uy] == director[uy] {
				oneShoulder++
			}
			for _, p := range partyPeople[uy] {
				if p != secretary[uy] && contains(committeePeople[uy], p) {
					cross++
					break
				}
			}
			if women[uy] == 0 {
				noWomen++
			}
		}
		return oneShoulder / float64(n), cross / float64(n), noWomen / float64(n)
	}
	o1, c1, w1 := share(first)
	o2, c2, w2 := share(last)
	t.Logf("一肩挑 %.2f → %.2f, 交叉任职(书记以外) %.2f → %.2f, 无女性村委会 %.2f → %.2f, 村委会党员 %.2f", o1, o2, c1, c2, w1, w2, float64(committeeParty)/float64(committeeMembers))
	if o1 < 0.5 || o1 > 0.75 || o2 < 0.8 || o2 > 0.97 {
		t.Errorf("一肩挑 share %.2f in %d, %.2f in %d; want about 0.6 and 0.9", o1, first, o2, last)
	}
	if c1 < 0.2 || c2 < 0.2 {
		t.Errorf("交叉任职 beyond the 书记 in %.2f and %.2f of units; want a good part", c1, c2)
	}
	if w1 == 0 || w1 > 0.2 || w2 > 0.2 {
		t.Errorf("units whose 村民委员会 has no woman: %.2f and %.2f; want a few", w1, w2)
	}
	if p := float64(committeeParty) / float64(committeeMembers); p < 0.5 || p > 0.8 {
		t.Errorf("party members on 村民委员会: %.2f, want about 0.6", p)
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// TestCleanWorkbookReadsBack reads a clean township workbook with excelize: the standard headers from
// the column list, one row per generated row, values as generated.
func TestCleanWorkbookReadsBack(t *testing.T) {
	cfg := small()
	cfg.Messy = false
	w := Generate(cfg)
	paths, err := WriteWorkbooks(w, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tw := w.Townships[0]
	var villageResults []ingest.Column // a village workbook leaves out the people's congress columns and 批准剔除
	for _, c := range ingest.ResultColumns()[:len(ingest.ResultColumns())-len(ingest.CongressColumns())] {
		if c.Key != "excused" {
			villageResults = append(villageResults, c)
		}
	}
	for _, s := range []struct {
		sheet ingest.SheetKind
		cols  []ingest.Column
		n     int
	}{{ingest.ResultsSheet, villageResults, len(tw.Results)}, {ingest.MembersSheet, ingest.MemberColumns(), len(tw.Members)}} {
		rows, err := f.GetRows(string(s.sheet))
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != s.n+1 {
			t.Errorf("%s: %d rows, want header + %d", s.sheet, len(rows), s.n)
		}
		for i, c := range s.cols {
			if i >= len(rows[0]) || rows[0][i] != c.Header {
				t.Errorf("%s: header %d is not %s", s.sheet, i+1, c.Header)
			}
		}
	}
	rows, _ := f.GetRows(string(ingest.MembersSheet))
	m := tw.Members[len(tw.Members)-1]
	got := map[string]string{}
	for i, c := range ingest.MemberColumns() {
		if last := rows[len(rows)-1]; i < len(last) {
			got[c.Key] = last[i]
		}
	}
	want := map[string]string{"unit": m.Unit, "name": m.Name, "birth": m.Birth.Format("2006.01"), "id_number": m.IDNumber, "position": m.Position}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("last member row: %s is %q, want %q", k, got[k], v)
		}
	}
}

func TestCheckDigit(t *testing.T) {
	// The example of GB 11643-1999.
	if got := electsum.IDCheckChar("11010519491231002"); got != 'X' {
		t.Errorf("CheckDigit = %c, want X", got)
	}
}

func TestChineseNumber(t *testing.T) {
	for n, want := range map[int]string{3: "三", 10: "十", 11: "十一", 20: "二十", 23: "二十三"} {
		if got := chineseNumber(n); got != want {
			t.Errorf("chineseNumber(%d) = %s, want %s", n, got, want)
		}
	}
}

func BenchmarkGenerateProvince(b *testing.B) {
	for b.Loop() {
		Generate(Province())
	}
}

func BenchmarkWriteWorkbooksCounty(b *testing.B) {
	w := Generate(County())
	dir := b.TempDir()
	for b.Loop() {
		if _, err := WriteWorkbooks(w, dir); err != nil {
			b.Fatal(err)
		}
	}
}
