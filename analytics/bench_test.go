package analytics_test

// The performance targets of issue 3, on the province preset of the generator (60 counties × 15
// townships × 15 units, two terms), loaded straight into DuckDB:
//
//	go test ./analytics -run '^$' -bench 'Summarize' -benchtime 5x
//
// BenchmarkSummarizeCounty is one county's full model (target < 200 ms); BenchmarkSummarizeProvince is
// every county's, one after another (target < 10 s).

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"electsum/analytics"
	"electsum/ingest/synth"
)

// provinceDB builds the province database in a temporary directory that is removed when the
// benchmark ends.
func provinceDB(b *testing.B) (*sql.DB, []string) {
	b.Helper()
	dir := b.TempDir()
	cfg := synth.Province()
	cfg.Messy = false
	w := synth.Generate(cfg)
	db := loadWorld(b, w, filepath.Join(dir, "electsum.duckdb"))
	b.Cleanup(func() { db.Close() })
	var members, elections int
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM members), (SELECT count(*) FROM elections)`).Scan(&members, &elections); err != nil {
		b.Fatal(err)
	}
	b.Logf("province: %d counties, %d election rows, %d member rows", len(w.Counties), elections, members)
	return db, w.Counties
}

func BenchmarkSummarizeCounty(b *testing.B) {
	db, counties := provinceDB(b)
	ctx := context.Background()
	b.ResetTimer()
	cpu := startCPU()
	for i := 0; i < b.N; i++ {
		if _, err := analytics.Summarize(ctx, db, analytics.Scope{County: counties[i%len(counties)], Year: 2024}, analytics.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}

// cpuClock measures the CPU time of the process (every thread: Go's and DuckDB's) over a benchmark
// loop, reported as cpu-ms/op beside ns/op: on the shared development machine the wall time mostly
// says how busy the other sessions are.
type cpuClock time.Duration

func startCPU() cpuClock { return cpuClock(processCPU()) }

func (c cpuClock) report(b *testing.B) {
	b.ReportMetric(float64(processCPU()-time.Duration(c))/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

func BenchmarkSummarizeProvince(b *testing.B) {
	db, counties := provinceDB(b)
	ctx := context.Background()
	b.ResetTimer()
	cpu := startCPU()
	for i := 0; i < b.N; i++ {
		for _, c := range counties {
			if _, err := analytics.Summarize(ctx, db, analytics.Scope{County: c, Year: 2024}, analytics.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	cpu.report(b)
}

func BenchmarkSummarizeTownship(b *testing.B) {
	db, _ := provinceDB(b)
	ctx := context.Background()
	scopes, err := analytics.Scopes(ctx, db, 2024)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	cpu := startCPU()
	for i := 0; i < b.N; i++ {
		s := scopes[i%len(scopes)]
		if _, err := analytics.Summarize(ctx, db, analytics.Scope{County: s.County, Township: s.Township, Year: 2024}, analytics.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}

// BenchmarkViewsProvince reads every view in full over the province, as an analyst's first query would.
func BenchmarkViewsProvince(b *testing.B) {
	db, _ := provinceDB(b)
	ctx := context.Background()
	if err := analytics.Install(ctx, db, analytics.Options{}); err != nil {
		b.Fatal(err)
	}
	for _, v := range analytics.ViewNames() {
		b.Run(v, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				var n int
				if err := db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT * FROM `+v+`)`).Scan(&n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
