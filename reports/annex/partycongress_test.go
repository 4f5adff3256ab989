package annex

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"electsum/analytics"
	"electsum/ingest/synth"
	"electsum/reports"
)

// TestPartyCongressAnnex writes the township party congress annex of a generated county and reads it
// back with excelize: its three sheets, each body's 合计 row summing the meetings above it, the model's
// rates beside them, and the roster with masked id numbers.
func TestPartyCongressAnnex(t *testing.T) {
	ctx := context.Background()
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 3, 2
	db := loadedCounty(t, cfg, synth.GeneratePartyCongress)
	p, err := analytics.SummarizePartyCongress(ctx, db, analytics.Scope{Year: 2024},
		fixedClock())
	if err != nil {
		t.Fatal(err)
	}
	f, _ := writeAndOpen(t, p, Options{})
	sheets := f.GetSheetList()
	if len(sheets) < 4 || sheets[0] != "表1 党代会选举情况统计表" || sheets[2] != "表3 与上届对比表" || sheets[3] != "表4 当选人员名册" {
		t.Fatalf("sheets %v", sheets)
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	totals := 0
	for i, r := range rows {
		if len(r) < 14 || r[1] != "合计" {
			continue
		}
		b := p.Bodies[totals]
		totals++
		// The 合计 row sums the cells above it with a formula: its cached value is not computed, so check
		// the formula's range and the model's rates.
		formula, err := f.GetCellFormula(sheets[0], cellName(t, 4, i+1))
		if err != nil || !strings.HasPrefix(formula, "SUM(D") {
			t.Errorf("合计 of %s: 应到 formula %q (%v)", b.Body, formula, err)
		}
		if r[10] != pctText(b.Attendance.Current) || r[12] != pctText(b.Margin.Current) || r[13] != pctText(b.Approval.Current) {
			t.Errorf("合计 of %s: rates %q %q %q, model %v %v %v", b.Body, r[10], r[12], r[13],
				b.Attendance.Current, b.Margin.Current, b.Approval.Current)
		}
	}
	if totals != len(p.Bodies) {
		t.Errorf("%d 合计 rows, want one per body (%d)", totals, len(p.Bodies))
	}
	// 与上届对比表: the first body's 到会率 and 赞成票率, this term and last, are the model's.
	compare, err := f.GetRows(sheets[2])
	if err != nil {
		t.Fatal(err)
	}
	b := p.Bodies[0]
	found := map[string]bool{}
	for _, r := range compare {
		if len(r) < 3 || found[r[0]] {
			continue
		}
		for label, fig := range map[string]analytics.Figure{"到会率": b.Attendance, "赞成票率": b.Approval} {
			if r[0] == label {
				found[label] = true
				if r[1] != pctText(fig.Current) || r[2] != pctText(fig.Previous) {
					t.Errorf("与上届对比表 %s of %s: %q %q, model %v %v", label, b.Body, r[1], r[2], fig.Current, fig.Previous)
				}
			}
		}
	}
	for _, sheet := range []string{sheets[1], sheets[2]} {
		rows, _ := f.GetRows(sheet)
		for _, r := range rows {
			if len(r) > 1 && strings.HasPrefix(r[0], "平均年龄") && r[1] != strconv.FormatFloat(b.Members.AverageAge.Current.V, 'f', 1, 64) {
				t.Errorf("%s: 平均年龄 %q, model %v (one decimal)", sheet, r[1], b.Members.AverageAge.Current)
			}
			if len(r) > 1 && strings.HasPrefix(r[0], "平均年龄") {
				found[sheet] = true
				break
			}
		}
	}
	if !found["到会率"] || !found["赞成票率"] || !found[sheets[1]] || !found[sheets[2]] || p.PreviousYear == 0 {
		t.Errorf("与上届对比表 lacks 到会率 or 赞成票率 (%v), or the county no previous term (%d)", found, p.PreviousYear)
	}
	roster, err := f.GetRows(sheets[3])
	if err != nil {
		t.Fatal(err)
	}
	masked := 0
	for _, r := range roster {
		if n := len(r); n > 0 && strings.Contains(r[n-1], "********") {
			masked++
		}
	}
	if masked != len(p.Roster) {
		t.Errorf("%d masked id numbers in the roster, want %d", masked, len(p.Roster))
	}
}

func cellName(t *testing.T, col, row int) string {
	t.Helper()
	c, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// pctText is a percent value as the annex shows it (one decimal and %).
func pctText(v analytics.Value) string {
	if !v.OK {
		return ""
	}
	return strconv.FormatFloat(v.V, 'f', 1, 64) + "%"
}

// TestCommunityPartyAnnex writes the 社区党组织 annex (kind shequdangzuzhi) of a generated county and reads
// it back: 表1 a row per community with its 选举方式 and a 合计 summing them, the roster naming each
// person's 社区, and no 党代会 wording.
func TestCommunityPartyAnnex(t *testing.T) {
	ctx := context.Background()
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship, cfg.Communities = 3, 4, 0.5
	db := loadedCounty(t, cfg)
	if _, err := db.Exec(`UPDATE members SET ethnicity = NULL WHERE body = '社区党组织' AND hash(name) % 4 = 1`); err != nil {
		t.Fatal(err)
	}
	p, err := analytics.SummarizeCommunityParty(ctx, db, analytics.Scope{Year: 2024}, analytics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := writeAndOpen(t, p, Options{})
	sheets := f.GetSheetList()
	if len(sheets) < 4 || sheets[0] != "表1 社区党组织选举情况统计表" || sheets[3] != "表4 当选人员名册" {
		t.Fatalf("sheets %v", sheets)
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rows[0][0], "社区党组织选举情况统计表") {
		t.Errorf("title %q", rows[0][0])
	}
	n, due := 0, 0
	for _, r := range rows {
		if len(r) < 6 {
			continue
		}
		if r[1] == "合计" {
			if r[4] != strconv.Itoa(due) || due == 0 {
				t.Errorf("合计 应到 %q, rows sum to %d", r[4], due)
			}
			continue
		}
		if _, err := strconv.Atoi(r[0]); err != nil || !strings.HasSuffix(r[2], "社区") {
			continue
		}
		m := p.Meetings[n]
		n++
		if r[2] != m.Unit || r[3] != m.Method || r[4] != strconv.Itoa(int(m.Due.V)) {
			t.Errorf("row %v, model %+v", r, m)
		}
		due += int(m.Due.V)
	}
	if n != len(p.Meetings) || n == 0 {
		t.Errorf("%d rows for %d elections", n, len(p.Meetings))
	}
	// A share over those who filled 民族, when some did not, names its base (the model marks it Partial).
	compare, err := f.GetRows(sheets[2])
	if err != nil {
		t.Fatal(err)
	}
	if mi := p.Bodies[0].Members.Minorities; mi.Partial {
		want := "少数民族(填报" + strconv.Itoa(int(mi.Base.V)) + "名)占比"
		if !strings.Contains(fmtRows(compare), want) {
			t.Errorf("与上届对比表 lacks %q", want)
		}
	} else {
		t.Error("the test's blank 民族 did not make 少数民族 partial")
	}
	roster, err := f.GetRows(sheets[3])
	if err != nil {
		t.Fatal(err)
	}
	if len(roster) < 3 || !strings.HasSuffix(roster[len(roster)-1][2], "社区") {
		t.Errorf("roster's last row %v does not name a 社区", roster[len(roster)-1])
	}
	for _, s := range sheets {
		rows, _ := f.GetRows(s)
		for _, r := range rows {
			if strings.Contains(strings.Join(r, ""), "党代会") {
				t.Errorf("%s: %v", s, r)
			}
		}
	}
}

func fmtRows(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "|") + "\n")
	}
	return b.String()
}

// TestPartyCongressAnnexWithoutRoster: results of the 党代会 without its 当选人员名册 give an annex of the
// 选举情况统计表 and the 与上届对比表 only — no blank 结构 table or roster — and the draft lists just those.
func TestPartyCongressAnnexWithoutRoster(t *testing.T) {
	ctx := context.Background()
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 3, 2
	db := loadedCounty(t, cfg, synth.GeneratePartyCongress)
	if _, err := db.Exec(`DELETE FROM members WHERE body IN ('乡镇党委', '乡镇纪委', '出席上级党代会代表')`); err != nil {
		t.Fatal(err)
	}
	p, err := analytics.SummarizePartyCongress(ctx, db, analytics.Scope{Year: 2024}, fixedClock())
	if err != nil {
		t.Fatal(err)
	}
	f, _ := writeAndOpen(t, p, Options{})
	if got, want := f.GetSheetList(), []string{"表1 党代会选举情况统计表", "表2 与上届对比表"}; !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	v := reports.NewPartyCongressView(p, reports.Config{})
	if got := v.Closing.Annex; len(got) != 2 || got[1] != "与上届对比表" {
		t.Errorf("附件 %v, want the two tables the annex has", got)
	}
}
