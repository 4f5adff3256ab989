package ingest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// submission writes one township's 2024 election as two CSV files, the way a village that submits by
// CSV sends it: 选举结果.csv (4 villages × 村党组织 and 村民委员会 = 8 elections) and 当选人员.csv (3 people
// per election, the 书记 of each 村党组织 also 主任 of its 村民委员会). units renames villages; withID
// fills 身份证号. Both files are written to dir, which is returned.
type submission struct {
	county   string // the 县(市、区) column; "" leaves it blank
	township string
	units    []string
	withID   bool
}

func (s submission) write(t *testing.T, dir string) (results, members string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var r, m strings.Builder
	r.WriteString("县(市、区),乡镇(街道),村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数,选举日期\n")
	m.WriteString("县(市、区),乡镇(街道),村(社区),年份,选举类型,姓名,职务,性别,出生年月,政治面貌,学历,是否连任,身份证号\n")
	for u, unit := range s.units {
		for b, body := range []string{"村党组织", "村民委员会"} {
			fmt.Fprintf(&r, "%s,%s,%s,2024,%s,%d,%d,3,3,2024-03-15\n", s.county, s.township, unit, body, 300+u, 280+u)
			for i, pos := range [][2]string{{"书记", "主任"}, {"委员", "委员"}, {"委员", "委员"}} {
				name := fmt.Sprintf("%s%d号", unit, i)
				if i > 0 {
					name = fmt.Sprintf("%s%s%d号", unit, body[:3], i)
				}
				birth := fmt.Sprintf("19%d0%d", 60+i, u+1)
				id := ""
				if s.withID {
					id = makeIDSeq(birth+"15", u*10+i+b*5*(min(i, 1)), true)
				}
				fmt.Fprintf(&m, "%s,%s,%s,2024,%s,%s,%s,男,%s.%s,中共党员,高中,是,%s\n", s.county, s.township, unit, body,
					name, pos[b], birth[:4], birth[4:], id)
			}
		}
	}
	results, members = filepath.Join(dir, "选举结果.csv"), filepath.Join(dir, "当选人员.csv")
	for path, text := range map[string]string{results: r.String(), members: m.String()} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return results, members
}

var fourVillages = []string{"河岭村", "石桥村", "青山村", "东坡村"}

func load(t *testing.T, db *sql.DB, opts LoadOptions, paths ...string) (*Report, error) {
	t.Helper()
	if opts.Now == nil {
		opts.Now = fixedNow
	}
	return Load(context.Background(), db, paths, opts)
}

func mustLoad(t *testing.T, db *sql.DB, opts LoadOptions, paths ...string) *Report {
	t.Helper()
	r, err := load(t, db, opts, paths...)
	if err != nil {
		t.Fatalf("load %v: %v\n%s", paths, err, r.Summary())
	}
	return r
}

// Issue 8.1: loaded in one run, both CSV files were rejected as "同一选举只能由一个文件提交".
func TestResultsAndMembersInTwoFilesOneRun(t *testing.T) {
	db := openTestDB(t)
	results, members := submission{county: "青山县", township: "东镇", units: fourVillages}.write(t, t.TempDir())
	r := mustLoad(t, db, LoadOptions{}, results, members)
	if r.Loaded != 2 {
		t.Fatalf("loaded %d files, want 2\n%s", r.Loaded, r.Summary())
	}
	wantCount(t, db, 8, `SELECT count(*) FROM elections`, "elections")
	wantCount(t, db, 24, `SELECT count(*) FROM members`, "members")
	wantCount(t, db, 0, `SELECT count(*) FROM data_warnings`, "data_warnings")
}

// Issue 8.1: loaded in two runs, the members file silently deleted the results loaded before.
func TestMembersFileKeepsResultsOfEarlierRun(t *testing.T) {
	db := openTestDB(t)
	results, members := submission{county: "青山县", township: "东镇", units: fourVillages}.write(t, t.TempDir())
	mustLoad(t, db, LoadOptions{}, results)
	r := mustLoad(t, db, LoadOptions{}, members)
	wantCount(t, db, 8, `SELECT count(*) FROM elections`, "elections")
	wantCount(t, db, 24, `SELECT count(*) FROM members`, "members")
	for _, p := range r.Problems {
		if p.Rule == "no_result_row" {
			t.Errorf("members whose results are in the database were warned: %s", p)
		}
	}
	// Loading the members again (corrected) says it replaced members and left results alone.
	if err := os.WriteFile(members, append(must(os.ReadFile(members)), []byte("\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	r = mustLoad(t, db, LoadOptions{}, members)
	if s := r.Summary(); !strings.Contains(s, "替换了此前导入的当选人员 24 行(本文件只有当选人员，选举结果未动)") {
		t.Errorf("summary does not say which table was replaced:\n%s", s)
	}
	wantCount(t, db, 8, `SELECT count(*) FROM elections`, "elections")
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// Two files of one run clash only when they carry the same table for the same election.
func TestSameTableInTwoFilesClashes(t *testing.T) {
	db := openTestDB(t)
	dir := t.TempDir()
	results, _ := submission{county: "青山县", township: "东镇", units: fourVillages}.write(t, dir)
	copyPath := filepath.Join(dir, "选举结果(副本).csv")
	data := must(os.ReadFile(results))
	if err := os.WriteFile(copyPath, append(data, []byte("\n\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := load(t, db, LoadOptions{}, results, copyPath)
	var pe *ProblemsError
	if !errors.As(err, &pe) || r.Rejected != 2 {
		t.Fatalf("err %v, report %+v", err, r)
	}
	if !strings.Contains(r.Problems[0].Message, "同一选举的选举结果只能由一个文件提交") {
		t.Errorf("message %q", r.Problems[0].Message)
	}
}

// A members file whose elections have no results row anywhere keeps today's warning.
func TestMembersWithoutResultsAnywhereWarn(t *testing.T) {
	db := openTestDB(t)
	_, members := submission{county: "青山县", township: "东镇", units: fourVillages}.write(t, t.TempDir())
	r := mustLoad(t, db, LoadOptions{}, members)
	n := 0
	for _, p := range r.Problems {
		if p.Rule == "no_result_row" && p.Severity == Warning {
			n++
		}
	}
	if n != 8 {
		t.Errorf("no_result_row warnings %d, want 8 (one per election)\n%v", n, r.Problems)
	}
	wantCount(t, db, 8, `SELECT count(*) FROM data_warnings WHERE rule = 'no_result_row'`, "stored no_result_row warnings")
	// The results arrive later: the stale warnings go.
	results, _ := submission{county: "青山县", township: "东镇", units: fourVillages}.write(t, t.TempDir())
	mustLoad(t, db, LoadOptions{}, results)
	wantCount(t, db, 0, `SELECT count(*) FROM data_warnings`, "data_warnings")
}

// 当选人数 is checked against the members of another file.
func TestMemberCountAcrossFiles(t *testing.T) {
	db := openTestDB(t)
	results, members := submission{county: "青山县", township: "东镇", units: fourVillages}.write(t, t.TempDir())
	lines := strings.Split(strings.TrimSpace(string(must(os.ReadFile(members)))), "\n")
	if err := os.WriteFile(members, []byte(strings.Join(lines[:len(lines)-1], "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := mustLoad(t, db, LoadOptions{}, results, members)
	var got []string
	for _, p := range r.Problems {
		if p.Rule == "member_count_mismatch" {
			got = append(got, p.String())
		}
	}
	if len(got) != 1 || !strings.Contains(got[0], "东镇东坡村 2024 年村民委员会 的当选人数为 3，但已导入的当选人员有 2 人") {
		t.Errorf("member_count_mismatch across files: %q", got)
	}
	storedAsReported(t, db, r, "member_count_mismatch")
}

// storedAsReported fails unless data_warnings holds the warnings of rule that the report gives, each
// with the same file, sheet, row, value and message (the report's are formatted in Go, the stored ones
// in SQL: store_between.sql), in the report's order.
func storedAsReported(t *testing.T, db *sql.DB, r *Report, rule string) {
	t.Helper()
	var want []string
	for _, p := range r.Problems {
		if p.Rule == rule {
			want = append(want, fmt.Sprintf("%s|%s|%d|%s|%s", p.File, p.Sheet, p.Row, p.Value, p.Message))
		}
	}
	rows, err := db.Query(`SELECT source_file, coalesce(sheet, ''), coalesce(row_number, 0), value, message
		FROM data_warnings WHERE rule = ? ORDER BY rowid`, rule)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var file, sheet, value, msg string
		var row int
		if err := rows.Scan(&file, &sheet, &row, &value, &msg); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s|%s|%d|%s|%s", file, sheet, row, value, msg))
	}
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("%s stored:\n%s\nreported:\n%s", rule, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Issue 14.4: a corrected resubmission (a village renamed 河岭村 → 河陵村, one election removed) loaded
// beside the old rows; with 身份证号 filled it was refused as people elected elsewhere.
func TestResubmissionReplacesEverythingTheEarlierFileLoaded(t *testing.T) {
	for _, withID := range []bool{false, true} {
		t.Run(fmt.Sprintf("id=%v", withID), func(t *testing.T) {
			db := openTestDB(t)
			first := filepath.Join(t.TempDir(), "东镇")
			results, members := submission{county: "青山县", township: "东镇", units: fourVillages, withID: withID}.write(t, first)
			mustLoad(t, db, LoadOptions{}, results, members)

			fixed := []string{"河陵村", "石桥村", "青山村", "东坡村"}
			second := filepath.Join(t.TempDir(), "东镇改正")
			results2, members2 := submission{county: "青山县", township: "东镇", units: fixed, withID: withID}.write(t, second)
			// One election removed: 东坡村's 村民委员会.
			dropLines(t, results2, "东坡村,2024,村民委员会")
			dropLines(t, members2, "东坡村,2024,村民委员会")
			r := mustLoad(t, db, LoadOptions{}, results2, members2)
			wantCount(t, db, 4, `SELECT count(*) FROM units`, "units")
			wantCount(t, db, 7, `SELECT count(*) FROM elections`, "elections")
			wantCount(t, db, 0, `SELECT count(*) FROM members WHERE unit = '河岭村'`, "members of the misspelt village")
			if s := r.Summary(); !strings.Contains(s, "的重新报送，该文件此前导入的数据已全部替换") {
				t.Errorf("summary does not name the resubmission:\n%s", s)
			}
			// The old version, ingested again, is loaded again (it replaces the correction), not "unchanged".
			if r := mustLoad(t, db, LoadOptions{}, results); r.Loaded != 1 {
				t.Errorf("old version after its resubmission: %+v", r.Files)
			}
		})
	}
}

// The same file name from another township, or for another year, is not a resubmission.
func TestSameNameOtherTownshipIsNotAResubmission(t *testing.T) {
	db := openTestDB(t)
	a, _ := submission{county: "青山县", township: "东镇", units: fourVillages}.write(t, t.TempDir())
	b, _ := submission{county: "青山县", township: "西镇", units: fourVillages}.write(t, t.TempDir())
	mustLoad(t, db, LoadOptions{}, a)
	mustLoad(t, db, LoadOptions{}, b)
	wantCount(t, db, 16, `SELECT count(*) FROM elections`, "elections")
}

// --replaces names the earlier file when the resubmission has another name.
func TestReplacesNamesTheEarlierFile(t *testing.T) {
	db := openTestDB(t)
	results, _ := submission{county: "青山县", township: "东镇", units: fourVillages}.write(t, t.TempDir())
	mustLoad(t, db, LoadOptions{}, results)
	dir := t.TempDir()
	fixed, _ := submission{county: "青山县", township: "东镇", units: []string{"河陵村", "石桥村", "青山村", "东坡村"}}.write(t, dir)
	renamed := filepath.Join(dir, "东镇选举结果(改).csv")
	if err := os.Rename(fixed, renamed); err != nil {
		t.Fatal(err)
	}
	if _, err := load(t, db, LoadOptions{Replaces: []string{"没有这个文件.csv"}}, renamed); !errors.As(err, new(*NothingToReplaceError)) {
		t.Fatalf("a --replaces naming no loaded file: err %v", err)
	}
	mustLoad(t, db, LoadOptions{Replaces: []string{"选举结果.csv"}}, renamed)
	wantCount(t, db, 0, `SELECT count(*) FROM elections WHERE unit = '河岭村'`, "rows of the replaced file remain:")
	wantCount(t, db, 8, `SELECT count(*) FROM elections`, "elections")
}

func dropLines(t *testing.T, path, containing string) {
	t.Helper()
	var keep []string
	for _, l := range strings.Split(string(must(os.ReadFile(path))), "\n") {
		if !strings.Contains(l, containing) {
			keep = append(keep, l)
		}
	}
	if err := os.WriteFile(path, []byte(strings.Join(keep, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// wantCount checks a count(*) query; what names the figure in the failure.
func wantCount(t *testing.T, db *sql.DB, want int, q, what string) {
	t.Helper()
	if got := count(t, db, q); got != want {
		t.Errorf("%s: %d, want %d", what, got, want)
	}
}

// Many no_result_row warnings (more than the 256 one INSERT used to store) are all stored, each with its
// own election, row and message.
func TestManyBetweenTablesWarningsAreStored(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	n := 2*256 + 7
	p := township("m.csv", "东镇", n, 2024, "")
	p.Results = nil
	r, err := loadParsed(ctx, db, []*Parsed{p}, LoadOptions{Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	storedAsReported(t, db, r, "no_result_row")
	wantCount(t, db, n, `SELECT count(*) FROM data_warnings WHERE rule = 'no_result_row'`, "stored no_result_row warnings")
	wantCount(t, db, n, `SELECT count(DISTINCT (unit, row_number)) FROM data_warnings WHERE rule = 'no_result_row' AND value = unit AND message LIKE '%' || unit || '%'`,
		"warnings naming their own election")
	wantCount(t, db, 1, `SELECT count(*) FROM data_warnings WHERE unit = '东镇第300村' AND row_number = 899 AND sheet = '当选人员' AND source_file = 'm.csv' AND year = 2024`,
		"the warning of 东镇第300村 at its first member's row")
}

// An election whose unit's name starts with its township's (a township's own meeting, 东镇党代会; a 选区
// written 东镇第一选区) is named once in the messages between files, in the report and in data_warnings
// alike; other units keep their township before them.
func TestBetweenFilesNameTheTownshipOnce(t *testing.T) {
	for _, c := range []struct {
		k    Key
		want string
	}{
		{Key{Township: "东镇", Unit: "东镇党代会", Year: 2024, Body: "出席上级党代会代表"}, "东镇党代会 2024 年出席上级党代会代表"},
		{Key{Township: "东镇", Unit: "河岭村", Year: 2024, Body: "村民委员会"}, "东镇河岭村 2024 年村民委员会"},
		{Key{Township: "", Unit: "河岭村", Year: 2021, Body: "村党组织"}, "河岭村 2021 年村党组织"},
	} {
		if got := keyText(c.k); got != c.want {
			t.Errorf("keyText(%v) = %q, want %q", c.k, got, c.want)
		}
	}
	db := openTestDB(t)
	_, members := submission{county: "青山县", township: "东镇", units: []string{"东镇第一选区", "河岭村"}}.write(t, t.TempDir())
	r := mustLoad(t, db, LoadOptions{}, members)
	var got []string
	for _, p := range r.Problems {
		if p.Rule == "no_result_row" {
			got = append(got, p.Message)
		}
	}
	slices.Sort(got)
	if len(got) != 4 || !strings.HasPrefix(got[0], "东镇河岭村 2024 年") || !strings.HasPrefix(got[3], "东镇第一选区 2024 年") {
		t.Errorf("no_result_row messages %q, want two bodies each of 东镇河岭村 and 东镇第一选区", got)
	}
	storedAsReported(t, db, r, "no_result_row")
}
