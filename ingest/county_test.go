package ingest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func ruleCount(r *Report, rule string) int {
	n := 0
	for _, p := range r.Problems {
		if p.Rule == rule {
			n++
		}
	}
	return n
}

// Issue 8.2: a file that leaves 县(市、区) blank was stored under an empty county: it did not replace the
// rows of the same township loaded with a county, the township was counted twice and the county draft split.
func TestBlankCountyTakesTheTownshipsCounty(t *testing.T) {
	db := openTestDB(t)
	two := []string{"河岭村", "石桥村"}
	results, members := submission{county: "青山县", township: "东镇", units: two}.write(t, filepath.Join(t.TempDir(), "第一次"))
	mustLoad(t, db, LoadOptions{}, results, members)
	// The same township again, corrected, with the county column left blank, under other names.
	dir := t.TempDir()
	r2, m2 := submission{county: "", township: "东镇", units: two}.write(t, dir)
	mustLoad(t, db, LoadOptions{}, r2, m2)
	wantCount(t, db, 0, `SELECT count(*) FROM units WHERE county = ''`, "units with an empty county")
	wantCount(t, db, 0, `SELECT count(*) FROM elections WHERE county = ''`, "elections with an empty county")
	wantCount(t, db, 2, `SELECT count(*) FROM units`, "units")
	wantCount(t, db, 4, `SELECT count(*) FROM elections`, "elections")
	wantCount(t, db, 12, `SELECT count(*) FROM members`, "members")
}

// A new township with a blank county, in a database of one county: that county, with a notice.
func TestBlankCountyAssumesTheOnlyCounty(t *testing.T) {
	db := openTestDB(t)
	results, _ := submission{county: "青山县", township: "东镇", units: fourVillages}.write(t, t.TempDir())
	mustLoad(t, db, LoadOptions{}, results)
	west, _ := submission{county: "", township: "西镇", units: fourVillages}.write(t, t.TempDir())
	r := mustLoad(t, db, LoadOptions{}, west)
	if ruleCount(r, "county_assumed") != 1 {
		t.Errorf("no county_assumed notice: %v", r.Problems)
	}
	wantCount(t, db, 8, `SELECT count(*) FROM elections WHERE county = '青山县' AND township = '西镇'`, "西镇 elections under 青山县")
}

// No county anywhere (a first load without the column), or two counties the township is not in: a clear
// error asking for --county, and nothing written. --county settles it.
func TestBlankCountyWithoutAnswerIsAnError(t *testing.T) {
	db := openTestDB(t)
	blank, _ := submission{county: "", township: "东镇", units: fourVillages}.write(t, t.TempDir())
	r, err := load(t, db, LoadOptions{}, blank)
	var pe *ProblemsError
	if !errors.As(err, &pe) || ruleCount(r, "county_unknown") != 1 {
		t.Fatalf("err %v, problems %v", err, r.Problems)
	}
	if !strings.Contains(r.Problems[0].Message, "--county") {
		t.Errorf("message does not say what to do: %s", r.Problems[0].Message)
	}
	wantCount(t, db, 0, `SELECT count(*) FROM ingest_log`, "ingest_log rows")

	for _, c := range []string{"青山县", "白水县"} {
		f, _ := submission{county: c, township: c + "镇", units: fourVillages}.write(t, t.TempDir())
		mustLoad(t, db, LoadOptions{}, f)
	}
	r, err = load(t, db, LoadOptions{}, blank)
	if !errors.As(err, &pe) || ruleCount(r, "county_unknown") != 1 || !strings.Contains(r.Problems[0].Message, "白水县、青山县") {
		t.Fatalf("two counties: err %v, problems %v", err, r.Problems)
	}
	mustLoad(t, db, LoadOptions{County: "白水县"}, blank)
	wantCount(t, db, 8, `SELECT count(*) FROM elections WHERE county = '白水县' AND township = '东镇'`, "东镇 under --county")
}

// The cell wins over --county: --county only fills blank cells.
func TestCountyCellWinsOverTheOption(t *testing.T) {
	db := openTestDB(t)
	results, _ := submission{county: "青山县", township: "东镇", units: fourVillages}.write(t, t.TempDir())
	mustLoad(t, db, LoadOptions{County: "白水县"}, results)
	wantCount(t, db, 8, `SELECT count(*) FROM elections WHERE county = '青山县'`, "elections under the county of their cells")
}

// With two counties in the database, a township already held under one of them takes that one, without
// a notice; a township held under both cannot be told and is refused, naming both and --county.
func TestBlankCountyAmongSeveralCounties(t *testing.T) {
	db := openTestDB(t)
	for _, s := range []submission{
		{county: "青山县", township: "东镇", units: fourVillages},
		{county: "白水县", township: "西镇", units: fourVillages},
	} {
		f, _ := s.write(t, t.TempDir())
		mustLoad(t, db, LoadOptions{}, f)
	}
	_, blank := submission{county: "", township: "西镇", units: fourVillages}.write(t, t.TempDir())
	r := mustLoad(t, db, LoadOptions{}, blank)
	if n := ruleCount(r, "county_assumed") + ruleCount(r, "county_unknown"); n != 0 {
		t.Errorf("the township's own county needed a notice: %v", r.Problems)
	}
	wantCount(t, db, 24, `SELECT count(*) FROM members WHERE county = '白水县' AND township = '西镇'`, "西镇 members under 白水县")

	// 南镇 is a township of both counties (names repeat across counties).
	for _, c := range []string{"青山县", "白水县"} {
		f, _ := submission{county: c, township: "南镇", units: []string{c + "村"}}.write(t, t.TempDir())
		mustLoad(t, db, LoadOptions{}, f)
	}
	south, _ := submission{county: "", township: "南镇", units: []string{"新村"}}.write(t, t.TempDir())
	r, err := load(t, db, LoadOptions{}, south)
	var pe *ProblemsError
	if !errors.As(err, &pe) || ruleCount(r, "county_unknown") != 1 {
		t.Fatalf("a township of two counties: err %v, problems %v\n%s", err, r.Problems, r.Summary())
	}
	// Loading 白水县's 南镇 did not replace 青山县's 南镇, though both files are called 选举结果.csv.
	for _, c := range []string{"青山县", "白水县"} {
		wantCount(t, db, 2, `SELECT count(*) FROM elections WHERE township = '南镇' AND county = '`+c+`'`, "南镇 elections under "+c)
	}
	if m := r.Problems[0].Message; !strings.Contains(m, "白水县、青山县") || !strings.Contains(m, "--county") {
		t.Errorf("message %q does not name both counties and --county", m)
	}
}

// A blank county is settled by another file of the same run that names the township's county, in
// whichever order the files are given, without a notice.
func TestBlankCountyFromAnotherFileOfTheRun(t *testing.T) {
	dir := t.TempDir()
	results, _ := submission{county: "青山县", township: "东镇", units: fourVillages}.write(t, filepath.Join(dir, "a"))
	_, members := submission{county: "", township: "东镇", units: fourVillages}.write(t, filepath.Join(dir, "b"))
	for _, order := range [][]string{{results, members}, {members, results}} {
		db := openTestDB(t)
		r := mustLoad(t, db, LoadOptions{}, order...)
		if n := ruleCount(r, "county_assumed"); n != 0 {
			t.Errorf("order %v: %d county_assumed notices for a township named with its county in the run", order, n)
		}
		wantCount(t, db, 24, `SELECT count(*) FROM members WHERE county = '青山县'`, "members under 青山县")
		wantCount(t, db, 0, `SELECT count(*) FROM data_warnings`, "data_warnings")
	}
}

// The assumed-county notice says which county was assumed, why, and how to override it; doing what it
// says (the same file again with --county) moves the township, leaving nothing under the assumed county.
func TestAssumedCountyCanBeOverridden(t *testing.T) {
	db := openTestDB(t)
	results, _ := submission{county: "青山县", township: "东镇", units: fourVillages}.write(t, t.TempDir())
	mustLoad(t, db, LoadOptions{}, results)
	west, westMembers := submission{county: "", township: "西镇", units: fourVillages}.write(t, t.TempDir())
	r := mustLoad(t, db, LoadOptions{}, west, westMembers)
	var notices []Problem
	for _, p := range r.Problems {
		if p.Rule == "county_assumed" {
			notices = append(notices, p)
		}
	}
	if len(notices) != 2 {
		t.Fatalf("county_assumed notices %v, want one per file", r.Problems)
	}
	for _, want := range []string{"西镇", "未填写县(市、区)", "青山县", "--county"} {
		if !strings.Contains(notices[0].Message, want) {
			t.Errorf("notice %q does not say %q", notices[0].Message, want)
		}
	}
	t.Log(notices[0].Message)
	r = mustLoad(t, db, LoadOptions{County: "白水县"}, west, westMembers)
	if r.Loaded != 2 {
		t.Fatalf("the same files with --county were not loaded again:\n%s", r.Summary())
	}
	wantCount(t, db, 0, `SELECT count(*) FROM units WHERE county = '青山县' AND township = '西镇'`, "西镇 units left under 青山县")
	wantCount(t, db, 8, `SELECT count(*) FROM elections WHERE county = '白水县' AND township = '西镇'`, "西镇 elections under 白水县")
	wantCount(t, db, 24, `SELECT count(*) FROM members WHERE county = '白水县' AND township = '西镇'`, "西镇 members under 白水县")
	wantCount(t, db, 8, `SELECT count(*) FROM elections WHERE county = '青山县'`, "东镇 elections")
}

// TestAssumedCountyOverriddenFromRelativePaths: the notice's advice — the same file again with --county —
// works when the path was typed relative (electsum ingest 收到的表格/西镇.csv), also from another folder:
// the rows keep the path as typed and ingest_log the absolute one, and the two were compared as equal
// strings, so the file came out 未变化 and stayed under the assumed county.
func TestAssumedCountyOverriddenFromRelativePaths(t *testing.T) {
	for _, from := range []string{"the same folder", "the input folder"} {
		t.Run(from, func(t *testing.T) {
			db := openTestDB(t)
			dir := t.TempDir()
			results, _ := submission{county: "青山县", township: "东镇", units: fourVillages}.write(t, filepath.Join(dir, "收到的表格"))
			mustLoad(t, db, LoadOptions{}, results)
			west, westMembers := submission{county: "", township: "西镇", units: fourVillages}.write(t, filepath.Join(dir, "收到的表格", "西镇"))
			t.Chdir(dir)
			rel := func(p string) string {
				r, err := filepath.Rel(dir, p)
				if err != nil {
					t.Fatal(err)
				}
				return r
			}
			mustLoad(t, db, LoadOptions{}, rel(west), rel(westMembers))
			again := []string{rel(west), rel(westMembers)}
			if from == "the input folder" {
				t.Chdir(filepath.Dir(west))
				again = []string{filepath.Base(west), filepath.Base(westMembers)}
			}
			r := mustLoad(t, db, LoadOptions{County: "白水县"}, again...)
			if r.Loaded != 2 {
				t.Fatalf("the same files with --county were not loaded again:\n%s", r.Summary())
			}
			wantCount(t, db, 0, `SELECT count(*) FROM elections WHERE county = '青山县' AND township = '西镇'`, "西镇 elections left under 青山县")
			wantCount(t, db, 8, `SELECT count(*) FROM elections WHERE county = '白水县' AND township = '西镇'`, "西镇 elections under 白水县")
			wantCount(t, db, 24, `SELECT count(*) FROM members WHERE county = '白水县' AND township = '西镇'`, "西镇 members under 白水县")
		})
	}
}

// A township's own form often has no 年份 column: without LoadOptions.Year (--year) it is refused with
// the way to give one; with it every row takes that year, a 年份 cell where there is one still wins, and
// the same file loaded again with another year is read again and replaces what it loaded (a correction,
// as for --county).
func TestYearOptionFillsSheetsWithoutYear(t *testing.T) {
	db := openTestDB(t)
	dir := t.TempDir()
	noYear := filepath.Join(dir, "北山乡选举结果.csv")
	if err := os.WriteFile(noYear, []byte("县(市、区),乡镇(街道),村(社区),选举类型,登记选民数,参加投票人数,应选职数,当选人数\n"+
		"白水县,北山乡,东岭村,村民委员会,1320,1251,5,5\n白水县,北山乡,西岭村,村民委员会,980,901,3,3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := load(t, db, LoadOptions{}, noYear)
	if err == nil || !slices.ContainsFunc(r.Problems, func(p Problem) bool {
		return p.Rule == "missing_column" && strings.Contains(p.Message, "“年份”") && strings.Contains(p.Message, "--year")
	}) {
		t.Fatalf("a sheet without 年份 loaded without a year, or without saying --year: %v %v", err, r.Problems)
	}

	mustLoad(t, db, LoadOptions{Year: 2021}, noYear)
	wantCount(t, db, 2, `SELECT count(*) FROM elections WHERE year = 2021`, "rows under the given year")
	mustLoad(t, db, LoadOptions{Year: 2024}, noYear)
	wantCount(t, db, 2, `SELECT count(*) FROM elections WHERE year = 2024`, "rows under the corrected year")
	wantCount(t, db, 0, `SELECT count(*) FROM elections WHERE year = 2021`, "rows left under the first year")

	withYear := filepath.Join(dir, "南山乡选举结果.csv")
	if err := os.WriteFile(withYear, []byte("县(市、区),乡镇(街道),村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n"+
		"白水县,南山乡,南岭村,2021,村民委员会,700,650,5,5\n白水县,南山乡,北岭村,,村民委员会,600,590,5,5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustLoad(t, db, LoadOptions{Year: 2024}, withYear)
	wantCount(t, db, 1, `SELECT count(*) FROM elections WHERE township = '南山乡' AND unit = '南岭村' AND year = 2021`, "a 年份 cell over the option")
	wantCount(t, db, 1, `SELECT count(*) FROM elections WHERE township = '南山乡' AND unit = '北岭村' AND year = 2024`, "a blank 年份 cell filled")
}

// A township's own workbook often has no 乡镇(街道) column (the file is the township's: 北山乡.xlsx) and
// one sheet per village without a 村(社区) column. The file's name (or folder's) gives the township and
// a sheet named after a village gives the unit, each with a notice; a name that gives none is refused
// as before.
func TestPlacesFromFileAndSheetNames(t *testing.T) {
	db := openTestDB(t)
	fixture := writeXLSX(t,
		sheetData{name: "东岭村", rows: [][]any{
			{"北山乡东岭村村“两委”成员名册"},
			{"年份", "选举类型", "姓名", "职务", "性别", "年龄", "政治面貌", "学历", "是否连任"},
			{2024, "村党组织", "张建国", "书记", "男", 51, "中共党员", "大专", "是"},
			{2024, "村民委员会", "陈红", "主任", "女", 40, "群众", "高中", "否"},
		}},
		sheetData{name: "西岭村", rows: [][]any{
			{"年份", "选举类型", "姓名", "职务", "性别", "年龄", "政治面貌", "学历", "是否连任"},
			{2024, "村党组织", "孙明", "书记", "男", 53, "中共党员", "高中", "是"},
		}},
	)
	members := filepath.Join(filepath.Dir(fixture), "北山乡当选人员.xlsx")
	if err := os.Rename(fixture, members); err != nil {
		t.Fatal(err)
	}
	results := filepath.Join(t.TempDir(), "北山乡", "选举结果.csv") // the township in the folder's name
	if err := os.MkdirAll(filepath.Dir(results), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(results, []byte("村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n"+
		"东岭村,2024,村党组织,56,53,5,1\n东岭村,2024,村民委员会,1320,1251,5,1\n西岭村,2024,村党组织,48,44,3,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := mustLoad(t, db, LoadOptions{County: "白水县"}, members, results)
	// The 东岭村 sheet's title (北山乡东岭村村“两委”成员名册) names the township before the file does.
	if n, m := ruleCount(r, "township_from_name"), ruleCount(r, "township_from_title"); n != 2 || m != 1 {
		t.Errorf("township_from_name notices: %d, township_from_title %d, want one per sheet (2 + 1): %v", n, m, r.Problems)
	}
	if n := ruleCount(r, "unit_from_sheet"); n != 2 {
		t.Errorf("unit_from_sheet notices: %d, want one per village sheet (2): %v", n, r.Problems)
	}
	wantCount(t, db, 3, `SELECT count(*) FROM members WHERE township = '北山乡'`, "members under the file's township")
	wantCount(t, db, 2, `SELECT count(*) FROM members WHERE unit = '东岭村'`, "members under the sheet's village")
	wantCount(t, db, 3, `SELECT count(*) FROM elections WHERE township = '北山乡'`, "results under the folder's township")

	plain := filepath.Join(t.TempDir(), "选举结果.csv")
	if err := os.WriteFile(plain, []byte("村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n东村,2024,村民委员会,100,90,5,5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r, err := load(t, db, LoadOptions{County: "白水县"}, plain); err == nil || ruleCount(r, "missing_column") != 1 {
		t.Errorf("a file whose name gives no township loaded without 乡镇(街道): %v", err)
	}
}

// A village's roster on a sheet named Sheet1, in a file that names no village, its village in the title
// only (青石镇东山村“两委”班子成员花名册, as a township's 花名册 has it): its rows are that village's, with a
// notice quoting the title; its 现任职务 names the bodies. Without the title the posts of a village cannot
// be told from a township's, and every row was refused.
func TestUnitFromTitle(t *testing.T) {
	p := mustParse(t, writeXLSX(t, sheetData{name: "Sheet1", rows: [][]any{
		{"青石镇2024年东山村“两委”班子成员花名册"},
		{"序号", "姓名", "性别", "出生年月", "政治面貌", "学历", "现任职务", "是否连任"},
		{1, "王芳", "女", "1980.05", "中共党员", "大专", "党支部书记、村委会主任", "是"},
		{2, "周九", "男", "1978.11", "群众", "初中", "村委会副主任", "是"},
	}}))
	sameMembers(t, p, []string{"东山村 村党组织 王芳 书记", "东山村 村民委员会 王芳 主任", "东山村 村民委员会 周九 副主任"})
	if got := rules(p, Error); len(got) > 0 {
		t.Errorf("errors %v", got)
	}
	for _, pr := range p.Problems {
		if pr.Rule == "unit_from_sheet" && pr.Message != "工作表“Sheet1”没有“村(社区)”列，各行按第1行的标题“青石镇2024年东山村“两委”班子成员花名册”归入“东山村”：如不对，请在表头行添加“村(社区)”列并填写" {
			t.Errorf("notice %s", pr.Message)
		}
	}
	if n := ruleCount(&Report{Problems: p.Problems}, "unit_from_sheet"); n != 1 {
		t.Errorf("unit_from_sheet notices: %d, want 1", n)
	}
}

// A township's workbook with a sheet per term (2021年, 2024年换届) and no 年份 column: each sheet's rows
// take the year its name gives, over --year, with a notice; a name giving two years gives none.
func TestYearFromSheetName(t *testing.T) {
	db := openTestDB(t)
	header := []any{"乡镇", "村", "选举类型", "登记选民数", "参加投票人数", "应选职数", "当选人数"}
	book := writeXLSX(t,
		sheetData{name: "2021年", rows: [][]any{header, {"城关镇", "石桥村", "村民委员会", 1400, 1300, 5, 5}}},
		sheetData{name: "２０２４年换届", rows: [][]any{header, {"城关镇", "石桥村", "村民委员会", 1500, 1400, 5, 5}}},
	)
	r := mustLoad(t, db, LoadOptions{County: "白水县", Year: 2024}, book)
	if n := ruleCount(r, "year_from_sheet"); n != 2 {
		t.Errorf("year_from_sheet notices: %d, want one per sheet: %v", n, r.Problems)
	}
	wantCount(t, db, 1, `SELECT count(*) FROM elections WHERE year = 2021 AND registered = 1400`, "the 2021 sheet's row")
	wantCount(t, db, 1, `SELECT count(*) FROM elections WHERE year = 2024 AND registered = 1500`, "the 2024 sheet's row")

	both := writeXLSX(t, sheetData{name: "2021-2024年对比", rows: [][]any{header, {"城关镇", "河口村", "村民委员会", 900, 800, 3, 3}}})
	if r, err := load(t, db, LoadOptions{County: "白水县"}, both); err == nil || ruleCount(r, "missing_column") != 1 {
		t.Errorf("a sheet named after two years loaded without 年份: %v", err)
	}
}

// A township's own form often gives each body its sheet (村党组织成员, 村委会选举情况), its title
// (青石镇村委会换届选举情况统计表) or its file (青石镇村党组织换届选举结果.csv) and no 选举类型 column: the
// name gives the body, with a notice; a name that names two bodies, or none, leaves the column missing.
func TestBodyFromSheetOrFileName(t *testing.T) {
	db := openTestDB(t)
	results := []any{"乡镇", "村", "年份", "登记选民数", "参加投票人数", "应选职数", "当选人数"}
	members := []any{"乡镇", "村", "年份", "姓名", "职务", "性别", "年龄", "政治面貌", "学历", "是否连任"}
	book := writeXLSX(t,
		sheetData{name: "村党组织选举情况", rows: [][]any{results, {"青石镇", "上湾村", 2024, 80, 76, 3, 1}}},
		sheetData{name: "村委会选举情况", rows: [][]any{results, {"青石镇", "上湾村", 2024, 1500, 1400, 3, 2}}},
		sheetData{name: "村党组织成员", rows: [][]any{members, {"青石镇", "上湾村", 2024, "王强", "书记", "男", 49, "中共党员", "大专", "是"}}},
		sheetData{name: "村委会成员", rows: [][]any{members,
			{"青石镇", "上湾村", 2024, "王强", "主任", "男", 49, "中共党员", "大专", "是"},
			{"青石镇", "上湾村", 2024, "周九", "委员", "男", 46, "群众", "高中", "否"}}},
	)
	titled := writeXLSX(t, sheetData{name: "Sheet1", rows: [][]any{{"青石镇村委会换届选举情况统计表"}, results, {"青石镇", "下湾村", 2024, 1200, 1100, 3, 3}}})
	csv := filepath.Join(t.TempDir(), "青石镇监委会换届选举结果.csv")
	if err := os.WriteFile(csv, []byte("乡镇,村,年份,登记选民数,参加投票人数,应选职数,当选人数\n青石镇,上湾村,2024,1500,1400,3,3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := mustLoad(t, db, LoadOptions{County: "白水县"}, book, titled, csv)
	if n := ruleCount(r, "body_from_name"); n != 6 {
		t.Errorf("body_from_name notices: %d, want one per sheet (6): %v", n, r.Problems)
	}
	wantCount(t, db, 1, `SELECT count(*) FROM elections WHERE unit = '下湾村' AND body = '村民委员会'`, "the titled sheet's row")
	wantCount(t, db, 1, `SELECT count(*) FROM members WHERE body = '村党组织'`, "members of the party branch's sheet")
	wantCount(t, db, 2, `SELECT count(*) FROM members WHERE body = '村民委员会'`, "members of the committee's sheet")
	wantCount(t, db, 3, `SELECT count(*) FROM elections WHERE unit = '上湾村' AND body IN ('村党组织', '村民委员会', '村务监督委员会')`, "one results row per body")

	both := writeXLSX(t, sheetData{name: "村党组织和村委会", rows: [][]any{results, {"青石镇", "下湾村", 2024, 60, 58, 3, 3}}})
	if r, err := load(t, db, LoadOptions{County: "白水县"}, both); err == nil || ruleCount(r, "missing_column") != 1 {
		t.Errorf("a sheet named after two bodies loaded without 选举类型: %v", err)
	}
}

// A township's wide form (wide.go) is its own in the same ways: no 乡镇(街道) column (its file's name
// gives it) and no 年份 (the load's --year).
func TestWideFormTakesPlacesAndYearAsLongOne(t *testing.T) {
	db := openTestDB(t)
	path := filepath.Join(t.TempDir(), "2024年城南镇村两委换届选举情况统计表.csv")
	if err := os.WriteFile(path, []byte("城南镇村“两委”换届选举情况统计表\n"+
		"序号,村（社区）,村党组织,,,,,村委会,,,,\n"+
		",,应到党员数,实到党员数,应选,候选,当选,登记选民数,参加投票人数,应选,当选\n"+
		"1,石桥村,62,58,5,6,5,1530,1422,5,5\n2,河口村,45,41,3,4,3,980,935,3,3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r, err := load(t, db, LoadOptions{County: "白水县"}, path); err == nil || !slices.ContainsFunc(r.Problems, func(p Problem) bool {
		return p.Rule == "missing_column" && strings.Contains(p.Message, "“年份”") && strings.Contains(p.Message, "--year")
	}) {
		t.Fatalf("a wide form without 年份 loaded without --year, or without saying so: %v", err)
	}
	r := mustLoad(t, db, LoadOptions{County: "白水县", Year: 2024}, path)
	if ruleCount(r, "township_from_title") != 1 { // its title 城南镇村“两委”换届选举情况统计表 names it
		t.Errorf("no township_from_title notice: %v", r.Problems)
	}
	wantCount(t, db, 4, `SELECT count(*) FROM elections WHERE township = '城南镇' AND year = 2024`, "the wide form's elections")
}

// A community's row under a village body (a wide form's 村委会 group over 新华社区) would count the
// community among the villages: warned, not changed, for some villages are called 社区.
func TestUnitBodyMismatchIsWarned(t *testing.T) {
	db := openTestDB(t)
	path := filepath.Join(t.TempDir(), "城南镇.csv")
	if err := os.WriteFile(path, []byte("村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n"+
		"新华社区,2024,村民委员会,2100,1890,5,5\n石桥村,2024,居民委员会,1530,1422,5,5\n河口村,2024,村民委员会,980,935,3,3\n城关社区,2024,居民委员会,3000,2800,5,5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := mustLoad(t, db, LoadOptions{County: "白水县"}, path)
	var units []string
	for _, p := range r.Problems {
		if p.Rule == "unit_body_mismatch" {
			if p.Severity != Warning {
				t.Errorf("unit_body_mismatch is %v, want a warning", p.Severity)
			}
			units = append(units, strings.Split(strings.Split(p.Message, "“")[1], "”")[0])
		}
	}
	if !slices.Equal(units, []string{"新华社区", "石桥村"}) {
		t.Errorf("unit_body_mismatch names %v, want 新华社区 and 石桥村: %v", units, r.Problems)
	}
	wantCount(t, db, 4, `SELECT count(*) FROM elections`, "rows loaded as written")
}

// A 两委成员名册 gives each person one row, the posts in 职务 (党支部书记、村委会主任) and no 选举类型: the
// row stands for a member of each body its posts name, with a notice; a 职务 naming no body is an error
// at its cell, and what a row's cells show is said once however many bodies it stands for.
func TestRosterWithPostsOnly(t *testing.T) {
	header := []any{"序号", "乡镇", "村", "年份", "姓名", "性别", "年龄", "政治面貌", "学历", "职务", "是否连任"}
	book := writeXLSX(t, sheetData{name: "两委成员名册", rows: [][]any{header,
		{1, "青石镇", "上湾村", 2024, "王强", "男", 49, "中共党员", "大专", "党支部书记、村委会主任", "是"},
		{2, "青石镇", "上湾村", 2024, "李芳", "女", 17, "中共党员", "高中", "支委、村委会委员（兼妇联主席）", "否"},
		{3, "青石镇", "城关社区", 2024, "孙八", "女", 39, "中共党员", "本科", "书记、主任", "是"},
	}})
	p := mustParse(t, book)
	sameMembers(t, p, []string{"上湾村 村党组织 王强 书记", "上湾村 村民委员会 王强 主任", "上湾村 村党组织 李芳 委员", "上湾村 村民委员会 李芳 委员",
		"城关社区 社区党组织 孙八 书记", "城关社区 居民委员会 孙八 主任"})
	if n := ruleCount(&Report{Problems: p.Problems}, "body_from_position"); n != 1 {
		t.Errorf("body_from_position notices: %d, want 1: %v", n, p.Problems)
	}
	if n := ruleCount(&Report{Problems: p.Problems}, "age_out_of_range"); n != 1 { // 李芳, 17, stands for two members
		t.Errorf("age_out_of_range problems: %d, want one for the row: %v", n, p.Problems)
	}

	bare := writeXLSX(t, sheetData{name: "两委成员名册", rows: [][]any{header,
		{1, "青石镇", "上湾村", 2024, "郑一", "男", 58, "群众", "小学", "委员", "是"}}})
	if got := rules(mustParse(t, bare), Error); !slices.Equal(got, []string{"post_without_body@J2"}) {
		t.Errorf("a bare 委员: errors %v, want post_without_body@J2", got)
	}
}

// A roster naming the organisation (东山村党支部, 东山村村委会) where the results sheet names the village
// must give one unit, not three, or the draft counts three villages and matches no member to its row.
func TestUnitWrittenWithItsBody(t *testing.T) {
	book := writeXLSX(t,
		sheetData{name: "选举结果", rows: [][]any{resultsHeader,
			resultRow("东山村", "村党组织", 1), resultRow("东山村", "村民委员会", 1), resultRow("城关社区", "居民委员会", 1)}},
		sheetData{name: "当选人员", rows: [][]any{membersHeader,
			memberRow("东山村党支部", "村党组织", "王强", "书记", "男", "1975.03", ""),
			memberRow("东山村村委会", "村民委员会", "王强", "村委会主任", "男", "1975.03", ""),
			memberRow("城关社区居委会", "居民委员会", "李芳", "居委会主任", "女", "1980.06", ""),
			memberRow("城关镇党委", "村民委员会", "赵六", "委员", "男", "1980.06", ""),
		}})
	p := mustParse(t, book)
	var units []string
	for _, m := range p.Members {
		units = append(units, m.Unit)
	}
	if want := []string{"东山村", "东山村", "城关社区", "城关镇党委"}; !slices.Equal(units, want) {
		t.Errorf("members' units %v, want %v", units, want)
	}
	if got := rules(p, Notice); !slices.Contains(got, "unit_body_name@B2") || !slices.Contains(got, "unit_body_name@B3") ||
		!slices.Contains(got, "unit_body_name@B4") || slices.Contains(got, "unit_body_name@B5") {
		t.Errorf("notices %v, want unit_body_name at B2, B3 and B4 only", got)
	}
	for _, pr := range p.Problems {
		if pr.Rule == "no_result_row" && pr.Row < 5 {
			t.Errorf("a member read as its village still finds no results row: %v", pr)
		}
	}
}

// A roster with a 选举类型 column may file the two committees' members under 村两委: their 职务 names the
// bodies, as in a roster without the column; other rows keep their 选举类型.
func TestTwoCommitteesAsBody(t *testing.T) {
	book := writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{membersHeader,
		memberRow("上湾村", "村两委", "王强", "党支部书记、村委会主任", "男", "1975.03", ""),
		memberRow("上湾村", "村“两委”成员", "李芳", "支委", "女", "1980.06", ""),
		memberRow("上湾村", "村务监督委员会", "赵六", "主任", "男", "1970.01", ""),
		memberRow("城关社区", "社區兩委", "孙八", "书记、主任", "女", "1982.02", ""),
		memberRow("上湾村", "村两委", "郑一", "委员", "男", "1966.05", ""),
	}})
	p := mustParse(t, book)
	sameMembers(t, p, []string{"上湾村 村党组织 王强 书记", "上湾村 村民委员会 王强 主任", "上湾村 村党组织 李芳 委员", "上湾村 村务监督委员会 赵六 主任",
		"城关社区 社区党组织 孙八 书记", "城关社区 居民委员会 孙八 主任"})
	if got := rules(p, Notice); !slices.Contains(got, "body_from_position@D2") {
		t.Errorf("notices %v, want body_from_position@D2", got)
	}
	if got := rules(p, Error); !slices.Equal(got, []string{"post_without_body@F6"}) {
		t.Errorf("errors %v, want post_without_body@F6 (a bare 委员 under 村两委)", got)
	}
}

// A roster whose 选举类型 names each person's post with its body (村党支部书记, 村委会主任 — the ballot they
// were elected on), with or without a 职务 column: the body and the post are read from it, the 职务 cell's
// post when it gives one; 村委会委员, which also names the committee, is the post only without a 职务 column.
func TestPostInBody(t *testing.T) {
	header := slices.Clone(membersHeader)
	noPosition := slices.Delete(slices.Clone(header), 5, 6)
	without := func(r []any) []any { return slices.Delete(r, 5, 6) }
	for _, tc := range []struct {
		name   string
		rows   [][]any
		want   []string
		notice string
	}{
		{"without 职务", [][]any{noPosition,
			without(memberRow("上湾村", "村党支部书记", "王强", "", "男", "1975.03", "")),
			without(memberRow("上湾村", "村党支部委员", "李芳", "", "女", "1980.06", "")),
			without(memberRow("上湾村", "村委会主任", "王强", "", "男", "1975.03", "")),
			without(memberRow("上湾村", "村委会委员", "赵六", "", "男", "1970.01", "")),
			without(memberRow("上湾村", "村务监督委员会主任", "郑一", "", "男", "1966.05", "")),
			without(memberRow("城关社区", "社区党委书记、居委会主任", "孙八", "", "女", "1982.02", "")),
		}, []string{"上湾村 村党组织 王强 书记", "上湾村 村党组织 李芳 委员", "上湾村 村民委员会 王强 主任", "上湾村 村民委员会 赵六 委员",
			"上湾村 村务监督委员会 郑一 主任", "城关社区 社区党组织 孙八 书记", "城关社区 居民委员会 孙八 主任"}, "body_names_post@D2"},
		{"with 职务", [][]any{header,
			memberRow("上湾村", "村民委员会", "赵六", "委员", "男", "1970.01", ""),
			memberRow("上湾村", "村委会主任", "王强", "", "男", "1975.03", ""),
			memberRow("上湾村", "村委会委员", "李芳", "副主任", "女", "1980.06", ""),
			memberRow("上湾村", "村党支部书记", "王强", "书记", "男", "1975.03", ""),
		}, []string{"上湾村 村民委员会 赵六 委员", "上湾村 村民委员会 王强 主任", "上湾村 村民委员会 李芳 副主任", "上湾村 村党组织 王强 书记"}, "body_names_post@D3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := mustParse(t, writeXLSX(t, sheetData{name: "当选人员", rows: tc.rows}))
			sameMembers(t, p, tc.want)
			if got := rules(p, Notice); !slices.Contains(got, tc.notice) {
				t.Errorf("notices %v, want %s", got, tc.notice)
			}
			if got := rules(p, Error); len(got) > 0 {
				t.Errorf("errors %v", got)
			}
		})
	}
}

func TestTwoCommitteesValue(t *testing.T) {
	for v, want := range map[string]bool{"两委": true, "村两委": true, "村“两委”": true, "村（社区）两委班子": true, "社區兩委成員": true,
		"村党组织": false, "村委会": false, "两委会": false, "": false} {
		if got := twoCommitteesValue(v); got != want {
			t.Errorf("twoCommitteesValue(%q) = %v, want %v", v, got, want)
		}
	}
}

// sameMembers fails unless p's members are want, each as "unit body name position", in order.
func sameMembers(t *testing.T, p *Parsed, want []string) {
	t.Helper()
	var got []string
	for _, m := range p.Members {
		got = append(got, m.Unit+" "+m.Body+" "+m.Name+" "+m.Position)
	}
	if !slices.Equal(got, want) {
		t.Errorf("members:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A 选举日期 written without its year (4月2日), as a form whose title gives the year has it, is of the
// row's 年份 with one notice; a day that is not in that year is an error at the cell.
func TestElectionDateWithoutYear(t *testing.T) {
	row := func(unit, date string) []any {
		r := resultRow(unit, "村民委员会", 5)
		r[len(r)-1] = date
		return r
	}
	book := writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{resultsHeader,
		row("东山村", "4月2日"), row("西河村", "4月3号"), row("南岭村", "2月30日")}})
	p := mustParse(t, book)
	var dates []string
	for _, r := range p.Results {
		if r.Date != nil {
			dates = append(dates, r.Date.Format("2006-01-02"))
		}
	}
	if want := []string{"2024-04-02", "2024-04-03"}; !slices.Equal(dates, want) {
		t.Errorf("dates %v, want %v", dates, want)
	}
	if got := rules(p, Notice); !slices.Contains(got, "date_from_year@M2") || slices.Contains(got, "date_from_year@M3") {
		t.Errorf("notices %v, want date_from_year at M2 only", got)
	}
	if got := rules(p, Error); !slices.Equal(got, []string{"wrong_type@M4"}) {
		t.Errorf("errors %v, want wrong_type@M4 (2月30日)", got)
	}
}

// A 选举日期 giving a range of days is read as its first day, with a notice at the cell naming both; a
// range that does not end after its start within a month is refused as any other date.
func TestElectionDateRange(t *testing.T) {
	dates := []string{"2024.03.15-16", "2024年3月15日至16日", "3月15日—3月17日", "2024-03-15～2024-03-16", "2024/3/15-3/16",
		"2024.03.15-14", "2024.03.15-2024.05.16", "2024-03-15"}
	rows := [][]any{resultsHeader}
	for i, d := range dates {
		r := resultRow(fmt.Sprintf("村%d", i), "村民委员会", 5)
		r[len(r)-1] = d
		rows = append(rows, r)
	}
	p := mustParse(t, writeXLSX(t, sheetData{name: "选举结果", rows: rows}))
	var got []string
	for _, r := range p.Results {
		if r.Date != nil {
			got = append(got, r.Date.Format("2006-01-02"))
		}
	}
	if want := []string{"2024-03-15", "2024-03-15", "2024-03-15", "2024-03-15", "2024-03-15", "2024-03-15"}; !slices.Equal(got, want) {
		t.Errorf("dates %v, want %v", got, want)
	}
	if got := rules(p, Notice); !slices.Equal(got, []string{"date_range@M2", "date_range@M3", "date_range@M4", "date_range@M5", "date_range@M6"}) {
		t.Errorf("notices %v, want date_range at M2 to M6", got)
	}
	if got := rules(p, Error); !slices.Equal(got, []string{"wrong_type@M7", "wrong_type@M8"}) {
		t.Errorf("errors %v, want wrong_type at M7 (ends before it starts) and M8 (two months)", got)
	}
	for _, pr := range p.Problems {
		if pr.Rule == "date_range" && pr.Row == 3 {
			if want := "选举日期(M3)“2024年3月15日至16日”是 2024-03-15 至 2024-03-16 几天：按第一天 2024-03-15 计(当选人员的年龄等按这一天计算)；如选举在另一天，请填写那一天"; pr.Message != want {
				t.Errorf("notice:\n got %s\nwant %s", pr.Message, want)
			}
		}
	}
}

// A blank 县(市、区) with no --county is the county the folder (or the title, the sheet's or the file's
// name) names, with a notice per sheet; --county wins over it, and a name naming none leaves the rule above.
func TestBlankCountyFromNames(t *testing.T) {
	db := openTestDB(t)
	results, members := submission{county: "", township: "东镇", units: fourVillages}.write(t, filepath.Join(t.TempDir(), "白水县", "东镇"))
	r := mustLoad(t, db, LoadOptions{}, results, members)
	if n := ruleCount(r, "county_from_name"); n != 2 {
		t.Errorf("county_from_name notices %d, want one per file: %v", n, r.Problems)
	}
	wantCount(t, db, 8, `SELECT count(*) FROM elections WHERE county = '白水县' AND township = '东镇'`, "东镇 under the folder's county")

	book := writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{{"青山县西镇2024年村级换届选举结果统计表"}, resultsHeader,
		resultRow("石桥村", "村民委员会", 5)}})
	p, err := ParseFile(book, ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Results) != 1 || p.Results[0].County != "青山县" {
		t.Errorf("results %+v, want one under the title's 青山县", p.Results)
	}
	if p, err = ParseFile(book, ParseOptions{County: "白水县"}); err != nil || p.Results[0].County != "白水县" {
		t.Errorf("with --county: %+v, %v; want 白水县", p.Results, err)
	}
	if got := rules(p, Warning); !slices.Contains(got, "title_county_mismatch@A1") {
		t.Errorf("with --county 白水县 under a title naming 青山县: warnings %v, want title_county_mismatch@A1", got)
	}
	if p, err = ParseFile(book, ParseOptions{County: "青山縣"}); err != nil || slices.Contains(rules(p, Warning), "title_county_mismatch@A1") {
		t.Errorf("with --county naming the title's county in the other script: %v, %v; want no warning", err, rules(p, Warning))
	}
}

// Place cells written once over a group of rows — a CSV saved from merged cells, or cells unmerged — are
// read as the value above, with one notice per column; a blank with nothing above stays missing.
func TestBlankPlacesFilledDown(t *testing.T) {
	r := func(township, unit, body string, year any) []any {
		row := resultRow(unit, body, 5)
		row[0], row[2] = township, year
		return row
	}
	book := writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{resultsHeader,
		r("城关镇", "东山村", "村党组织", 2024), r("", "", "村民委员会", ""), r("", "", "村务监督委员会", ""),
		r("", "西河村", "村党组织", ""), r("", "", "村民委员会", "")}})
	p := mustParse(t, book)
	var got []string
	for _, x := range p.Results {
		got = append(got, fmt.Sprintf("%s %s %d %s", x.Township, x.Unit, x.Year, x.Body))
	}
	want := []string{"城关镇 东山村 2024 村党组织", "城关镇 东山村 2024 村民委员会", "城关镇 东山村 2024 村务监督委员会",
		"城关镇 西河村 2024 村党组织", "城关镇 西河村 2024 村民委员会"}
	if !slices.Equal(got, want) {
		t.Errorf("results %v, want %v", got, want)
	}
	if got := rules(p, Notice); !slices.Contains(got, "filled_down@A3") || !slices.Contains(got, "filled_down@B3") ||
		!slices.Contains(got, "filled_down@C3") || slices.Contains(got, "filled_down@B6") {
		t.Errorf("notices %v, want filled_down at A3, B3 and C3, once per column", got)
	}
	if got := rules(p, Error); len(got) != 0 {
		t.Errorf("errors %v", got)
	}

	// A members CSV saved from a sheet with 村 and 选举类型 merged over each body's members.
	csv := filepath.Join(t.TempDir(), "当选人员.csv")
	text := "乡镇,村,年份,选举类型,姓名,职务,性别,出生年月,政治面貌,学历,是否连任\n" +
		"城关镇,东山村,2024,村党组织,王强,书记,男,1975.03,中共党员,高中,是\n" +
		",,,,李芳,委员,女,1980.06,中共党员,高中,否\n" +
		",,,村民委员会,王强,主任,男,1975.03,中共党员,高中,是\n"
	if err := os.WriteFile(csv, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	p = mustParse(t, csv)
	sameMembers(t, p, []string{"东山村 村党组织 王强 书记", "东山村 村党组织 李芳 委员", "东山村 村民委员会 王强 主任"})

	// A results sheet grouped by body: 选举类型 written once over its villages (a CSV saved from merged cells).
	grouped := filepath.Join(t.TempDir(), "grouped.csv")
	if err := os.WriteFile(grouped, []byte("乡镇,选举类型,村,年份,登记选民数,参加投票人数,应选职数,当选人数\n"+
		"城关镇,村委会,东山村,2024,1200,1100,3,3\n,,西河村,2024,800,700,3,3\n,村党组织,东山村,2024,50,48,3,3\n,,西河村,2024,40,39,3,3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p = mustParse(t, grouped)
	var bodies []string
	for _, r := range p.Results {
		bodies = append(bodies, r.Unit+" "+r.Body)
	}
	if want := []string{"东山村 村民委员会", "西河村 村民委员会", "东山村 村党组织", "西河村 村党组织"}; !slices.Equal(bodies, want) || len(rules(p, Error)) > 0 {
		t.Errorf("grouped by body: %v, errors %v; want %v", bodies, rules(p, Error), want)
	}

	first := writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{resultsHeader, r("城关镇", "", "村党组织", 2024)}})
	if got := rules(mustParse(t, first), Error); !slices.Equal(got, []string{"missing_value@B2"}) {
		t.Errorf("a blank 村 with nothing above: errors %v, want missing_value@B2", got)
	}

	// A blank 乡镇 with nothing above it under a title naming the township is the title's; without a
	// title it stays missing.
	titled := writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{{"城关镇2024年村级换届选举结果统计表"}, resultsHeader,
		r("", "东山村", "村党组织", 2024), r("", "西河村", "村党组织", 2024)}})
	p = mustParse(t, titled)
	if errs := rules(p, Error); len(errs) > 0 || len(p.Results) != 2 || p.Results[0].Township != "城关镇" || p.Results[1].Township != "城关镇" {
		t.Errorf("blank 乡镇 under a title naming 城关镇: errors %v, results %+v; want both rows in 城关镇", errs, p.Results)
	}
	if notices := rules(p, Notice); !slices.Contains(notices, "township_from_title@A3") {
		t.Errorf("notices %v, want township_from_title@A3", notices)
	}
	untitled := writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{resultsHeader, r("", "东山村", "村党组织", 2024)}})
	if got := rules(mustParse(t, untitled), Error); !slices.Equal(got, []string{"missing_value@A2"}) {
		t.Errorf("a blank 乡镇 with nothing above nor a title: errors %v, want missing_value@A2", got)
	}
}

// A 代表构成 with a remark in brackets (农民（含村干部）, 工人(含农民工)) is the group it names.
func TestCategoryWithRemark(t *testing.T) {
	header := []any{"乡镇", "选区", "年份", "选举类型", "姓名", "性别", "出生年月", "政治面貌", "学历", "是否连任", "代表构成"}
	book := writeXLSX(t, sheetData{name: "代表名册", rows: [][]any{header,
		{"城关镇", "第一选区", 2024, "乡级人大代表", "张三", "男", "1975.03", "中共党员", "大专", "是", "农民（含村干部）"},
		{"城关镇", "第一选区", 2024, "乡级人大代表", "李芳", "女", "1980.06", "群众", "高中", "否", "工人(含农民工)"},
		{"城关镇", "第二选区", 2024, "乡级人大代表", "王五", "男", "1970.01", "群众", "高中", "否", "村民小组长（备注）"},
	}})
	p := mustParse(t, book)
	var got []string
	for _, m := range p.Members {
		got = append(got, m.Category)
	}
	if want := []string{"农民", "工人", ""}; !slices.Equal(got, want) {
		t.Errorf("categories %v, want %v", got, want)
	}
	if got := rules(p, Error); !slices.Equal(got, []string{"bad_enum@K4"}) {
		t.Errorf("errors %v, want bad_enum@K4 only", got)
	}
}

// A roster without 是否连任 (many 人大代表名册 and 党代会 rosters leave it out) loads: the 连任 and 新当选
// figures are then left out (analytics counts them over the members who gave it), not the whole roster.
func TestRosterWithoutReelected(t *testing.T) {
	header := []any{"乡镇", "村", "年份", "选举类型", "姓名", "职务", "性别", "出生年月", "政治面貌", "学历"}
	book := writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{header,
		{"城关镇", "第一选区", 2024, "乡级人大代表", "张三", "代表", "男", "1975.03", "中共党员", "大专"}}})
	p := mustParse(t, book)
	if got := rules(p, Error); len(got) != 0 {
		t.Fatalf("errors %v", got)
	}
	if len(p.Members) != 1 || p.Members[0].Reelected != nil {
		t.Errorf("members %+v, want one whose 连任 is not known", p.Members)
	}
}

// A roster asking 是否新任 instead of 是否连任: its 是 is a newcomer (not re-elected), its 否 re-elected;
// the words 连任 and 新任 keep their meaning.
func TestNewcomerColumn(t *testing.T) {
	header := slices.Clone(membersHeader)
	header[11] = "是否新任"
	row := func(name, answer string) []any {
		r := memberRow("上湾村", "村民委员会", name, "委员", "男", "1975.03", "")
		r[11] = answer
		return r
	}
	p := mustParse(t, writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{header,
		row("王强", "是"), row("李芳", "否"), row("赵六", "连任"), row("孙八", "新任"), row("郑一", "√")}}))
	var got []string
	for _, m := range p.Members {
		got = append(got, fmt.Sprintf("%s %v", m.Name, *m.Reelected))
	}
	if want := []string{"王强 false", "李芳 true", "赵六 true", "孙八 false", "郑一 false"}; !slices.Equal(got, want) {
		t.Errorf("reelected %v, want %v", got, want)
	}
}
