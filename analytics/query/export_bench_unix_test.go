//go:build unix

package query_test

// The memory bound of a large export, as `electsum query -o x.csv "SELECT * FROM range(…)"` runs it:
//
//	go test ./analytics/query -run '^$' -bench ExportCSV -benchtime 1x
//
// It reports the process's peak RSS; the figure must stay near the DuckDB memory limit (500 MB here)
// plus the Go side, whatever the number of rows.

import (
	"context"
	"io"
	"strconv"
	"syscall"
	"testing"

	"electsum/analytics/query"
	"electsum/analytics/query/querytest"
	"electsum/ingest"
)

func BenchmarkExportCSV(b *testing.B) {
	for _, n := range []int{1_000_000, 30_000_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			db, err := ingest.OpenReadOnlyWithin(context.Background(), querytest.Fixture(b), ingest.Limits{Memory: "500MB", TempDisk: "20GB"})
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			for b.Loop() {
				rows, err := query.Open(context.Background(), db, "SELECT range AS i, range::VARCHAR || '村' AS s FROM range(?)", n)
				if err != nil {
					b.Fatal(err)
				}
				if err := query.CSV(io.Discard, rows, false); err != nil {
					b.Fatal(err)
				}
				if rows.Read() != int64(n) {
					b.Fatalf("wrote %d rows, want %d", rows.Read(), n)
				}
				rows.Close()
			}
			var ru syscall.Rusage
			if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
				b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB")
			}
			b.ReportMetric(float64(n), "rows")
		})
	}
}
