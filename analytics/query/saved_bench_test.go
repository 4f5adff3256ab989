package query_test

// Benchmarks of the saved analyses on generated data, the way `electsum query NAME` runs them
// (read-only database, one statement, whole result in memory):
//
//	go test ./analytics -run '^$' -bench 'SavedQueries/County' -benchtime 5x
//	go test ./analytics -run '^$' -bench 'SavedQueries/Province' -benchtime 1x -timeout 60m

import (
	"context"
	"path/filepath"
	"testing"

	"electsum/analytics/query"
	"electsum/ingest"
	"electsum/ingest/synth"
)

func BenchmarkSavedQueries(b *testing.B) {
	for _, c := range []struct {
		name string
		cfg  synth.Config
	}{{"County", synth.County()}, {"Province", synth.Province()}} {
		b.Run(c.name, func(b *testing.B) {
			db := openReadOnly(b, generatedDB(b, c.cfg))
			ctx := context.Background()
			for _, s := range query.SavedQueries() {
				b.Run(s.Name, func(b *testing.B) {
					var rows int
					for b.Loop() {
						t, err := s.Run(ctx, db, nil)
						if err != nil {
							b.Fatal(err)
						}
						rows = len(t.Rows)
					}
					b.ReportMetric(float64(rows), "rows")
				})
			}
		})
	}
}

// generatedDB writes cfg's workbooks, loads them and installs the views, as electsum ingest does.
func generatedDB(b testing.TB, cfg synth.Config) string {
	b.Helper()
	dir := b.TempDir()
	paths, err := synth.WriteWorkbooks(synth.Generate(cfg), filepath.Join(dir, "data"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	path := filepath.Join(dir, "electsum.duckdb")
	db, err := ingest.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := ingest.Load(ctx, db, paths, ingest.LoadOptions{Workers: 2}); err != nil {
		b.Fatal(err)
	}
	installViews(b, db)
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}
