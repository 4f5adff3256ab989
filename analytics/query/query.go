package query

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Column is one column of a query result: its name and DuckDB's name for its type (INTEGER, BIGINT,
// HUGEINT, DOUBLE, DECIMAL(18,3), VARCHAR, BOOLEAN, DATE, TIMESTAMP …).
type Column struct {
	Name string
	Type string
}

// Table is the result of a query, held in memory. A value in Rows is nil (SQL NULL), bool, int64,
// *big.Int (integers beyond int64), float64, Decimal, string, time.Time (DATE, TIMESTAMP) or []byte;
// every other DuckDB value (TIME, INTERVAL, UUID, LIST, STRUCT …) is given as its text.
type Table struct {
	Columns []Column
	Rows    [][]any
}

// ErrEmptyQuery means the text held no statement at all (only blanks or comments).
var ErrEmptyQuery error = &hintedError{"查询为空: 没有可运行的 SQL 语句", "把 SQL 语句放在引号里, 或用 -f 指定 .sql 文件"}

// ErrMultipleStatements means the text held more than one statement; none of them was run.
var ErrMultipleStatements error = &hintedError{"一次只能运行一条 SQL 语句, 没有运行任何语句",
	"把语句分开, 每次运行一条; 多步计算可以写成一条 WITH … SELECT …"}

// hintedError is a fixed error that knows what the user should do about it.
type hintedError struct{ message, hint string }

func (e *hintedError) Error() string { return e.message }
func (e *hintedError) Hint() string  { return e.hint }

// RefusedError means the statement is not a read (INSERT, CREATE, COPY, ATTACH, SET, INSTALL …); it was
// prepared but not run.
type RefusedError struct {
	Kind string // the statement's kind as DuckDB reports it: INSERT, COPY, ATTACH …
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("拒绝运行 %s 语句: electsum query 只运行读取数据的语句 (SELECT、WITH、FROM、DESCRIBE、SHOW、SUMMARIZE、EXPLAIN)", e.Kind)
}

// Hint says how to get what a refused statement usually wants.
func (e *RefusedError) Hint() string {
	if e.Kind == "COPY" || e.Kind == "EXPORT" {
		return "导出结果请用 --format csv|json|xlsx|parquet|arrow 和 -o 文件名, 由 electsum 写文件"
	}
	return "数据只能通过 electsum ingest 载入; 查询请用 SELECT"
}

// SQLError is an error DuckDB reported for the statement: its message as DuckDB gives it, including
// the LINE n / caret position where DuckDB has one.
type SQLError struct {
	Message string
	err     error
}

func (e *SQLError) Error() string { return "SQL 错误: " + e.Message }
func (e *SQLError) Unwrap() error { return e.err }

// Hint points at the views when the statement names a table or view that is not in the database, and
// at --format and -o when it tried to read or write another file.
func (e *SQLError) Hint() string {
	switch {
	case strings.HasPrefix(e.Message, "Catalog Error"):
		return "运行 electsum query \"SHOW TABLES\" 查看有哪些表和视图; 若缺少 v_ 开头的视图, 请用新版 electsum ingest 重新载入"
	case strings.HasPrefix(e.Message, "Permission Error"):
		return "electsum query 不读写数据库以外的文件; 导出结果请用 --format 和 -o, 载入数据请用 electsum ingest"
	}
	return ""
}

// Run runs one read-only statement on db and returns its whole result. args bind positional (?, $1)
// or named ($year, as sql.Named("year", 2024)) parameters. db should come from ingest.OpenReadOnly;
// Run refuses, without running anything, text with more than one statement (ErrMultipleStatements),
// no statement (ErrEmptyQuery) or a statement that is not a read (*RefusedError). Errors DuckDB reports
// are *SQLError.
func Run(ctx context.Context, db *sql.DB, query string, args ...any) (*Table, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("连接数据库: %w", err)
	}
	defer conn.Close()
	if err := checkReadOnly(conn, query); err != nil {
		return nil, err
	}
	// The text is now known to be one statement, so PrepareContext runs nothing before it.
	rows, err := conn.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, sqlError(err)
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, sqlError(err)
	}
	t := &Table{Columns: make([]Column, len(types))}
	for i, ct := range types {
		t.Columns[i] = Column{Name: ct.Name(), Type: ct.DatabaseTypeName()}
	}
	for rows.Next() {
		row := make([]any, len(types))
		ptrs := make([]any, len(types))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, sqlError(err)
		}
		for i, v := range row {
			row[i] = normalize(v, t.Columns[i].Type)
		}
		t.Rows = append(t.Rows, row)
	}
	if err := rows.Err(); err != nil {
		return nil, sqlError(err)
	}
	return t, nil
}

// checkReadOnly prepares query with the driver's context-free Prepare, which refuses several statements
