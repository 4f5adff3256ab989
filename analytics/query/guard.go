package query

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"

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
		var err error
		kind, names, err = statementKind(c, query)
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
			innerKind, _, err := statementKind(c, inner)
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
	return kind, names, err
}

// statementKind prepares the single statement in query and returns its type's name and its result's
// column names.
func statementKind(c *duckdb.Conn, query string) (string, []string, error) {
	if strings.TrimSpace(stripComments(query)) == "" {
		return "", nil, ErrEmptyQuery
	}
	st, err := c.Prepare(query)
	if err != nil {
		var de *duckdb.Error
		if errors.As(err, &de) {
			return "", nil, sqlError(err)
		}
		// The driver's only other refusal of non-empty text is that it holds several statements.
		return "", nil, ErrMultipleStatements
	}
	defer st.Close()
	s, ok := st.(*duckdb.Stmt)
	if !ok {
		return "", nil, fmt.Errorf("数据库驱动返回了未知的语句类型 %T", st)
	}
	typ, err := s.StatementType()
	if err != nil {
		return "", nil, sqlError(err)
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
	if name, ok := statementKinds[typ]; ok {
		return name, names, nil
	}
	return fmt.Sprintf("类型 %d", typ), names, nil
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
