package ingest

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// mayAddColumns never rules out a two-row header that would match more columns than its upper row alone:
// over random upper rows (headers, aliases and group words of both kinds of sheet, blanks, titles) and
// rows below them (data cells, headers, aliases, blanks, a header split over the two rows), whenever it says no, matchBest(upper, lower)
// matches at most as many columns as matchBest(nil, upper). Not vacuous: it says no to most rows and yes
// to some whose two rows do match more.
func TestMayAddColumns(t *testing.T) {
	var headers []string
	for _, spec := range specs {
		for _, c := range spec.cols {
			if c != nil {
				headers = append(headers, c.Header)
				headers = append(headers, c.Aliases...)
			}
		}
	}
	groups := []string{"选举情况", "选民登记", "候选人", "投票情况", "当选情况", "基本情况", "代表构成", "（人）", "其中", "合计"}
	data := []string{"城关镇", "石桥村", "第一选区", "村民委员会", "县级人大代表", "张三", "男", "汉族", "中共党员", "1975.03",
		"2024", "1200", "3", "0", "是", "大学本科", "2024-03-15", "430121198305148000", " ", "备注：", "数", "人数", "名称"}
	r := rand.New(rand.NewPCG(12, 11))
	pick := func(pools ...[]string) string {
		p := pools[r.IntN(len(pools))]
		return p[r.IntN(len(p))]
	}
	upper := func() []string {
		row := make([]string, 2+r.IntN(14))
		for i := range row {
			// One cell in six blank, one a group word, the others a header or an alias.
			if k := r.IntN(6); k == 1 {
				row[i] = pick(groups)
			} else if k > 1 {
				row[i] = pick(headers)
			}
		}
		return row
	}
	lower := func(up []string) []string {
		row := make([]string, max(0, len(up)-2+r.IntN(5)))
		for i := range row {
			switch r.IntN(10) {
			case 0:
				row[i] = ""
			case 1:
				row[i] = pick(headers)
			case 2:
				if i < len(up) {
					row[i] = up[i] // merged down both rows
				}
			case 3:
				row[i] = pick(headers) + pick(data)
			default:
				row[i] = pick(data)
			}
		}
		return row
	}
	matched := func(l *layout) int {
		if l == nil {
			return 0
		}
		return l.matched
	}
	no, yesMore := 0, 0
	for i := range 20000 {
		up := upper()
		lo := lower(up)
		if r.IntN(3) == 0 {
			lo = []string{pick(data), pick(data), pick(data), fmt.Sprint(i)}
		}
		for range r.IntN(3) { // a header written over both rows: 登记 above 选民数
			if i := r.IntN(len(up)); i < len(lo) {
				if h := []rune(pick(headers)); len(h) > 1 {
					k := 1 + r.IntN(len(h)-1)
					up[i], lo[i] = string(h[:k]), string(h[k:])
				}
			}
		}
		comb, alone := matched(matchBest(up, lo)), matched(matchBest(nil, up))
		if !mayAddColumns(up, lo) {
			no++
			if comb > alone {
				t.Fatalf("ruled out %q under %q: the two rows match %d columns, the upper alone %d", lo, up, comb, alone)
			}
		} else if comb > alone {
			yesMore++
		}
	}
	t.Logf("of 20,000 pairs: %d ruled out, %d kept that match more", no, yesMore)
	if no < 1000 || yesMore < 100 {
		t.Errorf("vacuous: %d ruled out, %d kept that match more", no, yesMore)
	}
}
