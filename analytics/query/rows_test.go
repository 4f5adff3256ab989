package query_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"electsum/analytics/query"
	"electsum/analytics/query/querytest"
)

// A result longer than one page of the spool comes back whole and in order.
func TestOpenReadsEveryPageInOrder(t *testing.T) {
	db := openReadOnly(t, querytest.Fixture(t))
	const n = 3*65536 + 7
	rows, err := query.Open(context.Background(), db, "SELECT range AS i, range % 3 AS m FROM range(?) ORDER BY i", n)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got int64
	for rows.Next() {
		if v := rows.Row()[0]; v != got {
			t.Fatalf("row %d holds %v", got, v)
		}
		got++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if got != n || rows.Read() != n {
		t.Errorf("read %d rows (Read %d), want %d", got, rows.Read(), n)
	}
	total, err := rows.Total()
	if err != nil || total != n {
		t.Errorf("Total = %d, %v; want %d", total, err, n)
	}
}

// Column names are the statement's, duplicates included; DESCRIBE, which cannot be spooled, is read
// directly.
func TestOpenNamesAndDirectStatements(t *testing.T) {
	db := openReadOnly(t, querytest.Fixture(t))
	ctx := context.Background()
	tbl, err := query.Run(ctx, db, "SELECT 1 AS a, 2 AS a, 3 AS 乡镇")
	if err != nil {
		t.Fatal(err)
	}
	if len(tbl.Columns) != 3 || tbl.Columns[0].Name != "a" || tbl.Columns[1].Name != "a" || tbl.Columns[2].Name != "乡镇" {
		t.Errorf("columns %v, want a, a, 乡镇", tbl.Columns)
	}
	for _, q := range []string{"DESCRIBE members", "SHOW TABLES", "SUMMARIZE units", "PRAGMA table_info('units')", "EXPLAIN SELECT 1"} {
		rows, err := query.Open(ctx, db, q)
		if err != nil {
			t.Errorf("%s: %v", q, err)
			continue
		}
		n, err := rows.Total()
		rows.Close()
		if err != nil || n == 0 {
			t.Errorf("%s: %d rows, %v", q, n, err)
		}
	}
	// The spool is dropped with its result: the next statement on the pool sees no leftover.
	if _, err := query.Run(ctx, db, "SELECT * FROM electsum_query_result"); err == nil {
		t.Error("the spooled result outlived its Rows")
	}
}

// The time limit stops a statement that would run for hours, and says which limit it was.
func TestOpenTimeLimit(t *testing.T) {
	db := openReadOnly(t, querytest.Fixture(t))
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := query.Run(ctx, db, "SELECT a.range * b.range AS p FROM range(1000000) a, range(1000000) b")
	var te *query.TimeoutError
	if !errors.As(err, &te) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want a *TimeoutError", err)
	}
	if te.Limit != 300*time.Millisecond {
		t.Errorf("limit %s, want 300ms", te.Limit)
	}
	t.Logf("stopped after %s: %v", time.Since(start), err)
}
