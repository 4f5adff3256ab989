package analytics

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// figureSQL is the text of every file of views/ with every macro and view made TEMP: they live on one
// connection, need no write access (a database opened read-only works) and shadow the installed ones,
// so that Summarize reads the definitions of this binary even from a database installed by an older
// one. Each figure family has one definition for the analysts' views and for the model.
//
// The figure macros read the members from summary_members (views/01_v_members.sql), a view of all of
// v_members that Summarize shadows, while it runs, by a TEMP table of the rows of its scope
// (scopeMembers): v_members is computed once per summary instead of once in every figure query that
// reads it (structure, heads, 两委, roster).
var figureSQL = func() string {
	names, err := fs.Glob(viewFS, "views/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, name := range names {
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
}()

// summaryMembersView is summary_members outside a Summarize (views/01_v_members.sql): every row of
// v_members, which scopeMembers puts back.
const summaryMembersView = `CREATE OR REPLACE VIEW summary_members AS SELECT * FROM v_members;`

// scopeMembers makes summary_members on conn (a figureConn) a TEMP table of the rows of v_members in
// the scope (every year), which the figure queries of one Summarize then read, and returns what puts
// the view back. Rows of other scopes are never asked for while the table stands: conn is this
// Summarize's alone. A connection that cannot be put back is discarded, not returned to the pool.
func scopeMembers(ctx context.Context, conn *sql.Conn, s Scope) (restore func(), err error) {
	ctx = context.WithoutCancel(ctx) // put back even when the request gives up
	discard := func() {
		conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	if _, err := conn.ExecContext(ctx, `DROP VIEW temp.summary_members`); err != nil {
		discard()
		return func() {}, fmt.Errorf("select the members of the scope: %w", err)
	}
	restore = func() {
		if _, err := conn.ExecContext(ctx, `DROP TABLE IF EXISTS temp.summary_members; `+
			strings.Replace(summaryMembersView, "CREATE OR REPLACE VIEW", "CREATE OR REPLACE TEMP VIEW", 1)); err != nil {
			discard()
		}
	}
	if _, err := conn.ExecContext(ctx, sqlText("summary_members"), s.County, s.Township, s.Unit); err != nil {
		restore()
		return func() {}, fmt.Errorf("select the members of the scope: %w", err)
	}
	return restore, nil
}

// definitionOf is the text of the TEMP definition of figureSQL that begins with start, through its ';'.
func definitionOf(start string) string {
	i := strings.Index(figureSQL, start)
	if i < 0 {
		panic("analytics: views/ define no " + start)
	}
	n := strings.Index(figureSQL[i:], ";\n")
	if n < 0 {
		panic("analytics: " + start + " has no end")
	}
	return figureSQL[i : i+n+1]
}

// headTermsMacro is the text of the TEMP macro head_terms (views/04_v_structure.sql), which scopeHeads
// puts back; turnoutView that of the TEMP view v_turnout (views/02_v_turnout.sql), which scopeTurnout
// puts back.
var (
	headTermsMacro = definitionOf("CREATE OR REPLACE TEMP MACRO head_terms(")
	turnoutView    = definitionOf("CREATE OR REPLACE TEMP VIEW v_turnout AS")
)

// scopeHeads makes head_terms on conn (a figureConn after scopeMembers) the rows of a TEMP table,
// summary_head_terms, of head_terms(s.Year, prev, the scope) — the only arguments a Summarize gives it —
// so that structure_figures (the heads and new heads) and heads_changed_figures read the heads' terms
// computed once instead of each computing them again. (two_committee_members, which structure_figures
// and two_committee_figures both read, is not made a table so: no gain was measurable with one DuckDB
// thread, and with two the summary's CPU rose, 5 rounds of 15 county summaries, medians 361 → 387 ms.)
func scopeHeads(ctx context.Context, conn *sql.Conn, s Scope, prev int) (restore func(), err error) {
	return scopeRows(ctx, conn, "select the heads of the scope", "summary_head_terms",
		`SELECT * FROM head_terms(?, ?, ?, ?, ?)`, []any{s.Year, prev, s.County, s.Township, s.Unit},
		`CREATE OR REPLACE TEMP MACRO head_terms(first_year, second_year, in_county, in_township, in_unit) AS TABLE
		SELECT * FROM summary_head_terms`, headTermsMacro)
}

// scopeTurnout makes v_turnout on conn (a figureConn) the rows of a TEMP table, summary_turnout, of
// v_turnout in the scope and the years s.Year and prev: all that the elections, the legal checks and
// participation_figures of a Summarize read of it, on the connection of its elections. Each of those
// queries then binds and scans a table of the scope's elections instead of the view over every
// election (three of the legal checks read it).
func scopeTurnout(ctx context.Context, conn *sql.Conn, s Scope, prev int) (restore func(), err error) {
	return scopeRows(ctx, conn, "select the elections of the scope", "summary_turnout",
		`SELECT * FROM v_turnout WHERE in_scope(?, ?, ?, ?, ?, year, county, township, unit)`,
		[]any{s.Year, prev, s.County, s.Township, s.Unit},
		`CREATE OR REPLACE TEMP VIEW v_turnout AS SELECT * FROM summary_turnout`, turnoutView)
}

// scopeRows fills the TEMP table table on conn with the rows of query (args) and then runs shadow,
// which makes a definition read that table, and returns what puts definition back and drops the table.
// A connection that cannot be put back is discarded, not returned to the pool. what says, in an error,
// what was being done.
func scopeRows(ctx context.Context, conn *sql.Conn, what, table, query string, args []any, shadow, definition string) (restore func(), err error) {
	ctx = context.WithoutCancel(ctx) // put back even when the request gives up
	restore = func() {
		if _, err := conn.ExecContext(ctx, definition+` DROP TABLE IF EXISTS temp.`+table+`;`); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}
	if _, err := conn.ExecContext(ctx, `CREATE TEMP TABLE `+table+` AS `+query, args...); err != nil {
		restore()
		return func() {}, fmt.Errorf("%s: %w", what, err)
	}
	if _, err := conn.ExecContext(ctx, shadow); err != nil {
		restore()
		return func() {}, fmt.Errorf("%s: %w", what, err)
	}
	return restore, nil
}

// figureMarker says a connection holds this figureSQL: the value of its variable electsum_figures
// (SET VARIABLE, which each connection has of its own). A pooled connection keeps its TEMP definitions
// when it is given back, so that the next Summarize on it does not define them again (that took about
// a third of a county's summary).
var figureMarker = fmt.Sprintf("%x", sha256.Sum256([]byte(figureSQL)))[:16]

// electionConn is figureConn for the summaries of one kind of election of a township or a county
// (人大, 党代会): opts with their defaults filled (an error when they are wrong) and a connection with
// the figures by them. The caller closes it.
func electionConn(ctx context.Context, db *sql.DB, opts Options) (*sql.Conn, Options, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, opts, err
	}
	conn, err := figureConn(ctx, db, opts)
	return conn, opts, err
}

// electionLevel is the level of a 人大 or 党代会 summary of scope: a township's, else a county's.
func electionLevel(scope Scope) Level {
	if scope.Township != "" {
		return LevelTownship
	}
	return LevelCounty
}

// figureConn is a connection of db on which the figure definitions exist (figureSQL), grouping by the
// age bands and education buckets of opts (TEMP tables cfg_age_bands and cfg_education_buckets, which
// shadow the installed ones on this connection only). The caller closes it. A pooled connection keeps
// both: its variables electsum_figures and electsum_options say which definitions (figureMarker) and
// which options (optionsMarker) it holds, so that they are set again only when they differ. Reading two
// variables costs far less than listing the connection's TEMP tables (duckdb_tables), as markers did.
func figureConn(ctx context.Context, db *sql.DB, opts Options) (*sql.Conn, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("open a connection: %w", err)
	}
	var defined, options sql.NullString
	if err := conn.QueryRowContext(ctx, `SELECT getvariable('electsum_figures'), getvariable('electsum_options')`).Scan(&defined, &options); err != nil {
		conn.Close()
		return nil, fmt.Errorf("define the figures on the connection: %w", err)
	}
	if marker := optionsMarker(opts); options.String != marker {
		if err := setOptions(ctx, conn, opts); err != nil {
			conn.Close()
			return nil, err
		}
		if _, err := conn.ExecContext(ctx, `SET VARIABLE electsum_options = ?`, marker); err != nil {
			conn.Close()
			return nil, fmt.Errorf("set the age bands and education buckets: %w", err)
		}
	}
	if defined.String == figureMarker {
		return conn, nil
	}
	if _, err := conn.ExecContext(ctx, figureSQL); err != nil {
		conn.Close()
		return nil, fmt.Errorf("define the figures on the connection: %w", err)
	}
	if _, err := conn.ExecContext(ctx, `SET VARIABLE electsum_figures = ?`, figureMarker); err != nil {
		conn.Close()
		return nil, fmt.Errorf("define the figures on the connection: %w", err)
	}
	return conn, nil
}

// optionsMarker is the value of a connection's variable electsum_options when its cfg_age_bands and
// cfg_education_buckets hold the bands and buckets of opts.
func optionsMarker(opts Options) string {
	key, err := json.Marshal([]any{opts.AgeBands, opts.EducationBuckets})
	if err != nil {
		panic(fmt.Sprintf("analytics: options key: %v", err)) // slices of strings and ints
	}
	return fmt.Sprintf("%x", sha256.Sum256(key))[:16]
}

// execer is what setOptions needs of a *sql.Conn or a *sql.Tx.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// setOptions (re)creates the TEMP tables cfg_age_bands and cfg_education_buckets of one connection,
// which v_members groups by, and fills them with the bands and buckets of opts, which must be
// complete (withDefaults).
func setOptions(ctx context.Context, conn execer, opts Options) error {
	for _, q := range []string{
		`CREATE OR REPLACE TEMP TABLE cfg_age_bands (label VARCHAR NOT NULL, min_age INTEGER NOT NULL, max_age INTEGER, ord INTEGER NOT NULL)`,
		`CREATE OR REPLACE TEMP TABLE cfg_education_buckets (label VARCHAR NOT NULL, education VARCHAR NOT NULL, ord INTEGER NOT NULL)`,
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("set the age bands and education buckets: %w", err)
		}
	}
	if err := insertAgeBands(ctx, conn, "temp.cfg_age_bands", opts.AgeBands); err != nil {
		return err
	}
	return insertEducationBuckets(ctx, conn, "temp.cfg_education_buckets", opts.EducationBuckets)
}

// insertAgeBands appends bands, in order, to table (cfg_age_bands or its TEMP copy).
func insertAgeBands(ctx context.Context, db execer, table string, bands []AgeBand) error {
	if len(bands) == 0 {
		return nil
	}
	rows := make([]string, len(bands))
	var args []any
	for i, b := range bands {
		var max any
		if b.Max != 0 {
			max = b.Max
		}
		rows[i] = "(?, ?, ?, ?)"
		args = append(args, b.Label, b.Min, max, i+1)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO `+table+` VALUES `+strings.Join(rows, ", "), args...); err != nil {
		return fmt.Errorf("fill %s: %w", table, err)
	}
	return nil
}

// insertEducationBuckets appends buckets, in order, to table (cfg_education_buckets or its TEMP copy).
func insertEducationBuckets(ctx context.Context, db execer, table string, buckets []EducationBucket) error {
	var rows []string
	var args []any
	for i, b := range buckets {
		for _, v := range b.Values {
			rows = append(rows, "(?, ?, ?)")
			args = append(args, b.Label, v, i+1)
		}
	}
	if len(rows) == 0 {
		return nil
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO `+table+` VALUES `+strings.Join(rows, ", "), args...); err != nil {
		return fmt.Errorf("fill %s: %w", table, err)
	}
	return nil
}

// querier is what the loaders need of a *sql.DB or a *sql.Conn.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
