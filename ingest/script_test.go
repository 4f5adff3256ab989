package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// scriptRows is a township's file: a 村民委员会 and a 村党组织 election per village, with their heads, in
// the script the strings are written in.
func scriptRows(township string, year int, units []string, heads []string) []sheetData {
	results := [][]any{{"县(市、区)", "乡镇(街道)", "村(社区)", "年份", "选举类型", "登记选民数", "参加投票人数", "应选职数", "当选人数", "选举日期"}}
	members := [][]any{{"县(市、区)", "乡镇(街道)", "村(社区)", "年份", "选举类型", "姓名", "职务", "性别", "出生年月", "政治面貌", "学历", "是否连任"}}
	for i, u := range units {
		for _, b := range []struct{ body, pos string }{{"村民委员会", "主任"}, {"村党组织", "书记"}} {
			results = append(results, []any{"青山县", township, u, year, b.body, 1200, 1100, 1, 1, ""})
			members = append(members, []any{"青山县", township, u, year, b.body, heads[i], b.pos, "女", "1975.03", "中共党员", "高中", "否"})
		}
	}
	return []sheetData{{name: "选举结果", rows: results}, {name: "当选人员", rows: members}}
}

// put writes a fixture workbook under dir with the given file name.
func put(t *testing.T, dir, name string, sheets []sheetData) string {
	t.Helper()
	data, err := os.ReadFile(writeXLSX(t, sheets...))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestMixedScriptsAreOnePlace: townships that send some sheets in Traditional (青山鎮, 河嶺村, 劉麗) are
// the same places and persons as in Simplified: one township, one village, one person, stored under one
// spelling (issue 8 follow-up: mixed scripts).
func TestMixedScriptsAreOnePlace(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	dir := t.TempDir()
	a := put(t, filepath.Join(dir, "a"), "青山镇2021.xlsx", scriptRows("青山镇", 2021, []string{"河岭村", "石桥村"}, []string{"刘丽", "王芳"}))
	b := put(t, filepath.Join(dir, "b"), "青山鎮2024.xlsx", scriptRows("青山鎮", 2024, []string{"河嶺村", "石橋村"}, []string{"劉麗", "王芳"}))
	for _, p := range []string{a, b} {
		if _, err := Load(ctx, db, []string{p}, LoadOptions{}); err != nil {
			t.Fatalf("load %s: %v", p, err)
		}
	}
	for q, want := range map[string]int{
		`SELECT count(DISTINCT township) FROM units`:                        1,
		`SELECT count(*) FROM units`:                                        2,
		`SELECT count(DISTINCT (township, unit)) FROM elections`:            2,
		`SELECT count(DISTINCT name) FROM members WHERE unit = '河岭村'`:       1,
		`SELECT count(*) FROM members WHERE name = '刘丽'`:                    4,
		`SELECT count(DISTINCT person_key) FROM members WHERE unit = '河岭村'`: 1,
	} {
		if got := count(t, db, q); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}

	// One run with both scripts for the same new township: still one township.
	db2 := openTestDB(t)
	c := put(t, filepath.Join(dir, "c"), "东镇.xlsx", scriptRows("东镇", 2024, []string{"河岭村"}, []string{"刘丽"}))
	d := put(t, filepath.Join(dir, "d"), "東鎮.xlsx", scriptRows("東鎮", 2024, []string{"石橋村"}, []string{"王芳"}))
	if _, err := Load(ctx, db2, []string{c, d}, LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := count(t, db2, `SELECT count(DISTINCT township) FROM units`); got != 1 {
		t.Errorf("townships %d, want 1", got)
	}
}

// TestResubmissionInTheOtherScript: a township's 选举结果.xlsx sent again, corrected and written in
// Traditional (青山鎮, 河嶺村; one election dropped), replaces the first, also when its file name is
// written in Traditional too.
func TestResubmissionInTheOtherScript(t *testing.T) {
	for _, name := range []string{"选举结果.xlsx", "選舉結果.xlsx"} {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db := openTestDB(t)
			dir := t.TempDir()
			first := put(t, filepath.Join(dir, "v1"), "选举结果.xlsx", scriptRows("青山镇", 2024, []string{"河岭村", "石桥村"}, []string{"刘丽", "王芳"}))
			if _, err := Load(ctx, db, []string{first}, LoadOptions{}); err != nil {
				t.Fatal(err)
			}
			again := put(t, filepath.Join(dir, "v2"), name, scriptRows("青山鎮", 2024, []string{"河嶺村"}, []string{"劉麗"}))
			r, err := Load(ctx, db, []string{again}, LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Files) != 1 || len(r.Files[0].Supersedes) != 1 {
				t.Errorf("supersedes %+v, want the first file", r.Files)
			}
			if got := count(t, db, `SELECT count(*) FROM elections`); got != 2 {
				t.Errorf("elections %d, want 2 (the resubmission's only)", got)
			}
			if got := count(t, db, `SELECT count(*) FROM elections WHERE township = '青山镇' AND unit = '河岭村'`); got != 2 {
				t.Errorf("elections of 青山镇 河岭村 %d, want 2 (stored under the database's spelling)", got)
			}
		})
	}
}

func TestScriptKey(t *testing.T) {
	for in, want := range map[string]string{
		"青山鎮": "青山镇", "河嶺村": "河岭村", "劉麗": "刘丽", "青山镇": "青山镇", "": "", "Green Hill": "Green Hill",
		"選舉結果.xlsx": "选举结果.xlsx", "石橋村(一組)": "石桥村(一组)",
	} {
		if got := scriptKey(in); got != want {
			t.Errorf("scriptKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRemoveInTheOtherScript: electsum remove --township 青山鎮 removes what is stored as 青山镇.
func TestRemoveInTheOtherScript(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	path := put(t, t.TempDir(), "选举结果.xlsx", scriptRows("青山镇", 2024, []string{"河岭村"}, []string{"刘丽"}))
	if _, err := Load(ctx, db, []string{path}, LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := Remove(ctx, db, Selection{Township: "青山鎮", Year: 2024}, RemoveOptions{}); err != nil {
		t.Fatalf("Remove: %v", err)
	}
	if got := count(t, db, `SELECT count(*) FROM elections`); got != 0 {
		t.Errorf("elections %d, want 0", got)
	}
}

// TestNewNamesInBothScriptsSettleOneSpelling: a place or person new to the database that one run's files
// write in both scripts is stored under one spelling whatever the number of workers and the order of the
// files — the Simplified one when a file wrote it (东镇, 南岩村, 刘丽), else the least written (石裏村 over
// 石裡村, both 石里村) — with person_key made of it; a spelling the database already holds still wins.
// The spelling used to be the first one a worker staged.
func TestNewNamesInBothScriptsSettleOneSpelling(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	trad := scriptRows("東鎮", 2021, []string{"南巖村", "石裡村"}, []string{"劉麗", "王芳"})
	simp := scriptRows("东镇", 2024, []string{"南岩村", "石裏村"}, []string{"刘丽", "王芳"})
	if scriptKey("石裡村") != scriptKey("石裏村") || scriptKey("石裏村") == "石裏村" {
		t.Fatalf("石裡村 and 石裏村 are not one key without a Simplified spelling: %s %s", scriptKey("石裡村"), scriptKey("石裏村"))
	}
	const stored = `SELECT string_agg(DISTINCT township || '/' || unit, ',' ORDER BY township || '/' || unit) ||
		' ' || (SELECT string_agg(DISTINCT name || '=' || person_key, ',' ORDER BY name || '=' || person_key) FROM members)
		FROM elections`
	want := "东镇/南岩村,东镇/石裏村 刘丽=name:东镇|南岩村|刘丽|1975-03,王芳=name:东镇|石裏村|王芳|1975-03"
	for _, order := range [][2]string{{"a", "b"}, {"b", "a"}} {
		for _, workers := range []int{1, 2, 4} {
			// Which file comes first in path order decides nothing: each order is tried.
			a := put(t, filepath.Join(dir, fmt.Sprint(workers), order[0]), "东镇2021.xlsx", trad)
			b := put(t, filepath.Join(dir, fmt.Sprint(workers), order[1]), "东镇2024.xlsx", simp)
			for run := range 2 {
				db := openTestDB(t)
				if _, err := Load(ctx, db, []string{a, b}, LoadOptions{Workers: workers}); err != nil {
					t.Fatal(err)
				}
				var got string
				if err := db.QueryRow(stored).Scan(&got); err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("order %v, %d workers, run %d: stored %s, want %s", order, workers, run, got, want)
				}
				if n := count(t, db, `SELECT count(DISTINCT person_key) FROM members`); n != 2 {
					t.Errorf("order %v, %d workers: %d persons, want 2", order, workers, n)
				}
			}
		}
	}

	// The database's spelling wins over the run's Simplified one.
	db := openTestDB(t)
	first := put(t, filepath.Join(dir, "db"), "南巖村.xlsx", scriptRows("東鎮", 2018, []string{"南巖村"}, []string{"劉麗"}))
	if _, err := Load(ctx, db, []string{first}, LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	a := put(t, filepath.Join(dir, "db", "a"), "东镇2021.xlsx", trad)
	b := put(t, filepath.Join(dir, "db", "b"), "东镇2024.xlsx", simp)
	if _, err := Load(ctx, db, []string{a, b}, LoadOptions{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	if got := count(t, db, `SELECT count(*) FROM elections WHERE township = '東鎮' AND unit = '南巖村'`); got != 6 {
		t.Errorf("elections of 東鎮 南巖村 %d, want 6 (the database's spelling)", got)
	}
	if got := count(t, db, `SELECT count(DISTINCT unit) FROM elections WHERE unit LIKE '石%'`); got != 1 {
		t.Errorf("石裏村 stored under %d spellings", got)
	}
}
