package analytics

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"

	"electsum"
)

// figureSQL is the text of every file of views/, after the domain's macros (domainMacros), with every
// macro and view made TEMP: they live on one connection, need no write access (a database opened
// read-only works) and shadow the installed ones, so that Summarize reads the definitions of this binary
// even from a database installed by an older one. Each figure family has one definition for the
// analysts' views and for the model.
var figureSQL = func() string {
	names, err := fs.Glob(viewFS, "views/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString(domainMacros)
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

// Summarize reads its scope's rows from three TEMP tables of its own connection, filled once per
// summary: scope_members, the rows of v_members in the scope, every year (scopeMembers), so that
// v_members is computed once per summary instead of once in every figure query that reads it
// (structure, heads, 两委, roster); scope_heads, head_terms of the scope and the two years
// (scopeHeads), which structure_figures and heads_changed_figures both read; and scope_turnout, the
// rows of v_turnout in the scope and the two years (scopeTurnout), which the elections, the legal
// checks and participation_figures read.
//
// The figure definitions read those tables in copies of their own (scopedSQL): every definition of
// figureSQL that reads summary_members, head_terms or v_turnout, directly or through another one
// (scopedCopies), under the name scope_<name>, with summary_members read as scope_members, v_turnout
// as scope_turnout and head_terms as scope_head_terms (the rows of scope_heads). A pooled connection
// keeps them with figureSQL. The analysts' names are never shadowed: a query on a pooled connection,
// during a Summarize or after it, reads the whole database, and nothing is put back when a summary
// ends (putting summary_members, head_terms and v_turnout back by defining them again took about 5 %
// of a county's summary; each definition was bound or parsed anew every time).
var scopedCopies = []string{
	"two_committee_members", "two_committee_units", "two_committee_figures",
	"structure_people", "structure_figures", "head_changes", "heads_changed_figures",
	"participation_figures", "legal_checks", "v_checks",
}

// scopedNames maps each name that the copies of scopedSQL read otherwise to the name they read.
var scopedNames = func() map[string]string {
	names := map[string]string{"summary_members": "scope_members", "v_turnout": "scope_turnout", "head_terms": "scope_head_terms"}
	for _, name := range scopedCopies {
		names[name] = "scope_" + name
	}
	return names
}()

var scopedPattern = func() *regexp.Regexp {
	var names []string
	for name := range scopedNames {
		names = append(names, name)
	}
	sort.Strings(names)
	return regexp.MustCompile(`\b(` + strings.Join(names, "|") + `)\b`)
}()

// scoped is text (a definition of figureSQL, a query of sql/) reading the scope's tables and the
// copies of scopedSQL: every name of scopedNames replaced by the one it maps to.
func scoped(text string) string {
	return scopedPattern.ReplaceAllStringFunc(text, func(name string) string { return scopedNames[name] })
}

// scopedSQL is the text of the copies (see scopedCopies), defined after the empty tables
// scope_members and scope_turnout (scopeTables; a definition is bound when it is made, so the tables
// it reads must exist), with what they need before them: scope_heads_of, head_terms computed over
// scope_members, which fills scope_heads; scope_heads, empty; and the macro scope_head_terms, which
// gives the rows of scope_heads whatever its arguments (the only ones a Summarize gives it are those
// scope_heads was filled with).
var scopedSQL = func() string {
	var b strings.Builder
	b.WriteString(strings.Replace(scoped(definitionOf("CREATE OR REPLACE TEMP MACRO head_terms(")),
		"MACRO scope_head_terms(", "MACRO scope_heads_of(", 1))
	b.WriteString(`
CREATE OR REPLACE TEMP TABLE scope_heads AS SELECT * FROM scope_heads_of(NULL, NULL, '', '', '') LIMIT 0;
CREATE OR REPLACE TEMP MACRO scope_head_terms(first_year, second_year, in_county, in_township, in_unit) AS TABLE
SELECT * FROM scope_heads;
`)
	for _, name := range scopedCopies {
		start := "CREATE OR REPLACE TEMP MACRO " + name + "("
		if strings.HasPrefix(name, "v_") {
			start = "CREATE OR REPLACE TEMP VIEW " + name + " AS"
		}
		b.WriteString(scoped(definitionOf(start)))
		b.WriteString("\n")
	}
	return b.String()
}()

// scopeTables makes the empty tables scope_members and scope_turnout on conn, with the columns that
// scopeMembers and scopeTurnout give them.
func scopeTables(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE scope_members AS SELECT * FROM (`+sqlText("scope_members")+`) LIMIT 0`, "", "", ""); err != nil {
		return err
	}
	_, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE scope_turnout AS SELECT * FROM v_turnout LIMIT 0`)
	return err
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

// scopeMembers fills scope_members on conn (a figureConn) with the rows of v_members in the scope
// s, every year (sql/scope_members.sql).
func scopeMembers(ctx context.Context, conn *sql.Conn, s Scope) error {
	if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE scope_members AS `+sqlText("scope_members"), s.County, s.Township, s.Unit); err != nil {
		return fmt.Errorf("select the members of the scope: %w", err)
	}
	return nil
}

// scopeHeads fills scope_heads on conn (a figureConn after scopeMembers) with head_terms(s.Year, prev,
// the scope) computed over scope_members, which structure_figures (the heads and new heads) and
// heads_changed_figures then read instead of each computing them again. (two_committee_members, which
// structure_figures and two_committee_figures both read, is not made a table so: no gain was
// measurable with one DuckDB thread, and with two the summary's CPU rose, 5 rounds of 15 county
// summaries, medians 361 → 387 ms.)
func scopeHeads(ctx context.Context, conn *sql.Conn, s Scope, prev int) error {
	if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE scope_heads AS SELECT * FROM scope_heads_of(?, ?, ?, ?, ?)`,
		s.Year, prev, s.County, s.Township, s.Unit); err != nil {
		return fmt.Errorf("select the heads of the scope: %w", err)
	}
	return nil
}

// scopeTurnout fills scope_turnout on conn (a figureConn) with the rows of v_turnout in the scope and
// the years s.Year and prev: all that the elections, the legal checks and participation_figures of a
// Summarize read of it, on the connection of its elections. Each of those queries then binds and
// scans a table of the scope's elections instead of the view over every election (three of the legal
// checks read it).
func scopeTurnout(ctx context.Context, conn *sql.Conn, s Scope, prev int) error {
	if _, err := conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE scope_turnout AS
		SELECT * FROM v_turnout WHERE in_scope(?, ?, ?, ?, ?, year, county, township, unit)`,
		s.Year, prev, s.County, s.Township, s.Unit); err != nil {
		return fmt.Errorf("select the elections of the scope: %w", err)
	}
	return nil
}

// dropScope empties conn of the scope's tables when a summary ends, so that an idle pooled
// connection does not hold a scope's rows (a whole database's, after the summary of all data): the
// next Summarize on it fills them again. A connection that cannot drop them is discarded, not
// returned to the pool.
func dropScope(conn *sql.Conn) {
	if _, err := conn.ExecContext(context.Background(), `DROP TABLE IF EXISTS temp.scope_members;
		DROP TABLE IF EXISTS temp.scope_heads; DROP TABLE IF EXISTS temp.scope_turnout;`); err != nil {
		conn.Raw(func(any) error { return driver.ErrBadConn })
	}
}

// figureMarker says a connection holds this figureSQL: the value of its variable electsum_figures
// (SET VARIABLE, which each connection has of its own). A pooled connection keeps its TEMP definitions
// when it is given back, so that the next Summarize on it does not define them again (that took about
// a third of a county's summary).
var figureMarker = fmt.Sprintf("%x", sha256.Sum256([]byte(figureSQL+scopedSQL)))[:16]

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
	if err := scopeTables(ctx, conn); err != nil {
		conn.Close()
		return nil, fmt.Errorf("define the figures on the connection: %w", err)
	}
	if _, err := conn.ExecContext(ctx, scopedSQL); err != nil {
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
		`CREATE OR REPLACE TEMP TABLE cfg_age_bands ` + ageBandColumns,
		`CREATE OR REPLACE TEMP TABLE cfg_education_buckets ` + educationBucketColumns,
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

// insertEducationBuckets appends buckets, in order, to table (cfg_education_buckets or its TEMP copy):
// each bucket's values, and each 学历 range (electsum.EducationRanges) whose values it holds all of.
func insertEducationBuckets(ctx context.Context, db execer, table string, buckets []EducationBucket) error {
	var rows []string
	var args []any
	for i, b := range buckets {
		values := slices.Clone(b.Values)
		for _, name := range electsum.EducationRangeNames() {
			if electsum.EducationWithin(name, b.Values) {
				values = append(values, name)
			}
		}
		for _, v := range values {
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
