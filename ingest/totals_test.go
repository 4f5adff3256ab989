package ingest

import (
	"slices"
	"strings"
	"testing"
)

// TestTotalsAboveAndWholeTownshipRows: a 合计 row placed above the data is checked against the rows below
// it, and a row for the whole township (全镇, 本乡, the township's own name in 村(社区)) is a 合计 row,
// never loaded as a village.
func TestTotalsAboveAndWholeTownshipRows(t *testing.T) {
	header := []any{"乡镇(街道)", "村(社区)", "年份", "选举类型", "登记选民数", "参加投票人数", "应选职数", "当选人数"}
	a := []any{"城关镇", "东岭村", 2024, "村民委员会", 1000, 900, 5, 5}
	b := []any{"城关镇", "西岭村", 2024, "村民委员会", 800, 700, 3, 3}
	cases := []struct {
		name     string
		rows     [][]any
		warnings []string
		message  string // of the first warning
		loaded   int
	}{
		{name: "合计 first agrees", rows: [][]any{header, {"合计", "", "", "", 1800, 1600, 8, 8}, a, b}, loaded: 2},
		{name: "合计 first differs", rows: [][]any{header, {"合计", "", "", "", 1900, 1600, 8, 8}, a, b},
			warnings: []string{"total_mismatch@E2"}, message: "合计行的登记选民数(E2)为 1900，而下方各行之和为 1800：请核对", loaded: 2},
		{name: "unlabelled total first", rows: [][]any{header, {"", "", "", "", 1800, 1600, 8, 9}, a, b},
			warnings: []string{"total_mismatch@H2"}, loaded: 2},
		{name: "全镇 last", rows: [][]any{header, a, b, {"城关镇", "全镇", 2024, "村民委员会", 1800, 1600, 8, 8}}, loaded: 2},
		{name: "全鎮 last differs", rows: [][]any{header, a, b, {"城关镇", "全鎮", 2024, "村民委员会", 1800, 1500, 8, 8}},
			warnings: []string{"total_mismatch@F4"}, loaded: 2},
		{name: "the township's name first", rows: [][]any{header, {"城关镇", "城关镇", 2024, "", 1800, 1600, 8, 8}, a, b}, loaded: 2},
		{name: "a village named 全胜村 is a village", rows: [][]any{header, a, {"城关镇", "全胜村", 2024, "村民委员会", 800, 700, 3, 3}}, loaded: 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := mustParse(t, writeXLSX(t, sheetData{name: "选举结果", rows: c.rows}))
			if got := rules(p, Warning); !slices.Equal(got, c.warnings) {
				t.Fatalf("warnings %v, want %v: %v", got, c.warnings, p.Problems)
			}
			if errs := rules(p, Error); len(errs) > 0 {
				t.Errorf("errors %v", errs)
			}
			if c.message != "" && p.Problems[0].Message != c.message {
				t.Errorf("message %s\nwant %s", p.Problems[0].Message, c.message)
			}
			if len(p.Results) != c.loaded {
				t.Errorf("%d rows loaded, want %d", len(p.Results), c.loaded)
			}
			for _, r := range p.Results {
				if !strings.HasSuffix(r.Unit, "村") {
					t.Errorf("loaded %q as a unit", r.Unit)
				}
			}
		})
	}
}

// TestWideTotalAbove: a wide form's 合计 row above its villages is checked group by group against the rows
// below.
func TestWideTotalAbove(t *testing.T) {
	p := mustParse(t, writeXLSX(t, sheetData{name: "两委", rows: [][]any{
		{"乡镇", "村", "年份", "村党组织", "", "", "", "村委会", "", "", ""},
		{"乡镇", "村", "年份", "应到党员数", "实到党员数", "应选", "当选", "登记选民数", "参加投票人数", "应选", "当选"},
		{"合计", "", "", 70, 67, 8, 8, 1800, 1500, 8, 8},
		{"城关镇", "石桥村", 2024, 40, 38, 5, 5, 1000, 950, 5, 5},
		{"城关镇", "河口村", 2024, 30, 29, 3, 3, 800, 650, 3, 3},
	}, merges: []string{"A1:A2", "B1:B2", "C1:C2", "D1:G1", "H1:K1"}}))
	if got, want := rules(p, Warning), []string{"total_mismatch@I3"}; !slices.Equal(got, want) {
		t.Fatalf("warnings %v, want %v: %v", got, want, p.Problems)
	}
	if len(p.Results) != 4 {
		t.Errorf("%d rows, want 4", len(p.Results))
	}
}
