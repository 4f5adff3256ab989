package query

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"electsum"
)

// Reader is a result read row by row, as the writers take it: a *Rows straight from the database, or
// a *Table already in memory (Table.Reader).
type Reader interface {
	Columns() []Column
	// Next moves to the next row; it returns false at the end or on an error (see Err).
	Next() bool
	// Row is the current row, valid until the next call of Next; values as Table documents them.
	Row() []any
	Err() error
}

// counter is a Reader that can tell its number of rows without handing them all over.
type counter interface {
	Total() (int64, error)
}

// Reader reads t row by row.
func (t *Table) Reader() Reader { return &tableReader{t: t, i: -1} }

type tableReader struct {
	t *Table
	i int
}

func (r *tableReader) Columns() []Column { return r.t.Columns }
func (r *tableReader) Next() bool        { r.i++; return r.i < len(r.t.Rows) }
func (r *tableReader) Row() []any        { return r.t.Rows[r.i] }
func (r *tableReader) Err() error        { return nil }
func (r *tableReader) Total() (int64, error) {
	return int64(len(r.t.Rows)), nil
}

// pageRows is how many rows of a spooled result are fetched at a time: the driver holds one page in
// memory, so it bounds what the reading side takes, whatever the size of the result.
const pageRows = 1 << 16

// spool is the temporary table a result is written into. Temporary tables belong to one connection, and
// Rows holds its connection until Close, which drops the table.
const spool = "electsum_query_result"

// Rows is the result of one read-only statement, read row by row.
//
// 身份证号 are masked (electsum.MaskID) unless Unmask is called: every value of a column whose name
// says it holds them (electsum.IDColumn; such a column is given as VARCHAR), and every number inside
// any other text value (electsum.MaskIDsIn), so an alias, a concatenation or a list does not show them
// either. A number value that is a 身份证号 cannot be masked in its type and stops the reading with an
// *IDNumberError.
//
// duckdb-go materialises a whole result in memory outside DuckDB's memory limit before the first row
// can be read, so a SELECT is first written by DuckDB into a temporary table (which the memory limit
// bounds, spilling to the temporary folder up to its size limit) and then read back a page at a time
// by rowid. Statements that cannot be written into a table (DESCRIBE, SHOW, SUMMARIZE, PRAGMA, EXPLAIN)
// give small results and are read directly.
type Rows struct {
	ctx     context.Context
	conn    *sql.Conn
	cols    []Column
	spooled bool
	page    *sql.Rows // the page being read, or the direct result
	next    int64     // rowid of the first row of the next page
	inPage  int       // rows read from the current page
	row     []any
	ptrs    []any
	read    int64
	err     error
	done    bool
	limit   time.Duration // the time limit from ctx's deadline, for *TimeoutError

	unmasked bool     // Unmask was called
	idCols   []bool   // columns holding 身份证号 by their name (electsum.IDColumn)
	types    []string // the columns' types as DuckDB gives them; an id column is VARCHAR while masked
}

// Open runs one read-only statement on db and returns its result to be read row by row; the caller
// closes it. args bind positional (?, $1) or named ($year, as sql.Named("year", 2024)) parameters. db
// should come from ingest.OpenReadOnly (or ingest.OpenReadOnlyWithin, which also bounds DuckDB's
// memory and temporary disk space); ctx's deadline is the time limit, and a statement stopped by it
// gives a *TimeoutError. Open refuses, without running anything, text with more than one statement
// (ErrMultipleStatements), no statement (ErrEmptyQuery), a statement that is not a read
// (*RefusedError) or a NUL byte or other control character (*TextError: DuckDB would drop everything
// after a NUL unseen). Errors DuckDB reports are *SQLError.
func Open(ctx context.Context, db *sql.DB, query string, args ...any) (*Rows, error) {
	if err := CheckText("", query); err != nil {
		return nil, err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("连接数据库: %w", err)
	}
	r := &Rows{ctx: ctx, conn: conn}
	if deadline, ok := ctx.Deadline(); ok {
		// The time left is a little less than the limit the caller set (more so on a busy machine):
		// round up, to whole seconds from 10 s, to tenths below.
		left, unit := time.Until(deadline), 100*time.Millisecond
		if left >= 10*time.Second {
			unit = time.Second
		}
		r.limit = (left + unit - 1).Truncate(unit)
	}
	if err := r.start(query, args); err != nil {
		r.Close()
		return nil, r.timeLimit(err)
	}
	return r, nil
}

// timeLimit adds the time limit to a *TimeoutError.
func (r *Rows) timeLimit(err error) error {
	var te *TimeoutError
	if errors.As(err, &te) && te.Limit == 0 {
		te.Limit = r.limit
	}
	return err
}

func (r *Rows) start(query string, args []any) error {
	kind, names, err := checkReadOnly(r.conn, query)
	if err != nil {
		return err
	}
	// The text is now known to be one statement, so PrepareContext runs nothing before it.
	if kind == "SELECT" {
		_, err := r.conn.ExecContext(r.ctx, "CREATE OR REPLACE TEMP TABLE "+spool+" AS "+query, args...)
		var de *duckdb.Error
		switch {
		case err == nil:
			r.spooled = true
			if err := r.fetch(); err != nil {
				return err
			}
			return r.columns(names)
		case !errors.As(err, &de) || de.Type != duckdb.ErrorTypeParser:
			return sqlError(err)
		}
		// DESCRIBE, SHOW, SUMMARIZE and PRAGMA are reads that cannot follow CREATE TABLE AS.
	}
	r.page, err = r.conn.QueryContext(r.ctx, query, args...)
	if err != nil {
		return sqlError(err)
	}
	return r.columns(names)
}

// columns takes the column types from the result and the names from the statement: the temporary
// table renames duplicate names (a, a_1), the statement keeps them as the user wrote them.
func (r *Rows) columns(names []string) error {
	types, err := r.page.ColumnTypes()
	if err != nil {
		return sqlError(err)
	}
	r.cols = make([]Column, len(types))
	r.types = make([]string, len(types))
	r.idCols = make([]bool, len(types))
	for i, ct := range types {
		r.cols[i] = Column{Name: ct.Name(), Type: ct.DatabaseTypeName()}
		if len(names) == len(types) {
			r.cols[i].Name = names[i]
		}
		r.types[i] = r.cols[i].Type
		if electsum.IDColumn(r.cols[i].Name) {
			r.idCols[i] = true
			r.cols[i].Type = "VARCHAR"
		}
	}
	r.row = make([]any, len(types))
	r.ptrs = make([]any, len(types))
	for i := range r.row {
		r.ptrs[i] = &r.row[i]
	}
	return nil
}

// fetch opens the next page of the spooled result.
func (r *Rows) fetch() error {
	if r.page != nil {
		r.page.Close()
	}
	var err error
	r.page, err = r.conn.QueryContext(r.ctx, "SELECT * FROM "+spool+" WHERE rowid >= ? AND rowid < ?", r.next, r.next+pageRows)
	r.next += pageRows
	r.inPage = 0
	if err != nil {
		return sqlError(err)
	}
	return nil
}

// Columns are the result's columns, named as the statement names them.
func (r *Rows) Columns() []Column { return r.cols }

// Next moves to the next row.
func (r *Rows) Next() bool {
	if r.done || r.err != nil {
		return false
	}
	for !r.page.Next() {
		if err := r.page.Err(); err != nil {
			r.err = sqlError(err)
			return false
		}
		if !r.spooled || r.inPage < pageRows {
			r.done = true
			return false
		}
		if r.err = r.fetch(); r.err != nil {
			return false
		}
	}
	if err := r.page.Scan(r.ptrs...); err != nil {
		r.err = sqlError(err)
		return false
	}
	for i, v := range r.row {
		r.row[i] = normalize(v, r.types[i])
	}
	r.inPage++
	r.read++
	if !r.unmasked {
		if r.err = r.mask(); r.err != nil {
			return false
		}
	}
	return true
}

// Unmask shows 身份证号 whole from the next row on (electsum query --unmasked): the columns get
// their own types back. Call it before reading.
func (r *Rows) Unmask() {
	r.unmasked = true
	for i := range r.cols {
		r.cols[i].Type = r.types[i]
	}
}

// IDNumberError means a number value of the result is a 身份证号, which cannot be masked in its type.
type IDNumberError struct {
	Column string
	Row    int64 // from 1
}

func (e *IDNumberError) Error() string {
	return fmt.Sprintf("结果第 %d 行的 %s 列是身份证号形状的数字, 为保护个人信息已停止输出", e.Row, e.Column)
}

func (e *IDNumberError) Hint() string {
	return "把它写成文本 (如 CAST(列 AS VARCHAR)) 会显示为打码的号码; 确需完整号码时用命令行 electsum query --unmasked"
}

// PageHint is Hint for the web page, which never shows numbers whole and has no such option.
func (e *IDNumberError) PageHint() string {
	return "把它写成文本 (如 CAST(列 AS VARCHAR)) 会显示为打码的号码; 网页上不显示完整的身份证号"
}

// mask masks the 身份证号 of the current row.
func (r *Rows) mask() error {
	for i, v := range r.row {
		switch x := v.(type) {
		case nil:
		case string:
			if r.idCols[i] {
				r.row[i] = electsum.MaskID(x)
			} else {
				r.row[i] = electsum.MaskIDsIn(x)
			}
		default:
			if r.idCols[i] {
				r.row[i] = electsum.MaskID(text(v))
				continue
			}
			digits := "" // a whole number as digits: it may be a 身份证号 without its X
			switch x := x.(type) {
			case int64:
				digits = strconv.FormatInt(x, 10)
			case *big.Int:
				digits = x.String()
			case Decimal:
				// CAST(身份证号 AS DECIMAL(20,2)) is the number with .00.
				whole, frac, _ := strings.Cut(x.String(), ".")
				if strings.Trim(frac, "0") == "" {
					digits = whole
				}
			case float64:
				// A double keeps a 身份证号's region and birth date but not its check digit.
				if electsum.RoundedID(x) {
					return &IDNumberError{Column: r.cols[i].Name, Row: r.read}
				}
			}
			if _, fault := electsum.CheckID(digits); fault == electsum.IDValid {
				return &IDNumberError{Column: r.cols[i].Name, Row: r.read}
			}
		}
	}
	return nil
}

// Row is the current row; it is overwritten by the next call of Next.
func (r *Rows) Row() []any { return r.row }

// Err is the error that stopped Next, if any.
func (r *Rows) Err() error { return r.timeLimit(r.err) }

// Read is how many rows Next has given so far.
func (r *Rows) Read() int64 { return r.read }

// Total is the number of rows of the result. For a spooled result DuckDB counts the table; otherwise
// the rest of the (small) result is read and counted. Rows read after Total are not given by Next.
func (r *Rows) Total() (int64, error) {
	if r.spooled {
		var n int64
		if err := r.conn.QueryRowContext(r.ctx, "SELECT count(*) FROM "+spool).Scan(&n); err != nil {
			return 0, r.timeLimit(sqlError(err))
		}
		return n, nil
	}
	n := r.read
	for r.Next() {
		n = r.read
	}
	return n, r.Err()
}

// Close drops the spooled result and gives the connection back.
func (r *Rows) Close() error {
	if r.page != nil {
		r.page.Close()
	}
	if r.spooled {
		// The connection goes back to the pool: the table must not outlive this result. A cancelled
		// ctx must not keep it, so the drop runs without it.
		r.conn.ExecContext(context.Background(), "DROP TABLE IF EXISTS "+spool)
	}
	return r.conn.Close()
}
