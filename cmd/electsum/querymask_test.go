package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"electsum/analytics/query/querytest"
)

// electsum query masks 身份证号 unless --unmasked, on the terminal and in files; --unmasked says so on
// stderr. A 身份证号 given as a number stops the query with a message, and no file is written.
func TestQueryMasksIDNumbers(t *testing.T) {
	db := querytest.Fixture(t)
	dir := t.TempDir()
	const id, masked = "110101198201011245", "1101**********1245"
	sql := "SELECT name, id_number, person_key FROM members WHERE id_number IS NOT NULL"

	code, stdout, stderr := runCLI(t, "query", "--db", db, sql)
	if code != 0 || strings.Contains(stdout, id) || strings.Count(stdout, masked) != 2 {
		t.Errorf("table: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	for _, ext := range []string{"csv", "json"} {
		out := filepath.Join(dir, "masked."+ext)
		if code, _, stderr := runCLI(t, "query", "--db", db, sql, "-o", out); code != 0 {
			t.Fatalf("%s: exit %d: %s", ext, code, stderr)
		}
		data, _ := os.ReadFile(out)
		if strings.Contains(string(data), id) || strings.Count(string(data), masked) != 2 {
			t.Errorf("%s: %s", ext, data)
		}
	}

	code, stdout, stderr = runCLI(t, "query", "--db", db, "--unmasked", sql)
	if code != 0 || strings.Count(stdout, id) != 2 || !strings.Contains(stderr, "--unmasked") {
		t.Errorf("--unmasked: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	out := filepath.Join(dir, "unmasked.csv")
	if code, _, stderr := runCLI(t, "query", "--db", db, "--unmasked", sql, "-o", out); code != 0 {
		t.Fatalf("--unmasked -o: exit %d: %s", code, stderr)
	}
	if data, _ := os.ReadFile(out); strings.Count(string(data), id) != 2 {
		t.Errorf("--unmasked -o: %s", data)
	}

	out = filepath.Join(dir, "number.csv")
	code, stdout, stderr = runCLI(t, "query", "--db", db, "SELECT CAST(id_number AS BIGINT) AS n FROM members WHERE id_number IS NOT NULL", "-o", out)
	if code == 0 || !strings.Contains(stderr, "身份证号") || !strings.Contains(stderr, "建议") || strings.Contains(stdout+stderr, id) {
		t.Errorf("a 身份证号 as a number: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a file was written for the refused result: %v", err)
	}
}
