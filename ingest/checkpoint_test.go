package ingest

import (
	"context"
	"fmt"
	"os"
	"testing"
)

// A small first load is in the database file when Load returns (first_checkpoint.sql): the WAL holds
// nothing, and the instance's compressions are DuckDB's again. A second load into the same database is
// left to the checkpoint on close, as before.
func TestFirstLoadCheckpointed(t *testing.T) {
	path := MustOpenDB(t)
	db := openTestDBAt(t, path)
	walSize := func() int64 {
		fi, err := os.Stat(path + ".wal")
		if err != nil {
			return 0
		}
		return fi.Size()
	}
	book := func(unit string) string {
		return writeXLSX(t,
			sheetData{name: "选举结果", rows: [][]any{resultsHeader, resultRow(unit, "村民委员会", 1)}},
			sheetData{name: "当选人员", rows: [][]any{membersHeader, memberRow(unit, "村民委员会", "张三", "主任", "男", "1975.03", "")}})
	}
	mustLoad(t, db, LoadOptions{County: "东县"}, book("石桥村"))
	if n := walSize(); n > 0 {
		t.Errorf("after the first load the WAL holds %d bytes, want none", n)
	}
	var disabled string
	if err := db.QueryRow(`SELECT value FROM duckdb_settings() WHERE name = 'disabled_compression_methods'`).Scan(&disabled); err != nil {
		t.Fatal(err)
	}
	if disabled != "" {
		t.Errorf("disabled_compression_methods is %q after the load, want DuckDB's default", disabled)
	}
	mustLoad(t, db, LoadOptions{County: "东县"}, book("河口村"))
	if walSize() == 0 {
		t.Errorf("after a second load the WAL is empty: was it checkpointed by the load?")
	}
}

// A small first load large enough that DuckDB checkpoints at its commit instead of writing the WAL (as
// the people's congress set's 50,063 rows are) is written without FSST too (no_fsst.sql, set before the
// commit), as first_checkpoint.sql's checkpoint writes a smaller one. Not vacuous: the same load taken
// as a large one (manyRows) has FSST segments.
func TestFirstLoadCheckpointedAtCommitWithoutFSST(t *testing.T) {
	results := [][]any{resultsHeader}
	members := [][]any{membersHeader}
	for i := range 300 {
		unit := fmt.Sprintf("第%d村民小组联合村", i)
		results = append(results, resultRow(unit, "村民委员会", 1))
		members = append(members, memberRow(unit, "村民委员会", fmt.Sprintf("张%d", i), "主任", "男", "1975.03",
			makeIDSeq("19750315", i, true)))
	}
	book := writeXLSX(t, sheetData{name: "选举结果", rows: results}, sheetData{name: "当选人员", rows: members})
	fsst := func(hooks loadHooks) int {
		path := MustOpenDB(t)
		db := openTestDBAt(t, path)
		// The instance checkpoints at a commit that would write more than this to the WAL.
		if _, err := db.Exec(`SET checkpoint_threshold = '1KB'`); err != nil {
			t.Fatal(err)
		}
		if _, err := loadWith(context.Background(), db, []string{book}, LoadOptions{County: "东县", Now: fixedNow}, hooks); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(path + ".wal"); err == nil && fi.Size() > 0 {
			t.Errorf("the WAL holds %d bytes after the load", fi.Size())
		}
		return count(t, db, `SELECT (SELECT count(*) FROM pragma_storage_info('members') WHERE compression ILIKE '%fsst%')
			+ (SELECT count(*) FROM pragma_storage_info('elections') WHERE compression ILIKE '%fsst%')`)
	}
	if n := fsst(loadHooks{manyRows: 1}); n == 0 {
		t.Fatal("vacuous: the load taken as a large one has no FSST segment either")
	}
	if n := fsst(loadHooks{}); n > 0 {
		t.Errorf("a small first load checkpointed at its commit has %d FSST segments", n)
	}
}
