package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"electsum/ingest"
	"electsum/ingest/synth"
)

// generatedCounty writes a small generated county (townships × units, 2021 and 2024) as workbooks,
// loads it with electsum ingest and returns the database path and its first township.
func generatedCounty(t *testing.T, townships, units int) (dbPath, township string) {
	t.Helper()
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship = townships, units
	dir := t.TempDir()
	if _, err := synth.WriteWorkbooks(synth.Generate(cfg), filepath.Join(dir, "data")); err != nil {
		t.Fatal(err)
	}
	dbPath = filepath.Join(dir, "e.duckdb")
	if code, out, stderr := runCLI(t, "ingest", "--db", dbPath, filepath.Join(dir, "data")); code != 0 {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, stderr)
	}
	countRows(t, dbPath, `SELECT min(township) FROM units`, &township)
	return dbPath, township
}

// countRows runs one query on the database, opened read-only and closed again, as a second program would.
func countRows(t *testing.T, dbPath, q string, dest any, args ...any) {
	t.Helper()
	db, err := ingest.OpenReadOnly(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(q, args...).Scan(dest); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// runAtTerminal runs electsum as if a person at a terminal typed what stdin holds.
func runAtTerminal(t *testing.T, stdin io.Reader, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &env{stdin: stdin, stdout: &out, stderr: &errb, canAsk: true})
	return code, out.String(), errb.String()
}

// Issue 14 item 4: electsum remove previews, asks on a terminal, refuses to guess when it cannot ask,
// and removes in one go with --yes; the views read the data that is left.
func TestRemoveCommand(t *testing.T) {
	dbPath, township := generatedCounty(t, 2, 3)
	n := func(q string, args ...any) int {
		var c int
		countRows(t, dbPath, q, &c, args...)
		return c
	}
	elections := n(`SELECT count(*) FROM elections WHERE township = ? AND year = 2024 AND body = '村民委员会'`, township)
	if elections == 0 {
		t.Fatalf("no 村民委员会 elections in %s", township)
	}
	total := n(`SELECT count(*) FROM elections`)
	args := []string{"remove", "--db", dbPath, "--township", township, "--year", "2024", "--body", "村委会"}

	// Not a terminal, no --yes: the preview, then a refusal that changes nothing.
	code, out, stderr := runCLI(t, args...)
	if code != 2 || !strings.Contains(out, "将从 "+dbPath+" 删除 "+township+" 2024年 村民委员会 的数据") ||
		!strings.Contains(out, "村民委员会：") || !strings.Contains(stderr, "加 --yes") {
		t.Errorf("without a terminal: exit %d\n%s\n%s", code, out, stderr)
	}
	if got := n(`SELECT count(*) FROM elections`); got != total {
		t.Fatalf("refused removal deleted %d rows", total-got)
	}

	// A terminal answering no, then --dry-run: nothing goes.
	code, out, stderr = runAtTerminal(t, strings.NewReader("\n"), args...)
	if code != 0 || !strings.Contains(stderr, "(y/N)") || !strings.Contains(out, "已取消，没有删除任何数据") {
		t.Errorf("answer N: exit %d\n%s\n%s", code, out, stderr)
	}
	if code, out, _ = runCLI(t, append(args, "--dry-run")...); code != 0 || !strings.Contains(out, "--dry-run") {
		t.Errorf("--dry-run: exit %d\n%s", code, out)
	}
	if got := n(`SELECT count(*) FROM elections`); got != total {
		t.Fatalf("declined removal deleted %d rows", total-got)
	}

	// A terminal answering y.
	code, out, stderr = runAtTerminal(t, strings.NewReader("y\n"), args...)
	if code != 0 || !strings.Contains(out, "已删除：选举结果") {
		t.Fatalf("answer y: exit %d\n%s\n%s", code, out, stderr)
	}
	if got := n(`SELECT count(*) FROM elections`); got != total-elections {
		t.Errorf("%d results left, want %d", got, total-elections)
	}
	if got := n(`SELECT count(*) FROM v_turnout WHERE township = ? AND year = 2024 AND body = '村民委员会'`, township); got != 0 {
		t.Errorf("v_turnout still shows %d removed elections", got)
	}
	if got := n(`SELECT count(*) FROM ingest_log WHERE outcome = 'removed' AND message LIKE '%electsum remove%'`); got == 0 {
		t.Error("the removal is not recorded in ingest_log")
	}

	// Removing the same again says there is nothing to remove.
	code, _, stderr = runCLI(t, append(args, "--yes")...)
	if code != 1 || !strings.Contains(stderr, "没有删除任何数据") || !strings.Contains(stderr, "建议: "+township+" 已有: 2021年") {
		t.Errorf("removing nothing: exit %d\n%s", code, stderr)
	}

	// The previous term is data like any other: removing 2021 is allowed, and the 2024 draft then
	// has no comparison rather than a wrong one.
	code, out, stderr = runCLI(t, "remove", "--db", dbPath, "--township", township, "--year", "2021", "--yes")
	if code != 0 {
		t.Fatalf("removing 2021: exit %d\n%s\n%s", code, out, stderr)
	}
	if got := n(`SELECT count(*) FROM v_change WHERE township = ? AND year = 2021`, township); got != 0 {
		t.Errorf("v_change still has %d rows of 2021", got)
	}
	code, out, stderr = runCLI(t, "report", "--db", dbPath, "--year", "2024", "--township", township, "--format", "md", "-o", filepath.Join(t.TempDir(), "总结"))
	if code != 0 {
		t.Errorf("report after removing 2021: exit %d\n%s\n%s", code, out, stderr)
	}
}

func TestRemoveCommandLine(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"remove"}, "没有指明要删除哪些数据"},
		{[]string{"remove", "--township", "东镇"}, "没有指明要删除哪些数据"},
		{[]string{"remove", "--township", "东镇", "--year", "2024", "--body", "村委员"}, "不是已知的选举类型"},
		{[]string{"remove", "--township", "东镇", "--year", "24"}, "不是选举年份"},
	} {
		if code, _, stderr := runCLI(t, c.args...); code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q", c.args, code, stderr)
		}
	}
	dir := t.TempDir()
	if code, _, stderr := runCLI(t, "remove", "--db", filepath.Join(dir, "没有.duckdb"), "--file", "东镇.xlsx"); code != 1 || !strings.Contains(stderr, "不存在") {
		t.Errorf("missing database: exit %d, stderr %q", code, stderr)
	}
}
