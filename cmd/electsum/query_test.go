package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"electsum/analytics/query/querytest"
)

func TestQueryTable(t *testing.T) {
	db := querytest.Fixture(t)
	code, stdout, stderr := runCLI(t, "query", "--db", db,
		"SELECT township AS 乡镇, unit AS 村, registered AS 登记选民数 FROM elections WHERE year = 2024 AND body = '村民委员会' ORDER BY registered DESC")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := "" +
		"乡镇   | 村   | 登记选民数\n" +
		"-------+------+-----------\n" +
		"城关镇 | 东村 |       1010\n" +
		"城关镇 | 西村 |        820\n" +
		"河口乡 | 南村 |        600\n" +
		"(3 行)\n"
	if stdout != want {
		t.Errorf("got\n%s\nwant\n%s", stdout, want)
	}
}

func TestQueryWritesEveryFormat(t *testing.T) {
	db := querytest.Fixture(t)
	dir := t.TempDir()
	sql := "SELECT unit, year, voted, round(100.0 * voted / registered, 1) AS turnout, election_date FROM elections ORDER BY year, unit, body"
	for _, ext := range []string{"csv", "json", "xlsx", "parquet", "arrow"} {
		out := filepath.Join(dir, "结果."+ext)
		code, _, stderr := runCLI(t, "query", "--db", db, sql, "-o", out)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", ext, code, stderr)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var rows int
		switch ext {
		case "csv":
			if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
				t.Error("CSV file has no BOM")
			}
			records, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			rows = len(records) - 1
		case "json":
			var objs []map[string]any
			if err := json.Unmarshal(data, &objs); err != nil {
				t.Fatal(err)
			}
			if objs[0]["election_date"] != "2021-04-10" || objs[0]["year"] != float64(2021) {
				t.Errorf("first object: %v", objs[0])
			}
			rows = len(objs)
		case "xlsx":
			f, err := excelize.OpenFile(out)
			if err != nil {
				t.Fatal(err)
			}
			all, err := f.GetRows(f.GetSheetName(0))
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			rows = len(all) - 1
		case "parquet":
			tbl, err := pqarrow.ReadTable(context.Background(), bytes.NewReader(data), nil, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
			if err != nil {
				t.Fatal(err)
			}
			rows = int(tbl.NumRows())
			tbl.Release()
		case "arrow":
			r, err := ipc.NewFileReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			rec, err := r.RecordBatch(0)
			if err != nil {
				t.Fatal(err)
			}
			rows = int(rec.NumRows())
			r.Close()
		}
		if rows != 10 {
			t.Errorf("%s: %d rows, want 10", ext, rows)
		}
	}
}

func TestQueryCSVOnStdoutHasNoBOM(t *testing.T) {
	db := querytest.Fixture(t)
	code, stdout, stderr := runCLI(t, "query", "--db", db, "--format", "csv", "SELECT unit FROM units ORDER BY unit")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "unit\n东村\n南村\n西村\n" {
		t.Errorf("stdout %q", stdout)
	}
}

func TestQueryRefusesWritesAndLeavesDatabase(t *testing.T) {
	db := querytest.Fixture(t)
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	for _, q := range []string{"DROP TABLE members", "SELECT 1; DROP TABLE members", "COPY members TO 'm.csv'",
		"ATTACH ':memory:' AS x", "SELECT * FROM read_csv('/etc/passwd')", "INSTALL httpfs"} {
		code, stdout, stderr := runCLI(t, "query", "--db", db, q)
		if code != 1 || !strings.HasPrefix(stderr, "错误: ") || stdout != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", q, code, stdout, stderr)
		}
	}
	after, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if sha256.Sum256(before) != sha256.Sum256(after) {
		t.Error("database file changed")
	}
	if _, err := os.Stat("m.csv"); err == nil {
		t.Error("COPY wrote m.csv")
	}
}

func TestQuerySQLErrorShowsPosition(t *testing.T) {
	db := querytest.Fixture(t)
	code, _, stderr := runCLI(t, "query", "--db", db, "SELECT unit FORM units")
	if code != 1 || !strings.Contains(stderr, "LINE 1") || !strings.Contains(stderr, "^") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestQueryMissingDatabase(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.duckdb")
	code, _, stderr := runCLI(t, "query", "--db", missing, "SELECT 1")
	if code != 1 || !strings.Contains(stderr, "electsum ingest") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("query created the database file")
	}
}

func TestQueryFromFileAndStdin(t *testing.T) {
	db := querytest.Fixture(t)
	file := filepath.Join(t.TempDir(), "q.sql")
	if err := os.WriteFile(file, []byte("-- 各乡镇村数\nSELECT township, count(*) AS n\nFROM units\nGROUP BY township\nORDER BY township;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "query", "-f", file, "--db", db, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, `{"township": "城关镇", "n": 2}`) {
		t.Errorf("stdout %s", stdout)
	}
	var out, errb bytes.Buffer
	code = Run(context.Background(), []string{"query", "--db", db, "-f", "-", "--format", "csv"}, strings.NewReader("SELECT 1 AS one"), &out, &errb)
	if code != 0 || out.String() != "one\n1\n" {
		t.Errorf("stdin: exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
}

func TestQueryUsageErrors(t *testing.T) {
	db := querytest.Fixture(t)
	for _, args := range [][]string{
		{"query", "--db", db},
		{"query", "--db", db, "SELECT 1", "SELECT 2"},
		{"query", "--db", db, "--format", "pdf", "SELECT 1"},
		{"query", "--db", db, "-o", "out.unknown", "SELECT 1"},
		{"query", "--db", db, "no-such-analysis"},
		{"query", "--db", db, "low-turnout", "--param", "nosuch=1"},
		{"query", "--db", db, "low-turnout", "--param", "year=abc"},
		{"query", "--db", db, "SELECT 1", "--param", "year=2024"},
	} {
		code, _, stderr := runCLI(t, args...)
		if code != 2 || !strings.Contains(stderr, "建议: ") {
			t.Errorf("%q: exit %d, stderr %q", args[3:], code, stderr)
		}
	}
}

func TestQueryListAndSaved(t *testing.T) {
	code, stdout, _ := runCLI(t, "query", "--list")
	if code != 0 || !strings.Contains(stdout, "low-turnout") || !strings.Contains(stdout, "--param year=<integer>") {
		t.Fatalf("exit %d, stdout %s", code, stdout)
	}
	db := querytest.Fixture(t)
	code, stdout, stderr := runCLI(t, "query", "low-turnout", "--db", db, "--param", "year=2024", "--param", "threshold=60", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(stdout), &rows); err != nil {
		t.Fatal(err)
	}
	// Only 西村's 村民委员会 (400 of 820, 48.8%) is below 60% in 2024.
	if len(rows) != 1 || rows[0]["unit"] != "西村" || rows[0]["turnout"] != 48.8 {
		t.Errorf("rows %v", rows)
	}
}

// installQueryViews installs the analysts' views the saved analyses read.
func TestQueryFileInGBKOrWithBOM(t *testing.T) {
	db := querytest.Fixture(t)
	dir := t.TempDir()
	sql := "SELECT unit AS 村 FROM units WHERE township = '河口乡' ORDER BY unit"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(sql)
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"gbk.sql": gbk, "bom.sql": "\uFEFF" + sql} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := runCLI(t, "query", "--db", db, "-f", path, "--format", "csv")
		if code != 0 || stdout != "村\n南村\n" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", name, code, stdout, stderr)
		}
	}
}

// issue 14 item 12: a cross join of 1e12 rows stops at --timeout with a Chinese message, exit 1, and
// -o leaves no file behind.
func TestQueryTimeout(t *testing.T) {
	db := querytest.Fixture(t)
	out := filepath.Join(t.TempDir(), "x.csv")
	code, _, stderr := runCLI(t, "query", "--db", db, "--timeout", "500ms", "-o", out,
		"SELECT a.range * b.range AS p FROM range(1000000) a, range(1000000) b")
	if code != 1 || !strings.Contains(stderr, "查询超过时间限制 (500ms)") || !strings.Contains(stderr, "--timeout") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a stopped query left %s (%v)", out, err)
	}
	code, _, stderr = runCLI(t, "query", "--db", db, "--timeout", "-1s", "SELECT 1")
	if code != 2 {
		t.Errorf("negative --timeout: exit %d, %s", code, stderr)
	}
	code, _, stderr = runCLI(t, "query", "--db", db, "--memory-limit", "lots", "SELECT 1")
	if code != 2 || !strings.Contains(stderr, "--memory-limit") {
		t.Errorf("bad --memory-limit: exit %d, %s", code, stderr)
	}
}

// The table format shows 1000 rows and the number of rows; -o writes them all.
func TestQueryTableCapsRows(t *testing.T) {
	db := querytest.Fixture(t)
	code, stdout, stderr := runCLI(t, "query", "--db", db, "SELECT * FROM range(2500)")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "…共2500行") || strings.Count(stdout, "\n") != 1003 {
		t.Errorf("%d lines, ending %q", strings.Count(stdout, "\n"), stdout[len(stdout)-120:])
	}
	out := filepath.Join(t.TempDir(), "all.csv")
	code, _, stderr = runCLI(t, "query", "--db", db, "-o", out, "SELECT * FROM range(2500)")
	if code != 0 || !strings.Contains(stderr, "已写出 2500 行") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// TestQuerySQLStartingWithComment: SQL pasted with a "-- comment" first line is a statement, not an
// unknown flag, whether given as is, after -e, or after --; flags may still follow it.
func TestQuerySQLStartingWithComment(t *testing.T) {
	db := querytest.Fixture(t)
	sql := "-- 各乡镇村数\nSELECT count(DISTINCT township) AS 乡镇数 FROM units"
	for _, args := range [][]string{
		{"query", "--db", db, sql},
		{"query", sql, "--db", db, "--format", "csv"},
		{"query", "--db", db, "-e", sql},
		{"query", "--db", db, "--", sql},
		{"query", "--db", db, "--", "--\nSELECT count(DISTINCT township) AS 乡镇数 FROM units"},
	} {
		code, stdout, stderr := runCLI(t, args...)
		if code != 0 || !strings.Contains(stdout, "乡镇数") || !strings.Contains(stdout, "2") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
	if code, _, stderr := runCLI(t, "query", "--db", db, "-e", sql, "SELECT 1"); code != 2 || !strings.Contains(stderr, "-e") {
		t.Errorf("-e and a statement: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "query", "--db", db, "--nosuchflag", sql); code != 2 || !strings.Contains(stderr, "nosuchflag") {
		t.Errorf("an unknown flag: exit %d, stderr %q", code, stderr)
	}
}

// TestQueryFileWithNULByte: DuckDB reads the statement up to the first NUL byte, so a file with one
// used to run only its first part. It is refused, naming the line and byte.
func TestQueryFileWithNULByte(t *testing.T) {
	db := querytest.Fixture(t)
	path := filepath.Join(t.TempDir(), "q.sql")
	if err := os.WriteFile(path, []byte("SELECT township\n  FROM units\x00 WHERE false"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "query", "--db", db, "-f", path)
	if code != 2 || stdout != "" || !strings.Contains(stderr, "第 2 行") || !strings.Contains(stderr, "第 29 个字节") || !strings.Contains(stderr, "NUL") {
		t.Errorf("exit %d, stdout %q, stderr %q; want a refusal naming line 2, byte 29", code, stdout, stderr)
	}
}

// TestQueryFileUTF16: Notepad's "Unicode" is UTF-16 with a byte-order mark; its NUL bytes are encoding,
// not content.
func TestQueryFileUTF16(t *testing.T) {
	db := querytest.Fixture(t)
	path := filepath.Join(t.TempDir(), "q.sql")
	text := "SELECT '城关镇' AS 乡镇"
	b := []byte{0xFF, 0xFE}
	for _, r := range utf16.Encode([]rune(text)) {
		b = append(b, byte(r), byte(r>>8))
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "query", "--db", db, "-f", path)
	if code != 0 || !strings.Contains(stdout, "城关镇") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}
