package ingest

import (
	"context"
	"database/sql"
	"errors"
	"testing"
)

// LoadOptions.Install runs inside the load's transaction: what it creates lands with the rows, and
// when it fails neither the rows nor ingest_log are written.
func TestLoadInstallsInsideTheTransaction(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	before := snapshot(t, db)
	boom := errors.New("boom")
	failing := func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `CREATE VIEW v_probe AS SELECT count(*) AS n FROM elections`); err != nil {
			return err
		}
		return boom
	}
	rep, err := loadParsed(ctx, db, []*Parsed{township("a.xlsx", "东镇", 3, 2024, "")}, LoadOptions{Now: fixedNow, Install: failing})
	if !errors.Is(err, boom) || rep.Committed {
		t.Fatalf("err = %v, committed %v", err, rep.Committed)
	}
	if after := snapshot(t, db); after != before {
		t.Fatalf("a failed install left rows behind:\n%s", after)
	}
	if err := db.QueryRow(`SELECT n FROM v_probe`).Scan(new(int)); err == nil {
		t.Fatal("the view of a failed load exists")
	}

	install := func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `CREATE OR REPLACE VIEW v_probe AS SELECT count(*) AS n FROM elections`)
		return err
	}
	if _, err := loadParsed(ctx, db, []*Parsed{township("a.xlsx", "东镇", 3, 2024, "")}, LoadOptions{Now: fixedNow, Install: install}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT n FROM v_probe`); n != 3 {
		t.Errorf("v_probe sees %d elections, want 3", n)
	}
}
