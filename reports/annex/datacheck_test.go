package annex

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"electsum/analytics"
	"electsum/ingest/synth"
	"electsum/reports"
)

// TestDataCheckSheetShowsTheDraftsFindings: the annex's 数据核对 sheet lists the model's 数据核对
// findings in the draft's words, the partial_share notes included (it used to list only the
// cross-checks, as Go strings of their own, so the drafter's notes and the sheet disagreed).
func TestDataCheckSheetShowsTheDraftsFindings(t *testing.T) {
	ctx := context.Background()
	cfg := synth.County()
	// Five townships: enough that a messy one leaves 致富带头人 out (a partial share of members; heads'
	// 连任 over the heads with a head last term is no longer one).
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 5, 3
	db := loadedCounty(t, cfg)
	s, err := analytics.Summarize(ctx, db, analytics.Scope{County: "示例县", Year: 2024}, analytics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var draft bytes.Buffer
	if err := reports.Builtin().Markdown(&draft, reports.NewView(s, reports.Config{}), reports.Hans); err != nil {
		t.Fatal(err)
	}
	f, _ := writeAndOpen(t, s, Options{})
	sheet := "表6 数据核对"
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	iText := header(t, f, sheet, "问题说明", 0)
	iRule := header(t, f, sheet, "规则", 0)
	listed := map[string]string{}
	for _, r := range rows {
		if iText < len(r) && iRule < len(r) {
			listed[r[iText]] = r[iRule]
		}
	}
	partial := 0
	for _, fd := range s.Findings {
		if fd.Section != analytics.SectionDataCheck {
			continue
		}
		if fd.Kind == analytics.FindingPartialShare {
			partial++
		}
		text, err := reports.Builtin().Finding(fd, "", analytics.LevelCounty)
		if err != nil {
			t.Fatal(err)
		}
		if listed[text] != fd.Kind {
			t.Errorf("数据核对 sheet lacks %q (rule %s)", text, fd.Kind)
		}
		if !strings.Contains(draft.String(), "- "+text) {
			t.Errorf("draft's notes lack %q", text)
		}
	}
	if partial == 0 {
		t.Fatal("no partial_share finding in the generated county: the test proves nothing")
	}
}
