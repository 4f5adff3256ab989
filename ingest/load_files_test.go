package ingest_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"electsum/ingest"
	"electsum/ingest/synth"
)

// smallWorld is a generated county small enough for a unit test, filled in the messy ways real
// townships do.
func smallWorld(t *testing.T) (*synth.World, string, []string) {
	t.Helper()
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 3, 4
	w := synth.Generate(cfg)
	dir := t.TempDir()
	paths, err := synth.WriteWorkbooks(w, dir)
	if err != nil {
		t.Fatal(err)
	}
	return w, dir, paths
}

func openDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := ingest.Open(context.Background(), filepath.Join(t.TempDir(), "t.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func tableRows(t *testing.T, db *sql.DB, q string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// dataSnapshot is the content of the data tables (not ingest_log), for before/after comparisons.
func dataSnapshot(t *testing.T, db *sql.DB) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"units", "elections", "members", "data_warnings", "ingest_log"} {
		b.WriteString(queryText(t, db, `SELECT * FROM `+table+` ORDER BY ALL`))
		fmt.Fprintln(&b, "--", table)
	}
	return b.String()
}

// queryText prints the rows of a query, one line a row.
func queryText(t *testing.T, db *sql.DB, q string) string { return ingest.QueryText(t, db, q) }

func TestLoadGeneratedWorkbooks(t *testing.T) {
	ctx := context.Background()
	w, dir, paths := smallWorld(t)
	db := openDB(t)
	rep, err := ingest.Load(ctx, db, []string{dir}, ingest.LoadOptions{})
	if err != nil {
		for _, p := range rep.Problems {
			t.Log(ingest.FormatProblem(p))
		}
		t.Fatal(err)
	}
	n := w.Counts()
	if rep.Loaded != len(paths) || rep.ResultRows != n.Results || rep.MemberRows != n.Members || rep.Units != n.Units || rep.Townships != n.Townships {
		t.Fatalf("report %+v, world %+v", rep, n)
	}
	for q, want := range map[string]int{
		`SELECT count(*) FROM elections`:                           n.Results,
		`SELECT count(*) FROM members`:                             n.Members,
		`SELECT count(*) FROM units WHERE kind IN ('村', '社区')`:     n.Units,
		`SELECT count(*) FROM ingest_log WHERE outcome = 'loaded'`: len(paths),
	} {
		if got := tableRows(t, db, q); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}

	// A corrupt workbook dropped into the folder, and a second copy of a township's file: the copy is
	// recognised by its content, the corrupt file stops the run and nothing changes.
	before := dataSnapshot(t, db)
	os.WriteFile(filepath.Join(dir, "坏文件.xlsx"), []byte("PK\x03\x04 this is not a workbook"), 0o644)
	copyDir := filepath.Join(dir, "重复报送")
	os.MkdirAll(copyDir, 0o755)
	data, _ := os.ReadFile(paths[0])
	os.WriteFile(filepath.Join(copyDir, filepath.Base(paths[0])), data, 0o644)
	rep, err = ingest.Load(ctx, db, []string{dir}, ingest.LoadOptions{})
	var pe *ingest.ProblemsError
	if !errors.As(err, &pe) || len(pe.Rejected) != 1 || !strings.HasSuffix(pe.Rejected[0], "坏文件.xlsx") {
		t.Fatalf("err = %v", err)
	}
	for _, p := range pe.Problems {
		if p.Severity == ingest.Error && p.Rule != "file_corrupt" && p.Rule != "file_not_workbook" {
			t.Errorf("a corrupt workbook has rule %s", p.Rule)
		}
	}
	if rep.Unchanged != len(paths)+1 {
		t.Errorf("unchanged %d, want %d", rep.Unchanged, len(paths)+1)
	}
	if after := dataSnapshot(t, db); after != before {
		t.Fatal("a run refused for a corrupt file changed the database")
	}

	// With --skip-bad-files the run goes through and the refused file is on record.
	if _, err = ingest.Load(ctx, db, []string{dir}, ingest.LoadOptions{SkipBadFiles: true}); !errors.As(err, &pe) || !pe.Partial {
		t.Fatalf("skip-bad-files: err = %v", err)
	}
	if got := tableRows(t, db, `SELECT count(*) FROM ingest_log WHERE outcome = 'rejected' AND path LIKE '%坏文件.xlsx'`); got != 1 {
		t.Errorf("rejected log rows %d", got)
	}
	if got := tableRows(t, db, `SELECT count(*) FROM members`); got != n.Members {
		t.Errorf("members %d after skip-bad-files, want %d", got, n.Members)
	}
}

func TestLoadRefusesOversizedFile(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "大.xlsx")
	os.WriteFile(big, make([]byte, 2048), 0o644)
	_, err := ingest.Load(context.Background(), openDB(t), []string{dir}, ingest.LoadOptions{MaxFileSize: 1024})
	var pe *ingest.ProblemsError
	if !errors.As(err, &pe) || len(pe.Problems) != 1 || pe.Problems[0].Rule != "file_too_large" {
		t.Fatalf("err = %v", err)
	}
}

// A first load takes its units' bodies from stage_keys (unit_bodies_first.sql) and does not run
// person_clash.sql; loaded with both as a later load runs them, a generated county's village,
// people's congress and party congress workbooks report and store the same. Not vacuous: its units are
// of four kinds.
func TestFirstLoadShortcutsAgree(t *testing.T) {
	ctx := context.Background()
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = 3, 4
	w := synth.Generate(cfg)
	synth.GenerateCongress(w)
	synth.GeneratePartyCongress(w)
	dir := t.TempDir()
	if _, err := synth.WriteWorkbooks(w, dir); err != nil {
		t.Fatal(err)
	}
	opts := ingest.LoadOptions{Now: func() time.Time { return time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC) }}
	first, later := openDB(t), openDB(t)
	repFirst, errFirst := ingest.Load(ctx, first, []string{dir}, opts)
	repLater, errLater := ingest.LoadAsLater(ctx, later, []string{dir}, opts)
	if errFirst != nil || errLater != nil {
		t.Fatalf("load: %v; as a later load: %v", errFirst, errLater)
	}
	if !reflect.DeepEqual(repFirst.Problems, repLater.Problems) {
		t.Errorf("the problems differ")
	}
	if a, b := dataSnapshot(t, first), dataSnapshot(t, later); a != b {
		t.Errorf("the databases differ")
	}
	if n := tableRows(t, first, `SELECT count(DISTINCT kind) FROM units`); n < 4 {
		t.Errorf("vacuous: units of %d kinds", n)
	}
}
