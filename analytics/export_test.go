package analytics

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"reflect"
)

// ScopeFigures runs the figure queries of a Summarize of s (year s.Year, previous year prev, split by
// township) on one figure connection after scopeMembers, scopeHeads and scopeTurnout, and returns
// their rows. With hideMembers, v_members is first shadowed on that connection by a view with none of
// its columns, so that any of those queries reading v_members instead of the scope's scope_members
// fails; the connection is then discarded.
func ScopeFigures(ctx context.Context, db *sql.DB, s Scope, prev int, hideMembers bool) (any, error) {
	opts, err := Options{}.withDefaults()
	if err != nil {
		return nil, err
	}
	conn, err := figureConn(ctx, db, opts)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	defer dropScope(conn)
	if err := scopeMembers(ctx, conn, s); err != nil {
		return nil, err
	}
	if err := scopeHeads(ctx, conn, s, prev); err != nil {
		return nil, err
	}
	if err := scopeTurnout(ctx, conn, s, prev); err != nil {
		return nil, err
	}
	if hideMembers {
		defer conn.Raw(func(any) error { return driver.ErrBadConn })
		if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP VIEW v_members AS SELECT 1 AS hidden WHERE false`); err != nil {
			return nil, err
		}
	}
	figures := newFigureLevels()
	if err := loadElectionFigures(ctx, conn, s, prev, "township", opts, &figures); err != nil {
		return nil, fmt.Errorf("figures: %w", err)
	}
	if err := loadMemberFigures(ctx, conn, s, prev, "township", &figures); err != nil {
		return nil, fmt.Errorf("figures: %w", err)
	}
	members, err := loadMembers(ctx, conn, s, prev)
	if err != nil {
		return nil, fmt.Errorf("members: %w", err)
	}
	return []any{figures, members}, nil
}

// SameFigures says whether two results of ScopeFigures hold the same rows.
func SameFigures(a, b any) bool { return reflect.DeepEqual(a, b) }
