// Package querytest holds the ad hoc query fixture (fixture.sql: a hand-made county with two
// elections, whose figures analytics/query's tests count by hand) for the tests of analytics/query,
// of electsum query and of the web page's SQL box.
package querytest

import (
	"context"
	_ "embed"
	"path/filepath"
	"testing"

	"electsum/analytics"
	"electsum/ingest"
)

// SQL is fixture.sql: the statements that fill an empty database with the fixture's rows.
//
//go:embed fixture.sql
var SQL string

// Fixture writes SQL into a new database file in tb's temporary folder, installs the analysts' views
// and returns the file's path. The database is closed, so that it can be opened read-only.
func Fixture(tb testing.TB) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "electsum.duckdb")
	ctx := context.Background()
	db, err := ingest.Open(ctx, path)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, SQL); err != nil {
		tb.Fatalf("load the query fixture: %v", err)
	}
	if err := analytics.Install(ctx, db, analytics.Options{}); err != nil {
		tb.Fatal(err)
	}
	if err := db.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}
