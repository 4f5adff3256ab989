package main

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"electsum/ingest"
	"electsum/ingest/synth"
)

// generatedDB loads a small generated county (townships × units, 2021 and 2024) with ingest.Load and
// returns the database path and a read-only connection for independent counts. The connection is
// opened after the writer is closed: DuckDB allows one writer process or many readers. It is opened
// as report and annex open theirs (summaryLimits): DuckDB keeps one instance of a file per process and
// refuses a second connection to it with another configuration.
func generatedDB(t *testing.T, townships, units int) (string, *sql.DB) {
	t.Helper()
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = townships, units
	return worldDB(t, synth.Generate(cfg))
}

// worldDB is generatedDB of the world w.
func worldDB(t *testing.T, w *synth.World) (string, *sql.DB) {
	t.Helper()
	dir := t.TempDir()
	paths, err := synth.WriteWorkbooks(w, filepath.Join(dir, "data"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "e.duckdb")
	db, err := ingest.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.Load(context.Background(), db, paths, ingest.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = ingest.OpenReadOnlyWithin(context.Background(), path, summaryLimits)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return path, db
}
