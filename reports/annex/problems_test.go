package annex

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"electsum/analytics"
	"electsum/ingest/synth"
	"electsum/reports"
)

// TestCutListsGoToTheAnnex lowers the 参选率 of eight villages of a generated county below 90%: the
// county draft's 存在的问题 names five and counts them (等N个村), then refers to the annex sheet that lists
// them all (全部名单见附件5。, 5 being its place under 附件), and that sheet, 表5 存在问题的村（社区）名单,
// lists every village whose 村民委员会 参选率 is below 90% by the test's own SQL, with its 参选率 (issue 10
// prose: the village lists go to the annex). The demo goldens, whose lists are not cut, have no such
// sentence.
func TestCutListsGoToTheAnnex(t *testing.T) {
	ctx := context.Background()
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 3, 6
	db := loadedCounty(t, cfg)
	if _, err := db.Exec(`UPDATE elections SET voted = registered * 8 // 10 WHERE year = 2024 AND body = '村民委员会'
	    AND (township, unit) IN (SELECT (township, unit) FROM elections WHERE year = 2024 AND body = '村民委员会' ORDER BY township, unit LIMIT 8)`); err != nil {
		t.Fatal(err)
	}
	s, err := analytics.Summarize(ctx, db, analytics.Scope{Year: 2024},
		fixedClock())
	if err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	if err := reports.Builtin().Markdown(&md, reports.NewView(s, reports.Config{}), reports.Hans); err != nil {
		t.Fatal(err)
	}
	draft := md.String()
	problems := draft[strings.Index(draft, "四、存在的问题"):strings.Index(draft, "五、下步打算")]
	rows, err := db.Query(`SELECT township, unit, voted, registered FROM elections
	    WHERE year = 2024 AND body = '村民委员会' AND voted * 100 < registered * 90 ORDER BY township, unit`)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for rows.Next() {
		var township, unit string
		var voted, registered int
		if err := rows.Scan(&township, &unit, &voted, &registered); err != nil {
			t.Fatal(err)
		}
		want = append(want, fmt.Sprintf("参选率低于90%%|村民委员会|%s|%s|%.1f%%", township, unit, float64((2000*voted+registered)/(2*registered))/10))
	}
	rows.Close()
	if len(want) <= 5 {
		t.Fatalf("the test's data: %d villages below 90%%, want more than five", len(want))
	}
	for _, w := range []string{fmt.Sprintf("等%d个村", len(want)), "全部名单见附件5。"} {
		if !strings.Contains(problems, w) {
			t.Errorf("存在的问题 lacks %q:\n%s", w, problems)
		}
	}
	if !strings.Contains(draft, "5．存在问题的村（社区）名单") {
		t.Error("附件 does not list 存在问题的村（社区）名单 as 5")
	}

	f, _ := writeAndOpen(t, s, Options{})
	sheet, err := f.GetRows("表5 存在问题的村（社区）名单")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range sheet {
		if len(r) >= 6 && r[2] == "村民委员会" && strings.HasPrefix(r[1], "参选率") {
			got = append(got, strings.Join(r[1:6], "|"))
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("表5 lists the 村民委员会 below 90%%:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
