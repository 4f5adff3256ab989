package query

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// checkReadOnly prepares query with the driver's context-free Prepare, which refuses several statements
// instead of running all but the last, and checks the statement's type. It returns the kind (SELECT
// or EXPLAIN) and the names of the result's columns as the statement gives them.
func checkReadOnly(conn *sql.Conn, query string) (kind string, names []string, err error) {
	err = conn.Raw(func(driverConn any) error {
		c, ok := driverConn.(*duckdb.Conn)
		if !ok {
			return fmt.Errorf("数据库驱动不是 DuckDB (%T)", driverConn)
		}
		k, n, err := prepareKind(c, query)
		if err != nil {
			return err
		}
		kind, names = k.keyword, n
		switch kind {
		case "SELECT":
			return nil
		case "EXPLAIN":
			// EXPLAIN ANALYZE runs its statement, so what is explained must itself be a read.
			inner, ok := explained(query)
			if !ok {
				return &RefusedError{Kind: "EXPLAIN", Label: k.label}
			}
			innerKind, _, err := prepareKind(c, inner)
			if err != nil {
				return err
			}
			if innerKind.keyword != "SELECT" {
				return &RefusedError{Kind: "EXPLAIN " + innerKind.keyword, Label: innerKind.label}
			}
			return nil
		}
		return &RefusedError{Kind: kind, Label: k.label}
	})
	return kind, names, err
}

// prepareKind prepares the single statement in query and returns its kind and its result's column
// names.
func prepareKind(c *duckdb.Conn, query string) (statementKind, []string, error) {
	if strings.TrimSpace(stripComments(query)) == "" {
		return statementKind{}, nil, ErrEmptyQuery
	}
	st, err := c.Prepare(query)
	if err != nil {
		var de *duckdb.Error
		if errors.As(err, &de) {
			return statementKind{}, nil, sqlError(err)
		}
		// The driver's only other refusal of non-empty text is that it holds several statements.
		return statementKind{}, nil, ErrMultipleStatements
	}
	defer st.Close()
	s, ok := st.(*duckdb.Stmt)
	if !ok {
		return statementKind{}, nil, fmt.Errorf("数据库驱动返回了未知的语句类型 %T", st)
	}
	typ, err := s.StatementType()
	if err != nil {
		return statementKind{}, nil, sqlError(err)
	}
	var names []string
	if n, err := s.ColumnCount(); err == nil {
		for i := range n {
			name, err := s.ColumnName(i)
			if err != nil {
				break
			}
			names = append(names, name)
		}
	}
	return kindOf(typ, query), names, nil
}

// statementKind is one kind of statement as a user wrote it: its leading keywords and what it does.
type statementKind struct {
	keyword string
	label   string // what the statement does, for the refusal message
}

// statementKinds names each statement type DuckDB's C API reports. DuckDB parses ANALYZE as a VACUUM
// statement, so kindOf tells the two apart by the first keyword.
var statementKinds = map[duckdb.StmtType]statementKind{
	duckdb.STATEMENT_TYPE_SELECT:       {"SELECT", "查询"},
	duckdb.STATEMENT_TYPE_INSERT:       {"INSERT", "插入数据"},
	duckdb.STATEMENT_TYPE_UPDATE:       {"UPDATE", "修改数据"},
	duckdb.STATEMENT_TYPE_EXPLAIN:      {"EXPLAIN", "查看执行计划"},
	duckdb.STATEMENT_TYPE_DELETE:       {"DELETE", "删除数据"},
	duckdb.STATEMENT_TYPE_PREPARE:      {"PREPARE", "预备语句"},
	duckdb.STATEMENT_TYPE_CREATE:       {"CREATE", "创建表、视图或其他对象"},
	duckdb.STATEMENT_TYPE_EXECUTE:      {"EXECUTE", "执行预备语句"},
	duckdb.STATEMENT_TYPE_ALTER:        {"ALTER", "修改表结构"},
	duckdb.STATEMENT_TYPE_TRANSACTION:  {"BEGIN/COMMIT/ROLLBACK", "事务控制"},
	duckdb.STATEMENT_TYPE_COPY:         {"COPY", "导入或导出文件"},
	duckdb.STATEMENT_TYPE_ANALYZE:      {"ANALYZE", "更新统计信息"},
	duckdb.STATEMENT_TYPE_VARIABLE_SET: {"SET VARIABLE", "设置变量"},
	duckdb.STATEMENT_TYPE_CREATE_FUNC:  {"CREATE MACRO/FUNCTION", "创建函数"},
	duckdb.STATEMENT_TYPE_DROP:         {"DROP", "删除表、视图或其他对象"},
	duckdb.STATEMENT_TYPE_EXPORT:       {"EXPORT DATABASE", "导出整个数据库"},
	duckdb.STATEMENT_TYPE_PRAGMA:       {"PRAGMA", "更改数据库设置"},
	duckdb.STATEMENT_TYPE_VACUUM:       {"VACUUM", "整理数据库文件"},
	duckdb.STATEMENT_TYPE_CALL:         {"CALL", "调用表函数"},
	duckdb.STATEMENT_TYPE_SET:          {"SET/RESET", "更改数据库设置"},
	duckdb.STATEMENT_TYPE_LOAD:         {"LOAD", "加载扩展"},
	duckdb.STATEMENT_TYPE_RELATION:     {"RELATION", "关系 API 语句"},
	duckdb.STATEMENT_TYPE_EXTENSION:    {"INSTALL", "安装扩展"},
	duckdb.STATEMENT_TYPE_LOGICAL_PLAN: {"LOGICAL PLAN", "逻辑计划"},
	duckdb.STATEMENT_TYPE_ATTACH:       {"ATTACH", "连接其他数据库文件"},
	duckdb.STATEMENT_TYPE_DETACH:       {"DETACH", "断开数据库"},
	duckdb.STATEMENT_TYPE_MULTI:        {"MULTI", "多条语句"},
	// Newer than the constants duckdb-go names; the numbers are DuckDB's C API (duckdb.h).
	28: {"COPY FROM DATABASE", "复制整个数据库"},
	29: {"UPDATE EXTENSIONS", "更新扩展"},
	30: {"MERGE INTO", "合并写入数据"},
}

// kindOf names the statement type typ of query.
func kindOf(typ duckdb.StmtType, query string) statementKind {
	if typ == duckdb.STATEMENT_TYPE_VACUUM && firstKeyword.FindString(stripComments(query)) != "" {
		return statementKinds[duckdb.STATEMENT_TYPE_ANALYZE]
	}
	if k, ok := statementKinds[typ]; ok {
		return k
	}
	return statementKind{keyword: fmt.Sprintf("类型 %d", typ), label: "未知的语句"}
}

var firstKeyword = regexp.MustCompile(`(?i)^[\s(]*ANALY[SZ]E\b`)

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
	if errors.Is(err, context.DeadlineExceeded) {
		return &TimeoutError{err: err}
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("查询已中止: %w", err)
	}
	var de *duckdb.Error
	if errors.As(err, &de) {
		return &SQLError{Message: de.Msg, err: err}
	}
	return &SQLError{Message: err.Error(), err: err}
}

// TextError is SQL text holding a character that has no place in a statement: a NUL byte, which DuckDB
// takes for the end of the text, so that everything after it would be dropped unseen; another control
// character; or an invisible mark that reorders how text is shown, so that what runs is not what the
// analyst reads.
type TextError struct {
	// Source says where the text came from, as the message starts: "SQL 文件 x.sql", "查询框中的 SQL".
	Source string
	Line   int  // 1-based
	Byte   int  // 1-based offset of the character's first byte in the text
	Char   rune // the character
}

func (e *TextError) Error() string {
	what := fmt.Sprintf("一个控制字符 (U+%04X)", e.Char)
	switch {
	case e.Char == 0:
		what = "一个空字符 (NUL, 0x00)"
	case !unicode.IsControl(e.Char):
		what = fmt.Sprintf("一个看不见的、改变文字显示顺序的字符 (U+%04X)", e.Char)
	}
	return fmt.Sprintf("%s 第 %d 行 (第 %d 个字节) 有%s; SQL 里不应有这个字符", e.Source, e.Line, e.Byte, what)
}

func (e *TextError) Hint() string {
	return "删掉这一处 (常见于从网页、Word 或其他程序复制的文本) 后再运行; SQL 文件请用记事本打开, 删掉后另存为 UTF-8"
}

// CheckText refuses SQL text with a character of TextError's kinds; tabs and line breaks are fine.
// source starts the message ("" reads as "SQL").
func CheckText(source, text string) error {
	i := strings.IndexFunc(text, func(r rune) bool { return r != '\t' && r != '\n' && r != '\r' && unsafeOnTerminal(r) })
	if i < 0 {
		return nil
	}
	if source == "" {
		source = "SQL"
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return &TextError{Source: source, Line: 1 + strings.Count(text[:i], "\n"), Byte: i + 1, Char: r}
}
