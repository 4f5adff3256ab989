package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// cellRow finds the row (1-based) whose column col reads text, from row from on.
func cellRow(t *testing.T, rows [][]string, col int, text string, from int) int {
	t.Helper()
	for i := from; i < len(rows); i++ {
		if col < len(rows[i]) && rows[i][col] == text {
			return i + 1
		}
	}
	t.Fatalf("no row with %q in column %d", text, col)
	return 0
}

func headerCol(t *testing.T, rows [][]string, label string) int {
	t.Helper()
	for _, r := range rows[1:3] {
		for i, v := range r {
			if v == label {
				return i
			}
		}
	}
	t.Fatalf("no header %q", label)
	return 0
}

func rawNumber(t *testing.T, f *excelize.File, sheet string, col, row int) int {
	t.Helper()
	cell, _ := excelize.CoordinatesToCellName(col+1, row)
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("%s!%s = %q", sheet, cell, v)
	}
	return int(n)
}

func TestAnnexCountyTotalsEqualSQLCounts(t *testing.T) {
	dbPath, db := generatedDB(t, 3, 4)
	out := filepath.Join(t.TempDir(), "附件.xlsx")
	code, stdout, stderr := runCLI(t, "annex", "--db", dbPath, "--year", "2024", "--county", "示例县", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, out) {
		t.Errorf("stdout %q does not name %s", stdout, out)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	// 表1 村民委员会: the 合计 of 登记选民数 and 当选 are the database's sums.
	var sheet string
	for _, s := range f.GetSheetList() {
		if strings.Contains(s, "村民委员会") {
			sheet = s
		}
	}
	if sheet == "" {
		t.Fatalf("no 村民委员会 sheet in %v", f.GetSheetList())
	}
	rows, _ := f.GetRows(sheet)
	total := cellRow(t, rows, 0, "合计", 3)
	for label, column := range map[string]string{"登记选民数": "registered", "当选": "elected"} {
		want := count(t, db, `SELECT sum(`+column+`) FROM elections WHERE year = 2024 AND county = '示例县' AND body = '村民委员会'`)
		if got := rawNumber(t, f, sheet, headerCol(t, rows, label), total); got != want {
			t.Errorf("%s 合计 %d, SQL %d", label, got, want)
		}
	}
	units := count(t, db, `SELECT count(*) FROM elections WHERE year = 2024 AND county = '示例县' AND body = '村民委员会'`)
	subtotals := strings.Count(strings.Join(func() []string {
		var s []string
		for _, r := range rows {
			if len(r) > 1 {
				s = append(s, r[1])
			}
		}
		return s
	}(), "\n"), "小计")
	if got := len(rows) - 3 - subtotals - 1; got != units {
		t.Errorf("表1 has %d unit rows, SQL %d", got, units)
	}

	// 表4: one row per member, ids masked.
	roster, _ := f.GetRows("表4 当选人员名册")
	if got, want := len(roster)-2, count(t, db, `SELECT count(*) FROM members WHERE year = 2024 AND county = '示例县'`); got != want {
		t.Errorf("roster %d rows, SQL %d", got, want)
	}
	idCol := headerCol(t, roster, "身份证号")
	masked := regexp.MustCompile(`^\d{4}\*+[0-9X]{4}$|^$`)
	for _, r := range roster[2:] {
		if idCol < len(r) && !masked.MatchString(r[idCol]) {
			t.Fatalf("id %q not masked", r[idCol])
		}
	}

	// 表2: the women of the party branches over the townships add up to the database's count.
	st, _ := f.GetRows("表2 成员结构")
	sec := cellRow(t, st, 0, "一、村党组织成员", 3)
	sum := cellRow(t, st, 0, "合计", sec)
	women := count(t, db, `SELECT count(*) FROM members WHERE year = 2024 AND county = '示例县' AND body = '村党组织' AND gender = '女'`)
	if got := rawNumber(t, f, "表2 成员结构", headerCol(t, st, "总人数")+1, sum); got != women {
		t.Errorf("表2 村党组织 女性 %d, SQL %d", got, women)
	}
}

func TestAnnexCSVAndErrors(t *testing.T) {
	dbPath, db := generatedDB(t, 3, 4)
	dir := filepath.Join(t.TempDir(), "csv")
	if code, _, stderr := runCLI(t, "annex", "--db", dbPath, "--year", "2024", "--format", "csv", "-o", dir); code != 0 {
		t.Fatalf("csv exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(dir, "表4 当选人员名册.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "\uFEFF序号,") {
		t.Errorf("roster CSV starts %q", string(b[:min(len(b), 40)]))
	}

	// A township's annex lists its units in 表2.
	var township string
	if err := db.QueryRow(`SELECT min(township) FROM elections WHERE year = 2024`).Scan(&township); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "乡镇附件.xlsx")
	if code, _, stderr := runCLI(t, "annex", "--db", dbPath, "--year", "2024", "--township", township, "-o", out); code != 0 {
		t.Fatalf("township exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.GetRows("表2 成员结构")
	units := count(t, db, `SELECT count(DISTINCT unit) FROM members WHERE year = 2024 AND township = ? AND body = '村党组织'`, township)
	sec := cellRow(t, st, 0, "一、村党组织成员", 3)
	if sum := cellRow(t, st, 0, "合计", sec); sum-sec-1 != units {
		t.Errorf("表2 村党组织 section has %d units, SQL %d", sum-sec-1, units)
	}

	// --config takes the report config's age bands.
	cfg := filepath.Join(t.TempDir(), "report.toml")
	toml := "[[age_bands]]\nlabel = \"40岁及以下\"\nmin = 0\nmax = 40\n\n[[age_bands]]\nlabel = \"41岁及以上\"\nmin = 41\nmax = 0\n"
	if err := os.WriteFile(cfg, []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	out = filepath.Join(t.TempDir(), "config.xlsx")
	if code, _, stderr := runCLI(t, "annex", "--db", dbPath, "--year", "2024", "--config", cfg, "-o", out); code != 0 {
		t.Fatalf("--config exit %d: %s", code, stderr)
	}
	g, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	st, _ = g.GetRows("表2 成员结构")
	headerCol(t, st, "40岁及以下")
	headerCol(t, st, "41岁及以上")

	code, _, stderr := runCLI(t, "annex", "--db", dbPath, "--format", "pdf")
	if code != 2 || !strings.Contains(stderr, "建议") {
		t.Errorf("bad format: exit %d, %q", code, stderr)
	}
	code, _, stderr = runCLI(t, "annex", "--db", filepath.Join(t.TempDir(), "none.duckdb"), "--year", "2024")
	if code != 1 || !strings.Contains(stderr, "electsum ingest") {
		t.Errorf("missing db: exit %d, %q", code, stderr)
	}
	code, _, stderr = runCLI(t, "annex", "--db", dbPath, "--year", "2024", "--county", "没有这个县", "-o", filepath.Join(t.TempDir(), "x.xlsx"))
	if code != 1 || !strings.Contains(stderr, "建议") {
		t.Errorf("no data: exit %d, %q", code, stderr)
	}
}
