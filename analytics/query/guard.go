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
