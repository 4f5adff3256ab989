package annex

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"testing"
	"time"

	"electsum/analytics"
	"electsum/ingest"
	"electsum/ingest/synth"
	"electsum/reports"
)

// TestCongressAnnexNamesPartialBases leaves 学历 blank for some deputies of a generated county's people's
// congress election and reads its annex back: 表3 代表构成统计表 gives, per level, each group's base
// beside its share (填报人数: the deputies who filled its column; for 大专及以上 those who filled 学历, counted here
// with SQL of its own), and 表4 与上届对比表 labels the partial count and share with their base
// (大专及以上代表占比(填报N名)) and gives them no 增减, so that neither sheet passes a figure of some deputies
// off as one of all (issue 12).
func TestCongressAnnexNamesPartialBases(t *testing.T) {
	ctx := context.Background()
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 3, 4
	db := loadedCounty(t, cfg, synth.GenerateCongress)
	if _, err := db.Exec(`UPDATE members SET education = NULL WHERE body LIKE '%人大代表' AND year = 2024 AND hash(name) % 3 = 1`); err != nil {
		t.Fatal(err)
	}
	c, err := analytics.SummarizeCongress(ctx, db, analytics.Scope{Year: 2024},
		fixedClock())
	if err != nil {
		t.Fatal(err)
	}
	f, _ := writeAndOpen(t, c, Options{})
	composition, err := f.GetRows("表3 代表构成统计表")
	if err != nil {
		t.Fatal(err)
	}
	compare, err := f.GetRows("表4 与上届对比表")
	if err != nil {
		t.Fatal(err)
	}
	var college, total []string // per level, as the sheet writes them
	for _, r := range composition {
		if len(r) > 0 && r[0] == "大专及以上" {
			college = r
		}
		if len(r) > 0 && r[0] == "代表总数" {
			total = r
		}
	}
	if len(c.Levels) != 2 || len(college) < 7 || len(total) < 5 {
		t.Fatalf("%d levels; 大专及以上 row %v, 代表总数 row %v:\n%s", len(c.Levels), college, total, fmtRows(composition))
	}
	for i, l := range c.Levels {
		var filled, all int
		if err := db.QueryRow(`SELECT count(education), count(*) FROM members WHERE year = 2024 AND body = ?`, string(l.Body)).Scan(&filled, &all); err != nil {
			t.Fatal(err)
		}
		if filled == all || filled == 0 {
			t.Fatalf("%s: the test's blanks left %d of %d deputies with 学历", l.Body, filled, all)
		}
		if got := college[3+3*i]; got != strconv.Itoa(filled) {
			t.Errorf("%s: 大专及以上's base is %q, want the %d deputies who filled 学历 (of %d)", l.Body, got, filled, all)
		}
		if got := total[1+3*i]; got != strconv.Itoa(all) {
			t.Errorf("%s: 代表总数 %q, want %d", l.Body, got, all)
		}
		// Labelled with its base, and without 增减: a count of some is not set against one of all.
		for _, label := range []string{"大专及以上代表(填报" + strconv.Itoa(filled) + "名)", "大专及以上代表占比(填报" + strconv.Itoa(filled) + "名)"} {
			found := false
			for _, r := range compare {
				if len(r) > 0 && r[0] == label {
					found = true
					if len(r) > 3 && r[3] != "" {
						t.Errorf("%s: %s has 增减 %q", l.Body, label, r[3])
					}
				}
			}
			if !found {
				t.Errorf("%s: 与上届对比表 lacks %q:\n%s", l.Body, label, fmtRows(compare))
			}
		}
	}
}

// loadedCounty loads the generated county of cfg, with the elections each of add generates besides the
// villages' (synth.GenerateCongress, …), into a new database that is closed when the test ends.
func loadedCounty(t *testing.T, cfg synth.Config, add ...func(*synth.World)) *sql.DB {
	t.Helper()
	w := synth.Generate(cfg)
	for _, generate := range add {
		generate(w)
	}
	db, err := synth.Load(context.Background(), w, t.TempDir(), ingest.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// fixedClock are the Options of a model computed on 20 December 2024, so that what is read back is fixed.
func fixedClock() analytics.Options {
	return analytics.Options{Now: func() time.Time { return time.Date(2024, 12, 20, 0, 0, 0, 0, time.UTC) }}
}

// TestCongressAnnexWithoutPreviousTerm: without a previous people's congress election nothing is
// compared, so the annex has no 与上届对比表, its 当选代表名册 is 表4, and the draft lists four 附件 in
// that order.
func TestCongressAnnexWithoutPreviousTerm(t *testing.T) {
	ctx := context.Background()
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 2, 3
	db := loadedCounty(t, cfg, synth.GenerateCongress)
	if _, err := db.Exec(`DELETE FROM members WHERE body LIKE '%人大代表' AND year < 2024;
		DELETE FROM elections WHERE body LIKE '%人大代表' AND year < 2024`); err != nil {
		t.Fatal(err)
	}
	c, err := analytics.SummarizeCongress(ctx, db, analytics.Scope{Year: 2024}, fixedClock())
	if err != nil {
		t.Fatal(err)
	}
	f, _ := writeAndOpen(t, c, Options{})
	want := []string{"表1 选民登记统计表", "表2 选区情况统计表", "表3 代表构成统计表", "表4 当选代表名册"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	v := reports.NewCongressView(c, reports.Config{})
	if want := []string{"选民登记统计表", "选区情况统计表", "代表构成统计表", "当选代表名册"}; !slices.Equal(v.Annex, want) {
		t.Errorf("附件 %v, want %v", v.Annex, want)
	}
}

// TestCongressAnnexWithoutRoster: a township that sends only its 选区 results (no 当选代表名册) has no
// deputies to count, so its annex has neither a 代表构成统计表 nor a 当选代表名册 (they were written blank),
// and the draft lists what the annex has: 选民登记统计表, 选区情况统计表, 与上届对比表.
func TestCongressAnnexWithoutRoster(t *testing.T) {
	ctx := context.Background()
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 2, 3
	db := loadedCounty(t, cfg, synth.GenerateCongress)
	if _, err := db.Exec(`DELETE FROM members WHERE body LIKE '%人大代表'`); err != nil {
		t.Fatal(err)
	}
	c, err := analytics.SummarizeCongress(ctx, db, analytics.Scope{Year: 2024}, fixedClock())
	if err != nil {
		t.Fatal(err)
	}
	f, _ := writeAndOpen(t, c, Options{})
	want := []string{"表1 选民登记统计表", "表2 选区情况统计表", "表3 与上届对比表"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	v := reports.NewCongressView(c, reports.Config{})
	if want := []string{"选民登记统计表", "选区情况统计表", "与上届对比表"}; !slices.Equal(v.Annex, want) {
		t.Errorf("附件 %v, want %v", v.Annex, want)
	}
}
