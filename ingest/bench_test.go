package ingest_test

// The ingest benchmarks of issue 2: excelize alone stream-reading every cell of the generated workbooks
// with 2 workers, against `electsum ingest` (ingest.Load) of the same files into a fresh database. The
// target is ingest ≤ 1.5 × the excelize read, with peak memory under 1 GiB.
//
//	go test ./ingest -run '^$' -bench 'County$' -benchtime 3x       # quick, one county (12 files)
//	go test ./ingest -run '^$' -bench 'Province$' -benchtime 1x -timeout 60m
//
// The workbooks are generated once and cached under os.TempDir()/electsum-bench-<key>, the key being a
// hash of the generator's config and source, so a changed generator regenerates them.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"electsum/ingest"
	"electsum/ingest/synth"
	"electsum/ingest/synth/benchkit"
)

func BenchmarkExcelizeStreamReadCounty(b *testing.B)   { benchRead(b, synth.County()) }
func BenchmarkExcelizeStreamReadProvince(b *testing.B) { benchRead(b, synth.Province()) }
func BenchmarkIngestCounty(b *testing.B)               { benchIngest(b, synth.County()) }
func BenchmarkIngestProvince(b *testing.B)             { benchIngest(b, synth.Province()) }

func benchRead(b *testing.B, cfg synth.Config) {
	paths, size := dataset(b, cfg)
	b.SetBytes(size)
	benchkit.ResetPeak()
	b.ResetTimer()
	var cells int
	for b.Loop() {
		cells = readAll(b, paths)
	}
	b.StopTimer()
	b.ReportMetric(float64(cells), "cells")
	b.ReportMetric(benchkit.PeakMiB(), "peak-MiB")
}

func benchIngest(b *testing.B, cfg synth.Config) {
	paths, size := dataset(b, cfg)
	b.SetBytes(size)
	ctx := context.Background()
	var rows int
	var elapsed, yardstick, reading time.Duration
	benchkit.ResetPeak()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		dbPath := filepath.Join(b.TempDir(), "bench.duckdb")
		b.StartTimer()
		start := time.Now()
		db, err := ingest.Open(ctx, dbPath)
		if err != nil {
			b.Fatal(err)
		}
		var lastRead time.Time
		rep, err := ingest.Load(ctx, db, paths, ingest.LoadOptions{Workers: 2, Progress: func(ingest.ProgressEvent) { lastRead = time.Now() }})
		if err != nil {
			b.Fatalf("load: %v", err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		reading += lastRead.Sub(start)
		rows = rep.ResultRows + rep.MemberRows
		b.StopTimer()
		// The excelize read of the same files, untimed, right after each load: the machine is shared,
		// so the ratio is taken between runs made under the same load.
		start = time.Now()
		readAll(b, paths)
		yardstick += time.Since(start)
		b.StartTimer()
	}
	b.StopTimer()
	n := time.Duration(b.N)
	b.ReportMetric(float64(rows), "rows")
	b.ReportMetric(float64(rows)/(elapsed/n).Seconds(), "rows/s")
	b.ReportMetric(float64(elapsed)/float64(yardstick), "x-excelize")
	// Where the time goes: opening the database and reading the files, then writing them.
	b.ReportMetric((reading / n).Seconds(), "read-s")
	b.ReportMetric(((elapsed - reading) / n).Seconds(), "write-s")
	b.ReportMetric(benchkit.PeakMiB(), "peak-MiB")
}

// readAll reads every cell of every sheet of every file with excelize's row iterator, two files at a
// time, and returns the number of non-empty cells.
func readAll(tb testing.TB, paths []string) int {
	var (
		mu    sync.Mutex
		cells int
		wg    sync.WaitGroup
	)
	next := make(chan string)
	errs := make(chan error, 2)
	for range 2 {
		wg.Go(func() {
			n := 0
			for p := range next {
				c, err := readFile(p)
				if err != nil {
					errs <- err
					for range next {
					}
					return
				}
				n += c
			}
			mu.Lock()
			cells += n
			mu.Unlock()
		})
	}
	for _, p := range paths {
		next <- p
	}
	close(next)
	wg.Wait()
	close(errs)
	for err := range errs {
		tb.Fatal(err)
	}
	return cells
}

func readFile(path string) (int, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.Rows(sheet)
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			cols, err := rows.Columns()
			if err != nil {
				rows.Close()
				return 0, err
			}
			for _, c := range cols {
				if c != "" {
					n++
				}
			}
		}
		if err := rows.Close(); err != nil {
			return 0, err
		}
	}
	return n, nil
}

var (
	datasetsMu sync.Mutex
	datasets   = map[string][]string{}
)

// dataset returns the workbooks of cfg and their total size, generating them on first use. A cache
// folder is complete only when its paths.txt exists, written last.
func dataset(b *testing.B, cfg synth.Config) ([]string, int64) {
	b.Helper()
	key, err := benchkit.CacheKey(cfg, filepath.Join("synth", "*.go"))
	if err != nil {
		b.Fatal(err)
	}
	datasetsMu.Lock()
	defer datasetsMu.Unlock()
	paths, ok := datasets[key]
	if !ok {
		dir := filepath.Join(os.TempDir(), "electsum-bench-"+key)
		index := filepath.Join(dir, "paths.txt")
		if data, err := os.ReadFile(index); err == nil {
			for _, rel := range strings.Split(strings.TrimSpace(string(data)), "\n") {
				paths = append(paths, filepath.Join(dir, rel))
			}
		} else {
			os.RemoveAll(dir)
			start := time.Now()
			w := synth.Generate(cfg)
			written, err := synth.WriteWorkbooks(w, filepath.Join(dir, "data"))
			if err != nil {
				b.Fatal(err)
			}
			var list strings.Builder
			for _, p := range written {
				rel, _ := filepath.Rel(dir, p)
				fmt.Fprintln(&list, rel)
			}
			if err := os.WriteFile(index, []byte(list.String()), 0o644); err != nil {
				b.Fatal(err)
			}
			n := w.Counts()
			b.Logf("generated %d files (%d results rows, %d members rows) in %s under %s",
				len(written), n.Results, n.Members, time.Since(start).Round(time.Millisecond), dir)
			paths = written
		}
		datasets[key] = paths
	}
	var size int64
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			b.Fatalf("benchmark data: %v (remove %s and run again)", err, filepath.Dir(filepath.Dir(p)))
		}
		size += fi.Size()
	}
	return paths, size
}
