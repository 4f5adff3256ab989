package analytics

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// figureFiles are the files of views/ whose macros and views Summarize reads, so that a figure family
// has one definition for the analysts' view and for the model.
var figureFiles = [...]string{"views/00_person.sql", "views/06_v_checks.sql", "views/07_v_congress.sql"}

// figureSQL is the text of figureFiles with every macro and view made TEMP: they live on one
// connection, need no write access (a database opened read-only works) and shadow the installed ones,
// so that Summarize reads the definitions of this binary even from a database installed by an older one.
func figureSQL() string {
	var b strings.Builder
	for _, name := range figureFiles {
		text, err := viewFS.ReadFile(name)
		if err != nil {
			panic(fmt.Sprintf("analytics: embedded view %s: %v", name, err))
		}
		b.Write(text)
		b.WriteString("\n")
	}
	return strings.NewReplacer(
		"CREATE OR REPLACE MACRO", "CREATE OR REPLACE TEMP MACRO",
		"CREATE OR REPLACE VIEW", "CREATE OR REPLACE TEMP VIEW",
	).Replace(b.String())
}

// figureConn is a connection of db on which the figure definitions exist (figureSQL). The caller closes it.
func figureConn(ctx context.Context, db *sql.DB) (*sql.Conn, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("open a connection: %w", err)
	}
	if _, err := conn.ExecContext(ctx, figureSQL()); err != nil {
		conn.Close()
		return nil, fmt.Errorf("define the figures on the connection: %w", err)
	}
	return conn, nil
}

// querier is what the loaders need of a *sql.DB or a *sql.Conn.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
