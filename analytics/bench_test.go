package analytics_test

// The performance targets of issue 3, on the province preset of the generator (60 counties × 15
// townships × 15 units, two terms), loaded straight into DuckDB:
//
//	go test ./analytics -run '^$' -bench 'Summarize' -benchtime 5x
//
// BenchmarkSummarizeCounty is one county's full model (target < 200 ms); BenchmarkSummarizeProvince is
// every county's, one after another (target < 10 s). Each runs on the database opened as report and
// annex open it (threads=1: one DuckDB thread, cmd/electsum/db.go) and with DuckDB's default threads
// (one per core, as electsum serve and query have it).

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"electsum/analytics"
	"electsum/ingest"
	"electsum/ingest/synth"
	"electsum/ingest/synth/benchkit"
)

// provinceDB builds the province database in a temporary directory that is removed when the
// benchmark ends, at path.
func provinceDB(b *testing.B) (db *sql.DB, counties []string, path string) {
	b.Helper()
	dir := b.TempDir()
	cfg := synth.Province()
	cfg.Messy = false
	w := synth.Generate(cfg)
	path = filepath.Join(dir, "electsum.duckdb")
	db = loadWorld(b, w, path)
	b.Cleanup(func() { db.Close() })
	var members, elections int
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM members), (SELECT count(*) FROM elections)`).Scan(&members, &elections); err != nil {
		b.Fatal(err)
	}
	b.Logf("province: %d counties, %d election rows, %d member rows", len(w.Counties), elections, members)
	return db, w.Counties, path
}

// byThreads runs bench as sub-benchmarks threads=1 and threads=default, each on the province database
// reopened read-only with that many DuckDB threads (0: DuckDB's default).
func byThreads(b *testing.B, bench func(b *testing.B, db *sql.DB, counties []string)) {
	db, counties, path := provinceDB(b)
	db.Close()
	for _, threads := range []int{1, 0} {
		name := fmt.Sprintf("threads=%d", threads)
		if threads == 0 {
			name = "threads=default"
		}
		b.Run(name, func(b *testing.B) {
			db, err := ingest.OpenReadOnlyWithin(context.Background(), path, ingest.Limits{Threads: threads})
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			bench(b, db, counties)
		})
	}
}

func BenchmarkSummarizeCounty(b *testing.B) {
	byThreads(b, func(b *testing.B, db *sql.DB, counties []string) {
		ctx := context.Background()
		b.ResetTimer()
		cpu := startCPU()
		for i := 0; i < b.N; i++ {
			if _, err := analytics.Summarize(ctx, db, analytics.Scope{County: counties[i%len(counties)], Year: 2024}, analytics.Options{}); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
	})
}

// cpuClock measures the CPU time of the process (every thread: Go's and DuckDB's) over a benchmark
// loop, reported as cpu-ms/op beside ns/op: on the shared development machine the wall time mostly
// says how busy the other sessions are.
type cpuClock time.Duration

func startCPU() cpuClock { return cpuClock(benchkit.ProcessCPU()) }

func (c cpuClock) report(b *testing.B) {
	b.ReportMetric(float64(benchkit.ProcessCPU()-time.Duration(c))/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

func BenchmarkSummarizeProvince(b *testing.B) {
	byThreads(b, func(b *testing.B, db *sql.DB, counties []string) {
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
	})
}

func BenchmarkSummarizeTownship(b *testing.B) {
	byThreads(b, func(b *testing.B, db *sql.DB, _ []string) {
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
	})
}

// BenchmarkSummarizeWhole is the summary of the whole province database (every county, split by
// county): the largest summary report and annex make.
func BenchmarkSummarizeWhole(b *testing.B) {
	byThreads(b, func(b *testing.B, db *sql.DB, _ []string) {
		ctx := context.Background()
		b.ResetTimer()
		cpu := startCPU()
		for i := 0; i < b.N; i++ {
			if _, err := analytics.Summarize(ctx, db, analytics.Scope{Year: 2024}, analytics.Options{}); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
	})
}

// BenchmarkViewsProvince reads every view in full over the province, as an analyst's first query would.
func BenchmarkViewsProvince(b *testing.B) {
	db, _, _ := provinceDB(b)
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
