package ingest

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The 选民登记 table and the 选区情况 (results) table of the same 选区 sent in two runs, in either order: the
// figures in the database are those of one run with both (mergedRows), and a notice says what was merged.

// withRegisteredRows are constituencyRows with a 登记选民数 column (I): 2244 and 1712.
func withRegisteredRows() [][]any {
	rows := constituencyRows()
	rows[0] = append(slices.Clone(rows[0]), "登记选民数")
	for i := 1; i < len(rows); i++ {
		rows[i] = append(slices.Clone(rows[i]), []int{2244, 2244, 1712, 1712}[i-1])
	}
	return rows
}

// noticeOf is the message of the first problem of a rule in a report's file named name.
func noticeOf(r *Report, rule, name string) string {
	for _, p := range r.Problems {
		if p.Rule == rule && filepath.Base(p.File) == name {
			return p.Message
		}
	}
	return ""
}

// wantRefused loads path into db, wants it refused with the first message of rule want, and the database
// as it was.
func wantRefused(t *testing.T, db *sql.DB, path, rule, want string) *Report {
	t.Helper()
	before := snapshot(t, db)
	r, err := load(t, db, LoadOptions{County: "测试县"}, path)
	if err == nil {
		t.Fatalf("%s loaded", path)
	}
	if m := firstMessage(r, rule); m != want {
		t.Errorf("%s:\n got %s\nwant %s", rule, m, want)
	}
	if after := snapshot(t, db); after != before {
		t.Errorf("a refused run changed the database:\n%s\nwant\n%s", after, before)
	}
	return r
}

// 选民登记 first: it loads alone and waits (a notice); the results sheet sent later, without 登记选民, takes
// its figures.
func TestRegistrationBeforeResults(t *testing.T) {
	dir := t.TempDir()
	reg := writeXLSXAt(t, dir, "青石镇选民登记.xlsx", sheetData{name: "Sheet1", rows: registrationRows()})
	results := writeXLSXAt(t, dir, "青石镇选区情况.xlsx", sheetData{name: "Sheet1", rows: constituencyRows()})
	db := openTestDB(t)

	r := mustLoad(t, db, LoadOptions{County: "测试县"}, reg)
	if r.Loaded != 1 || r.RegistrationRows != 2 || !strings.Contains(r.Summary(), "选民登记 2 行") {
		t.Errorf("registration alone: %d loaded, %d registration rows\n%s", r.Loaded, r.RegistrationRows, r.Summary())
	}
	if m, want := noticeOf(r, "registration_waiting", "青石镇选民登记.xlsx"),
		"选民登记表中青石镇 2024 年 2 个选区(第一选区、第二选区)的选举结果尚未导入：选民登记已保存，导入该乡镇的选举结果(选区情况)表时自动并入"; m != want {
		t.Errorf("waiting notice:\n got %s\nwant %s", m, want)
	}
	wantCount(t, db, 2, `SELECT count(*) FROM registrations`, "registration rows kept")
	wantCount(t, db, 0, `SELECT count(*) FROM elections`, "results rows")
	wantCount(t, db, 2, `SELECT registration_rows FROM ingest_log WHERE outcome = 'loaded'`, "ingest_log registration_rows")

	r = mustLoad(t, db, LoadOptions{County: "测试县"}, results)
	if got := queryText(t, db, registrationQuery); got != mergedRows {
		t.Errorf("elections:\n%s\nwant\n%s", got, mergedRows)
	}
	if m, want := noticeOf(r, "registration_completed", "青石镇选区情况.xlsx"),
		"本表青石镇 2024 年 2 个选区(第一选区、第二选区)与此前导入的选民登记表 "+reg+" 合并：本表未填的选民登记各项按该表填写"; m != want {
		t.Errorf("completed notice:\n got %s\nwant %s", m, want)
	}
	// Loading both again changes nothing.
	r = mustLoad(t, db, LoadOptions{County: "测试县"}, dir)
	if r.Unchanged != 2 {
		t.Errorf("both again: %d unchanged, want 2", r.Unchanged)
	}
}

// Results first, with 登记选民: the 选民登记 sent later completes them, with a notice naming them; bad
// figures are refused at the 选民登记 cell, naming the stored results row, and nothing changes.
func TestRegistrationAfterResults(t *testing.T) {
	dir := t.TempDir()
	results := writeXLSXAt(t, dir, "青石镇选区情况.xlsx", sheetData{name: "Sheet1", rows: withRegisteredRows()})
	db := openTestDB(t)
	mustLoad(t, db, LoadOptions{County: "测试县"}, results)

	bad := writeXLSXAt(t, t.TempDir(), "青石镇选民登记.xlsx", sheetData{name: "Sheet1", rows: registrationRows(
		[]any{"第一选区", 3000, 2400, 100, 40, 10, 3, 1, 2, 2250, 1100, 30, 120}, registrationRows()[3])})
	r := wantRefused(t, db, bad, "registration_conflict",
		"登记选民(J3) 2250 与已导入的选举结果表 "+results+" 工作表“Sheet1”第2行的登记选民数 2244 不一致(青石镇 第一选区县级人大代表)："+
			"同一选区两张表的同一项应当相同，请核对；如已导入的选举结果表有误，请改正后重新导入该表")
	for _, p := range r.Problems {
		if p.Rule == "registration_conflict" && (p.Sheet != "Sheet1" || p.Row != 3 || p.Cell != "J3" || p.Column != "登记选民" || p.Value != "2250") {
			t.Errorf("conflict at %s %d %s %s %s", p.Sheet, p.Row, p.Cell, p.Column, p.Value)
		}
	}

	reg := writeXLSXAt(t, dir, "青石镇选民登记.xlsx", sheetData{name: "Sheet1", rows: registrationRows()})
	r = mustLoad(t, db, LoadOptions{County: "测试县"}, reg)
	if got := queryText(t, db, registrationQuery); got != mergedRows {
		t.Errorf("elections:\n%s\nwant\n%s", got, mergedRows)
	}
	if m, want := noticeOf(r, "registration_completed", "青石镇选民登记.xlsx"),
		"选民登记已并入此前导入的选举结果("+results+")：青石镇 2024 年 2 个选区(第一选区、第二选区)"; m != want {
		t.Errorf("completed notice:\n got %s\nwant %s", m, want)
	}
	// The results row's own 登记选民 is not the registration's to take back.
	if got := queryText(t, db, `SELECT DISTINCT registration_fields FROM elections`); !strings.Contains(got, "population") || strings.Contains(got, "'registered'") || strings.Contains(got, "[registered") {
		t.Errorf("registration_fields %s", got)
	}
}

// Results sent after their 选民登记 are checked against it: a conflicting 登记选民 is refused at the results
// cell; more voted than it registered too.
func TestResultsAfterRegistrationRefused(t *testing.T) {
	dir := t.TempDir()
	reg := writeXLSXAt(t, dir, "青石镇选民登记.xlsx", sheetData{name: "Sheet1", rows: registrationRows()})
	db := openTestDB(t)
	mustLoad(t, db, LoadOptions{County: "测试县"}, reg)

	rows := withRegisteredRows()
	rows[3] = set(slices.Clone(rows[3]), 8, 1713)
	results := writeXLSXAt(t, dir, "青石镇选区情况.xlsx", sheetData{name: "Sheet1", rows: rows})
	wantRefused(t, db, results, "registration_conflict",
		"登记选民数(I4) 1713 与已导入的选民登记表 "+reg+" 工作表“Sheet1”第4行的登记选民数 1712 不一致(青石镇 第二选区县级人大代表)："+
			"同一选区两张表的同一项应当相同，请核对；如已导入的选民登记表有误，请改正后重新导入该表")

	rows = constituencyRows()
	rows[3] = set(slices.Clone(rows[3]), 6, 1713)
	writeXLSXAt(t, dir, "青石镇选区情况.xlsx", sheetData{name: "Sheet1", rows: rows})
	wantRefused(t, db, results, "voted_gt_registered",
		"参加投票人数(G4) 1713，多于已导入的选民登记表 "+reg+" 工作表“Sheet1”第4行的登记选民数 1712：参加投票人数不能多于登记选民数，请核对；"+
			"如已导入的选民登记表有误，请改正后重新导入该表")
}

// electsum remove --file of the 选民登记 takes back exactly the figures it gave (the results rows stay, with
// their own); loaded again it gives them again. Removing the results keeps the 选民登记, which the results
// loaded again take.
func TestRegistrationRemoved(t *testing.T) {
	dir := t.TempDir()
	results := writeXLSXAt(t, dir, "青石镇选区情况.xlsx", sheetData{name: "Sheet1", rows: withRegisteredRows()})
	reg := writeXLSXAt(t, dir, "青石镇选民登记.xlsx", sheetData{name: "Sheet1", rows: registrationRows()})
	db := openTestDB(t)
	mustLoad(t, db, LoadOptions{County: "测试县"}, results)
	own := queryText(t, db, registrationQuery)
	mustLoad(t, db, LoadOptions{County: "测试县"}, reg)

	rm, err := Remove(t.Context(), db, Selection{File: "青石镇选民登记.xlsx"}, RemoveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rm.Results() != 0 || rm.Members() != 0 || rm.Registrations() != 2 || len(rm.Elections) != 4 || !rm.Elections[0].Registration {
		t.Errorf("removal: %d results, %d members, %d registration rows, elections %+v", rm.Results(), rm.Members(), rm.Registrations(), rm.Elections)
	}
	if got := queryText(t, db, registrationQuery); got != own {
		t.Errorf("after removing the 选民登记:\n%s\nwant the results' own\n%s", got, own)
	}
	wantCount(t, db, 0, `SELECT count(*) FROM registrations`, "registration rows after removal")
	wantCount(t, db, 0, `SELECT count(*) FROM elections WHERE registration_fields IS NOT NULL`, "rows still noting 选民登记 figures")

	mustLoad(t, db, LoadOptions{County: "测试县"}, reg)
	if got := queryText(t, db, registrationQuery); got != mergedRows {
		t.Errorf("the 选民登记 loaded again:\n%s\nwant\n%s", got, mergedRows)
	}
	if _, err := Remove(t.Context(), db, Selection{File: "青石镇选区情况.xlsx"}, RemoveOptions{}); err != nil {
		t.Fatal(err)
	}
	wantCount(t, db, 2, `SELECT count(*) FROM registrations`, "registration rows after removing the results")
	mustLoad(t, db, LoadOptions{County: "测试县"}, results)
	if got := queryText(t, db, registrationQuery); got != mergedRows {
		t.Errorf("the results loaded again:\n%s\nwant\n%s", got, mergedRows)
	}
}

// A corrected 选民登记 file sent again (the same name, other content, another folder) replaces the first:
// its figures replace those the first gave; a corrected results file keeps the 选民登记's figures. A
// second 选民登记 row for a place and level already registered, in a file of another name, is refused.
func TestRegistrationResubmitted(t *testing.T) {
	dir := t.TempDir()
	writeXLSXAt(t, dir, "青石镇选区情况.xlsx", sheetData{name: "Sheet1", rows: constituencyRows()})
	writeXLSXAt(t, dir, "青石镇选民登记.xlsx", sheetData{name: "Sheet1", rows: registrationRows()})
	db := openTestDB(t)
	mustLoad(t, db, LoadOptions{County: "测试县"}, dir)

	corrected := writeXLSXAt(t, t.TempDir(), "青石镇选民登记.xlsx", sheetData{name: "Sheet1", rows: registrationRows(
		[]any{"第一选区", 3001, 2401, 101, 40, 10, 3, 1, 2, 2244, 1100, 30, 120}, registrationRows()[3])})
	r := mustLoad(t, db, LoadOptions{County: "测试县"}, corrected)
	if len(r.Files[0].Supersedes) != 1 {
		t.Errorf("supersedes %v", r.Files[0].Supersedes)
	}
	want := strings.ReplaceAll(mergedRows, "2244 3000 2400 100", "2244 3001 2401 101")
	if got := queryText(t, db, registrationQuery); got != want {
		t.Errorf("after the corrected 选民登记:\n%s\nwant\n%s", got, want)
	}
	wantCount(t, db, 2, `SELECT count(*) FROM registrations`, "registration rows")

	rows := constituencyRows()
	rows[1] = set(slices.Clone(rows[1]), 6, 2001)
	mustLoad(t, db, LoadOptions{County: "测试县"}, writeXLSXAt(t, t.TempDir(), "青石镇选区情况.xlsx", sheetData{name: "Sheet1", rows: rows}))
	want = strings.Replace(want, "120 2000", "120 2001", 1)
	if got := queryText(t, db, registrationQuery); got != want {
		t.Errorf("after the corrected results:\n%s\nwant\n%s", got, want)
	}

	county := registrationRows(registrationRows()[2])
	county[0] = []any{"青石镇2024年县级人大代表选举选民登记表"}
	other := writeXLSXAt(t, t.TempDir(), "青石镇县级选民登记.xlsx", sheetData{name: "Sheet1", rows: county})
	r, err := load(t, db, LoadOptions{County: "测试县"}, other)
	if err == nil {
		t.Fatal("a second 选民登记 of the same 选区 loaded")
	}
	if m, want := firstMessage(r, "registration_duplicate"), "青石镇 2024 年的县级人大代表“第一选区”的选民登记已在已导入的 "+corrected+
		" 工作表“Sheet1”第3行填写，同一选区只能填一行：请删去重复的行；如本表是改正后的选民登记表，请先删除已导入的那张表的数据再导入"; m != want {
		t.Errorf("duplicate:\n got %s\nwant %s", m, want)
	}
}

// The registration_mismatch warning between the tables on results loaded after their 选民登记 goes when a
// corrected 选民登记 is loaded that agrees: the check is made again; a results row's warning of its own figures
// stays.
func TestRegistrationMismatchCheckedAgain(t *testing.T) {
	header := []any{"乡镇", "选区", "年份", "总人口", "18周岁以上人口", "回户籍地参选", "参加本单位选举", "下落不明",
		"不能行使选举权利", "停止行使选举权利", "被剥夺选举权利"}
	reg := func(adults int) [][]any {
		return [][]any{header, {"青石镇", "第一选区", 2024, 3000, adults, 100, 40, 10, 3, 1, 2},
			{"青石镇", "第二选区", 2024, 2200, 1800, 60, 20, 5, 2, 0, 1}}
	}
	db := openTestDB(t)
	mustLoad(t, db, LoadOptions{County: "测试县"}, writeXLSXAt(t, t.TempDir(), "青石镇选民登记.xlsx", sheetData{name: "Sheet1", rows: reg(2400)}))
	rows := withRegisteredRows()
	rows[1] = set(slices.Clone(rows[1]), 8, 2250) // 2400 − 156 = 2244
	rows[2] = set(slices.Clone(rows[2]), 8, 2250)
	r := mustLoad(t, db, LoadOptions{County: "测试县"}, writeXLSXAt(t, t.TempDir(), "青石镇选区情况.xlsx", sheetData{name: "Sheet1", rows: rows}))
	if got := problemsAt(r, Warning); !slices.Equal(got, []string{"registration_mismatch@Sheet1!I2", "registration_mismatch@Sheet1!I3"}) {
		t.Errorf("warnings %v", got)
	}
	wantCount(t, db, 2, `SELECT count(*) FROM data_warnings WHERE rule = 'registration_mismatch'`, "mismatch warnings")

	mustLoad(t, db, LoadOptions{County: "测试县"}, writeXLSXAt(t, t.TempDir(), "青石镇选民登记.xlsx", sheetData{name: "Sheet1", rows: reg(2406)}))
	wantCount(t, db, 0, `SELECT count(*) FROM data_warnings WHERE rule = 'registration_mismatch'`, "mismatch warnings after the corrected 选民登记")
	wantCount(t, db, 2, `SELECT count(*) FROM elections WHERE adults = 2406`, "results rows with the corrected figures")
}

// A results row giving every figure of the check itself keeps the warning of its own figures when a 选民登记
// row is loaded later for its place.
func TestRegistrationKeepsOwnMismatch(t *testing.T) {
	rows := [][]any{append(slices.Clone(constituencyHeader), "登记选民数", "18周岁以上人口", "回户籍地参选", "参加本单位选举",
		"下落不明", "不能行使选举权利", "停止行使选举权利", "被剥夺选举权利")}
	for _, r := range constituencyRows()[1:] {
		rows = append(rows, append(slices.Clone(r), 2250, 2400, 100, 40, 10, 3, 1, 2)) // 2400 − 156 = 2244
	}
	db := openTestDB(t)
	mustLoad(t, db, LoadOptions{County: "测试县"}, writeXLSXAt(t, t.TempDir(), "青石镇选区情况.xlsx", sheetData{name: "Sheet1", rows: rows}))
	n := count(t, db, `SELECT count(*) FROM data_warnings WHERE rule = 'registration_mismatch'`)
	if n == 0 {
		t.Fatal("no warning of the results rows' own figures")
	}
	reg := [][]any{{"乡镇", "选区", "年份", "总人口", "其中女性"}, {"青石镇", "第一选区", 2024, 3000, 1100}, {"青石镇", "第二选区", 2024, 3000, 1100}}
	mustLoad(t, db, LoadOptions{County: "测试县"}, writeXLSXAt(t, t.TempDir(), "青石镇选民登记.xlsx", sheetData{name: "Sheet1", rows: reg}))
	wantCount(t, db, n, `SELECT count(*) FROM data_warnings WHERE rule = 'registration_mismatch'`, "warnings of the results' own figures")
	wantCount(t, db, 4, `SELECT count(*) FROM elections WHERE population IS NOT NULL`, "results rows given 总人口")
}

// A township two counties share, whose 选民登记 tables wait for their results, is not removed without
// --county: the 选民登记 rows count as the elections do.
func TestRemoveWaitingRegistrationInTwoCounties(t *testing.T) {
	db := openTestDB(t)
	for _, county := range []string{"青山县", "绿水县"} {
		mustLoad(t, db, LoadOptions{County: county}, writeXLSXAt(t, t.TempDir(), county+"青石镇选民登记.xlsx", sheetData{name: "Sheet1", rows: registrationRows()}))
	}
	_, err := Remove(t.Context(), db, Selection{Township: "青石镇", Year: 2024}, RemoveOptions{})
	var amb *AmbiguousTownshipError
	if !errors.As(err, &amb) || !slices.Equal(amb.Counties, []string{"绿水县", "青山县"}) {
		t.Fatalf("err %v, want the two counties named", err)
	}
	r, err := Remove(t.Context(), db, Selection{County: "绿水县", Township: "青石镇", Year: 2024}, RemoveOptions{})
	if err != nil || r.Registrations() != 2 {
		t.Fatalf("removal of 绿水县: %v, %d registration rows", err, r.Registrations())
	}
	wantCount(t, db, 2, `SELECT count(*) FROM registrations WHERE county = '青山县'`, "青山县's registration rows")
}

// A 选民登记 table sent first that writes its 选区 otherwise than the results sent later (第1选区 for
// 第一选区): the results take its figures, as when both come in one run, with a notice at the results'
// cell; the stored rows take the results' names, so that removing or replacing either still finds them.
func TestRegistrationBeforeResultsNamedOtherwise(t *testing.T) {
	dir := t.TempDir()
	rows := registrationRows()
	rows[2][0], rows[3][0] = "第1选区", "第2选区"
	reg := writeXLSXAt(t, dir, "青石镇选民登记.xlsx", sheetData{name: "Sheet1", rows: rows})
	results := writeXLSXAt(t, dir, "青石镇选区情况.xlsx", sheetData{name: "Sheet1", rows: constituencyRows()})
	db := openTestDB(t)
	mustLoad(t, db, LoadOptions{County: "测试县"}, reg)

	r := mustLoad(t, db, LoadOptions{County: "测试县"}, results)
	if got := queryText(t, db, registrationQuery); got != mergedRows {
		t.Errorf("elections:\n%s\nwant\n%s", got, mergedRows)
	}
	var said []string
	for _, p := range r.Problems {
		if p.Rule == "place_matched" {
			said = append(said, p.Cell+" "+p.Value+" "+p.Message)
		}
	}
	want := []string{
		"B2 第一选区 选区(B2)“第一选区”：此前导入的选民登记表 " + reg + " 写作“第1选区”，按本表的“第一选区”并入：同一个村(社区、选区)请在各表中写同一个名称",
		"B4 第二选区 选区(B4)“第二选区”：此前导入的选民登记表 " + reg + " 写作“第2选区”，按本表的“第二选区”并入：同一个村(社区、选区)请在各表中写同一个名称",
	}
	if !slices.Equal(said, want) {
		t.Errorf("place_matched:\n%s\nwant\n%s", strings.Join(said, "\n"), strings.Join(want, "\n"))
	}
	if got := queryText(t, db, `SELECT unit, registered FROM registrations ORDER BY unit`); got != "第一选区 2244\n第二选区 1712\n" {
		t.Errorf("registrations:\n%s", got)
	}
	// The 选民登记 file sent again as it was changes nothing; removed, it takes back its figures.
	if r = mustLoad(t, db, LoadOptions{County: "测试县"}, reg); r.Unchanged != 1 {
		t.Errorf("registration again: %d unchanged, want 1", r.Unchanged)
	}
	if _, err := Remove(context.Background(), db, Selection{File: reg}, RemoveOptions{}); err != nil {
		t.Fatal(err)
	}
	wantCount(t, db, 0, `SELECT count(*) FROM elections WHERE population IS NOT NULL OR registered IS NOT NULL`, "figures left after removing the 选民登记")
}
