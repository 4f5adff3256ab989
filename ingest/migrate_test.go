package ingest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/fstest"
)

// A database written by this release (with data) opens in a release that adds the next migration:
// the migration runs once, the data stays, and an older release then refuses the newer file.
func TestMigrationToNextRelease(t *testing.T) {
	ctx := context.Background()
	path := MustOpenDB(t)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loadParsed(ctx, db, []*Parsed{township("a.xlsx", "东镇", 2, 2024, "")}, LoadOptions{Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	next := fstest.MapFS{
		fmt.Sprintf("migrations/%03d_note.sql", SchemaVersion+1): {Data: []byte(`ALTER TABLE elections ADD COLUMN note VARCHAR; UPDATE elections SET note = '迁移';`)},
	}
	for _, name := range migrationNames(migrations) {
		body, _ := migrations.ReadFile(name)
		next[name] = &fstest.MapFile{Data: body}
	}
	for range 2 { // the second run must be a no-op
		if err := migrateFS(ctx, db, next); err != nil {
			t.Fatal(err)
		}
	}
	var rows, noted, version int
	if err := db.QueryRow(`SELECT count(*), count(note) FROM elections`).Scan(&rows, &noted); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT max(version) FROM schema_version`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	if rows != 2 || noted != 2 || version != SchemaVersion+1 {
		t.Fatalf("after the next migration: %d rows, %d noted, version %d", rows, noted, version)
	}
	db.Close()
	if _, err := Open(ctx, path); !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("this release opened a newer database: %v", err)
	}
}
