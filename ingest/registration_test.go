package ingest

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A township's 人大换届 submission in two tables: the 选区情况 (results, here without 登记选民) and the
// 选民登记 of the same 选区.
var (
	constituencyHeader = []any{"乡镇", "选区", "年份", "选举类型", "应选代表名额", "正式候选人数", "参加投票人数", "当选代表数"}
	// registrationHeader: A 选区 B 总人口 C 18周岁以上人口 D 回户籍地参选 E 参加本单位选举 F 下落不明
	// G 不能行使选举权利 H 停止行使选举权利 I 被剥夺选举权利 J 登记选民 K 其中女性 L 少数民族 M 流动人口
	registrationHeader = []any{"选区", "总人口", "18周岁以上人口", "回户籍地参选", "参加本单位选举", "下落不明",
		"不能行使选举权利", "停止行使选举权利", "被剥夺选举权利", "登记选民", "其中女性", "少数民族", "流动人口"}
	registrationTitle = []any{"青石镇2024年人大代表换届选举选民登记情况统计表"}
)

// constituencyRows are the results of two 选区 at both levels.
func constituencyRows() [][]any {
	return [][]any{constituencyHeader,
		{"青石镇", "第一选区", 2024, "县级人大代表", 1, 2, 2000, 1},
		{"青石镇", "第一选区", 2024, "乡级人大代表", 2, 3, 2010, 2},
		{"青石镇", "第二选区", 2024, "县级人大代表", 1, 2, 1500, 1},
		{"青石镇", "第二选区", 2024, "乡级人大代表", 2, 3, 1500, 2},
	}
}

// registrationRows: 2400 − 100 − 40 − 10 − 3 − 1 − 2 = 2244; 1800 − 60 − 20 − 5 − 2 − 0 − 1 = 1712.
func registrationRows(rows ...[]any) [][]any {
	if rows == nil {
		rows = [][]any{
			{"第一选区", 3000, 2400, 100, 40, 10, 3, 1, 2, 2244, 1100, 30, 120},
			{"第二选区", 2200, 1800, 60, 20, 5, 2, 0, 1, 1712, 850, 12, 40},
		}
	}
	out := [][]any{registrationTitle, registrationHeader}
	out = append(out, rows...)
	total := []any{"合计"}
	for j := 1; j < len(registrationHeader); j++ {
		sum := 0
		for _, r := range rows {
			sum += r[j].(int)
		}
		total = append(total, sum)
	}
	return append(out, total)
}

// problemsAt lists a report's problems of a severity as rule@sheet!cell.
func problemsAt(r *Report, sev Severity) []string {
	var out []string
	for _, p := range r.Problems {
		if p.Severity == sev {
			out = append(out, p.Rule+"@"+p.Sheet+"!"+p.Cell)
		}
	}
	slices.Sort(out)
	return out
}

const registrationQuery = `SELECT unit, body, registered, population, adults, away_home, deprived, registered_women,
	registered_minority, registered_migrant, voted FROM elections ORDER BY unit, body`

const mergedRows = `第一选区 乡级人大代表 2244 3000 2400 100 2 1100 30 120 2010
第一选区 县级人大代表 2244 3000 2400 100 2 1100 30 120 2000
第二选区 乡级人大代表 1712 2200 1800 60 1 850 12 40 1500
第二选区 县级人大代表 1712 2200 1800 60 1 850 12 40 1500
`

// The two tables as two sheets of one workbook: the registration sheet is its own kind of sheet, not a
// results sheet missing columns, and gives its figures (登记选民 too, which the 选区情况 lacks) to the
// results rows of its 选区 at both levels, as it gives none.
func TestRegistrationSheetMerged(t *testing.T) {
	db := openTestDB(t)
	path := writeXLSX(t, sheetData{name: "选区情况", rows: constituencyRows()}, sheetData{name: "选民登记", rows: registrationRows()})
	r := mustLoad(t, db, LoadOptions{County: "测试县"}, path)
	if got := problemsAt(r, Error); len(got) != 0 {
		t.Fatalf("errors %v", got)
	}
	if got := queryText(t, db, registrationQuery); got != mergedRows {
		t.Errorf("elections:\n%s\nwant\n%s", got, mergedRows)
	}
	if f := r.Files[0]; f.Results != 4 || f.Registrations != 2 {
		t.Errorf("file report: %d results, %d registration rows; want 4 and 2", f.Results, f.Registrations)
	}
	// The township and year come from the registration sheet's title.
	for _, p := range r.Problems {
		if p.Sheet == "选民登记" && p.Severity == Notice && !slices.Contains([]string{"township_from_title", "year_from_title"}, p.Rule) {
			t.Errorf("notice on the registration sheet: %s %s", p.Rule, p.Message)
		}
	}
}

// The two tables as two files of one folder, in one run; the results file alone, without 登记选民, is
// refused, and leaves nothing in the database. (Sent in two runs: registration_order_test.go.)
func TestRegistrationFileMerged(t *testing.T) {
	dir := t.TempDir()
	results := writeXLSXAt(t, dir, "青石镇选区情况.xlsx", sheetData{name: "Sheet1", rows: constituencyRows()})
	writeXLSXAt(t, dir, "青石镇选民登记.xlsx", sheetData{name: "Sheet1", rows: registrationRows()})

	db := openTestDB(t)
	// The results file alone lacks 登记选民: refused as a sheet missing that column.
	r, err := load(t, db, LoadOptions{County: "测试县"}, results)
	if err == nil || !slices.Equal(problemsAt(r, Error), []string{"missing_column@Sheet1!"}) {
		t.Fatalf("the results file alone: %v %v", err, problemsAt(r, Error))
	}
	wantCount(t, db, 0, `SELECT count(*) FROM elections`, "elections after a refused run")
	wantCount(t, db, 0, `SELECT count(*) FROM ingest_log`, "ingest_log rows after a refused run")

	r = mustLoad(t, db, LoadOptions{County: "测试县"}, dir)
	if got := queryText(t, db, registrationQuery); got != mergedRows {
		t.Errorf("elections:\n%s\nwant\n%s", got, mergedRows)
	}
	if r.Loaded != 2 {
		t.Errorf("loaded %d files, want 2", r.Loaded)
	}
	// Merged within the run: nothing to say about earlier loads.
	if got := problemsAt(r, Notice); slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "registration_") }) {
		t.Errorf("notices %v", got)
	}
}

// Traditional script: 選民登記 with 選區 names in Traditional, results in Simplified.
func TestRegistrationTraditional(t *testing.T) {
	db := openTestDB(t)
	header := []any{"鄉鎮", "選區", "年份", "總人口", "十八周歲以上人口", "回戶籍地參選", "參加本單位選舉", "下落不明",
		"不能行使選舉權利", "停止行使選舉權利", "被剝奪選舉權利", "登記選民", "其中女性", "少數民族", "流動人口"}
	rows := [][]any{{"選民登記情況統計表"}, header,
		{"青石鎮", "第一選區", 2024, 3000, 2400, 100, 40, 10, 3, 1, 2, 2244, 1100, 30, 120},
		{"青石鎮", "第二選區", 2024, 2200, 1800, 60, 20, 5, 2, 0, 1, 1712, 850, 12, 40}}
	path := writeXLSX(t, sheetData{name: "選區情況", rows: constituencyRows()}, sheetData{name: "選民登記", rows: rows})
	mustLoad(t, db, LoadOptions{County: "测试县"}, path)
	if got := queryText(t, db, registrationQuery); got != mergedRows {
		t.Errorf("elections:\n%s\nwant\n%s", got, mergedRows)
	}
}

// The level when the registration sheet gives it: each row goes to its level only.
func TestRegistrationByLevel(t *testing.T) {
	db := openTestDB(t)
	header := append([]any{"乡镇", "年份", "代表级别"}, registrationHeader...)
	rows := [][]any{header,
		{"青石镇", 2024, "县级", "第一选区", 3000, 2400, 100, 40, 10, 3, 1, 2, 2244, 1100, 30, 120},
		{"青石镇", 2024, "乡级", "第一选区", 3000, 2400, 100, 40, 10, 3, 1, 2, 2244, 1101, 30, 120},
		{"青石镇", 2024, "县乡两级", "第二选区", 2200, 1800, 60, 20, 5, 2, 0, 1, 1712, 850, 12, 40}}
	path := writeXLSX(t, sheetData{name: "选区情况", rows: constituencyRows()}, sheetData{name: "选民登记", rows: rows})
	mustLoad(t, db, LoadOptions{County: "测试县"}, path)
	want := strings.Replace(mergedRows, "第一选区 乡级人大代表 2244 3000 2400 100 2 1100", "第一选区 乡级人大代表 2244 3000 2400 100 2 1101", 1)
	if got := queryText(t, db, registrationQuery); got != want {
		t.Errorf("elections:\n%s\nwant\n%s", got, want)
	}
}

// Bad input: every error points at the registration sheet's cell, and the run writes nothing.
func TestRegistrationErrors(t *testing.T) {
	withRegistered := func() [][]any {
		rows := constituencyRows()
		rows[0] = append(slices.Clone(rows[0]), "登记选民数") // column I
		for i := 1; i < len(rows); i++ {
			rows[i] = append(slices.Clone(rows[i]), []int{2244, 2244, 1712, 1712}[i-1])
		}
		return rows
	}
	for _, c := range []struct {
		name    string
		results [][]any
		reg     [][]any
		want    []string
		message string // of the first error
	}{
		{name: "a 选区 without results", results: constituencyRows(),
			reg:  registrationRows(registrationRows()[2], registrationRows()[3], []any{"第三选区", 100, 80, 0, 0, 0, 0, 0, 0, 80, 40, 0, 0}),
			want: []string{"registration_without_results@选民登记!A5"},
			message: "选民登记表中青石镇 2024 年“第三选区”在选举结果中没有对应的行(选举结果中该乡镇有：第一选区、第二选区)：" +
				"请核对选区名称，或把该选区补入该乡镇的选举结果(选区情况)表"},
		{name: "a value both tables give, differently", results: withRegistered(),
			reg:     registrationRows([]any{"第一选区", 3000, 2400, 100, 40, 10, 3, 1, 2, 2250, 1100, 30, 120}, registrationRows()[3]),
			want:    []string{"registration_conflict@选民登记!J3", "registration_conflict@选民登记!J3", "registration_mismatch@选民登记!J3"},
			message: "登记选民(J3) 2250 与选举结果表工作表“选区情况”的登记选民数(I2) 2244 不一致(青石镇 第一选区县级人大代表)：同一选区两张表的同一项应当相同，请核对"},
		{name: "a part larger than its whole on the registration sheet", results: constituencyRows(),
			reg:     registrationRows([]any{"第一选区", 3000, 2400, 100, 40, 10, 3, 1, 2, 2244, 2300, 30, 120}, registrationRows()[3]),
			want:    []string{"part_gt_whole@选民登记!K3"},
			message: "其中女性(K3) 2300，多于登记选民(J3) 2244：部分不能大于总数，请核对"},
		{name: "a part larger than the whole the results table gives", results: withRegistered(),
			reg:     [][]any{{"乡镇", "年份", "选区", "总人口", "其中女性"}, {"青石镇", 2024, "第一选区", 3000, 2300}, {"青石镇", 2024, "第二选区", 2200, 850}},
			want:    []string{"part_gt_whole@选民登记!E2", "part_gt_whole@选民登记!E2"},
			message: "其中女性(E2) 2300，多于选举结果表工作表“选区情况”的登记选民数(I2) 2244：部分不能大于总数，请核对"},
		{name: "more voted than the registration table registered", results: constituencyRows(),
			reg:     registrationRows([]any{"第一选区", 3000, 2400, 100, 40, 10, 3, 1, 2, 2244, 1100, 30, 120}, []any{"第二选区", 2200, 1800, 60, 20, 5, 2, 0, 1, 1499, 850, 12, 40}),
			want:    []string{"registration_mismatch@选民登记!J4", "voted_gt_registered@选民登记!J4", "voted_gt_registered@选民登记!J4"},
			message: "选举结果表工作表“选区情况”的参加投票人数(G4) 1500，多于登记选民(J4) 1499：参加投票人数不能多于登记选民数，请核对"},
		{name: "a 选区 registered twice", results: constituencyRows(),
			reg:     registrationRows(registrationRows()[2], registrationRows()[3], registrationRows()[2]),
			want:    []string{"registration_duplicate@选民登记!A5"},
			message: "青石镇 2024 年“第一选区”的选民登记已在工作表“选民登记”第3行填写，同一选区只能填一行：请删去重复的行"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := openTestDB(t)
			path := writeXLSX(t, sheetData{name: "选区情况", rows: c.results}, sheetData{name: "选民登记", rows: c.reg})
			r, err := load(t, db, LoadOptions{County: "测试县", Year: 2024}, path)
			var pe *ProblemsError
			if !errors.As(err, &pe) {
				t.Fatalf("err %v, want a ProblemsError", err)
			}
			got := append(problemsAt(r, Error), problemsAt(r, Warning)...)
			slices.Sort(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("problems %v, want %v\n%s", got, c.want, registrationFigures(r))
			}
			for _, p := range r.Problems {
				if p.Severity == Error && p.Rule+"@"+p.Sheet+"!"+p.Cell == c.want[0] {
					if p.Message != c.message {
						t.Errorf("message:\n got %s\nwant %s", p.Message, c.message)
					}
					break
				}
			}
			wantCount(t, db, 0, `SELECT count(*) FROM elections`, "elections after a refused run")
		})
	}
}

// With --skip-bad-files a registration file at fault is refused alone: the results file loads without
// its figures.
func TestRegistrationSkipBadFile(t *testing.T) {
	dir := t.TempDir()
	rows := constituencyRows()
	rows[0] = append(slices.Clone(rows[0]), "登记选民数")
	for i := 1; i < len(rows); i++ {
		rows[i] = append(slices.Clone(rows[i]), []int{2244, 2244, 1712, 1712}[i-1])
	}
	writeXLSXAt(t, dir, "选区情况.xlsx", sheetData{name: "Sheet1", rows: rows})
	writeXLSXAt(t, dir, "选民登记.xlsx", sheetData{name: "Sheet1", rows: registrationRows(
		[]any{"第一选区", 3000, 2400, 100, 40, 10, 3, 1, 2, 2250, 1100, 30, 120})})
	db := openTestDB(t)
	r, _ := load(t, db, LoadOptions{County: "测试县", SkipBadFiles: true}, dir)
	if r.Loaded != 1 {
		t.Fatalf("loaded %d files, want 1: %v", r.Loaded, problemsAt(r, Error))
	}
	wantCount(t, db, 0, `SELECT count(*) FROM elections WHERE population IS NOT NULL`, "results given the refused file's figures")
	wantCount(t, db, 4, `SELECT count(*) FROM elections WHERE registered IS NOT NULL`, "results rows")
}

// Registration per village for 村委会 elections: it goes to the villagers' committee, not to the party
// branch, whose 登记选民 are its members.
func TestRegistrationVillages(t *testing.T) {
	db := openTestDB(t)
	results := [][]any{{"乡镇", "村", "年份", "选举类型", "参加投票人数", "应选职数", "当选人数"},
		{"青石镇", "上湾村", 2024, "村民委员会", 900, 5, 5},
		{"青石镇", "下湾村", 2024, "村民委员会", 700, 5, 5}}
	party := [][]any{{"乡镇", "村", "年份", "选举类型", "应到人数", "实到人数", "应选职数", "当选人数"},
		{"青石镇", "上湾村", 2024, "村党组织", 40, 38, 5, 5}}
	reg := [][]any{{"乡镇", "村(社区)", "年份", "总人口", "18周岁以上人口", "登记选民数", "其中女性"},
		{"青石镇", "上湾村", 2024, 1300, 1000, 980, 470},
		{"青石镇", "下湾村", 2024, 1000, 800, 790, 400}}
	path := writeXLSX(t, sheetData{name: "村委会", rows: results}, sheetData{name: "村党组织", rows: party},
		sheetData{name: "选民登记", rows: reg})
	mustLoad(t, db, LoadOptions{County: "测试县"}, path)
	want := "上湾村 村党组织 40 <nil> <nil> <nil> <nil> <nil> <nil> <nil> 38\n" +
		"上湾村 村民委员会 980 1300 1000 <nil> <nil> 470 <nil> <nil> 900\n" +
		"下湾村 村民委员会 790 1000 800 <nil> <nil> 400 <nil> <nil> 700\n"
	if got := queryText(t, db, registrationQuery); got != want {
		t.Errorf("elections:\n%s\nwant\n%s", got, want)
	}
}

// A sheet with some results columns that lacks required ones stays a results sheet missing columns.
func TestRegistrationSheetWithResultsColumns(t *testing.T) {
	header := append(slices.Clone(registrationHeader), "参加投票人数")
	p := mustParse(t, writeXLSX(t, sheetData{name: "选民登记", rows: [][]any{append([]any{"乡镇", "年份"}, header...),
		{"青石镇", 2024, "第一选区", 3000, 2400, 100, 40, 10, 3, 1, 2, 2244, 1100, 30, 120, 2000}}}))
	var missing []string
	for _, pr := range p.Problems {
		if pr.Rule == "missing_column" {
			missing = append(missing, pr.Column)
		}
	}
	if want := []string{"选举类型", "应选职数", "当选人数"}; !slices.Equal(missing, want) {
		t.Errorf("missing columns %v, want %v (%v)", missing, want, p.Problems)
	}
	if len(p.Registrations) != 0 {
		t.Errorf("read as a registration sheet: %d rows", len(p.Registrations))
	}
}

// writeXLSXAt is writeXLSX into dir under name.
func writeXLSXAt(t *testing.T, dir, name string, sheets ...sheetData) string {
	t.Helper()
	data, err := os.ReadFile(writeXLSX(t, sheets...))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// registrationFigures prints a problem list for a failing test.
func registrationFigures(r *Report) string {
	var b strings.Builder
	for _, p := range r.Problems {
		fmt.Fprintf(&b, "%s %s %s!%s %s\n", p.Severity, p.Rule, p.Sheet, p.Cell, p.Message)
	}
	return b.String()
}

// The registration checks that need both tables: 18周岁以上人口 on the results table, those not registered
// and 登记选民 on the registration table. Too many excluded is an error at the registration sheet's cell;
// a 登记选民 that is not 18周岁以上 less the excluded is a warning there, and the run loads with it.
func TestRegistrationChecksAcrossTables(t *testing.T) {
	results := func(adults1 int) [][]any {
		rows := constituencyRows()
		rows[0] = append(slices.Clone(rows[0]), "18周岁以上人口") // column I
		for i := 1; i < len(rows); i++ {
			rows[i] = append(slices.Clone(rows[i]), []int{adults1, adults1, 1800, 1800}[i-1])
		}
		return rows
	}
	// A 乡镇 B 年份 C 选区 D 回户籍地参选 … I 被剥夺选举权利 J 登记选民
	reg := func(registered1 int) [][]any {
		return [][]any{{"乡镇", "年份", "选区", "回户籍地参选", "参加本单位选举", "下落不明", "不能行使选举权利", "停止行使选举权利", "被剥夺选举权利", "登记选民"},
			{"青石镇", 2024, "第一选区", 100, 40, 10, 3, 1, 2, registered1},
			{"青石镇", 2024, "第二选区", 60, 20, 5, 2, 0, 1, 1712}}
	}

	db := openTestDB(t)
	path := writeXLSX(t, sheetData{name: "选区情况", rows: results(150)}, sheetData{name: "选民登记", rows: reg(2244)})
	r, err := load(t, db, LoadOptions{County: "测试县"}, path)
	if err == nil || !slices.Equal(problemsAt(r, Error), []string{"part_gt_whole@选民登记!D2", "part_gt_whole@选民登记!D2"}) {
		t.Fatalf("excluded above the results table's adults: %v %v\n%s", err, problemsAt(r, Error), registrationFigures(r))
	}
	want := "未在本选区登记的各项人数(选民登记表和选举结果表合起来)合计 156，多于选举结果表工作表“选区情况”的18周岁以上人口(I2) 150：部分不能大于总数，请核对"
	if m := firstMessage(r, "part_gt_whole"); m != want {
		t.Errorf("message:\n got %s\nwant %s", m, want)
	}

	path = writeXLSX(t, sheetData{name: "选区情况", rows: results(2400)}, sheetData{name: "选民登记", rows: reg(2250)})
	r = mustLoad(t, db, LoadOptions{County: "测试县"}, path)
	if got := problemsAt(r, Warning); !slices.Equal(got, []string{"registration_mismatch@选民登记!J2", "registration_mismatch@选民登记!J2"}) {
		t.Fatalf("warnings %v\n%s", got, registrationFigures(r))
	}
	want = "选举结果表工作表“选区情况”的18周岁以上人口(I2) 2400 减去未在本选区登记的 156 人(选民登记表和选举结果表合起来)为 2244，与登记选民(J2) 2250 不符：如有外地来本选区登记的选民属正常，否则请核对选民登记各项"
	if m := firstMessage(r, "registration_mismatch"); m != want {
		t.Errorf("message:\n got %s\nwant %s", m, want)
	}
	if got := queryText(t, db, `SELECT sheet, row_number, column_name, value, township, unit, year, body FROM data_warnings ORDER BY ALL`); got != "选民登记 2 登记选民 2250 青石镇 第一选区 2024 <nil>\n选民登记 2 登记选民 2250 青石镇 第一选区 2024 <nil>\n" {
		t.Errorf("data_warnings:\n%s", got)
	}
	wantCount(t, db, 2, `SELECT count(*) FROM elections WHERE registered = 2250 AND adults = 2400 AND away_home = 100`, "merged rows of 第一选区")
}

// firstMessage is the message of a report's first problem of rule.
func firstMessage(r *Report, rule string) string {
	for _, p := range r.Problems {
		if p.Rule == rule {
			return p.Message
		}
	}
	return ""
}

// A workbook parsed on its own (ParseFile) is checked as a one-file load is: its registration sheet
// against its results sheet.
func TestParseFileRegistration(t *testing.T) {
	p := mustParse(t, writeXLSX(t, sheetData{name: "选区情况", rows: constituencyRows()}, sheetData{name: "选民登记", rows: registrationRows()}))
	if len(p.Registrations) != 2 || len(p.Results) != 4 || len(rules(p, Error)) != 0 {
		t.Fatalf("%d registration rows, %d results, errors %v", len(p.Registrations), len(p.Results), rules(p, Error))
	}
	if r := p.Registrations[1]; r.Unit != "第二选区" || r.Body != "" || *r.Registered != 1712 || *r.Adults != 1800 || *r.RegisteredMigrant != 40 {
		t.Errorf("second registration row: %+v", r)
	}
	p = mustParse(t, writeXLSX(t, sheetData{name: "选区情况", rows: constituencyRows()},
		sheetData{name: "选民登记", rows: registrationRows(registrationRows()[2], []any{"第三选区", 100, 80, 0, 0, 0, 0, 0, 0, 80, 40, 0, 0})}))
	if got := rules(p, Error); !slices.Equal(got, []string{"missing_column@", "registration_without_results@A4"}) {
		t.Errorf("errors %v", got)
	}
	// A 选民登记 file alone waits for its results: a notice, not an error.
	p = mustParse(t, writeXLSX(t, sheetData{name: "选民登记", rows: registrationRows()}))
	if got := rules(p, Error); len(got) != 0 {
		t.Errorf("errors of a 选民登记 file alone: %v", got)
	}
	if got := rules(p, Notice); !slices.Contains(got, "registration_waiting@A3") {
		t.Errorf("notices of a 选民登记 file alone: %v", got)
	}
}

// The level from a title only when it names one in so many words: a township's 青石镇人大代表…选民登记表,
// in a file named 青石镇人大换届选举.xlsx, names the township (镇人大 is not 乡级 here), and its registration
// serves both levels; 乡级人大代表…选民登记表 gives it to the 乡级 rows only.
func TestRegistrationLevelFromTitle(t *testing.T) {
	results := constituencyRows()
	results[0] = append(slices.Clone(results[0]), "登记选民数")
	for i := 1; i < len(results); i++ {
		results[i] = append(slices.Clone(results[i]), []int{2244, 2244, 1712, 1712}[i-1])
	}
	for _, c := range []struct {
		title string
		want  string // bodies given 总人口
	}{
		{"青石镇人大代表换届选举选民登记情况统计表", "乡级人大代表 第一选区\n乡级人大代表 第二选区\n县级人大代表 第一选区\n县级人大代表 第二选区\n"},
		{"青石镇2024年乡级人大代表选举选民登记表", "乡级人大代表 第一选区\n乡级人大代表 第二选区\n"},
		{"青石镇2024年縣級人大代表選舉選民登記表", "县级人大代表 第一选区\n县级人大代表 第二选区\n"},
	} {
		rows := registrationRows()
		rows[0] = []any{c.title}
		path := writeXLSXAt(t, t.TempDir(), "青石镇人大换届选举.xlsx", sheetData{name: "选区情况", rows: results}, sheetData{name: "选民登记", rows: rows})
		db := openTestDB(t)
		mustLoad(t, db, LoadOptions{County: "测试县", Year: 2024}, path)
		if got := queryText(t, db, `SELECT body, unit FROM elections WHERE population IS NOT NULL ORDER BY ALL`); got != c.want {
			t.Errorf("%s: rows given the registration:\n%s\nwant\n%s", c.title, got, c.want)
		}
	}
}

// A 选民登记 sheet whose name says summary (选民登记统计表) beside the results sheet is data, not the results
// again; a second one repeating the first (选民登记汇总) is the summary.
func TestRegistrationSheetNamedLikeSummary(t *testing.T) {
	db := openTestDB(t)
	path := writeXLSX(t, sheetData{name: "选区情况", rows: constituencyRows()}, sheetData{name: "选民登记统计表", rows: registrationRows()})
	mustLoad(t, db, LoadOptions{County: "测试县"}, path)
	if got := queryText(t, db, registrationQuery); got != mergedRows {
		t.Errorf("elections:\n%s\nwant\n%s", got, mergedRows)
	}
	db = openTestDB(t)
	path = writeXLSX(t, sheetData{name: "选区情况", rows: constituencyRows()}, sheetData{name: "选民登记", rows: registrationRows()},
		sheetData{name: "选民登记汇总", rows: registrationRows()})
	r := mustLoad(t, db, LoadOptions{County: "测试县"}, path)
	if got := queryText(t, db, registrationQuery); got != mergedRows {
		t.Errorf("elections:\n%s\nwant\n%s", got, mergedRows)
	}
	if m := firstMessage(r, "summary_sheet"); !strings.Contains(m, "本文件其他工作表已有选民登记的数据") {
		t.Errorf("summary notice: %q", m)
	}
}

// A corrected 选区情况 table sent again beside the same 选民登记 table: the registration file is unchanged and
// not read again — its rows are kept (registrations) — and the corrected rows take its figures.
func TestRegistrationKeptWithCorrectedResults(t *testing.T) {
	dir := t.TempDir()
	writeXLSXAt(t, dir, "选区情况.xlsx", sheetData{name: "Sheet1", rows: withRegisteredRows()})
	writeXLSXAt(t, dir, "选民登记.xlsx", sheetData{name: "Sheet1", rows: registrationRows()})
	db := openTestDB(t)
	mustLoad(t, db, LoadOptions{County: "测试县"}, dir)
	loadCorrectedResults(t, db, dir, withRegisteredRows(), 1)
}

// loadCorrectedResults writes rows, 参加投票人数 of the first corrected to 2001, as 选区情况.xlsx into dir and
// loads dir: read files of the run, and the figures of one run with both tables.
func loadCorrectedResults(t *testing.T, db *sql.DB, dir string, rows [][]any, read int) *Report {
	t.Helper()
	rows[1] = set(slices.Clone(rows[1]), 6, 2001)
	writeXLSXAt(t, dir, "选区情况.xlsx", sheetData{name: "Sheet1", rows: rows})
	r := mustLoad(t, db, LoadOptions{County: "测试县"}, dir)
	if r.Loaded != read || r.Unchanged != 2-read {
		t.Errorf("%d loaded, %d unchanged; want %d read", r.Loaded, r.Unchanged, read)
	}
	want := strings.Replace(mergedRows, "100 2 1100 30 120 2000", "100 2 1100 30 120 2001", 1)
	if got := queryText(t, db, registrationQuery); got != want {
		t.Errorf("elections:\n%s\nwant\n%s", got, want)
	}
	return r
}

// A 选民登记 file loaded before schema v6 kept no row of its own (registration_rows NULL in its log): it is
// read again whenever the run reads another file, so that a corrected 选区情况 keeps its figures; read, its
// rows are kept from then on.
func TestRegistrationBeforeV6ReadAgain(t *testing.T) {
	dir := t.TempDir()
	writeXLSXAt(t, dir, "选区情况.xlsx", sheetData{name: "Sheet1", rows: constituencyRows()})
	reg := writeXLSXAt(t, dir, "选民登记.xlsx", sheetData{name: "Sheet1", rows: registrationRows()})
	db := openTestDB(t)
	mustLoad(t, db, LoadOptions{County: "测试县"}, dir)
	for _, q := range []string{`DELETE FROM registrations`, `UPDATE ingest_log SET registration_rows = NULL`,
		`UPDATE elections SET registration_fields = NULL`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	loadCorrectedResults(t, db, dir, constituencyRows(), 2)
	r := mustLoad(t, db, LoadOptions{County: "测试县"}, reg)
	if r.Loaded != 0 || r.Unchanged != 1 {
		t.Errorf("the registration file alone: %d loaded, %d unchanged; want it unchanged", r.Loaded, r.Unchanged)
	}
	wantCount(t, db, 2, `SELECT count(*) FROM registrations`, "registration rows kept")
}

// Only content that loaded no row of its own is read again: a workbook whose rows a later file of another
// name replaced holds no row now, but read again it would take them back.
func TestReplacedFileNotReadAgain(t *testing.T) {
	dir := t.TempDir()
	db := openTestDB(t)
	a := writeXLSXAt(t, dir, "城关镇.xlsx", sheetData{name: "选举结果", rows: [][]any{resultsHeader, resultRow("石桥村", "村民委员会", 5)}})
	mustLoad(t, db, LoadOptions{County: "测试县"}, a)
	b := writeXLSXAt(t, dir, "城关镇石桥村.xlsx", sheetData{name: "选举结果", rows: [][]any{resultsHeader, resultRow("石桥村", "村民委员会", 4)}})
	mustLoad(t, db, LoadOptions{County: "测试县"}, b)
	c := writeXLSXAt(t, dir, "城关镇河口村.xlsx", sheetData{name: "选举结果", rows: [][]any{resultsHeader, resultRow("河口村", "村民委员会", 5)}})
	r := mustLoad(t, db, LoadOptions{County: "测试县"}, a, b, c)
	if r.Loaded != 1 || r.Unchanged != 2 {
		t.Errorf("%d loaded, %d unchanged; want only the new file loaded", r.Loaded, r.Unchanged)
	}
	if got := queryText(t, db, `SELECT unit, elected FROM elections ORDER BY unit`); got != "河口村 5\n石桥村 4\n" {
		t.Errorf("elections:\n%s", got)
	}
}

// A results sheet with a 登记选民数 column may leave a cell blank for the 选民登记 table to fill; without one
// the blank cell is missing_value at the cell, as before, and the file takes no part in the checks between
// files: with --skip-bad-files a clean file of the same election still loads.
func TestRegistrationFillsBlankCell(t *testing.T) {
	results := constituencyRows()
	results[0] = append(slices.Clone(results[0]), "登记选民数") // column I
	for i := 1; i < len(results); i++ {
		results[i] = append(slices.Clone(results[i]), []any{2244, "", 1712, 1712}[i-1])
	}
	db := openTestDB(t)
	mustLoad(t, db, LoadOptions{County: "测试县"}, writeXLSX(t, sheetData{name: "选区情况", rows: results}, sheetData{name: "选民登记", rows: registrationRows()}))
	if got := queryText(t, db, registrationQuery); got != mergedRows {
		t.Errorf("elections:\n%s\nwant\n%s", got, mergedRows)
	}

	dir := t.TempDir()
	writeXLSXAt(t, dir, "青石镇.xlsx", sheetData{name: "选区情况", rows: results})
	clean := slices.Clone(results)
	clean[2] = set(slices.Clone(results[2]), 8, 2244)
	writeXLSXAt(t, dir, "青石镇(改).xlsx", sheetData{name: "选区情况", rows: clean})
	db = openTestDB(t)
	r, _ := load(t, db, LoadOptions{County: "测试县", SkipBadFiles: true}, dir)
	if got := problemsAt(r, Error); !slices.Equal(got, []string{"missing_value@选区情况!I3"}) || r.Loaded != 1 {
		t.Errorf("errors %v, %d loaded; want the blank cell only, and the clean file loaded", got, r.Loaded)
	}
	if m := firstMessage(r, "missing_value"); m != "登记选民数(I3)为必填项，本行未填写：请补填" {
		t.Errorf("message %s", m)
	}
	wantCount(t, db, 4, `SELECT count(*) FROM elections WHERE registered IS NOT NULL`, "the clean file's rows")
}

// When the 选民登记 table that would fill a blank 登记选民数 is refused, the blank cell's message says so, and a
// conflict names the other file's cell.
func TestRegistrationRefusedLeavesBlank(t *testing.T) {
	dir := t.TempDir()
	results := constituencyRows()
	results[0] = append(slices.Clone(results[0]), "登记选民数") // column I
	for i := 1; i < len(results); i++ {
		results[i] = append(slices.Clone(results[i]), []any{"", "", 1712, 1712}[i-1])
	}
	writeXLSXAt(t, dir, "选区情况.xlsx", sheetData{name: "选区情况", rows: results})
	writeXLSXAt(t, dir, "选民登记.xlsx", sheetData{name: "选民登记", rows: registrationRows(registrationRows()[2],
		[]any{"第二选区", 2200, 1800, 60, 20, 5, 2, 0, 1, 1713, 850, 12, 40})})
	db := openTestDB(t)
	r, err := load(t, db, LoadOptions{County: "测试县"}, dir)
	if err == nil {
		t.Fatal("loaded")
	}
	want := "登记选民数(I2)为必填项，本行未填写：请补填(本次导入的选民登记表有错误未能导入，如该项由选民登记表填写，请先改正选民登记表)"
	if m := firstMessage(r, "missing_value"); m != want {
		t.Errorf("message:\n got %s\nwant %s", m, want)
	}
	if m := firstMessage(r, "registration_conflict"); !strings.HasPrefix(m, "登记选民(J4) 1713 与选举结果表 "+filepath.Join(dir, "选区情况.xlsx")+" 工作表“选区情况”的登记选民数(I4) 1712 不一致") {
		t.Errorf("conflict message %s", m)
	}
}
