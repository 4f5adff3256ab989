package ingest

import (
	"context"
	"database/sql"
	"fmt"
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
	if err := storeWarnings(ctx, tx, out, warningChunk); err != nil {
		return nil, err
	}
	return out, nil
}

// storeWarnings inserts the warnings into data_warnings, each column bound as one list
// (store_warnings.sql): a statement per warning took 157 s for the elections of one 1,048,575-row
// members sheet without results (a warning each), and 256 warnings per INSERT still 35 s of CPU. The
// lists go chunk warnings at a time (warningChunk): bound whole, the driver's and DuckDB's copies of them took
// about 500 MiB at the end of that load, outside DuckDB's memory_limit.
func storeWarnings(ctx context.Context, tx *sql.Tx, ps []fileProblem, chunk int) error {
	for len(ps) > 0 {
		n := min(len(ps), chunk)
		if err := storeWarningChunk(ctx, tx, ps[:n]); err != nil {
			return err
		}
		ps = ps[n:]
	}
	return nil
}

// warningChunk is how many warnings one statement of storeWarnings stores.
const warningChunk = 8192

func storeWarningChunk(ctx context.Context, tx *sql.Tx, ps []fileProblem) error {
	n := len(ps)
	files, sheets, values, rules, messages := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	counties, townships, units, bodies := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	rows, years := make([]int32, n), make([]int32, n)
	for i, fp := range ps {
		p := fp.problem
		files[i], sheets[i], rows[i], values[i], rules[i], messages[i] = p.File, p.Sheet, int32(p.Row), p.Value, p.Rule, p.Message
		counties[i], townships[i], units[i], years[i], bodies[i] = fp.key.County, fp.key.Township, fp.key.Unit, int32(fp.key.Year), fp.key.Body
	}
	if _, err := tx.ExecContext(ctx, sqlStoreWarnings, files, sheets, rows, values, rules, messages,
		counties, townships, units, years, bodies); err != nil {
		return fmt.Errorf("store warnings: %w", err)
	}
	return nil
}

// fileProblem is a problem found in SQL, with the file of the run it belongs to.
type fileProblem struct {
	file    int
	key     Key
	problem Problem
}
