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
	return []any{s.County, s.County, s.Township, s.Township, s.Unit, s.Unit}
}

// loadElections reads the elections on conn, a figureConn (v_turnout).
func loadElections(ctx context.Context, db querier, s Scope, prev int) ([]*electionRow, error) {
	args := append([]any{s.Year, prev}, scopeArgs(s)...)
	rows, err := db.QueryContext(ctx, sqlText("elections"), args...)
	if err != nil {
		return nil, fmt.Errorf("query elections: %w", err)
	}
	defer rows.Close()
	var out []*electionRow
	for rows.Next() {
		r := new(electionRow)
		var body string
		if err := rows.Scan(&r.County, &r.Township, &r.Unit, &r.Year, &body, &r.Method,
			&r.Registered, &r.Voted, &r.Proxy, &r.Mobile, &r.Valid, &r.Invalid,
			&r.Seats, &r.Candidates, &r.Elected, &r.Date, &r.FirstRound, &r.Turnout, &r.Margin, &r.Representatives); err != nil {
			return nil, fmt.Errorf("read elections: %w", err)
		}
		r.Body = Body(body)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read elections: %w", err)
	}
	return out, nil
}

// loadMembers reads the members on conn, a figureConn inside Summarize (summary_members, scopeMembers).
func loadMembers(ctx context.Context, conn querier, s Scope, prev int) ([]*memberRow, error) {
	args := append([]any{s.Year, prev}, scopeArgs(s)...)
	rows, err := conn.QueryContext(ctx, sqlText("members"), args...)
	if err != nil {
		return nil, fmt.Errorf("query members: %w", err)
	}
	defer rows.Close()
	var out []*memberRow
	for rows.Next() {
		m := new(memberRow)
		var body string
		if err := rows.Scan(&m.County, &m.Township, &m.Unit, &m.Year, &body, &m.Name, &m.Position, &m.Gender,
			&m.Age, &m.Ethnicity, &m.Party, &m.Education, &m.Reelected, &m.IDNumber); err != nil {
			return nil, fmt.Errorf("read members: %w", err)
		}
		m.Body = Body(body)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read members: %w", err)
	}
	return out, nil
}

func loadWarnings(ctx context.Context, db querier, s Scope) ([]*warningRow, error) {
	args := append([]any{s.Year}, scopeArgs(s)...)
	rows, err := db.QueryContext(ctx, sqlText("warnings"), args...)
	if err != nil {
		return nil, fmt.Errorf("query data_warnings: %w", err)
	}
	defer rows.Close()
	var out []*warningRow
	for rows.Next() {
		w := new(warningRow)
		var body string
		if err := rows.Scan(&w.County, &w.Township, &w.Unit, &w.Year, &body, &w.Rule, &w.Message,
			&w.File, &w.Sheet, &w.Row); err != nil {
			return nil, fmt.Errorf("read data_warnings: %w", err)
		}
		w.Body = Body(body)
		out = append(out, w)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read data_warnings: %w", err)
	}
	return out, nil
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
	rows, err := db.QueryContext(ctx, sqlText("years"))
	if err != nil {
		return nil, fmt.Errorf("list election years: %w", err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, fmt.Errorf("list election years: %w", err)
		}
		out = append(out, y)
	}
	return out, rows.Err()
}

// Scopes lists every county and township with data in year, ordered by county then township (Unit is
// empty). Reports use it for one report per county or per township; a county is the set of its
// rows' County values.
func Scopes(ctx context.Context, db *sql.DB, year int) ([]UnitRef, error) {
	rows, err := db.QueryContext(ctx, sqlText("scopes"), year, year)
	if err != nil {
		return nil, fmt.Errorf("list counties and townships of %d: %w", year, err)
	}
	defer rows.Close()
	var out []UnitRef
	for rows.Next() {
		var r UnitRef
		if err := rows.Scan(&r.County, &r.Township); err != nil {
			return nil, fmt.Errorf("list counties and townships of %d: %w", year, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
