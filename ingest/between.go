package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// betweenTables runs between_tables.sql inside the transaction: the warnings between an election's
// results and its members when the two come from different files. It stores them in data_warnings and
// returns them, for the caller to add to the files' problems once the transaction commits.
func (l *loader) betweenTables(ctx context.Context, tx *sql.Tx) ([]fileProblem, error) {
	rows, err := tx.QueryContext(ctx, sqlBetweenTables)
	if err != nil {
		return nil, fmt.Errorf("check results against members: %w", err)
	}
	var out []fileProblem
	for rows.Next() {
		var (
			file, row      int
			sheet, rule    string
			k              Key
			elected, count sql.NullInt64
		)
		if err := rows.Scan(&file, &sheet, &row, &rule, &k.County, &k.Township, &k.Unit, &k.Year, &k.Body, &elected, &count); err != nil {
			rows.Close()
			return nil, fmt.Errorf("check results against members: %w", err)
		}
		p := Problem{Severity: Warning, File: l.files[file].report.Path, Sheet: sheet, Row: row, Rule: rule, Value: k.Unit}
		switch rule {
		case "no_result_row":
			p.Message = fmt.Sprintf("%s 有当选人员，但本次导入的文件和数据库中都没有对应的选举结果：请补报该选举的选举结果", keyText(k))
		default:
			p.Value = fmt.Sprint(elected.Int64)
			p.Message = fmt.Sprintf("%s 的当选人数为 %d，但已导入的当选人员有 %d 人(选举结果与当选人员来自不同文件)：请核对",
				keyText(k), elected.Int64, count.Int64)
		}
		out = append(out, fileProblem{file: file, key: k, problem: p})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("check results against members: %w", err)
	}
	if err := storeWarnings(ctx, tx, out); err != nil {
		return nil, err
	}
	return out, nil
}

// warningsPerInsert is how many warnings one INSERT stores: a statement per warning took 157 s for
// the elections of one 1,048,575-row members sheet without results (a warning each).
const warningsPerInsert = 256

// storeWarnings inserts the warnings into data_warnings, many rows per statement.
func storeWarnings(ctx context.Context, tx *sql.Tx, ps []fileProblem) error {
	const cols = `INSERT INTO data_warnings (source_file, sheet, row_number, column_name, value, rule,
		message, county, township, unit, year, body) VALUES `
	var q strings.Builder
	args := make([]any, 0, 11*warningsPerInsert)
	for len(ps) > 0 {
		batch := ps[:min(len(ps), warningsPerInsert)]
		ps = ps[len(batch):]
		q.Reset()
		q.WriteString(cols)
		args = args[:0]
		for i, fp := range batch {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)")
			p := fp.problem
			args = append(args, p.File, optStr(p.Sheet), optRow(p.Row), p.Value, p.Rule, p.Message,
				fp.key.County, fp.key.Township, fp.key.Unit, fp.key.Year, fp.key.Body)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("store warning: %w", err)
		}
	}
	return nil
}

// fileProblem is a problem found in SQL, with the file of the run it belongs to.
type fileProblem struct {
	file    int
	key     Key
	problem Problem
}
