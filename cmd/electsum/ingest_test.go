package main

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"electsum/ingest"

	"github.com/xuri/excelize/v2"
)

// fillTemplate writes rows into a copy of the blank template, placing each value under the header
// it names, as a township clerk would.
func fillTemplate(t *testing.T, tmpl, out string, results, members []map[string]any) {
	t.Helper()
	f, err := excelize.OpenFile(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for sheet, rows := range map[string][]map[string]any{string(ingest.ResultsSheet): results, string(ingest.MembersSheet): members} {
		header, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		col := map[string]int{}
		for i, h := range header[0] {
			col[h] = i + 1
		}
		for r, row := range rows {
			for h, v := range row {
				if col[h] == 0 {
					t.Fatalf("no column %s in %s", h, sheet)
				}
				cell, _ := excelize.CoordinatesToCellName(col[h], r+2)
				if err := f.SetCellValue(sheet, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := f.SaveAs(out); err != nil {
		t.Fatal(err)
	}
}

func villageRows(township string, villages int, year int) (results, members []map[string]any) {
	for v := 1; v <= villages; v++ {
		unit := fmt.Sprintf("%s%d村", township, v)
		results = append(results, map[string]any{"乡镇(街道)": township, "村(社区)": unit, "年份": year, "选举类型": "村民委员会",
			"登记选民数": 1000 + v, "参加投票人数": 900 + v, "应选职数": 3, "当选人数": 3, "一次选举成功": "是"})
		for i, pos := range []string{"主任", "副主任", "委员"} {
			members = append(members, map[string]any{"乡镇(街道)": township, "村(社区)": unit, "年份": year, "选举类型": "村民委员会",
				"姓名": fmt.Sprintf("%s%d号%s", township, v, pos), "职务": pos, "性别": []string{"男", "女"}[i%2],
				"出生年月": fmt.Sprintf("19%d.0%d", 70+v, i+1), "政治面貌": "中共党员", "学历": "高中", "是否连任": "否"})
		}
	}
	return results, members
}

func tableCount(t *testing.T, dbPath, table string) int {
	t.Helper()
	db, err := ingest.OpenReadOnly(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// The whole path a county clerk takes: blank template → townships fill it in → ingest → the rows are
// in the database; a resubmitted identical file changes nothing; a bad file is refused with its
// place, nothing is written, and --errors-dir gives the marked-up workbook to send back.
func TestIngestFromFilledTemplate(t *testing.T) {
	dir := t.TempDir()
	tmpl := blankTemplate(t, dir)
	in := filepath.Join(dir, "收到的表格")
	os.MkdirAll(filepath.Join(in, "西镇"), 0o755)
	r1, m1 := villageRows("东镇", 3, 2024)
	fillTemplate(t, tmpl, filepath.Join(in, "东镇.xlsx"), r1, m1)
	r2, m2 := villageRows("西镇", 2, 2024)
	fillTemplate(t, tmpl, filepath.Join(in, "西镇", "西镇.xlsx"), r2, m2)
	os.WriteFile(filepath.Join(in, "~$东镇.xlsx"), []byte("lock"), 0o644) // Excel's lock file: skipped

	db := filepath.Join(dir, "test.duckdb")
	code, stdout, stderr := runCLI(t, "ingest", "--db", db, "--county", "测试县", in)
	if code != 0 {
		t.Fatalf("ingest exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	// The template's own 填表说明 sheet is recognised and passed over without a word.
	if !strings.Contains(stdout, "已导入 2") || !strings.Contains(stdout, "选举结果 5 行，当选人员 15 行") ||
		!strings.Contains(stdout, "问题：无") || strings.Contains(stdout, ingest.GuideSheet) {
		t.Errorf("summary:\n%s", stdout)
	}
	if !strings.Contains(stderr, "[2/2]") {
		t.Errorf("no progress lines on stderr:\n%s", stderr)
	}
	for table, want := range map[string]int{"elections": 5, "members": 15, "units": 5, "ingest_log": 2} {
		if got := tableCount(t, db, table); got != want {
			t.Errorf("%s: %d rows, want %d", table, got, want)
		}
	}

	// The same files again: unchanged, --json.
	code, stdout, stderr = runCLI(t, "ingest", "--db", db, "--json", in)
	if code != 0 {
		t.Fatalf("re-ingest exit %d: %s", code, stderr)
	}
	var rep ingest.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("--json output: %v\n%s", err, stdout)
	}
	if rep.Unchanged != 2 || rep.Loaded != 0 {
		t.Errorf("re-ingest report %+v", rep)
	}
	if got := tableCount(t, db, "members"); got != 15 {
		t.Errorf("members after re-ingest: %d", got)
	}

	// A file with voted > registered in C2's row: refused, nothing written, marked copy written.
	bad := filepath.Join(dir, "南镇.xlsx")
	r3, m3 := villageRows("南镇", 1, 2024)
	r3[0]["参加投票人数"] = 5000
	fillTemplate(t, tmpl, bad, r3, m3)
	errDir := filepath.Join(dir, "问题")
	code, stdout, stderr = runCLI(t, "ingest", "--db", db, "--errors-dir", errDir, bad)
	if code != 1 {
		t.Fatalf("bad file: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, bad+":选举结果!") || !strings.Contains(stderr, "错误:") || !strings.Contains(stderr, "建议:") {
		t.Errorf("bad file output:\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
	if got := tableCount(t, db, "elections"); got != 5 {
		t.Errorf("elections after a refused file: %d", got)
	}
	for _, name := range []string{"南镇_问题标注.xlsx", ingest.ProblemListName} {
		if _, err := os.Stat(filepath.Join(errDir, name)); err != nil {
			t.Errorf("errors dir: %v", err)
		}
	}

	// The bad file sent again packed in a .zip: refused under the archive's name, and still marked.
	packed := filepath.Join(dir, "南镇报送.zip")
	zipFiles(t, packed, map[string]string{"南镇/南镇.xlsx": bad})
	zipErrs := filepath.Join(dir, "问题2")
	code, stdout, stderr = runCLI(t, "ingest", "--db", db, "--errors-dir", zipErrs, packed)
	if code != 1 || !strings.Contains(stdout, "南镇报送.zip/南镇/南镇.xlsx:选举结果!") {
		t.Errorf("zipped bad file: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(zipErrs, "南镇_问题标注.xlsx")); err != nil {
		t.Errorf("no marked copy of the zipped file: %v\n%s", err, stderr)
	}
}

// zipFiles writes a .zip at path holding, by entry name, the files at the given paths.
func zipFiles(t *testing.T, path string, entries map[string]string) {
	t.Helper()
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	for name, src := range entries {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestIngestWithoutPathsIsUsageError(t *testing.T) {
	code, _, stderr := runCLI(t, "ingest", "--db", filepath.Join(t.TempDir(), "x.duckdb"))
	if code != 2 || !strings.Contains(stderr, "建议:") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestIngestMissingPath(t *testing.T) {
	code, _, stderr := runCLI(t, "ingest", "--db", filepath.Join(t.TempDir(), "x.duckdb"), filepath.Join(t.TempDir(), "没有这个文件夹"))
	if code != 1 || !strings.Contains(stderr, "不存在") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestIngestSkipBadFiles(t *testing.T) {
	dir := t.TempDir()
	tmpl := blankTemplate(t, dir)
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	r1, m1 := villageRows("东镇", 2, 2024)
	fillTemplate(t, tmpl, filepath.Join(in, "东镇.xlsx"), r1, m1)
	r2, m2 := villageRows("西镇", 1, 2024)
	r2[0]["当选人数"] = 9 // more elected than seats
	fillTemplate(t, tmpl, filepath.Join(in, "西镇.xlsx"), r2, m2)
	db := filepath.Join(dir, "t.duckdb")

	code, stdout, stderr := runCLI(t, "ingest", "--db", db, "--county", "测试县", "--json", in)
	if code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep ingest.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("--json on failure: %v\n%s", err, stdout)
	}
	if rep.Committed || rep.Rejected != 1 || rep.NotLoaded != 1 || len(rep.Problems) == 0 {
		t.Errorf("report %+v", rep)
	}
	if _, err := os.Stat(db); err == nil {
		t.Fatalf("a refused first run left the database %s behind", db)
	}

	code, stdout, stderr = runCLI(t, "ingest", "--db", db, "--county", "测试县", "--skip-bad-files", in)
	if code != 1 || !strings.Contains(stderr, "已跳过") || !strings.Contains(stdout, "西镇.xlsx:选举结果!") {
		t.Fatalf("skip-bad-files: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if got := tableCount(t, db, "elections"); got != 2 {
		t.Errorf("elections %d, want 东镇's 2", got)
	}
}

// warningsOnly writes a filled template for 东镇 (2 villages) whose only problem is a warning: one
// village lists three members but reports two elected.
func warningsOnly(t *testing.T, path string) {
	t.Helper()
	tmpl := blankTemplate(t, t.TempDir())
	r, m := villageRows("东镇", 2, 2024)
	r[0]["当选人数"] = 2
	fillTemplate(t, tmpl, path, r, m)
}

// A failure to write --errors-dir after the rows were committed does not hide the commit: the summary
// is printed, the error says the data landed, and the views were installed with the rows. A folder
// that cannot be written at all is found before anything is loaded.
func TestIngestErrorsDirFailureDoesNotHideTheCommit(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "东镇.xlsx")
	warningsOnly(t, src)
	db := filepath.Join(dir, "t.duckdb")

	blocked := filepath.Join(dir, "是文件") // a file where the folder should be
	os.WriteFile(blocked, []byte("x"), 0o644)
	code, stdout, stderr := runCLI(t, "ingest", "--db", db, "--county", "测试县", "--errors-dir", blocked, src)
	if code != 1 || !strings.Contains(stderr, "本次没有导入任何数据") {
		t.Fatalf("unwritable errors dir: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(db); err == nil && tableCount(t, db, "elections") != 0 {
		t.Fatal("rows were loaded although the errors dir was refused")
	}

	out := filepath.Join(dir, "退回")
	os.MkdirAll(filepath.Join(out, ingest.ProblemListName), 0o755) // writable, but the list cannot be saved
	code, stdout, stderr = runCLI(t, "ingest", "--db", db, "--county", "测试县", "--errors-dir", out, src)
	if code != 1 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "已导入 1") || !strings.Contains(stdout, "数据库: "+db) || !strings.Contains(stdout, "警告 当选人数与人员名单不符") {
		t.Errorf("summary missing:\n%s", stdout)
	}
	if !strings.Contains(stderr, "数据已导入") || !strings.Contains(stderr, "建议:") {
		t.Errorf("the error hides the commit:\n%s", stderr)
	}
	if got := tableCount(t, db, "elections"); got != 2 {
		t.Errorf("elections: %d, want 2", got)
	}
	if got := tableCount(t, db, "v_turnout"); got != 2 {
		t.Errorf("v_turnout: %d rows, want 2", got)
	}
}

// --errors-dir inside the input folder: the marked copies and the list are never read back, in this
// run or the next.
func TestIngestErrorsDirInsideInputIsNotReadBack(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "收到的表格")
	os.MkdirAll(in, 0o755)
	warningsOnly(t, filepath.Join(in, "东镇.xlsx"))
	db := filepath.Join(dir, "t.duckdb")
	out := filepath.Join(in, "退回")
	for run := 1; run <= 2; run++ {
		args := []string{"ingest", "--db", db, "--county", "测试县", "--errors-dir", out, in}
		if run == 2 {
			args = append(args, "--force") // the first run's marked copies are replaced on purpose
		}
		code, stdout, stderr := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("run %d: exit %d\nstdout:\n%s\nstderr:\n%s", run, code, stdout, stderr)
		}
		if _, err := os.Stat(filepath.Join(out, "东镇_问题标注.xlsx")); run == 1 && err != nil {
			t.Fatalf("no marked copy: %v", err)
		}
		if strings.Contains(stdout, "问题标注.xlsx") || strings.Contains(stdout, "duplicate") {
			t.Errorf("run %d read the marked copy back:\n%s", run, stdout)
		}
	}
	// A later run without --errors-dir recognises the folder by its 问题清单.xlsx.
	code, stdout, stderr := runCLI(t, "ingest", "--db", db, "--county", "测试县", "--json", in)
	var rep ingest.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || code != 0 {
		t.Fatalf("exit %d %v\n%s\n%s", code, err, stdout, stderr)
	}
	if len(rep.Files) != 1 || len(rep.Skipped) != 2 {
		t.Errorf("files %v, skipped %v", rep.Files, rep.Skipped)
	}
	if got := tableCount(t, db, "elections"); got != 2 {
		t.Errorf("elections: %d, want 2", got)
	}
	if code, _, stderr := runCLI(t, "ingest", "--db", db, "--errors-dir", in, in); code != 2 || !strings.Contains(stderr, "不能是要导入的") {
		t.Errorf("--errors-dir equal to the input folder: exit %d, %s", code, stderr)
	}
}

// The hint to add --errors-dir appears only when it was not given; with it, the hint says where the
// marked copies went.
func TestIngestErrorsDirHintOnlyWithout(t *testing.T) {
	dir := t.TempDir()
	tmpl := blankTemplate(t, dir)
	bad := filepath.Join(dir, "南镇.xlsx")
	r, m := villageRows("南镇", 1, 2024)
	r[0]["参加投票人数"] = 5000
	fillTemplate(t, tmpl, bad, r, m)
	db := filepath.Join(dir, "test.duckdb")

	code, stdout, stderr := runCLI(t, "ingest", "--db", db, "--county", "测试县", bad)
	if code != 1 || !strings.Contains(stderr, "加 --errors-dir") {
		t.Errorf("without --errors-dir: exit %d, no hint to add it\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	out := filepath.Join(dir, "退回")
	code, stdout, stderr = runCLI(t, "ingest", "--db", db, "--county", "测试县", "--errors-dir", out, bad)
	if code != 1 || strings.Contains(stdout+stderr, "加 --errors-dir") || !strings.Contains(stderr, "已写到 "+out) {
		t.Errorf("with --errors-dir: exit %d, hint still asks for it or does not say where\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}

// blankTemplate writes the blank 采集表 (electsum template) into dir and returns its path.
func blankTemplate(t *testing.T, dir string) string {
	t.Helper()
	tmpl := filepath.Join(dir, "采集表.xlsx")
	if code, _, stderr := runCLI(t, "template", "-o", tmpl); code != 0 {
		t.Fatalf("template: %s", stderr)
	}
	return tmpl
}
