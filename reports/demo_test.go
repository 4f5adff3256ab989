package reports

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"electsum/analytics"
	"electsum/ingest"
	"electsum/ingest/synth"
)

// TestGoldenDemoData renders the three levels from generated demo data loaded by ingest.Load and
// summarised by analytics.Summarize: the path the binary takes, with a fixed clock.
func TestGoldenDemoData(t *testing.T) {
	ctx := context.Background()
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 3, 6
	dir := t.TempDir()
	paths, err := synth.WriteWorkbooks(synth.Generate(cfg), filepath.Join(dir, "data"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := ingest.Open(ctx, filepath.Join(dir, "e.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := ingest.Load(ctx, db, paths, ingest.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	opts := testConfig().Options()
	opts.Now = func() time.Time { return time.Date(2024, 12, 20, 9, 0, 0, 0, time.UTC) }
	county, err := analytics.Summarize(ctx, db, analytics.Scope{County: "示例县", Year: 2024}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(county.Breakdown) == 0 {
		t.Fatal("county summary has no townships")
	}
	township, err := analytics.Summarize(ctx, db, analytics.Scope{County: "示例县", Township: county.Breakdown[0].Township, Year: 2024}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(township.Elections) == 0 {
		t.Fatal("township summary has no elections")
	}
	u := township.Elections[0].UnitRef
	unit, err := analytics.Summarize(ctx, db, analytics.Scope{County: u.County, Township: u.Township, Unit: u.Unit, Year: 2024}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if got := DetectScript(county); got != Hans {
		t.Errorf("DetectScript(demo) = %q, want hans", got)
	}
	for name, s := range map[string]*analytics.Summary{"county": county, "township": township, "unit": unit} {
		golden(t, "demo-"+name+".md", render(t, Builtin(), s, testConfig(), Hans, "md"))
	}
	golden(t, "demo-county.html", render(t, Builtin(), county, testConfig(), Hans, "html"))
}
