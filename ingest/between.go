package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// The warnings between an election's results and its members found across files (between_tables.sql),
// as the report and data_warnings both say them. The election is named by keyText's keyFormat in the
// first verb; store_between.sql formats the same texts in SQL.
const (
	noResultRowMessage    = "%s 有当选人员，但本次导入的文件和数据库中都没有对应的选举结果：请补报该选举的选举结果"
	crossFileCountMessage = "%s 的当选人数为 %d，但已导入的当选人员有 %d 人(选举结果与当选人员来自不同文件)：请核对"
)

// betweenTables runs between_tables.sql inside the transaction: the warnings between an election's
// results and its members when the two come from different files. It stores them in data_warnings and
// returns them, for the caller to add to the files' problems once the transaction commits.
//
// The warnings are kept in a temporary table and stored from it by one INSERT that formats their
// messages in SQL: binding them to a statement from Go (a list per column) took 4 s of CPU for the
// elections of one 1,048,575-row members sheet without results (a warning each).
func (l *loader) betweenTables(ctx context.Context, tx *sql.Tx) ([]fileProblem, error) {
	if _, err := tx.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE stage_between AS "+sqlBetweenTables); err != nil {
		return nil, fmt.Errorf("check results against members: %w", err)
	}
	var out []fileProblem
	err := eachRow(ctx, tx, sqlReadBetween, nil, func(rows *sql.Rows) error {
		var (
			file, row      int
			sheet, rule    string
			k              Key
			elected, count sql.NullInt64
		)
		if err := rows.Scan(&file, &sheet, &row, &rule, &k.County, &k.Township, &k.Unit, &k.Year, &k.Body, &elected, &count); err != nil {
			return err
		}
		p := Problem{Severity: Warning, File: l.files[file].report.Path, Sheet: sheet, Row: row, Rule: rule, Value: k.Unit}
		switch rule {
		case "no_result_row":
			p.Message = fmt.Sprintf(noResultRowMessage, keyText(k))
		default:
			p.Value = fmt.Sprint(elected.Int64)
			p.Message = fmt.Sprintf(crossFileCountMessage, keyText(k), elected.Int64, count.Int64)
		}
		out = append(out, fileProblem{file: file, key: k, problem: p})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("check results against members: %w", err)
	}
	if len(out) > 0 {
		// The formats with the election's own verbs in place of its name.
		inSQL := func(msg string) string { return strings.Replace(msg, "%s", keyFormat, 1) }
		if _, err := tx.ExecContext(ctx, sqlStoreBetween, inSQL(noResultRowMessage), inSQL(crossFileCountMessage)); err != nil {
			return nil, fmt.Errorf("store warnings: %w", err)
		}
	}
	return out, nil
}

// betweenTablesSilent says, before between_tables.sql runs, that it cannot find anything, so that
// betweenTables is not run (60 ms of CPU in a county's first load, a sixth of its SQL). That holds when
// the database held no elections and no members before this load (holdsRows is false: after the move
// every row there is this run's), no file that is loaded staged members of an election it has no
// results row for (membersOnly), and no election is covered by two files that are loaded (their keys,
// as settleSpellings and resolveCounties left them). Then every staged members row's file also staged
// results (no no_result_row), and every election's members come from one file, the one its results row
// comes from, with the same source_file (no member_count_mismatch: that file checked the two against
// each other already, checkHeld or check_results.sql). Two loaded files sharing an election would
// have clashed already (key_clashes.sql: both carry its results); the check of the keys below does not
// lean on that. TestBetweenTablesSilentAgrees loads random sets of files both ways.
func (l *loader) betweenTablesSilent(holdsRows bool) bool {
	if holdsRows || l.hooks.betweenInSQL {
		return false
	}
	if l.keysApart { // keys checked already, over these files and others rejected since
		for _, f := range l.files {
			if f.staged && f.report.Outcome != Rejected && f.membersOnly {
				return false
			}
		}
		return true
	}
	owner := l.keyOwners()
	for id, f := range l.files {
		if !f.staged || f.report.Outcome == Rejected {
			continue
		}
		if f.membersOnly {
			return false
		}
		for _, k := range f.keys {
			if o, ok := owner[k]; ok && o != id {
				return false
			}
			owner[k] = id
		}
	}
	return true
}

// fileProblem is a problem found in SQL, with the file of the run it belongs to.
type fileProblem struct {
	file    int
	key     Key
	problem Problem
}
