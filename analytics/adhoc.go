package analytics

// Ad hoc SQL (electsum query): analysts' own statements and the saved analyses in queries/*.sql.
//
// Safety has three layers, each enough on its own for the common cases and tested separately:
//  1. the caller opens the database with ingest.OpenReadOnly (read-only file, no external access, no
//     extension loading, configuration locked), so DuckDB itself refuses writes and file access;
//  2. the text must hold exactly one statement: database/sql's PrepareContext on duckdb-go runs every
//     statement but the last while preparing, so "SELECT 1; DROP TABLE members" would drop before we
//     could look at it. The driver's context-free Prepare refuses several statements instead, so the
//     statement is prepared that way first, through sql.Conn.Raw;
//  3. the prepared statement's type must be a read (SELECT, which covers WITH, FROM-first, DESCRIBE,
//     SHOW, SUMMARIZE and PRAGMA table_info; or EXPLAIN of a SELECT).
// The file is never ATTACHed to an in-memory database: such a sandbox can DETACH it and ATTACH it again
// read-write.
//
// This is the one place outside ingest that uses duckdb-go's own API: database/sql exposes neither a
// prepare that refuses several statements nor a statement's type.

import (
	"context"
	"database/sql"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/big"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
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

// Decimal is an exact DECIMAL value: Unscaled × 10^-Scale.
type Decimal struct {
	Unscaled *big.Int
	Scale    int
}

// String gives the decimal in plain notation with Scale digits after the point ("-0.50").
func (d Decimal) String() string {
	s := new(big.Int).Abs(d.Unscaled).String()
	if d.Scale > 0 {
		if len(s) <= d.Scale {
			s = strings.Repeat("0", d.Scale-len(s)+1) + s
		}
		s = s[:len(s)-d.Scale] + "." + s[len(s)-d.Scale:]
	}
	if d.Unscaled.Sign() < 0 {
		s = "-" + s
	}
	return s
}

// Float64 is the nearest float64 to d.
func (d Decimal) Float64() float64 {
	f, _ := strconv.ParseFloat(d.String(), 64)
	return f
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

// Query runs one read-only statement on db and returns its whole result. args bind positional (?, $1)
// or named ($year, as sql.Named("year", 2024)) parameters. db should come from ingest.OpenReadOnly;
// Query refuses, without running anything, text with more than one statement (ErrMultipleStatements),
// no statement (ErrEmptyQuery) or a statement that is not a read (*RefusedError). Errors DuckDB reports
// are *SQLError.
func Query(ctx context.Context, db *sql.DB, query string, args ...any) (*Table, error) {
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
// instead of running all but the last, and checks the statement's type.
func checkReadOnly(conn *sql.Conn, query string) error {
	return conn.Raw(func(driverConn any) error {
		c, ok := driverConn.(*duckdb.Conn)
		if !ok {
			return fmt.Errorf("数据库驱动不是 DuckDB (%T)", driverConn)
		}
		kind, err := statementKind(c, query)
		if err != nil {
			return err
		}
		switch kind {
		case "SELECT":
			return nil
		case "EXPLAIN":
			// EXPLAIN ANALYZE runs its statement, so what is explained must itself be a read.
			inner, ok := explained(query)
			if !ok {
				return &RefusedError{Kind: "EXPLAIN"}
			}
			innerKind, err := statementKind(c, inner)
			if err != nil {
				return err
			}
			if innerKind != "SELECT" {
				return &RefusedError{Kind: "EXPLAIN " + innerKind}
			}
			return nil
		}
		return &RefusedError{Kind: kind}
	})
}

// statementKind prepares the single statement in query and returns its type's name.
func statementKind(c *duckdb.Conn, query string) (string, error) {
	if strings.TrimSpace(stripComments(query)) == "" {
		return "", ErrEmptyQuery
	}
	st, err := c.Prepare(query)
	if err != nil {
		var de *duckdb.Error
		if errors.As(err, &de) {
			return "", sqlError(err)
		}
		// The driver's only other refusal of non-empty text is that it holds several statements.
		return "", ErrMultipleStatements
	}
	defer st.Close()
	s, ok := st.(*duckdb.Stmt)
	if !ok {
		return "", fmt.Errorf("数据库驱动返回了未知的语句类型 %T", st)
	}
	typ, err := s.StatementType()
	if err != nil {
		return "", sqlError(err)
	}
	if name, ok := statementKinds[typ]; ok {
		return name, nil
	}
	return fmt.Sprintf("类型 %d", typ), nil
}

var statementKinds = map[duckdb.StmtType]string{
	duckdb.STATEMENT_TYPE_SELECT:       "SELECT",
	duckdb.STATEMENT_TYPE_INSERT:       "INSERT",
	duckdb.STATEMENT_TYPE_UPDATE:       "UPDATE",
	duckdb.STATEMENT_TYPE_EXPLAIN:      "EXPLAIN",
	duckdb.STATEMENT_TYPE_DELETE:       "DELETE",
	duckdb.STATEMENT_TYPE_PREPARE:      "PREPARE",
	duckdb.STATEMENT_TYPE_CREATE:       "CREATE",
	duckdb.STATEMENT_TYPE_EXECUTE:      "EXECUTE",
	duckdb.STATEMENT_TYPE_ALTER:        "ALTER",
	duckdb.STATEMENT_TYPE_TRANSACTION:  "TRANSACTION",
	duckdb.STATEMENT_TYPE_COPY:         "COPY",
	duckdb.STATEMENT_TYPE_ANALYZE:      "ANALYZE",
	duckdb.STATEMENT_TYPE_VARIABLE_SET: "SET VARIABLE",
	duckdb.STATEMENT_TYPE_CREATE_FUNC:  "CREATE FUNCTION",
	duckdb.STATEMENT_TYPE_DROP:         "DROP",
	duckdb.STATEMENT_TYPE_EXPORT:       "EXPORT",
	duckdb.STATEMENT_TYPE_PRAGMA:       "PRAGMA",
	duckdb.STATEMENT_TYPE_VACUUM:       "VACUUM",
	duckdb.STATEMENT_TYPE_CALL:         "CALL",
	duckdb.STATEMENT_TYPE_SET:          "SET",
	duckdb.STATEMENT_TYPE_LOAD:         "LOAD",
	duckdb.STATEMENT_TYPE_RELATION:     "RELATION",
	duckdb.STATEMENT_TYPE_EXTENSION:    "INSTALL/LOAD",
	duckdb.STATEMENT_TYPE_LOGICAL_PLAN: "LOGICAL PLAN",
	duckdb.STATEMENT_TYPE_ATTACH:       "ATTACH",
	duckdb.STATEMENT_TYPE_DETACH:       "DETACH",
	duckdb.STATEMENT_TYPE_MULTI:        "MULTI",
}

var explainPrefix = regexp.MustCompile(`(?is)^\s*EXPLAIN\s+(?:ANALY[SZ]E\s+)?(?:\([^)]*\)\s*)?`)

// explained returns the statement an EXPLAIN [ANALYZE] [(options)] statement is about.
func explained(query string) (string, bool) {
	q := stripComments(query)
	loc := explainPrefix.FindStringIndex(q)
	if loc == nil {
		return "", false
	}
	return q[loc[1]:], true
}

// stripComments removes -- and /* */ comments outside string literals and quoted identifiers.
func stripComments(q string) string {
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		switch {
		case q[i] == '\'' || q[i] == '"':
			end := strings.IndexByte(q[i+1:], q[i])
			if end < 0 {
				b.WriteString(q[i:])
				return b.String()
			}
			b.WriteString(q[i : i+end+2])
			i += end + 1
		case strings.HasPrefix(q[i:], "--"):
			end := strings.IndexByte(q[i:], '\n')
			if end < 0 {
				return b.String()
			}
			b.WriteByte('\n')
			i += end
		case strings.HasPrefix(q[i:], "/*"):
			end := strings.Index(q[i+2:], "*/")
			if end < 0 {
				return b.String()
			}
			b.WriteByte(' ')
			i += end + 3
		default:
			b.WriteByte(q[i])
		}
	}
	return b.String()
}

func sqlError(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("查询已中止: %w", err)
	}
	var de *duckdb.Error
	if errors.As(err, &de) {
		return &SQLError{Message: de.Msg, err: err}
	}
	return &SQLError{Message: err.Error(), err: err}
}

// normalize turns a value scanned from the driver into one of the plain types Table documents, so that
// callers never see driver types.
func normalize(v any, dbType string) any {
	switch x := v.(type) {
	case nil, bool, int64, float64, string:
		return x
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case int:
		return int64(x)
	case uint8:
		return int64(x)
	case uint16:
		return int64(x)
	case uint32:
		return int64(x)
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x)
		}
		return new(big.Int).SetUint64(x)
	case float32:
		return float64(x)
	case *big.Int:
		if x.IsInt64() {
			return x.Int64()
		}
		return x
	case duckdb.Decimal:
		return Decimal{Unscaled: x.Value, Scale: int(x.Scale)}
	case time.Time:
		switch dbType {
		case "TIME", "TIMETZ", "TIME_NS":
			return x.Format("15:04:05.999999")
		}
		return x
	case []byte:
		if dbType == "UUID" && len(x) == 16 {
			h := hex.EncodeToString(x)
			return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
		}
		return x
	case duckdb.UUID:
		return x.String()
	case *duckdb.UUID:
		return x.String()
	case duckdb.Interval:
		return intervalText(x)
	case []any, map[string]any, duckdb.Map, duckdb.OrderedMap:
		// LIST, STRUCT and MAP values are given as JSON, which analysts can parse back.
		b, err := json.Marshal(jsonable(x))
		if err == nil {
			return string(b)
		}
	}
	return fmt.Sprint(v)
}

// jsonable turns nested driver values into ones encoding/json accepts (MAP keys become strings).
func jsonable(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonable(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonable(e)
		}
		return out
	case duckdb.Map:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[fmt.Sprint(k)] = jsonable(e)
		}
		return out
	case duckdb.OrderedMap:
		out := make(map[string]any, x.Len())
		keys, values := x.Keys(), x.Values()
		for i, k := range keys {
			out[fmt.Sprint(k)] = jsonable(values[i])
		}
		return out
	case duckdb.Decimal:
		return json.Number(Decimal{Unscaled: x.Value, Scale: int(x.Scale)}.String())
	case *big.Int:
		return json.Number(x.String())
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format("2006-01-02 15:04:05.999999")
	case duckdb.Interval:
		return intervalText(x)
	}
	return v
}

// intervalText writes an INTERVAL the way DuckDB prints it: "1 year 2 months 3 days 04:05:06".
func intervalText(i duckdb.Interval) string {
	var parts []string
	unit := func(n int64, one, many string) {
		if n == 0 {
			return
		}
		if n == 1 || n == -1 {
			parts = append(parts, fmt.Sprintf("%d %s", n, one))
		} else {
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	unit(int64(i.Months/12), "year", "years")
	unit(int64(i.Months%12), "month", "months")
	unit(int64(i.Days), "day", "days")
	if i.Micros != 0 || len(parts) == 0 {
		us := i.Micros
		sign := ""
		if us < 0 {
			sign, us = "-", -us
		}
		t := fmt.Sprintf("%s%02d:%02d:%02d", sign, us/3_600_000_000, us/60_000_000%60, us/1_000_000%60)
		if frac := us % 1_000_000; frac != 0 {
			t += strings.TrimRight(fmt.Sprintf(".%06d", frac), "0")
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, " ")
}

// Saved is a saved analysis (保存的查询): one embedded file analytics/queries/NAME.sql whose header
// comments give its name, a one-line Chinese description and its parameters:
//
//	-- name: low-turnout
//	-- description: 参选率低于阈值的村(社区)
//	-- param: year integer 选举年份 (默认: 最近一届)
//
// Parameters are bound as named parameters ($year); one the user does not give is bound as NULL, and
// the SQL supplies the default (coalesce($year::INTEGER, …)).
type Saved struct {
	Name        string
	Description string
	Params      []Param
	SQL         string
}

// Param is one parameter of a saved analysis.
type Param struct {
	Name string
	Type ParamType
	Doc  string // what it means and its default, in Chinese
}

// ParamType is how a parameter's text (--param year=2024) is read.
type ParamType string

const (
	ParamInteger ParamType = "integer"
	ParamNumber  ParamType = "number"
	ParamText    ParamType = "text"
	ParamDate    ParamType = "date" // 2024-06-30
	ParamBoolean ParamType = "boolean"
)

// ParamError is a parameter value the saved analysis cannot use: a name it does not have, or text
// that is not of the parameter's type.
type ParamError struct {
	Query string
	Param string
	Value string
	Known []string // the analysis' parameter names, for the hint
	Type  ParamType
}

func (e *ParamError) Error() string {
	if e.Type == "" {
		return fmt.Sprintf("保存的查询 %s 没有参数 %q", e.Query, e.Param)
	}
	return fmt.Sprintf("保存的查询 %s 的参数 %s=%q 不是%s", e.Query, e.Param, e.Value, paramTypeNames[e.Type])
}

// Hint lists the parameters the analysis has.
func (e *ParamError) Hint() string {
	if len(e.Known) == 0 {
		return fmt.Sprintf("%s 没有参数; 运行 electsum query --list 查看", e.Query)
	}
	return fmt.Sprintf("%s 的参数: %s; 运行 electsum query --list 查看说明", e.Query, strings.Join(e.Known, ", "))
}

var paramTypeNames = map[ParamType]string{
	ParamInteger: "整数",
	ParamNumber:  "数字",
	ParamText:    "文本",
	ParamDate:    "日期 (如 2024-06-30)",
	ParamBoolean: "是/否 (true/false)",
}

//go:embed queries/*.sql
var savedFS embed.FS

var savedQueries = sync.OnceValue(func() []Saved {
	names, err := fs.Glob(savedFS, "queries/*.sql")
	if err != nil {
		panic(err)
	}
	out := make([]Saved, 0, len(names))
	for _, n := range names {
		body, err := savedFS.ReadFile(n)
		if err != nil {
			panic(err)
		}
		s, err := parseSaved(strings.TrimSuffix(path.Base(n), ".sql"), string(body))
		if err != nil {
			panic(fmt.Sprintf("analytics/%s: %v", n, err))
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
})

var (
	headerLine = regexp.MustCompile(`^--\s*(name|description|param):\s*(.*?)\s*$`)
	paramLine  = regexp.MustCompile(`^([a-z_][a-z0-9_]*)\s+(integer|number|text|date|boolean)\s*(.*)$`)
	paramRef   = regexp.MustCompile(`\$([a-z_][a-z0-9_]*)`)
)

// parseSaved reads the header comments of a saved analysis and checks them against its SQL.
func parseSaved(file, body string) (Saved, error) {
	s := Saved{SQL: body}
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "--") {
			if line == "" {
				continue
			}
			break
		}
		m := headerLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		switch m[1] {
		case "name":
			s.Name = m[2]
		case "description":
			s.Description = m[2]
		case "param":
			p := paramLine.FindStringSubmatch(m[2])
			if p == nil {
				return s, fmt.Errorf("bad param line %q: want \"-- param: name integer|number|text|date|boolean doc\"", line)
			}
			s.Params = append(s.Params, Param{Name: p[1], Type: ParamType(p[2]), Doc: p[3]})
		}
	}
	if s.Name != file {
		return s, fmt.Errorf("header name %q differs from the file name", s.Name)
	}
	if s.Description == "" {
		return s, errors.New("no -- description: line")
	}
	declared := map[string]bool{}
	for _, p := range s.Params {
		declared[p.Name] = true
	}
	used := map[string]bool{}
	for _, m := range paramRef.FindAllStringSubmatch(stripComments(body), -1) {
		used[m[1]] = true
		if !declared[m[1]] {
			return s, fmt.Errorf("$%s is used but not declared in a -- param line", m[1])
		}
	}
	for name := range declared {
		if !used[name] {
			return s, fmt.Errorf("param %s is declared but not used", name)
		}
	}
	return s, nil
}

// SavedQueries lists the saved analyses, by name.
func SavedQueries() []Saved { return savedQueries() }

// FindSaved returns the saved analysis called name.
func FindSaved(name string) (Saved, bool) {
	for _, s := range savedQueries() {
		if s.Name == name {
			return s, true
		}
	}
	return Saved{}, false
}

// Run runs the saved analysis with the parameter values given as text (from --param name=value);
// parameters not given are NULL, which the SQL reads as "use the default". An unknown name or a value
// not of the parameter's type is a *ParamError.
func (s Saved) Run(ctx context.Context, db *sql.DB, values map[string]string) (*Table, error) {
	known := make([]string, len(s.Params))
	for i, p := range s.Params {
		known[i] = p.Name
	}
	for name := range values {
		if !containsString(known, name) {
			return nil, &ParamError{Query: s.Name, Param: name, Known: known}
		}
	}
	args := make([]any, 0, len(s.Params))
	for _, p := range s.Params {
		text, ok := values[p.Name]
		if !ok {
			args = append(args, sql.Named(p.Name, nil))
			continue
		}
		v, err := p.parse(text)
		if err != nil {
			return nil, &ParamError{Query: s.Name, Param: p.Name, Value: text, Type: p.Type, Known: known}
		}
		args = append(args, sql.Named(p.Name, v))
	}
	t, err := Query(ctx, db, s.SQL, args...)
	if err != nil {
		return nil, fmt.Errorf("保存的查询 %s: %w", s.Name, err)
	}
	return t, nil
}

func (p Param) parse(text string) (any, error) {
	text = strings.TrimSpace(text)
	switch p.Type {
	case ParamInteger:
		return strconv.ParseInt(text, 10, 64)
	case ParamNumber:
		f, err := strconv.ParseFloat(text, 64)
		if err == nil && (math.IsNaN(f) || math.IsInf(f, 0)) {
			err = errors.New("not a finite number")
		}
		return f, err
	case ParamDate:
		return time.Parse("2006-01-02", text)
	case ParamBoolean:
		switch text {
		case "是", "1", "true", "TRUE", "True", "yes":
			return true, nil
		case "否", "0", "false", "FALSE", "False", "no":
			return false, nil
		}
		return nil, errors.New("not a boolean")
	}
	return text, nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
