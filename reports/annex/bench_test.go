package annex_test

// The annex benchmarks of issue 5: the whole province's annex in under 60 s and 1 GiB peak memory,
// one county's in under 2 s. The data is what users would have: synth workbooks loaded by
// ingest.Load, summarised by analytics.Summarize; only annex.Write is timed, and the summary's time
// is reported beside it.
//
//	go test ./reports/annex -run '^$' -bench 'AnnexCounty$' -benchtime 5x
//	go test ./reports/annex -run '^$' -bench 'AnnexProvince$' -benchtime 1x -timeout 60m
//
// The loaded database is cached under os.TempDir()/electsum-annex-bench-<key>, the key hashing the
// generator's config and the generator's and loader's source, so a changed generator or loader
// rebuilds it.

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"electsum/analytics"
	"electsum/ingest"
	"electsum/ingest/synth"
	"electsum/ingest/synth/benchkit"
	"electsum/reports/annex"
)

func BenchmarkAnnexCounty(b *testing.B) {
	cfg := synth.County()
	benchAnnex(b, cfg, analytics.Scope{County: cfg.CountyNames[0], Year: 2024})
}

func BenchmarkAnnexProvince(b *testing.B) {
	benchAnnex(b, synth.Province(), analytics.Scope{Year: 2024})
}

func benchAnnex(b *testing.B, cfg synth.Config, scope analytics.Scope) {
	dbPath := benchDB(b, cfg)
	ctx := context.Background()
	db, err := ingest.OpenReadOnly(ctx, dbPath)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	benchkit.ResetPeak()
	start := time.Now()
	s, err := analytics.Summarize(ctx, db, scope, analytics.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	summarize := time.Since(start)
	summarizePeak := benchkit.PeakMiB()
	benchkit.ResetPeak()
	out := filepath.Join(b.TempDir(), "附件.xlsx")
	b.ResetTimer()
	for b.Loop() {
		f, err := os.Create(out)
		if err != nil {
			b.Fatal(err)
		}
		if err := annex.Write(f, s, annex.Options{}); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	fi, _ := os.Stat(out)
	b.ReportMetric(float64(len(s.Roster)), "roster-rows")
	b.ReportMetric(float64(len(s.Elections)), "election-rows")
	b.ReportMetric(float64(fi.Size())/(1<<20), "xlsx-MiB")
	b.ReportMetric(summarize.Seconds(), "summarize-s")
	// Both peaks include what the process held before: the write's includes the Summary.
	b.ReportMetric(summarizePeak, "summarize-peak-MiB")
	b.ReportMetric(benchkit.PeakMiB(), "write-peak-MiB")
}

// benchDB returns a database loaded with the synth data of cfg, building it on first use. A cache
// folder is complete only when its done file exists, written last.
func benchDB(b *testing.B, cfg synth.Config) string {
	b.Helper()
	key, err := benchkit.CacheKey(cfg, "../../ingest/synth/*.go", "../../ingest/*.go", "../../ingest/migrations/*.sql")
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(os.TempDir(), "electsum-annex-bench-"+key)
	dbPath := filepath.Join(dir, "bench.duckdb")
	done := filepath.Join(dir, "done")
	if _, err := os.Stat(done); err == nil {
		return dbPath
	}
	os.RemoveAll(dir)
	start := time.Now()
	paths, err := synth.WriteWorkbooks(synth.Generate(cfg), filepath.Join(dir, "data"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	db, err := ingest.Open(ctx, dbPath)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := ingest.Load(ctx, db, paths, ingest.LoadOptions{Workers: 2}); err != nil {
		b.Fatal(err)
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	// The workbooks are not needed again; the database is.
	os.RemoveAll(filepath.Join(dir, "data"))
	if err := os.WriteFile(done, nil, 0o644); err != nil {
		b.Fatal(err)
	}
	b.Logf("built %s in %s", dbPath, time.Since(start).Round(time.Second))
	return dbPath
}
