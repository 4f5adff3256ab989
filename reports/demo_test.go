package reports

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"electsum/analytics"
	"electsum/ingest"
	"electsum/ingest/synth"
)

// demoWorld is a small demo county (3 townships of 6 units, 2021 and 2024); with congress, its
// townships also hold their people's congress elections.
func demoWorld(congress bool) *synth.World {
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 3, 6
	w := synth.Generate(cfg)
	if congress {
		synth.GenerateCongress(w)
		synth.GeneratePartyCongress(w)
	}
	return w
}

// loadWorld loads w's workbooks through ingest into a database of the test's own.
func loadWorld(t *testing.T, w *synth.World) *sql.DB {
	t.Helper()
	db, err := synth.Load(context.Background(), w, t.TempDir(), ingest.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// draftNow is the test drafts' clock: a fixed time, so that the models' GeneratedAt does not move.
func draftNow() time.Time { return time.Date(2024, 12, 20, 9, 0, 0, 0, time.UTC) }

// draftOptions are the default options on the test drafts' clock (draftNow).
func draftOptions() analytics.Options {
	opts := analytics.DefaultOptions()
	opts.Now = draftNow
	return opts
}

// demoSummaries are the demo drafts' models: the county 示例县, its first township and that township's
// first unit, with the test config's options and a fixed clock.
func demoSummaries(t *testing.T, db *sql.DB) (county, township, unit *analytics.Summary) {
	t.Helper()
	ctx := context.Background()
	opts := draftOptions()
	county, err := analytics.Summarize(ctx, db, analytics.Scope{County: "示例县", Year: 2024}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(county.Breakdown) == 0 {
		t.Fatal("county summary has no townships")
	}
	township, err = analytics.Summarize(ctx, db, analytics.Scope{County: "示例县", Township: county.Breakdown[0].Township, Year: 2024}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(township.Elections) == 0 {
		t.Fatal("township summary has no elections")
	}
	u := township.Elections[0].UnitRef
	unit, err = analytics.Summarize(ctx, db, analytics.Scope{County: u.County, Township: u.Township, Unit: u.Unit, Year: 2024}, opts)
	if err != nil {
		t.Fatal(err)
	}
	return county, township, unit
}

// TestGoldenDemoData renders the three levels, in both scripts and as HTML, from generated demo data loaded by ingest.Load and
// summarised by analytics.Summarize: the path the binary takes, with a fixed clock. The county also
// holds its people's congress elections, which the village drafts never show (the goldens have none).
func TestGoldenDemoData(t *testing.T) {
	county, township, unit := demoSummaries(t, loadWorld(t, demoWorld(true)))
	if got := DetectScript(county); got != Hans {
		t.Errorf("DetectScript(demo) = %q, want hans", got)
	}
	for name, s := range map[string]*analytics.Summary{"county": county, "township": township, "unit": unit} {
		golden(t, "demo-"+name+".md", render(t, Builtin(), s, testConfig(), Hans, "md"))
		golden(t, "demo-"+name+".hant.md", render(t, Builtin(), s, testConfig(), Hant, "md"))
		golden(t, "demo-"+name+".html", render(t, Builtin(), s, testConfig(), Hans, "html"))
	}
}
