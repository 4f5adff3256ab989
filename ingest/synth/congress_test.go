package synth

import (
	"fmt"
	"strings"
	"testing"

	"electsum"
)

// TestCongressLevelsShareOneRoll: the two levels of a township's people's congress election are
// elected together over the same people, so its 县级 选区 add up to the same 选民登记 and turnout as its
// 乡级 ones — 总人口, 18周岁以上人口, each exclusion, 登记选民 and its women, minorities and migrants,
// 参加投票 and its modes — and every township has both levels in every year, but a 街道 (no people's
// congress of its own) only the 县级 one.
func TestCongressLevelsShareOneRoll(t *testing.T) {
	w := Generate(small())
	GenerateCongress(w)
	type key struct {
		township string
		year     int
		body     electsum.Body
	}
	sums := map[key][]int{}
	for _, tw := range w.Congress {
		for _, r := range tw.Results {
			c := r.Congress
			k := key{tw.County + tw.Name, r.Year, electsum.Body(r.Body)}
			row := []*int{c.Population, c.Adults, c.AwayHome, c.AwayWorkplace, c.AwayMissing, c.Incapable, c.Suspended,
				c.Deprived, r.Registered, c.RegisteredWomen, c.RegisteredMinority, c.RegisteredMigrant, r.Voted,
				c.InPersonVotes, r.MobileVotes, r.ProxyVotes}
			s := sums[k]
			if s == nil {
				s = make([]int, len(row))
			}
			for i, v := range row {
				if v == nil {
					t.Fatalf("%v: figure %d is blank", k, i)
				}
				s[i] += *v
			}
			sums[k] = s
		}
	}
	n := 0
	for k, county := range sums {
		if k.body != electsum.CountyDeputies {
			continue
		}
		n++
		township, ok := sums[key{k.township, k.year, electsum.TownshipDeputies}]
		if street := strings.HasSuffix(k.township, "街道"); ok == street {
			t.Fatalf("%s %d: 乡级 选区 %v", k.township, k.year, ok)
		}
		if !ok {
			continue
		}
		if fmt.Sprint(county) != fmt.Sprint(township) {
			t.Errorf("%s %d: the 县级 选区 add up to %v, the 乡级 ones to %v", k.township, k.year, county, township)
		}
	}
	if want := len(w.Congress) * len(w.Config.Years); n != want {
		t.Errorf("%d townships and years with 县级 选区, want %d", n, want)
	}
}
