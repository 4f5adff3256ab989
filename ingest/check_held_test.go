package ingest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// heldAndStagedWorkbooks writes n small workbooks of random rows drawn from few values, so that every
// whole-file check fires somewhere: the same election or person twice (also in a third sheet named like
// a summary, which is read after the others but comes first by place), members without their results
// row, counts, 选举日期 against ages and births, 得票数 against 有效票数. With mixed, some names are also
// written in the Traditional script, so that the run settles spellings (settleSpellings).
func heldAndStagedWorkbooks(t *testing.T, seed uint64, n int, mixed bool) string {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 7))
	pick := func(vs ...any) any { return vs[r.IntN(len(vs))] }
	units := []any{"石桥村", "河口村", "新村"}
	names := []any{"张三", "李四", "王五", "赵六"}
	if mixed {
		units = append(units, "石橋村")
		names = append(names, "張三")
	}
	bodies := []any{"村民委员会", "村党组织"}
	header := append(append([]any{}, membersHeader...), "年龄", "得票数")
	dir := t.TempDir()
	for i := range n {
		var sheets []sheetData
		year := pick(2024, 2021)
		if r.IntN(4) > 0 {
			rows := [][]any{resultsHeader}
			for range 1 + r.IntN(4) {
				row := resultRow(pick(units...).(string), pick(bodies...).(string), 1+r.IntN(4))
				valid := pick(1090, 50).(int)
				row[2], row[6], row[7], row[12] = year, valid+10, valid, pick("2024-03-15", "", "2021-12-01")
				rows = append(rows, row)
			}
			sheets = append(sheets, sheetData{name: "选举结果", rows: rows})
		}
		members := func() [][]any {
			rows := [][]any{header}
			for range 1 + r.IntN(6) {
				row := memberRow(pick(units...).(string), pick(bodies...).(string), pick(names...).(string), "委员", "男",
					pick("1975.03", "2006.04", "1975.1", "2025.01", "").(string), pick("", makeID("19750315", true), makeID("20060320", true)).(string))
				row[2] = year
				row = append(row, pick("", 49, 17, 95), pick("", 100, 2000))
				rows = append(rows, row)
			}
			return rows
		}
		if r.IntN(4) > 0 {
			sheets = append(sheets, sheetData{name: "当选人员", rows: members()})
		}
		if r.IntN(3) == 0 {
			sheets = append([]sheetData{{name: "汇总", rows: members()}}, sheets...)
		}
		if len(sheets) == 0 {
			continue
		}
		path := writeXLSX(t, sheets...)
		dst := filepath.Join(dir, fmt.Sprintf("%03d.xlsx", i))
		if err := os.Rename(path, dst); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// The whole-file checks of a file held in memory (checkHeld) and of its staged rows (check_results.sql,
// check_members.sql) report the same problems, word for word, and load the same rows: over random
// small workbooks, each loaded with every file held and with every file checked in SQL, with the
// spellings unsettled (the held checks stand) and settled (they are made again in SQL).
func TestHeldAndStagedChecksAgree(t *testing.T) {
	for _, c := range []struct {
		seed  uint64
		mixed bool
	}{{1, false}, {2, false}, {3, true}} {
		t.Run(fmt.Sprintf("seed %d mixed %v", c.seed, c.mixed), func(t *testing.T) {
			dir := heldAndStagedWorkbooks(t, c.seed, 40, c.mixed)
			load := func(hooks loadHooks) (*Report, string) {
				db := openTestDB(t)
				rep, _ := loadWith(context.Background(), db, []string{dir}, LoadOptions{County: "东县", SkipBadFiles: true, Now: fixedNow}, hooks)
				if rep == nil {
					t.Fatal("no report")
				}
				return rep, snapshot(t, db)
			}
			held, heldDB := load(loadHooks{})
			staged, stagedDB := load(loadHooks{checkInSQL: true})
			if !reflect.DeepEqual(held.Problems, staged.Problems) {
				t.Errorf("problems differ:\nheld:\n%s\nstaged:\n%s", problemLines(held.Problems), problemLines(staged.Problems))
			}
			if heldDB != stagedDB {
				t.Errorf("the databases differ")
			}
			// Not vacuous: every whole-file rule fired.
			fired := map[string]bool{}
			for _, p := range held.Problems {
				fired[p.Rule] = true
			}
			for _, rule := range []string{"duplicate_result", "duplicate_person", "no_result_row", "member_count_mismatch",
				"votes_gt_valid_ballots", "age_out_of_range", "birth_after_election", "birth_month_ambiguous", "age_birth_mismatch"} {
				if !fired[rule] {
					t.Errorf("no %s among the %d problems", rule, len(held.Problems))
				}
			}
		})
	}
}

func problemLines(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "%s %s %d %s %s\n", filepath.Base(p.File), p.Sheet, p.Row, p.Rule, p.Message)
	}
	return b.String()
}

// TestDuplicateAcrossSheetsNamesBoth: a workbook with a sheet per term (上届, 本届) and no 年份 column,
// loaded with one --year, repeats every row of one sheet in the other; the duplicate names both sheets, in memory and in
// SQL alike.
func TestDuplicateAcrossSheetsNamesBoth(t *testing.T) {
	header := []any{"乡镇", "村", "选举类型", "登记选民数", "参加投票人数", "应选职数", "当选人数"}
	members := []any{"乡镇", "村", "选举类型", "姓名", "职务", "性别", "年龄", "政治面貌", "学历", "是否连任"}
	book := writeXLSX(t,
		sheetData{name: "上届", rows: [][]any{header, {"城关镇", "石桥村", "村民委员会", 1400, 1300, 5, 1}}},
		sheetData{name: "本届", rows: [][]any{header, {"城关镇", "石桥村", "村民委员会", 1500, 1400, 5, 1}}},
		sheetData{name: "上届名单", rows: [][]any{members, {"城关镇", "石桥村", "村民委员会", "张三", "主任", "男", 50, "群众", "高中", "是"}}},
		sheetData{name: "本届名单", rows: [][]any{members, {"城关镇", "石桥村", "村民委员会", "张三", "主任", "男", 50, "群众", "高中", "是"}}},
	)
	var messages [2][]string
	for i, hooks := range []loadHooks{{}, {checkInSQL: true}} {
		rep, err := loadWith(context.Background(), openTestDB(t), []string{book}, LoadOptions{County: "东县", Year: 2024, Now: fixedNow}, hooks)
		if err == nil {
			t.Fatal("loaded")
		}
		for _, p := range rep.Problems {
			if p.Rule == "duplicate_result" || p.Rule == "duplicate_person" {
				messages[i] = append(messages[i], p.Message)
			}
		}
	}
	want := []string{
		"城关镇石桥村 2024 年村民委员会 的选举结果重复填写(工作表“上届”第 2 行与工作表“本届”第 2 行)：每个村(社区)每年每类选举只填一行，请删除重复行",
		"张三 在 城关镇石桥村 2024 年村民委员会 中出现两次(工作表“上届名单”第 2 行与工作表“本届名单”第 2 行)：同一人在同一年同一组织只填一行，请删除重复行",
	}
	for i, got := range messages {
		if !slices.Equal(got, want) {
			t.Errorf("checks in SQL %v: duplicates\n%s\nwant\n%s", i == 1, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
