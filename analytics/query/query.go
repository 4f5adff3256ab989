package query

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
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
	Kind  string // the statement's leading keywords: INSERT, COPY, ANALYZE, MERGE INTO …
	Label string // what such a statement does, in Chinese: 插入数据, 更新统计信息 …
}

func (e *RefusedError) Error() string {
	kind := e.Kind
	if e.Label != "" {
		kind += " (" + e.Label + ")"
	}
	return fmt.Sprintf("拒绝运行 %s 语句: electsum query 只运行读取数据的语句 (SELECT、WITH、FROM、DESCRIBE、SHOW、SUMMARIZE、EXPLAIN)", kind)
}

// Hint says how to get what a refused statement usually wants.
func (e *RefusedError) Hint() string {
	if e.Kind == "COPY" || e.Kind == "EXPORT DATABASE" {
		return "导出结果请用 --format csv|json|xlsx|parquet|arrow 和 -o 文件名, 由 electsum 写文件"
	}
	return "数据只能通过 electsum ingest 载入; 查询请用 SELECT"
}

// PageHint is Hint for the web page: its download buttons and its import page.
func (e *RefusedError) PageHint() string {
	if e.Kind == "COPY" || e.Kind == "EXPORT DATABASE" {
		return "导出结果请用 SELECT 查出后点“下载 CSV”或“下载 Excel”"
	}
	return "数据只能在“数据导入”页导入; 查询请用 SELECT"
}

// TimeoutError means the statement ran past its time limit (the context's deadline) and was stopped.
type TimeoutError struct {
	Limit time.Duration // the time limit, when known
	err   error
}

func (e *TimeoutError) Error() string {
	if e.Limit > 0 {
		return fmt.Sprintf("查询超过时间限制 (%s), 已停止", e.Limit)
	}
	return "查询超过时间限制, 已停止"
}
func (e *TimeoutError) Unwrap() error { return e.err }

// Hint says how to get a result within the limit.
func (e *TimeoutError) Hint() string {
	return "缩小查询范围 (WHERE、LIMIT、先聚合再连接); 确实需要更长时间时, 命令行可用 --timeout 放宽 (如 --timeout 10m, 0 表示不限)"
}

// PageHint is Hint for the web page, whose time limit is fixed.
func (e *TimeoutError) PageHint() string {
	return "缩小查询范围 (WHERE、LIMIT、先聚合再连接) 后再运行"
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
func (e *SQLError) Hint() string { return e.hint(false) }

// PageHint is Hint for the web page: its SQL box, download buttons and import page.
func (e *SQLError) PageHint() string { return e.hint(true) }

// sqlHints are the hints of SQLError by the start of DuckDB's message, for the command line and for
// the web page.
var sqlHints = []struct{ prefix, cli, page string }{
	{"Catalog Error",
		"运行 electsum query \"SHOW TABLES\" 查看有哪些表和视图; 若缺少 v_ 开头的视图, 请用新版 electsum ingest 重新载入",
		"在 SQL 框中运行 SHOW TABLES 查看有哪些表和视图; 若缺少 v_ 开头的视图, 请在“数据导入”页重新导入"},
	{"Out of Memory Error",
		"查询所需的内存或临时磁盘空间超过上限; 缩小查询范围, 或在命令行用 --memory-limit / --temp-limit 放宽",
		"查询所需的内存或临时磁盘空间超过上限; 缩小查询范围 (WHERE、LIMIT、先聚合再连接) 后再运行"},
	{"Permission Error",
		"electsum query 不读写数据库以外的文件; 导出结果请用 --format 和 -o, 载入数据请用 electsum ingest",
		"查询不读写数据库以外的文件; 导出结果请用“下载 CSV”“下载 Excel”按钮, 导入数据请用“数据导入”页"},
}

func (e *SQLError) hint(page bool) string {
	for _, h := range sqlHints {
		if strings.HasPrefix(e.Message, h.prefix) {
			if page {
				return h.page
			}
			return h.cli
		}
	}
	return ""
}

// Run runs one read-only statement on db and returns its whole result, for results known to be small
// (the pages of electsum serve); analysts' statements are read with Open, row by row. The rules are
// Open's.
func Run(ctx context.Context, db *sql.DB, query string, args ...any) (*Table, error) {
	rows, err := Open(ctx, db, query, args...)
	if err != nil {
		return nil, err
	}
	return rows.table()
}

// table reads the rest of rows into a Table and closes them.
func (r *Rows) table() (*Table, error) {
	defer r.Close()
	t := &Table{Columns: r.Columns()}
	for r.Next() {
		t.Rows = append(t.Rows, append([]any(nil), r.Row()...))
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	return t, nil
}
