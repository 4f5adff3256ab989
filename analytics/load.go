package analytics

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
)

//go:embed sql/*.sql
var sqlFS embed.FS

// sqlText returns the text of sql/name.sql; a missing file is a programmer error.
func sqlText(name string) string {
	b, err := sqlFS.ReadFile("sql/" + name + ".sql")
	if err != nil {
		panic(fmt.Sprintf("analytics: embedded query %s: %v", name, err))
	}
	return string(b)
}

// eachRow runs query on conn with args and hands every row to scan, which reads it; what names the
// rows in errors: "query what: …" when the query fails, "read what: …" when a row or the result does.
func eachRow(ctx context.Context, conn querier, what, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := conn.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("query %s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return fmt.Errorf("read %s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s: %w", what, err)
	}
	return nil
}

// unitKey identifies a unit.
type unitKey struct{ County, Township, Unit string }

func (k unitKey) ref() UnitRef { return UnitRef(k) }

// electionRow is one row of sql/elections.sql.
type electionRow struct {
	unitKey
	Year                                       int
	Body                                       Body
	Method                                     string
	Registered, Voted, Proxy, Mobile           sql.NullInt64
	Valid, Invalid, Seats, Candidates, Elected sql.NullInt64
	Date                                       string
	FirstRound                                 sql.NullBool
	Turnout, Margin                            sql.NullFloat64 // percent, unrounded (v_turnout)
	Representatives                            bool            // v_turnout.representatives
}

// memberRow is one row of sql/members.sql.
type memberRow struct {
	unitKey
	Year                        int
	Body                        Body
	Name, Position, Gender      string
	Age                         sql.NullInt64 // at the election date (age_at_election)
	Ethnicity, Party, Education string
	Reelected                   sql.NullBool
	IDNumber                    string
}

// warningRow is one row of sql/warnings.sql.
type warningRow struct {
	unitKey
	Year          int
	Body          Body
	Rule, Message string
	File, Sheet   string
	Row           int
}

// scopeArgs are the bound parameters of a scope filter: each name twice (” means all).
func scopeArgs(s Scope) []any {
	return []any{s.County, s.Township, s.Unit}
}

// electionScopeArgs are the bound parameters of the people's congress and party congress queries: the
// scope's year, then its county and township each twice (” means all; a unit is not a scope of theirs).
func electionScopeArgs(s Scope) []any {
	return []any{s.Year, s.County, s.Township}
}

// loadElections reads the elections on conn, a figureConn after scopeTurnout (scope_turnout).
func loadElections(ctx context.Context, db querier, s Scope, prev int) ([]*electionRow, error) {
	var out []*electionRow
	err := eachRow(ctx, db, "elections", sqlText("elections"), append([]any{s.Year, prev}, scopeArgs(s)...), func(rows *sql.Rows) error {
		r := new(electionRow)
		var body string
		if err := rows.Scan(&r.County, &r.Township, &r.Unit, &r.Year, &body, &r.Method,
			&r.Registered, &r.Voted, &r.Proxy, &r.Mobile, &r.Valid, &r.Invalid,
			&r.Seats, &r.Candidates, &r.Elected, &r.Date, &r.FirstRound, &r.Turnout, &r.Margin, &r.Representatives); err != nil {
			return err
		}
		r.Body = Body(body)
		out = append(out, r)
		return nil
	})
	return out, err
}

// loadMembers reads the members on conn, a figureConn after scopeMembers (scope_members).
func loadMembers(ctx context.Context, conn querier, s Scope, prev int) ([]*memberRow, error) {
	var out []*memberRow
	err := eachRow(ctx, conn, "members", sqlText("members"), append([]any{s.Year, prev}, scopeArgs(s)...), func(rows *sql.Rows) error {
		m := new(memberRow)
		var body string
		if err := rows.Scan(&m.County, &m.Township, &m.Unit, &m.Year, &body, &m.Name, &m.Position, &m.Gender,
			&m.Age, &m.Ethnicity, &m.Party, &m.Education, &m.Reelected, &m.IDNumber); err != nil {
			return err
		}
		m.Body = Body(body)
		out = append(out, m)
		return nil
	})
	return out, err
}

func loadWarnings(ctx context.Context, db querier, s Scope) ([]*warningRow, error) {
	var out []*warningRow
	err := eachRow(ctx, db, "data_warnings", sqlText("warnings"), []any{s.Year, s.County, s.County, s.Township, s.Township, s.Unit, s.Unit}, func(rows *sql.Rows) error {
		w := new(warningRow)
		var body string
		if err := rows.Scan(&w.County, &w.Township, &w.Unit, &w.Year, &body, &w.Rule, &w.Message,
			&w.File, &w.Sheet, &w.Row); err != nil {
			return err
		}
		w.Body = Body(body)
		out = append(out, w)
		return nil
	})
	return out, err
}

// previousYear is the latest year before s.Year with data in the scope, or 0.
func previousYear(ctx context.Context, db querier, s Scope) (int, error) {
	var y sql.NullInt64
	args := append([]any{s.Year}, scopeArgs(s)...)
	if err := db.QueryRowContext(ctx, sqlText("previous_year"), args...).Scan(&y); err != nil {
		return 0, fmt.Errorf("find the previous election year: %w", err)
	}
	return int(y.Int64), nil
}

// Years lists every election year with data in the database, newest first.
func Years(ctx context.Context, db *sql.DB) ([]int, error) {
	var out []int
	err := eachRow(ctx, db, "the election years", sqlText("years"), nil, func(rows *sql.Rows) error {
		var y int
		if err := rows.Scan(&y); err != nil {
			return err
		}
		out = append(out, y)
		return nil
	})
	return out, err
}

// Scopes lists every county and township with data in year, ordered by county then township (Unit is
// empty). Reports use it for one report per county or per township; a county is the set of its
// rows' County values.
func Scopes(ctx context.Context, db *sql.DB, year int) ([]UnitRef, error) {
	var out []UnitRef
	err := eachRow(ctx, db, fmt.Sprintf("the counties and townships of %d", year), sqlText("scopes"), []any{year, year}, func(rows *sql.Rows) error {
		var r UnitRef
		if err := rows.Scan(&r.County, &r.Township); err != nil {
			return err
		}
		out = append(out, r)
		return nil
	})
	return out, err
}
