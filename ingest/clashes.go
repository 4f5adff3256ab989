package ingest

import (
	"cmp"
	"context"
	"database/sql"
	"electsum"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// clash is two files of one run that cover the same election or name the same person.
type clash struct {
	a, b    int
	keys    []Key
	tables  []SheetKind // the tables both files carry for those elections
	persons []string
}

func (l *loader) clash(a, b int) *clash {
	if a > b {
		a, b = b, a
	}
	c, ok := l.clashes[[2]int{a, b}]
	if !ok {
		c = &clash{a: a, b: b}
		l.clashes[[2]int{a, b}] = c
	}
	return c
}

// findKeyClashes runs key_clashes.sql, unless keyClashesSilent rules out that it finds anything.
func (l *loader) findKeyClashes(ctx context.Context) error {
	silent := l.keyClashesSilent()
	if l.hooks.keyClashes != nil {
		l.hooks.keyClashes(!silent)
	}
	if silent {
		return nil
	}
	err := eachRow(ctx, l.conn, sqlKeyClashes, nil, func(rows *sql.Rows) error {
		var a, b int
		var tab string
		var k Key
		if err := rows.Scan(&a, &b, &tab, &k.County, &k.Township, &k.Unit, &k.Year, &k.Body); err != nil {
			return err
		}
		c := l.clash(a, b)
		if !slices.Contains(c.keys, k) {
			c.keys = append(c.keys, k)
		}
		if t := tableKind(tab); !slices.Contains(c.tables, t) {
			c.tables = append(c.tables, t)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("check files against each other: %w", err)
	}
	return nil
}

// keyClashesSilent says, before key_clashes.sql runs, that it cannot find anything: the query pairs two
// files whose staged rows of one table name one election, and no two files with staged rows (f.staged)
// cover one election — their keys, every election of both their tables (settle), as settleSpellings
// and resolveCounties left them, are apart. A county's workbooks, one per township, are spared it
// (13 ms of a 270 ms load). TestKeyClashesSilentAgrees loads random sets of files both ways. When the
// keys are apart it says so to betweenTablesSilent (keysApart), which asks the same of fewer files.
func (l *loader) keyClashesSilent() bool {
	if l.hooks.clashesInSQL {
		return false
	}
	owner := l.keyOwners()
	for id, f := range l.files {
		if !f.staged {
			continue
		}
		for _, k := range f.keys {
			if o, ok := owner[k]; ok && o != id {
				return false
			}
			owner[k] = id
		}
	}
	l.keysApart = true
	return true
}

// keyOwners is an empty map for the elections of the staged files (the file that covers each), sized for
// all of them: grown key by key, it was rehashed a dozen times over the people's congress set's 17,085
// elections, twice a load (keyClashesSilent, betweenTablesSilent).
func (l *loader) keyOwners() map[Key]int {
	n := 0
	for _, f := range l.files {
		if f.staged {
			n += len(f.keys)
		}
	}
	return make(map[Key]int, n)
}

// findClashes collects the elections and people that two staged files of the run both claim.
func (l *loader) findClashes(ctx context.Context) error {
	if err := l.findKeyClashes(ctx); err != nil {
		return err
	}
	err := eachRow(ctx, l.conn, sqlPersonClashes, nil, func(rows *sql.Rows) error {
		var a, b, year, rowA, rowB int
		var name, body string
		if err := rows.Scan(&a, &b, &name, &year, &body, &rowA, &rowB); err != nil {
			return err
		}
		c := l.clash(a, b)
		c.persons = append(c.persons, fmt.Sprintf("%s(%d年%s，%s 第%d行与 %s 第%d行)", name, year, body,
			l.files[a].report.Path, rowA, l.files[b].report.Path, rowB))
		return nil
	})
	if err != nil {
		return fmt.Errorf("check people across files: %w", err)
	}
	return nil
}

// resolveClashes turns clashes between files into errors on both files.
func (l *loader) resolveClashes() {
	pairs := make([][2]int, 0, len(l.clashes))
	for k := range l.clashes {
		pairs = append(pairs, k)
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i][0] != pairs[j][0] {
			return pairs[i][0] < pairs[j][0]
		}
		return pairs[i][1] < pairs[j][1]
	})
	for _, pair := range pairs {
		c := l.clashes[pair]
		for _, side := range [][2]int{{c.a, c.b}, {c.b, c.a}} {
			self, other := l.files[side[0]], l.files[side[1]].report.Path
			if len(c.keys) > 0 {
				sortKeys(c.keys)
				k := c.keys[0]
				more := ""
				if len(c.keys) > 1 {
					more = fmt.Sprintf(" 等 %d 项", len(c.keys))
				}
				tables := tablesText(c.tables)
				l.fail(side[0], Problem{Severity: Error, File: self.report.Path, Rule: "duplicate_key_across_files",
					Value: fmt.Sprintf("%s %s %d %s", k.Township, k.Unit, k.Year, k.Body),
					Message: fmt.Sprintf("与 %s 都含有同一选举(%s%s %d年 %s%s)的%s；同一选举的%s只能由一个文件提交，请删去重复的文件或合并成一个文件后重新导入",
						other, k.Township, k.Unit, k.Year, k.Body, more, tables, tables)})
			}
			if len(c.persons) > 0 {
				sort.Strings(c.persons)
				more := ""
				if len(c.persons) > 1 {
					more = fmt.Sprintf(" 等 %d 人", len(c.persons))
				}
				l.fail(side[0], Problem{Severity: Error, File: self.report.Path, Rule: "duplicate_person_across_files",
					Value:   c.persons[0],
					Message: fmt.Sprintf("与 %s 有同一人在同一年同一组织中当选两次：%s%s；请核对后只保留一处", other, c.persons[0], more)})
			}
		}
	}
}

func sortKeys(ks []Key) {
	slices.SortFunc(ks, func(a, b Key) int {
		return cmp.Or(cmp.Compare(a.County, b.County), cmp.Compare(a.Township, b.Township), cmp.Compare(a.Unit, b.Unit),
			cmp.Compare(a.Year, b.Year), cmp.Compare(a.Body, b.Body))
	})
}

// personClash is a person of a staged file already elected to the same body and year in another unit.
type personClash struct {
	file    int
	problem Problem
}

// findPersonClashes runs person_clash.sql inside the transaction.
func (l *loader) findPersonClashes(ctx context.Context, tx *sql.Tx) ([]personClash, error) {
	var out []personClash
	err := eachRow(ctx, tx, sqlPersonClash, nil, func(rows *sql.Rows) error {
		var (
			file, row, year, otherRow int
			sheet, name, body, id     string
			township, unit, otherFile string
		)
		if err := rows.Scan(&file, &sheet, &row, &name, &year, &body, &id, &township, &unit, &otherFile, &otherRow); err != nil {
			return err
		}
		out = append(out, personClash{file: file, problem: Problem{Severity: Error, File: l.files[file].report.Path,
			Sheet: sheet, Row: row, Column: "身份证号", Value: electsum.MaskID(id), Rule: "person_elected_elsewhere",
			Message: fmt.Sprintf("%s(身份证号 %s)已作为 %s%s 的当选人员导入(%s 第%d行)，同一人不能在两个村(社区)当选同一年的%s；请核对身份证号，或先改正已导入的文件",
				name, electsum.MaskID(id), township, unit, otherFile, otherRow, body)}})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("check people against the database: %w", err)
	}
	return out, nil
}

// tableKind names a table as key_clashes.sql and replaced.sql spell it.
func tableKind(tab string) SheetKind {
	if tab == "results" {
		return ResultsSheet
	}
	return MembersSheet
}

// tablesText joins table names for a message: 选举结果和当选人员.
func tablesText(ts []SheetKind) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	slices.Sort(s)
	slices.Reverse(s) // 选举结果 before 当选人员
	return strings.Join(s, "和")
}
