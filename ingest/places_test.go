package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// placesFile is one workbook of a run of TestPlacesMatchAcrossFiles.
type placesFile struct {
	name   string
	sheets []sheetData
}

var (
	placesResultsHeader = []any{"县(市、区)", "乡镇(街道)", "村(社区)", "年份", "选举类型", "登记选民数", "参加投票人数", "应选职数", "当选人数"}
	placesRosterHeader  = []any{"县(市、区)", "乡镇(街道)", "村(社区)", "年份", "选举类型", "姓名", "职务", "性别", "出生年月", "政治面貌", "学历"}
	// the 选区情况 of the people's congress without 登记选民, and the 选民登记 table that gives it
	placesDistrictHeader     = []any{"县(市、区)", "乡镇(街道)", "选区", "年份", "选举类型", "参加投票人数", "应选代表名额", "当选代表数"}
	placesRegistrationHeader = []any{"县(市、区)", "乡镇(街道)", "选区", "年份", "总人口", "18周岁以上人口", "登记选民数"}
)

func placesResults(rows ...[]any) sheetData {
	return sheetData{name: "选举结果", rows: append([][]any{placesResultsHeader}, rows...)}
}

func placesRoster(rows ...[]any) sheetData {
	return sheetData{name: "当选人员", rows: append([][]any{placesRosterHeader}, rows...)}
}

// placesResult is a 村民委员会 results row of 2024 electing two (body to change it).
func placesResult(county, township, unit string, body ...string) []any {
	b := "村民委员会"
	if len(body) > 0 {
		b = body[0]
	}
	return []any{county, township, unit, 2024, b, 1200, 1100, 2, 2}
}

// placesMember is a member of a 村民委员会 of 2024 (body to change it: a 村党组织's is its 书记).
func placesMember(county, township, unit, name string, body ...string) []any {
	b, post := "村民委员会", "主任"
	if len(body) > 0 {
		b, post = body[0], "书记"
	}
	return []any{county, township, unit, 2024, b, name, post, "男", "1975.03", "中共党员", "高中"}
}

// A roster or a 选民登记 table in another file than its results (or above them in its file) naming a place
// shorter, longer or by its number written another way is read as the results' place, with a notice per
// name and file saying where; the draft then counts the places once. The safety rules of the rule within a
// file hold across files: names ending in different words never match, a bare name two places share stays
// as written, a place of another county is another place, and results rows keep their own names.
func TestPlacesMatchAcrossFiles(t *testing.T) {
	results := placesFile{"选举结果.xlsx", []sheetData{placesResults(
		placesResult("青山县", "青石镇", "东山村"), placesResult("青山县", "青石镇", "西河村"))}}
	district := placesFile{"选区情况.xlsx", []sheetData{{name: "选区情况", rows: [][]any{placesDistrictHeader,
		{"青山县", "青石镇", "第一选区", 2026, "乡级人大代表", 1400, 2, 2},
		{"青山县", "青石镇", "东山村", 2026, "村民委员会", 700, 1, 1}}}}}
	registration := func(name string, rows ...[]any) placesFile {
		return placesFile{name, []sheetData{{name: "选民登记", rows: append([][]any{placesRegistrationHeader}, rows...)}}}
	}
	cases := []struct {
		name  string
		files []placesFile
		// parsed: the files read one by one (ParseFile) and loaded together (loadParsed) give the same
		parsed bool
		// earlier files of files are loaded by a run of their own first (their places are the database's)
		earlier            int
		elections, members string // township/unit/body of elections; township/unit/name of members
		notices, warnings  []string
		townships, units   int
		registered         string // unit registered, for the 选民登记 cases
		noticeSays         string // in the first notice's message
	}{{
		name: "roster file", parsed: true,
		files: []placesFile{results, {"当选人员名单.xlsx", []sheetData{placesRoster(
			placesMember("青山县", "青石", "东山", "张三"), placesMember("青山县", "青石", "东山", "李四"),
			placesMember("青山县", "青石", "西河村", "王五"), placesMember("青山县", "青石", "西河村", "赵六"))}}},
		elections: "青石镇/东山村/村民委员会 青石镇/西河村/村民委员会",
		members:   "青石镇/东山村/张三 青石镇/东山村/李四 青石镇/西河村/王五 青石镇/西河村/赵六",
		notices:   []string{"place_matched@当选人员名单.xlsx:当选人员!A2:乡镇(街道)", "place_matched@当选人员名单.xlsx:当选人员!A2:村(社区)"},
		townships: 1, units: 2,
		noticeSays: "读作文件 %s 的选举结果表中的“青石镇”",
	}, {
		name: "roster file in Traditional", parsed: true,
		files: []placesFile{results, {"當選人員名單.xlsx", []sheetData{placesRoster(
			placesMember("青山縣", "青石", "東山", "張三"), placesMember("青山縣", "青石", "東山", "李四"),
			placesMember("青山縣", "青石鎮", "西河", "王五"), placesMember("青山縣", "青石鎮", "西河", "趙六"))}}},
		elections: "青石镇/东山村/村民委员会 青石镇/西河村/村民委员会",
		members:   "青石镇/东山村/張三 青石镇/东山村/李四 青石镇/西河村/王五 青石镇/西河村/趙六",
		notices: []string{"place_matched@當選人員名單.xlsx:当选人员!A2:乡镇(街道)", "place_matched@當選人員名單.xlsx:当选人员!A2:村(社区)",
			"place_matched@當選人員名單.xlsx:当选人员!A4:村(社区)"},
		townships: 1, units: 2,
	}, {
		// the county rule gives the roster the county of the township it is read as
		name: "roster without a county", parsed: true,
		files: []placesFile{results, {"当选人员名单.xlsx", []sheetData{withoutCounty(placesRoster(
			placesMember("", "青石", "东山", "张三"), placesMember("", "青石", "东山", "李四")))}}},
		elections: "青石镇/东山村/村民委员会 青石镇/西河村/村民委员会",
		members:   "青石镇/东山村/张三 青石镇/东山村/李四",
		notices:   []string{"place_matched@当选人员名单.xlsx:当选人员!A2:乡镇(街道)", "place_matched@当选人员名单.xlsx:当选人员!A2:村(社区)"},
		townships: 1, units: 2,
	}, {
		name: "roster above its results",
		files: []placesFile{{"青石镇.xlsx", []sheetData{placesRoster(placesMember("青山县", "青石镇", "东山", "张三")),
			placesResults(placesResult("青山县", "青石镇", "东山村")),
			{name: "补报人员", rows: placesRoster(placesMember("青山县", "青石镇", "东山", "李四")).rows}}}},
		elections: "青石镇/东山村/村民委员会",
		members:   "青石镇/东山村/张三 青石镇/东山村/李四",
		notices:   []string{"place_matched@青石镇.xlsx:补报人员!A2:村(社区)"}, // once per name and file
		townships: 1, units: 1,
		noticeSays: "读作本文件选举结果表中的“东山村”",
	}, {
		name: "different words, another county", parsed: true,
		files: []placesFile{{"选举结果.xlsx", []sheetData{placesResults(
			placesResult("青山县", "青石镇", "东山社区", "居民委员会"), placesResult("绿水县", "白石乡", "南岭村"))}},
			{"当选人员名单.xlsx", []sheetData{placesRoster(
				placesMember("青山县", "青石镇", "东山村", "张三"), placesMember("青山县", "青石乡", "东山社区", "李四"),
				placesMember("青山县", "白石", "南岭村", "王五"))}}},
		elections: "白石乡/南岭村/村民委员会 青石镇/东山社区/居民委员会",
		members:   "白石/南岭村/王五 青石乡/东山社区/李四 青石镇/东山村/张三",
		warnings:  []string{"no_result_row@当选人员名单.xlsx:当选人员!A2:", "no_result_row@当选人员名单.xlsx:当选人员!A3:", "no_result_row@当选人员名单.xlsx:当选人员!A4:"},
		townships: 4, units: 5,
	}, {
		name: "a bare name two places share",
		files: []placesFile{results, {"社区选举结果.xlsx", []sheetData{placesResults(placesResult("青山县", "青石镇", "东山社区", "居民委员会"))}},
			{"当选人员名单.xlsx", []sheetData{placesRoster(placesMember("青山县", "青石镇", "东山", "张三"))}}},
		elections:  "青石镇/东山村/村民委员会 青石镇/东山社区/居民委员会 青石镇/西河村/村民委员会",
		members:    "青石镇/东山/张三",
		notices:    []string{"place_ambiguous@当选人员名单.xlsx:当选人员!A2:村(社区)"},
		warnings:   []string{"no_result_row@当选人员名单.xlsx:当选人员!A2:"},
		noticeSays: "村(社区)(C2)“东山”可能是选举结果表中的“东山村”“东山社区”中的任何一个",
		townships:  1, units: 4,
	}, {
		// the roster, read first, writes 青石鎮: its rows are respelled once every file is read, and its
		// whole-file checks run again; the notice stays
		name: "a bare name two places share, respelled",
		files: []placesFile{{"a当选人员.xlsx", []sheetData{placesRoster(placesMember("青山县", "青石鎮", "东山", "张三"))}},
			{"社区选举结果.xlsx", []sheetData{placesResults(placesResult("青山县", "青石镇", "东山社区", "居民委员会"))}}, results},
		elections: "青石镇/东山村/村民委员会 青石镇/东山社区/居民委员会 青石镇/西河村/村民委员会",
		members:   "青石镇/东山/张三",
		notices:   []string{"place_ambiguous@a当选人员.xlsx:当选人员!A2:村(社区)"},
		warnings:  []string{"no_result_row@a当选人员.xlsx:当选人员!A2:"},
		townships: 1, units: 4,
	}, {
		name: "results files keep their names", parsed: true,
		files:     []placesFile{results, {"党组织选举结果.xlsx", []sheetData{placesResults(placesResult("青山县", "青石", "西河", "村党组织"))}}},
		elections: "青石/西河/村党组织 青石镇/东山村/村民委员会 青石镇/西河村/村民委员会",
		townships: 2, units: 3,
	}, {
		name: "roster after its results", earlier: 1,
		files: []placesFile{results, {"当选人员名单.xlsx", []sheetData{placesRoster(
			placesMember("青山县", "青石", "东山", "张三"), placesMember("青山县", "青石", "东山", "李四"))}}},
		elections: "青石镇/东山村/村民委员会 青石镇/西河村/村民委员会",
		members:   "青石镇/东山村/张三 青石镇/东山村/李四",
		notices:   []string{"place_matched@当选人员名单.xlsx:当选人员!A2:乡镇(街道)", "place_matched@当选人员名单.xlsx:当选人员!A2:村(社区)"},
		townships: 1, units: 1,
		noticeSays: "读作数据库中已导入的选举结果表中的“青石镇”",
	}, {
		// 东山 is a place of the database's results (its party branch's), though the run's results of the
		// township name only 东山村
		name: "a place loaded as written", earlier: 1,
		files: []placesFile{{"党组织选举结果.xlsx", []sheetData{placesResults(placesResult("青山县", "青石镇", "东山", "村党组织"))}},
			results, {"当选人员名单.xlsx", []sheetData{placesRoster(
				placesMember("青山县", "青石镇", "东山", "张三", "村党组织"), placesMember("青山县", "青石镇", "东山", "李四", "村党组织"))}}},
		elections: "青石镇/东山/村党组织 青石镇/东山村/村民委员会 青石镇/西河村/村民委员会",
		members:   "青石镇/东山/张三 青石镇/东山/李四",
		townships: 1, units: 3,
	}, {
		name: "registration file",
		files: []placesFile{district, registration("选民登记.xlsx",
			[]any{"青山县", "青石镇", "第1选区", 2026, 2000, 1600, 1500}, []any{"青山县", "青石", "东山", 2026, 1000, 800, 750})},
		elections: "青石镇/东山村/村民委员会 青石镇/第一选区/乡级人大代表",
		notices: []string{"place_matched@选民登记.xlsx:选民登记!A2:选区", "place_matched@选民登记.xlsx:选民登记!A3:乡镇(街道)",
			"place_matched@选民登记.xlsx:选民登记!A3:选区"},
		townships: 1, units: 2,
		registered: "东山村 750 第一选区 1500",
		noticeSays: "“第1选区”读作文件 %s 的选举结果表中的“第一选区”",
	}, {
		name: "registration file in Traditional",
		files: []placesFile{district, registration("選民登記.xlsx",
			[]any{"青山縣", "青石鎮", "第1選區", 2026, 2000, 1600, 1500}, []any{"青山縣", "青石鎮", "東山", 2026, 1000, 800, 750})},
		elections: "青石镇/东山村/村民委员会 青石镇/第一选区/乡级人大代表",
		notices:   []string{"place_matched@選民登記.xlsx:选民登记!A2:选区", "place_matched@選民登記.xlsx:选民登记!A3:选区"},
		townships: 1, units: 2,
		registered: "东山村 750 第一选区 1500",
		noticeSays: "“第1選區”读作文件 %s 的选举结果表中的“第一选区”",
	}, {
		name: "registration sheet below its results",
		files: []placesFile{{"青石镇人大.xlsx", []sheetData{district.sheets[0], registration("", []any{"青山县", "青石镇", "第1选区", 2026, 2000, 1600, 1500},
			[]any{"青山县", "青石镇", "东山", 2026, 1000, 800, 750}).sheets[0]}}},
		elections: "青石镇/东山村/村民委员会 青石镇/第一选区/乡级人大代表",
		notices:   []string{"place_matched@青石镇人大.xlsx:选民登记!A2:选区", "place_matched@青石镇人大.xlsx:选民登记!A3:选区"},
		townships: 1, units: 2,
		registered: "东山村 750 第一选区 1500",
		noticeSays: "读作本文件选举结果表中的“第一选区”",
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			var paths []string
			for _, f := range c.files {
				paths = append(paths, writeXLSXAt(t, dir, f.name, f.sheets...))
			}
			check := func(t *testing.T, r *Report, err error, db *sql.DB) {
				t.Helper()
				if err != nil {
					t.Fatalf("load: %v\n%s", err, registrationFigures(r))
				}
				if got := placesText(t, db, `SELECT township || '/' || unit || '/' || body FROM elections ORDER BY 1`); got != c.elections {
					t.Errorf("elections %q, want %q", got, c.elections)
				}
				if got := placesText(t, db, `SELECT township || '/' || unit || '/' || name FROM members ORDER BY 1`); got != c.members {
					t.Errorf("members %q, want %q", got, c.members)
				}
				if c.registered != "" {
					if got := placesText(t, db, `SELECT unit || ' ' || registered FROM elections ORDER BY 1`); got != c.registered {
						t.Errorf("registered %q, want %q", got, c.registered)
					}
				}
				if got := placesProblems(r, Notice); !slices.Equal(got, c.notices) {
					t.Errorf("notices %v, want %v\n%s", got, c.notices, registrationFigures(r))
				}
				if got := placesProblems(r, Warning); !slices.Equal(got, c.warnings) {
					t.Errorf("warnings %v, want %v\n%s", got, c.warnings, registrationFigures(r))
				}
				if r.Townships != c.townships || r.Units != c.units {
					t.Errorf("%d townships, %d units; want %d and %d", r.Townships, r.Units, c.townships, c.units)
				}
				if c.noticeSays != "" {
					want := c.noticeSays
					if strings.Contains(want, "%s") {
						want = fmt.Sprintf(want, paths[0])
					}
					if i := slices.IndexFunc(r.Problems, func(p Problem) bool { return strings.HasPrefix(p.Rule, "place_") }); i < 0 || !strings.Contains(r.Problems[i].Message, want) {
						t.Errorf("first notice %+v does not say %s", r.Problems[max(i, 0)], want)
					}
				}
			}
			db := openTestDB(t)
			if c.earlier > 0 {
				mustLoad(t, db, LoadOptions{}, paths[:c.earlier]...)
			}
			r, err := load(t, db, LoadOptions{Workers: 1}, paths[c.earlier:]...)
			check(t, r, err, db)
			if !c.parsed {
				return
			}
			t.Run("parsed", func(t *testing.T) {
				var parsed []*Parsed
				for _, p := range paths {
					pf, err := ParseFile(p, ParseOptions{})
					if err != nil {
						t.Fatal(err)
					}
					parsed = append(parsed, pf)
				}
				db := openTestDB(t)
				r, err := loadParsed(context.Background(), db, parsed, LoadOptions{Now: fixedNow})
				check(t, r, err, db)
			})
		})
	}
}

// withoutCounty is sheet without its first column, 县(市、区).
func withoutCounty(sheet sheetData) sheetData {
	out := sheetData{name: sheet.name}
	for _, r := range sheet.rows {
		out.rows = append(out.rows, r[1:])
	}
	return out
}

// placesText is a query's one column, its rows joined by spaces.
func placesText(t *testing.T, db *sql.DB, q string) string {
	t.Helper()
	return strings.Join(strings.Fields(queryText(t, db, q)), " ")
}

// placesProblems lists a report's problems of a severity as rule@file:sheet!row:column, in order.
func placesProblems(r *Report, sev Severity) []string {
	var out []string
	for _, p := range r.Problems {
		if p.Severity == sev {
			out = append(out, fmt.Sprintf("%s@%s:%s!A%d:%s", p.Rule, filepath.Base(p.File), p.Sheet, p.Row, p.Column))
		}
	}
	slices.Sort(out)
	return out
}
