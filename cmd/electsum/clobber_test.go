package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Issue 14 item 11: query -o and annex -o replaced the database; annex -o wrote over an input
// workbook; an existing output was replaced without asking; an existing folder gave no clear error.
func TestOutputsNeverClobber(t *testing.T) {
	dbPath, db := generatedDB(t, 1, 2)
	db.Close() // DuckDB: one writer process or readers; the commands below open it themselves
	var input string
	filepath.WalkDir(filepath.Join(filepath.Dir(dbPath), "data"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && input == "" {
			input = p
		}
		return err
	})
	dbBefore, inputBefore := fileBytes(t, dbPath), fileBytes(t, input)
	out := t.TempDir()
	existing := filepath.Join(out, "附件.xlsx")
	os.WriteFile(existing, []byte("mine"), 0o644)
	folder := filepath.Join(out, "总结")
	os.Mkdir(folder, 0o755)

	for _, c := range []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"query over the database", []string{"query", "--db", dbPath, "--force", "-o", dbPath, "--format", "csv", "SELECT 1"}, "数据库"},
		{"annex over the database", []string{"annex", "--db", dbPath, "--force", "-o", dbPath}, "数据库"},
		{"annex over an input", []string{"annex", "--db", dbPath, "--force", "-o", input}, "已导入的原始表格"},
		{"query over an input", []string{"query", "--db", dbPath, "--force", "-o", input, "SELECT 1"}, "已导入的原始表格"},
		{"annex over an existing file", []string{"annex", "--db", dbPath, "-o", existing}, "--force"},
		{"query over an existing file", []string{"query", "--db", dbPath, "-o", existing, "SELECT 1"}, "--force"},
		{"annex into a folder", []string{"annex", "--db", dbPath, "--force", "-o", folder}, "文件夹"},
		{"query into a folder", []string{"query", "--db", dbPath, "--force", "--format", "csv", "-o", folder, "SELECT 1"}, "文件夹"},
		{"csv annex into a file", []string{"annex", "--db", dbPath, "--format", "csv", "-o", existing}, "不是文件夹"},
	} {
		code, _, stderr := runCLI(t, c.args...)
		if code == 0 || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q, want it to name %q", c.name, code, stderr, c.want)
		}
	}
	if !bytes.Equal(fileBytes(t, dbPath), dbBefore) {
		t.Error("the database was written")
	}
	if !bytes.Equal(fileBytes(t, input), inputBefore) {
		t.Error("an input workbook was written")
	}
	if string(fileBytes(t, existing)) != "mine" {
		t.Error("an existing file was replaced without --force")
	}

	// With --force an ordinary existing file is replaced, with mode 0644, and nothing else is left.
	if code, _, stderr := runCLI(t, "annex", "--db", dbPath, "--force", "-o", existing); code != 0 {
		t.Fatalf("annex --force: exit %d: %s", code, stderr)
	}
	if fi, err := os.Stat(existing); err != nil || fi.Mode().Perm() != 0o644 || fi.Size() < 1000 {
		t.Errorf("annex --force: %v %v", fi, err)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 2 {
		t.Errorf("left in the output folder: %v", entries)
	}

	// A second report into the same folder refuses to replace the first one's files.
	if code, _, stderr := runCLI(t, "report", "--db", dbPath, "--year", "2024", "-o", folder); code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "report", "--db", dbPath, "--year", "2024", "-o", folder); code == 0 || !strings.Contains(stderr, "--force") {
		t.Errorf("second report: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "report", "--db", dbPath, "--year", "2024", "--force", "-o", folder); code != 0 {
		t.Errorf("report --force: exit %d: %s", code, stderr)
	}
}
