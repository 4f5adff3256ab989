package annex

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"electsum/analytics"
	"electsum/ingest"
	"electsum/ingest/synth"
)

// TestPartyCongressAnnex writes the township party congress annex of a generated county and reads it
// back with excelize: its three sheets, each body's 合计 row summing the meetings above it, the model's
// rates beside them, and the roster with masked id numbers.
func TestPartyCongressAnnex(t *testing.T) {
	ctx := context.Background()
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 3, 2
	w := synth.Generate(cfg)
	synth.GeneratePartyCongress(w)
	db, err := synth.Load(ctx, w, t.TempDir(), ingest.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := analytics.SummarizePartyCongress(ctx, db, analytics.Scope{Year: 2024},
		analytics.Options{Now: func() time.Time { return time.Date(2024, 12, 20, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WritePartyCongress(&buf, p, Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf, excelize.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
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
