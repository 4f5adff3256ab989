package annex

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"electsum/analytics"
	"electsum/ingest/synth"
	"electsum/reports"
)

// TestCutListsGoToTheAnnex lowers the 参选率 of eight villages of a generated county below 90%, and the
// 党员到会率 of eight others: the county draft's 存在的问题 names five of each list and counts them
// (等N个村), and right after each list so cut refers to the annex sheet that lists them all
// (等N个村，全部名单见附件5, 5 being its place under 附件), so that in the paragraph of several lists the
// pointer is said of each (issue 10 prose); and that sheet, 表5 存在问题的村（社区）名单,
// lists every village whose 村民委员会 参选率 is below 90% by the test's own SQL, with its 参选率 (issue 10
// prose: the village lists go to the annex). The demo goldens, whose lists are not cut, have no such
// sentence.
func TestCutListsGoToTheAnnex(t *testing.T) {
	ctx := context.Background()
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 3, 6
	db := loadedCounty(t, cfg)
	if _, err := db.Exec(`UPDATE elections SET voted = registered * 8 // 10 WHERE year = 2024 AND body = '村民委员会'
	    AND (township, unit) IN (SELECT (township, unit) FROM elections WHERE year = 2024 AND body = '村民委员会' ORDER BY township, unit LIMIT 8);
	    UPDATE elections SET voted = registered * 7 // 10 WHERE year = 2024 AND body = '村党组织'
	    AND (township, unit) IN (SELECT (township, unit) FROM elections WHERE year = 2024 AND body = '村党组织' ORDER BY township DESC, unit DESC LIMIT 8)`); err != nil {
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
	if w := fmt.Sprintf("等%d个村，全部名单见附件5", len(want)); !strings.Contains(problems, w) {
		t.Errorf("存在的问题 lacks %q:\n%s", w, problems)
	}
	cut := regexp.MustCompile(`等\d+个村(，全部名单见附件5)?`).FindAllStringSubmatch(problems, -1)
	if len(cut) < 2 {
		t.Errorf("存在的问题 has %d lists cut short, want the two the test made:\n%s", len(cut), problems)
	}
	for _, m := range cut {
		if m[1] == "" {
			t.Errorf("%q is not followed by its pointer to the annex:\n%s", m[0], problems)
		}
	}
	if strings.Contains(problems, "。全部名单见附件") {
		t.Errorf("a pointer stands after the paragraph's last list, where it reads as that list's only:\n%s", problems)
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

// TestCongressMobileListGoesToTheAnnex raises the 流动票箱投票 of seven 乡级 选区 of a generated county to
// 30% of their votes: the people's congress draft names five and counts them (等N个选区), right after that
// list refers to the annex sheet that lists every 选区 (全部名单见附件2: 选区情况统计表, 2 being its
// place under 附件), and that sheet marks exactly the 选区 above 10% by the test's own SQL, in a column
// of its own beside each 选区's 流动票箱投票比例 (issue 10 prose: the lists go to the annex).
func TestCongressMobileListGoesToTheAnnex(t *testing.T) {
	ctx := context.Background()
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 3, 4
	db := loadedCounty(t, cfg, synth.GenerateCongress)
	if _, err := db.Exec(`UPDATE elections SET mobile_votes = voted * 3 // 10 WHERE year = 2024 AND body = '乡级人大代表'
	    AND (township, unit) IN (SELECT (township, unit) FROM elections WHERE year = 2024 AND body = '乡级人大代表' AND voted > 0
	                             ORDER BY township, unit LIMIT 7)`); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT township, unit FROM elections
	    WHERE year = 2024 AND body = '乡级人大代表' AND mobile_votes * 100 > voted * 10 ORDER BY township, unit`)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for rows.Next() {
		var township, unit string
		if err := rows.Scan(&township, &unit); err != nil {
			t.Fatal(err)
		}
		want = append(want, township+"|"+unit)
	}
	rows.Close()
	if len(want) <= 5 {
		t.Fatalf("the test's data: %d 乡级 选区 above 10%%, want more than five", len(want))
	}
	c, err := analytics.SummarizeCongress(ctx, db, analytics.Scope{Year: 2024}, fixedClock())
	if err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	if err := reports.Builtin().DraftMarkdown(&md, reports.NewCongressView(c, reports.Config{}), reports.Hans); err != nil {
		t.Fatal(err)
	}
	draft := md.String()
	if w := fmt.Sprintf("等%d个选区，全部名单见附件2", len(want)); !strings.Contains(draft, w) {
		t.Errorf("the draft lacks %q:\n%s", w, draft[strings.Index(draft, "存在的问题"):])
	}
	if !strings.Contains(draft, "2．选区情况统计表") {
		t.Error("附件 does not list 选区情况统计表 as 2")
	}

	f, _ := writeAndOpen(t, c, Options{})
	sheet, err := f.GetRows("表2 选区情况统计表")
	if err != nil {
		t.Fatal(err)
	}
	flag, share := -1, -1
	for _, r := range sheet {
		for i, v := range r {
			switch v {
			case "流动票箱投票比例超过10%":
				flag = i
			case "流动票箱投票比例":
				share = i
			}
		}
	}
	if flag < 0 || share < 0 {
		t.Fatalf("表2 lacks the 流动票箱投票比例 and 超过10%% columns:\n%s", fmtRows(sheet))
	}
	var got []string
	for _, r := range sheet {
		if len(r) > flag && r[flag] == "是" {
			got = append(got, r[1]+"|"+r[2])
			if len(r) <= share || !strings.HasSuffix(r[share], "%") {
				t.Errorf("flagged %s|%s without its share", r[1], r[2])
			}
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("表2 marks:\n%s\nwant the 乡级 选区 above 10%%:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
