package ingest

import (
	"context"
	"path/filepath"
	"testing"
)

// MustOpenDB opens a fresh database file in a temporary folder.
func MustOpenDB(tb testing.TB) (path string) {
	tb.Helper()
	path = filepath.Join(tb.TempDir(), "test.duckdb")
	db, err := Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	db.Close()
	return path
}

func TestOpenMigratesOnceAndReopens(t *testing.T) {
	ctx := context.Background()
	path := MustOpenDB(t)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n, v int
	if err := db.QueryRow(`SELECT count(*), max(version) FROM schema_version`).Scan(&n, &v); err != nil {
		t.Fatal(err)
	}
	if n != SchemaVersion || v != SchemaVersion {
		t.Fatalf("schema_version has %d rows, max %d; want %d", n, v, SchemaVersion)
	}
}

func TestOpenReadOnlyRefusesWrites(t *testing.T) {
	ctx := context.Background()
	path := MustOpenDB(t)
	db, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`INSERT INTO units VALUES ('a','b','c',NULL)`); err == nil {
		t.Fatal("insert into a read-only database succeeded")
	}
	if _, err := db.Exec(`SET enable_external_access = true`); err == nil {
		t.Fatal("configuration change succeeded on a locked connection")
	}
	if _, err := db.Query(`SELECT * FROM read_csv('/etc/passwd')`); err == nil {
		t.Fatal("read of an outside file succeeded")
	}
}
