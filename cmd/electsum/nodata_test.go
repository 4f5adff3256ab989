package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"electsum/ingest"
)

// Issue 8.5: a failed ingest (an empty folder, a bad file) created an empty database; afterwards query
// said "Catalog Error … v_turnout … Did you mean pg_constraint" and annex printed "全部数据 0 年".
func TestFailedIngestLeavesNoDatabase(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "空文件夹")
	os.MkdirAll(empty, 0o755)
	bad := filepath.Join(dir, "坏文件.xlsx")
	os.WriteFile(bad, []byte("这不是工作簿"), 0o644)
	for _, in := range []string{empty, bad} {
		db := filepath.Join(dir, "新.duckdb")
		if code, _, _ := runCLI(t, "ingest", "--db", db, in); code == 0 {
			t.Fatalf("ingest %s succeeded", in)
		}
		for _, p := range []string{db, db + ".wal", db + ".tmp"} {
			if _, err := os.Stat(p); err == nil {
				t.Errorf("ingest of %s that wrote nothing left %s behind", in, p)
			}
		}
	}
}

// Any reading command on a database that does not exist or holds no data says so in one Chinese line
// with the next step.
func TestCommandsOnNoDataSayWhatToDo(t *testing.T) {
	dir := t.TempDir()
	emptyDB := filepath.Join(dir, "空.duckdb")
	db, err := ingest.Open(context.Background(), emptyDB) // the schema, no rows
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, c := range []struct{ db, want string }{
		{filepath.Join(dir, "没有.duckdb"), "不存在：先运行 electsum ingest"},
		{emptyDB, "中还没有数据：先运行 electsum ingest"},
	} {
		for _, args := range [][]string{
			{"query", "--db", c.db, "SELECT * FROM v_turnout"},
			{"report", "--db", c.db, "--year", "2024", "-o", filepath.Join(dir, "总结")},
			{"annex", "--db", c.db, "--year", "2024", "-o", filepath.Join(dir, "附件.xlsx")},
		} {
			code, _, stderr := runCLI(t, args...)
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			if code != 1 || len(lines) != 1 || !strings.Contains(stderr, c.want) {
				t.Errorf("%s on %s: exit %d, stderr %q", args[0], filepath.Base(c.db), code, stderr)
			}
		}
	}
}
