package analytics_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"electsum/analytics"
	"electsum/ingest"
)

// fixtureDB opens a new database in a temporary directory and runs the given testdata files into it.
func fixtureDB(tb testing.TB, files ...string) *sql.DB {
	tb.Helper()
	ctx := context.Background()
	db, err := ingest.Open(ctx, filepath.Join(tb.TempDir(), "electsum.duckdb"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	for _, f := range files {
		body, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, string(body)); err != nil {
			tb.Fatalf("load %s: %v", f, err)
		}
	}
	return db
}

func summarize(tb testing.TB, db *sql.DB, scope analytics.Scope, opts analytics.Options) *analytics.Summary {
	tb.Helper()
	s, err := analytics.Summarize(context.Background(), db, scope, opts)
	if err != nil {
		tb.Fatalf("Summarize(%+v): %v", scope, err)
	}
	return s
}
