package ingest

import (
	"context"
	"testing"

	"electsum"
)

// The loader's domain macros say of every body what package electsum says: the kind of unit that elects
// it, and whether its voters are those a 选民登记 table lists.
func TestDomainSQL(t *testing.T) {
	db := openTestDB(t)
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), domainSQL); err != nil {
		t.Fatal(err)
	}
	for _, b := range electsum.Bodies() {
		var kind string
		var voters bool
		if err := conn.QueryRowContext(context.Background(), "SELECT unit_kind_of($1), voters_elect($1)", string(b)).Scan(&kind, &voters); err != nil {
			t.Fatal(err)
		}
		if kind != string(b.UnitKind()) || voters != b.ByVoters() {
			t.Errorf("%s: unit_kind_of %s, voters_elect %v; want %s, %v", b, kind, voters, b.UnitKind(), b.ByVoters())
		}
	}
}
