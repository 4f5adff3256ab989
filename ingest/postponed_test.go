package ingest

import (
	"slices"
	"testing"
)

// TestPostponedRow: a results row whose election waits (暂缓换届 in 备注 or across its counts, either
// script) is not read, with a notice; a row with counts and a remark is read as before.
func TestPostponedRow(t *testing.T) {
	p := mustParse(t, writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{
		{"乡镇", "村", "年份", "选举类型", "登记选民数", "参加投票人数", "应选职数", "当选人数", "备注"},
		{"青石镇", "东山村", 2024, "村民委员会", 1200, 1100, 5, 5, "推迟一周后选举"},
		{"青石镇", "西河村", 2024, "村民委员会", "", "", "", "", "暂缓换届"},
		{"青石镇", "南岭村", 2024, "村民委员会", "暫緩換屆", "", "", "", ""},
		{"青石镇", "北坡村", 2024, "村民委员会", "", "", "", "", "另定"},
	}}))
	var units []string
	for _, r := range p.Results {
		units = append(units, r.Unit)
	}
	if !slices.Equal(units, []string{"东山村", "北坡村"}) {
		t.Errorf("results %v, want 东山村 and 北坡村 (its blanks refused)", units)
	}
	var notices []string
	for _, r := range rules(p, Notice) {
		if r != "unknown_column@I1" {
			notices = append(notices, r)
		}
	}
	if !slices.Equal(notices, []string{"election_postponed@I3", "election_postponed@E4"}) {
		t.Errorf("notices %v", notices)
	}
	if errs := rules(p, Error); !slices.Equal(errs, []string{"missing_value@F5", "missing_value@G5", "missing_value@H5"}) {
		t.Errorf("errors %v: 北坡村's blanks are still missing", errs)
	}
}
