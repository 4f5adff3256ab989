package ingest

import (
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
