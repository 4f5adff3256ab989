package ingest_test

// The .xls benchmark of issue 17: a county of township workbooks saved as .xls must ingest within 2×
// the time of the same workbooks as .xlsx.
//
//	go test ./ingest -run '^$' -bench 'CountyXLS$' -benchtime 5x
//
// The .xls copies are made once from the generated .xlsx by LibreOffice (soffice, as the fixtures
// are) and cached beside them; without soffice the benchmark skips, saying why.

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"electsum/ingest"
	"electsum/ingest/synth"
)

func BenchmarkIngestCountyXLS(b *testing.B) {
	xlsx, _ := dataset(b, synth.County())
	xls := xlsDataset(b, xlsx)
	b.SetBytes(totalSize(b, xls))
	ctx := context.Background()
	open := func() *sql.DB {
		db, err := ingest.Open(ctx, filepath.Join(b.TempDir(), "bench.duckdb"))
		if err != nil {
			b.Fatal(err)
		}
		return db
	}
	load := func(db *sql.DB, paths []string) (time.Duration, int) {
		start := time.Now()
		rep, err := ingest.Load(ctx, db, paths, ingest.LoadOptions{Workers: 2})
		if err != nil {
			b.Fatalf("load: %v", err)
		}
		return time.Since(start), rep.ResultRows + rep.MemberRows
	}
	var xlsTime, xlsxTime time.Duration
	for b.Loop() {
		// Both loads in each iteration, so that the ratio compares runs made under the same load on a
		// shared machine; the benchmark's own time is the .xls load's.
		b.StopTimer()
		db := open()
		b.StartTimer()
		t, rows := load(db, xls)
		b.StopTimer()
		db.Close()
		xlsTime += t
		db = open()
		t2, rows2 := load(db, xlsx)
		db.Close()
		xlsxTime += t2
		if rows != rows2 || rows == 0 {
			b.Fatalf("the .xls load wrote %d rows, the .xlsx load %d", rows, rows2)
		}
		b.StartTimer()
	}
	b.StopTimer()
	n := time.Duration(b.N)
	b.ReportMetric((xlsTime / n).Seconds(), "xls-s")
	b.ReportMetric((xlsxTime / n).Seconds(), "xlsx-s")
	b.ReportMetric(float64(xlsTime)/float64(xlsxTime), "x-xlsx")
}

// BenchmarkParseCountyXLS times the readers alone (ParseFile of every workbook, one after another),
// without the database: the .xls reader against excelize on the same county.
func BenchmarkParseCountyXLS(b *testing.B) {
	xlsx, _ := dataset(b, synth.County())
	xls := xlsDataset(b, xlsx)
	b.SetBytes(totalSize(b, xls))
	parse := func(paths []string) (time.Duration, int) {
		start := time.Now()
		rows := 0
		for _, p := range paths {
			parsed, err := ingest.ParseFile(p, ingest.ParseOptions{})
			if err != nil {
				b.Fatal(err)
			}
			rows += len(parsed.Results) + len(parsed.Members)
		}
		return time.Since(start), rows
	}
	var xlsTime, xlsxTime time.Duration
	for b.Loop() {
		t, rows := parse(xls)
		b.StopTimer()
		t2, rows2 := parse(xlsx)
		if rows != rows2 || rows == 0 {
			b.Fatalf("the .xls files read %d rows, the .xlsx files %d", rows, rows2)
		}
		xlsTime, xlsxTime = xlsTime+t, xlsxTime+t2
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(float64(xlsTime)/float64(xlsxTime), "x-xlsx")
}

func totalSize(b *testing.B, paths []string) int64 {
	var n int64
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		n += fi.Size()
	}
	return n
}

// xlsDataset returns .xls copies of the workbooks, converting them with LibreOffice on first use. The
// cache folder sits beside the .xlsx one and is complete when its done file exists.
func xlsDataset(b *testing.B, xlsx []string) []string {
	b.Helper()
	dir := filepath.Join(filepath.Dir(filepath.Dir(filepath.Dir(xlsx[0]))), "xls")
	out := make([]string, len(xlsx))
	for i, p := range xlsx {
		rel, _ := filepath.Rel(filepath.Dir(filepath.Dir(p)), p)
		out[i] = filepath.Join(dir, strings.TrimSuffix(rel, ".xlsx")+".xls")
	}
	done := filepath.Join(dir, "done")
	if _, err := os.Stat(done); err == nil {
		return out
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		b.Skip("the .xls copies are made by LibreOffice: apt-get install libreoffice-calc")
	}
	os.RemoveAll(dir)
	start := time.Now()
	byFolder := map[string][]string{}
	for i, p := range xlsx {
		byFolder[filepath.Dir(out[i])] = append(byFolder[filepath.Dir(out[i])], p)
	}
	for folder, files := range byFolder {
		if err := os.MkdirAll(folder, 0o755); err != nil {
			b.Fatal(err)
		}
		cmd := exec.Command(soffice, append([]string{"--headless", "--convert-to", "xls", "--outdir", folder}, files...)...)
		cmd.Env = append(os.Environ(), "HOME="+b.TempDir())
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("soffice: %v\n%s", err, msg)
		}
	}
	for _, p := range out {
		if _, err := os.Stat(p); err != nil {
			b.Fatalf("soffice did not write %s", p)
		}
	}
	if err := os.WriteFile(done, nil, 0o644); err != nil {
		b.Fatal(err)
	}
	b.Logf("converted %d workbooks to .xls in %s under %s", len(out), time.Since(start).Round(time.Millisecond), dir)
	return out
}
