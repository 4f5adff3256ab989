package query_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"electsum/analytics"
	"electsum/analytics/query"
	"electsum/analytics/query/querytest"
	"electsum/ingest"
	"electsum/ingest/synth"
)

func openReadOnly(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := ingest.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// writeAttempts are statements that change the database or reach outside it; each must fail on a read-only
// database, and the file must be byte-for-byte the same afterwards.
var writeAttempts = []string{
	"INSERT INTO units VALUES ('x', 'y', 'z', '村')",
	"UPDATE members SET name = 'x'",
	"DELETE FROM members",
	"CREATE TABLE t (a INTEGER)",
	"CREATE VIEW v AS SELECT 1",
	"DROP TABLE members",
	"ALTER TABLE members ADD COLUMN x INTEGER",
	"COPY members TO 'members.csv'",
	"COPY (SELECT * FROM members) TO '/tmp/electsum-adhoc-test.parquet' (FORMAT parquet)",
	"EXPORT DATABASE 'exported'",
	"ATTACH ':memory:' AS scratch",
	"ATTACH 'other.duckdb' AS other",
	"DETACH electsum",
	"SET threads = 1",
	"SET enable_external_access = true",
	"RESET lock_configuration",
	"INSTALL httpfs",
	"LOAD httpfs",
	"CHECKPOINT",
	"VACUUM",
	"BEGIN TRANSACTION",
	"SELECT * FROM read_csv('/etc/passwd')",
	"SELECT * FROM read_text('/etc/hostname')",
	"SELECT 1; DROP TABLE members",
	"SELECT 1; SELECT 2",
	"EXPLAIN ANALYZE INSERT INTO units VALUES ('x', 'y', 'z', '村')",
	"EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1",
	"/* SELECT */ DELETE FROM members",
	"CREATE MACRO m(a) AS a",
	"SELECT * FROM query('DROP TABLE members')",
	"SELECT * FROM query('SELECT 1; DROP TABLE members')",
	"SELECT nextval('ingest_log_id')",
	"",
	"-- only a comment",
}

func TestQueryRefusesWritesOnReadOnlyDB(t *testing.T) {
	path := querytest.Fixture(t)
	before := fileHash(t, path)
	db := openReadOnly(t, path)
	ctx := context.Background()
	dir := t.TempDir()
	t.Chdir(dir)
	for _, q := range writeAttempts {
		if _, err := query.Run(ctx, db, q); err == nil {
			t.Errorf("%q was allowed", q)
		}
	}
	got, err := query.Run(ctx, db, "SELECT count(*) AS n FROM members")
	if err != nil {
		t.Fatal(err)
	}
	if n := got.Rows[0][0]; n != int64(15) {
		t.Errorf("members has %v rows after the attempts, want 15", n)
	}
	db.Close()
	if fileHash(t, path) != before {
		t.Error("database file changed")
	}
	for _, f := range []string{"members.csv", "exported", "other.duckdb", "/tmp/electsum-adhoc-test.parquet"} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s was written", f)
		}
	}
}

// TestQueryRefusesWritesByStatementType checks the second and third layers alone: on a writable
// database, only the statement checks stand between the query and the data.
func TestQueryRefusesWritesByStatementType(t *testing.T) {
	ctx := context.Background()
	db, err := ingest.Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `INSERT INTO units VALUES ('县', '镇', '村', '村')`); err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	cases := []struct {
		query string
		want  error
	}{
		{"SELECT 1; DROP TABLE units", query.ErrMultipleStatements},
		{"SELECT 1; SELECT 2", query.ErrMultipleStatements},
		{"DROP TABLE units; SELECT 1", query.ErrMultipleStatements},
		{"  \n-- nothing\n/* at all */", query.ErrEmptyQuery},
	}
	for _, c := range cases {
		if _, err := query.Run(ctx, db, c.query); !errors.Is(err, c.want) {
			t.Errorf("%q: error %v, want %v", c.query, err, c.want)
		}
	}
	refused := []string{
		"INSERT INTO units VALUES ('x', 'y', 'z', '村')",
		"DELETE FROM units",
		"UPDATE units SET kind = '社区'",
		"CREATE TABLE t (a INTEGER)",
		"DROP TABLE units",
		"COPY units TO 'units.csv'",
		"ATTACH ':memory:' AS scratch",
		"SET threads = 1",
		"INSTALL httpfs",
		"LOAD httpfs",
		"CHECKPOINT",
		"EXPLAIN ANALYZE DELETE FROM units",
		"EXPLAIN (FORMAT json) DELETE FROM units",
		"CALL pragma_version()",
	}
	for _, q := range refused {
		_, err := query.Run(ctx, db, q)
		var r *query.RefusedError
		if !errors.As(err, &r) {
			t.Errorf("%q: error %v, want *RefusedError", q, err)
		}
	}
	// DuckDB's query() table function takes a single SELECT only, so it is no way around the checks.
	for _, q := range []string{"SELECT * FROM query('DROP TABLE units')", "SELECT * FROM query('SELECT 1; DROP TABLE units')"} {
		if _, err := query.Run(ctx, db, q); err == nil {
			t.Errorf("%q was allowed", q)
		}
	}
	var units, tables int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM units WHERE kind = '村'`).Scan(&units); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables() WHERE table_name = 't'`).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if units != 1 || tables != 0 {
		t.Errorf("after refused statements: %d units of kind 村 (want 1), %d tables named t (want 0)", units, tables)
	}
	if _, err := os.Stat("units.csv"); err == nil {
		t.Error("COPY wrote units.csv")
	}
}

func TestQueryAllowsReads(t *testing.T) {
	db := openReadOnly(t, querytest.Fixture(t))
	ctx := context.Background()
	for _, q := range []string{
		"SELECT unit FROM units ORDER BY unit",
		"WITH u AS (SELECT * FROM units) SELECT count(*) FROM u",
		"FROM units ORDER BY unit",
		"DESCRIBE members",
		"SHOW TABLES",
		"SUMMARIZE elections",
		"PRAGMA table_info('members')",
		"EXPLAIN SELECT * FROM members",
		"EXPLAIN ANALYZE SELECT count(*) FROM members",
		"-- a comment first\nSELECT 1;",
		"SELECT 'a;b' AS s",
	} {
		if _, err := query.Run(ctx, db, q); err != nil {
			t.Errorf("%q: %v", q, err)
		}
	}
}

func TestQueryValues(t *testing.T) {
	db := openReadOnly(t, querytest.Fixture(t))
	got, err := query.Run(context.Background(), db, `
		SELECT sum(registered) AS registered,           -- HUGEINT
		       count(*) AS n,                            -- BIGINT
		       avg(voted) AS mean,                       -- DOUBLE
		       CAST(12.5 AS DECIMAL(10, 2)) AS d,
		       CAST(-0.05 AS DECIMAL(10, 2)) AS neg,
		       DATE '2024-05-10' AS day,
		       NULL::VARCHAR AS nothing,
		       true AS yes,
		       '东村' AS unit
		FROM elections WHERE year = ?`, 2021)
	if err != nil {
		t.Fatal(err)
	}
	wantTypes := []string{"HUGEINT", "BIGINT", "DOUBLE", "DECIMAL(10,2)", "DECIMAL(10,2)", "DATE", "VARCHAR", "BOOLEAN", "VARCHAR"}
	for i, c := range got.Columns {
		if c.Type != wantTypes[i] {
			t.Errorf("column %s has type %s, want %s", c.Name, c.Type, wantTypes[i])
		}
	}
	row := got.Rows[0]
	if row[0] != int64(1890) || row[1] != int64(4) || row[2] != float64(1797)/4 {
		t.Errorf("numbers: %#v %#v %#v", row[0], row[1], row[2])
	}
	if d, ok := row[3].(query.Decimal); !ok || d.String() != "12.50" {
		t.Errorf("decimal: %#v", row[3])
	}
	if d, ok := row[4].(query.Decimal); !ok || d.String() != "-0.05" {
		t.Errorf("negative decimal: %#v", row[4])
	}
	if d, ok := row[5].(time.Time); !ok || d.Format("2006-01-02") != "2024-05-10" {
		t.Errorf("date: %#v", row[5])
	}
	if row[6] != nil || row[7] != true || row[8] != "东村" {
		t.Errorf("null, bool, text: %#v %#v %#v", row[6], row[7], row[8])
	}
}

func TestQuerySQLErrorHasPosition(t *testing.T) {
	db := openReadOnly(t, querytest.Fixture(t))
	_, err := query.Run(context.Background(), db, "SELECT unit\nFROM units\nWHERE nosuch = 1")
	var se *query.SQLError
	if !errors.As(err, &se) {
		t.Fatalf("error %v, want *SQLError", err)
	}
	if !strings.Contains(se.Message, "LINE 3") || !strings.Contains(se.Message, "^") {
		t.Errorf("message has no position: %q", se.Message)
	}
}

func TestDecimalString(t *testing.T) {
	cases := []struct {
		unscaled int64
		scale    int
		want     string
	}{
		{1250, 2, "12.50"},
		{-5, 2, "-0.05"},
		{5, 3, "0.005"},
		{0, 1, "0.0"},
		{42, 0, "42"},
		{-100, 1, "-10.0"},
	}
	for _, c := range cases {
		d := query.Decimal{Unscaled: big.NewInt(c.unscaled), Scale: c.scale}
		if got := d.String(); got != c.want {
			t.Errorf("%d×10^-%d: %q, want %q", c.unscaled, c.scale, got, c.want)
		}
	}
}

func TestSavedQueriesHeaders(t *testing.T) {
	saved := query.SavedQueries()
	want := []string{"low-turnout", "no-woman-committees", "oldest-committees", "one-shoulder-by-township",
		"cross-appointed-by-township", "heads-changed", "legal-check-failures"}
	for _, name := range want {
		if _, ok := query.FindSaved(name); !ok {
			t.Errorf("saved query %s is missing", name)
		}
	}
	for _, s := range saved {
		if s.Description == "" {
			t.Errorf("%s has no description", s.Name)
		}
		body := strings.TrimSpace(s.SQL)
		if i := strings.LastIndex(strings.ToUpper(body), "ORDER BY"); i < 0 || strings.Contains(body[i:], ")") {
			t.Errorf("%s does not end in ORDER BY", s.Name)
		}
	}
}

func TestSavedQueriesRun(t *testing.T) {
	db := openReadOnly(t, querytest.Fixture(t))
	ctx := context.Background()
	for _, s := range query.SavedQueries() {
		t.Run(s.Name, func(t *testing.T) {
			got, err := s.Run(ctx, db, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Columns) == 0 {
				t.Fatal("no columns")
			}
		})
	}
}

func TestSavedLowTurnout(t *testing.T) {
	db := openReadOnly(t, querytest.Fixture(t))
	ctx := context.Background()
	s, _ := query.FindSaved("low-turnout")
	// 2024: 西村 村民委员会 400/820 = 48.8%, 西村 村党组织 30/40 = 75%; the rest are above 90%.
	got, err := s.Run(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	units := columnStrings(t, got, "unit")
	if len(units) != 2 || units[0] != "西村" || units[1] != "西村" {
		t.Fatalf("low turnout units: %v", units)
	}
	got, err = s.Run(ctx, db, map[string]string{"threshold": "50", "year": "2024"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Rows) != 1 {
		t.Errorf("threshold 50: %d rows, want 1", len(got.Rows))
	}
	got, err = s.Run(ctx, db, map[string]string{"year": "2021"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Rows) != 0 {
		t.Errorf("2021: %d rows, want 0 (all at or above 90%%)", len(got.Rows))
	}
}

func TestSavedParamErrors(t *testing.T) {
	db := openReadOnly(t, querytest.Fixture(t))
	s, _ := query.FindSaved("low-turnout")
	for _, values := range []map[string]string{
		{"yaer": "2024"},
		{"year": "二〇二四"},
		{"threshold": "abc"},
		{"year": "2024; DROP TABLE members"},
	} {
		_, err := s.Run(context.Background(), db, values)
		var pe *query.ParamError
		if !errors.As(err, &pe) {
			t.Errorf("%v: error %v, want *ParamError", values, err)
		}
	}
	// Text parameters are bound, never spliced into the SQL.
	got, err := s.Run(context.Background(), db, map[string]string{"body": "' OR 1=1 --"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Rows) != 0 {
		t.Errorf("quoted body matched %d rows", len(got.Rows))
	}
}

// column returns the values of the named column as strings.
func columnStrings(t *testing.T, tbl *query.Table, name string) []string {
	t.Helper()
	for i, c := range tbl.Columns {
		if c.Name == name {
			out := make([]string, len(tbl.Rows))
			for r, row := range tbl.Rows {
				if s, ok := row[i].(string); ok {
					out[r] = s
				}
			}
			return out
		}
	}
	t.Fatalf("no column %s in %v", name, tbl.Columns)
	return nil
}

// installViews installs the analysts' views the saved queries read.
func installViews(t testing.TB, db *sql.DB) {
	t.Helper()
	if err := analytics.Install(context.Background(), db, analytics.Options{}); err != nil {
		t.Fatal(err)
	}
}

// TestSavedQueriesResults checks each saved analysis against counts made by hand from
// querytest/fixture.sql (2024 unless the case says otherwise).
func TestSavedQueriesResults(t *testing.T) {
	db := openReadOnly(t, querytest.Fixture(t))
	cases := []struct {
		name   string
		params map[string]string
		cols   []string
		want   []string
	}{
		// Turnout: 西村 村民委员会 400/820 = 48.8%, 西村 村党组织 30/40 = 75%; all others above 90%.
		{"low-turnout", nil, []string{"unit", "body", "turnout"}, []string{"西村|村民委员会|48.8", "西村|村党组织|75"}},
		{"low-turnout", map[string]string{"township": "河口乡"}, []string{"unit"}, nil},
		// 东村's 2024 村民委员会 is 孙六 and 王三, both men.
		{"no-woman-committees", nil, []string{"unit", "committee_members", "committee_women"}, []string{"东村|2|0"}},
		// Ages at the election date: 西村 村党组织 赵四 64; 东村 村党组织 张一 54; 西村 村民委员会 (64+38)/2 = 51.
		{"oldest-committees", map[string]string{"top": "3"}, []string{"unit", "body", "average_age", "oldest"},
			[]string{"西村|村党组织|64|64", "东村|村党组织|54|54", "西村|村民委员会|51|64"}},
		// 城关镇: 西村 (赵四 书记 and 主任) of 东村 and 西村; 河口乡: 南村 has 周七 and 吴八.
		{"one-shoulder-by-township", nil, []string{"township", "units", "one_shoulder", "one_shoulder_share"},
			[]string{"城关镇|2|1|50", "河口乡|1|0|0"}},
		// 城关镇: 东村 3 positions 3 persons, 西村 3 positions 2 persons (赵四 on both).
		{"cross-appointed-by-township", nil, []string{"township", "units", "cross_units", "cross_units_share", "positions", "persons", "cross_persons", "cross_persons_share"},
			[]string{"城关镇|2|1|50|6|5|1|20", "河口乡|1|0|0|3|3|0|0"}},
		// 东村 村民委员会: 李二 (2021) → 孙六 (2024); 南村 has no previous term and is not listed.
		{"heads-changed", nil, []string{"unit", "body", "previous_year", "previous_head_names", "head_names"},
			[]string{"东村|村民委员会|2021|李二|孙六"}},
		{"heads-changed", map[string]string{"body": "村党组织"}, []string{"unit"}, nil},
		// 西村 村民委员会: 400 of 820 voted, 赵四 190 of 400 votes; 西村 村党组织: 30 of 40 present,
		// 3 candidates for 3 seats; 东村 村民委员会: no woman.
		{"legal-check-failures", nil, []string{"unit", "body", "rule", "figure", "compared_with"}, []string{
			"东村|村民委员会|vc_woman_member|2|0",
			"西村|村党组织|party_candidate_margin|3|3",
			"西村|村党组织|party_quorum|40|30",
			"西村|村民委员会|vc_candidate_majority|190|400",
			"西村|村民委员会|vc_turnout_majority|820|400",
		}},
		// 2021: only 东村's 村民委员会 (李二, 王三) fails, for want of a woman.
		{"legal-check-failures", map[string]string{"year": "2021"}, []string{"unit", "rule"}, []string{"东村|vc_woman_member"}},
	}
	for _, c := range cases {
		s, ok := query.FindSaved(c.name)
		if !ok {
			t.Errorf("no saved query %s", c.name)
			continue
		}
		got, err := s.Run(context.Background(), db, c.params)
		if err != nil {
			t.Errorf("%s %v: %v", c.name, c.params, err)
			continue
		}
		rows := rowStrings(t, got, c.cols...)
		if strings.Join(rows, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s %v:\ngot  %q\nwant %q", c.name, c.params, rows, c.want)
		}
	}
}

// rowStrings renders the named columns of each row as "a|b|c".
func rowStrings(t *testing.T, tbl *query.Table, cols ...string) []string {
	t.Helper()
	idx := make([]int, len(cols))
	for i, name := range cols {
		idx[i] = -1
		for j, c := range tbl.Columns {
			if c.Name == name {
				idx[i] = j
			}
		}
		if idx[i] < 0 {
			t.Fatalf("no column %s in %v", name, tbl.Columns)
		}
	}
	var out []string
	for _, row := range tbl.Rows {
		parts := make([]string, len(idx))
		for i, j := range idx {
			parts[i] = fmt.Sprint(row[j])
		}
		out = append(out, strings.Join(parts, "|"))
	}
	return out
}

// BenchmarkQuery reads a 200 000-row result of mixed types through Query, the cost electsum query adds
// to DuckDB's own.
func BenchmarkQuery(b *testing.B) {
	ctx := context.Background()
	db, err := ingest.Open(ctx, filepath.Join(b.TempDir(), "bench.duckdb"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `CREATE TABLE big AS
		SELECT '第' || (i // 500) || '镇' AS township, '第' || i || '村' AS unit, (i % 700)::INTEGER AS n,
		       (i % 5000)::DECIMAL(9,2) / 100 AS d, i / 7.0 AS f, DATE '2024-01-01' + (i % 365)::INTEGER AS day
		FROM range(200000) t(i)`); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		t, err := query.Run(ctx, db, "SELECT * FROM big ORDER BY unit")
		if err != nil {
			b.Fatal(err)
		}
		if len(t.Rows) != 200000 {
			b.Fatalf("%d rows", len(t.Rows))
		}
	}
}

func TestQueryOtherTypesAsText(t *testing.T) {
	db := openReadOnly(t, querytest.Fixture(t))
	got, err := query.Run(context.Background(), db, `
		SELECT TIME '12:30:00' AS t,
		       INTERVAL '14 months 3 days 2 hours 0.5 seconds' AS i,
		       ['东村', NULL] AS l,
		       {'a': 1, 'd': DATE '2024-01-02', 'x': 1.25::DECIMAL(4, 2)} AS s,
		       MAP {'k': [1]} AS m,
		       '3ecba3b5-41fb-41de-a3a2-97c7a03c90ce'::UUID AS id`)
	if err != nil {
		t.Fatal(err)
	}
	want := []any{"12:30:00", "1 year 2 months 3 days 02:00:00.5", `["东村",null]`, `{"a":1,"d":"2024-01-02","x":1.25}`,
		`{"k":[1]}`, "3ecba3b5-41fb-41de-a3a2-97c7a03c90ce"}
	for i, w := range want {
		if got.Rows[0][i] != w {
			t.Errorf("%s (%s) = %#v, want %#v", got.Columns[i].Name, got.Columns[i].Type, got.Rows[0][i], w)
		}
	}
}

func TestQueryCancelled(t *testing.T) {
	db := openReadOnly(t, querytest.Fixture(t))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := query.Run(ctx, db, "SELECT count(*) FROM range(1000000000)")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	// A query already running is interrupted (Ctrl-C in electsum query); this one would take minutes.
	ctx, cancel = context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err = query.Run(ctx, db, "SELECT sum(a.range * b.range) FROM range(1000000) a, range(1000000) b")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v, want context.DeadlineExceeded", err)
	}
}

// TestHeadsChangedAgreesWithVChange: the saved analysis computes head changes without v_change, for
// speed; on a generated county (180 units, two terms) it must list exactly v_change's rows.
func TestHeadsChangedAgreesWithVChange(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and loads a county")
	}
	db := openReadOnly(t, generatedDB(t, synth.County()))
	ctx := context.Background()
	s, _ := query.FindSaved("heads-changed")
	got, err := s.Run(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := query.Run(ctx, db, `
		SELECT county, township, unit, body, year, previous_year, previous_head_names, head_names
		FROM v_change
		WHERE level = 'unit' AND head_changed AND year = (SELECT max(year) FROM elections)
		ORDER BY county, township, unit, body`)
	if err != nil {
		t.Fatal(err)
	}
	cols := []string{"county", "township", "unit", "body", "year", "previous_year", "previous_head_names", "head_names"}
	g, w := rowStrings(t, got, cols...), rowStrings(t, want, cols...)
	if len(w) == 0 {
		t.Fatal("the generated county has no head changes; the comparison proves nothing")
	}
	if strings.Join(g, "\n") != strings.Join(w, "\n") {
		t.Errorf("heads-changed has %d rows, v_change %d; first rows:\n%q\n%q", len(g), len(w), g[:min(3, len(g))], w[:min(3, len(w))])
	}
}

// TestRefusalNamesTheStatementKind: DuckDB reports ANALYZE as a VACUUM statement and MERGE INTO by a
// type number the driver has no name for; the refusal names what the user wrote, with what it does.
func TestRefusalNamesTheStatementKind(t *testing.T) {
	ctx := context.Background()
	db, err := ingest.Open(ctx, filepath.Join(t.TempDir(), "w.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cases := []struct{ query, kind, label string }{
		{"ANALYZE", "ANALYZE", "更新统计信息"},
		{"-- 统计\nanalyze units", "ANALYZE", "更新统计信息"},
		{"VACUUM", "VACUUM", "整理数据库文件"},
		{"MERGE INTO units USING (SELECT 1 AS a) s ON false WHEN NOT MATCHED THEN INSERT VALUES ('县', '镇', '村', '村')", "MERGE INTO", "合并写入数据"},
		{"INSERT INTO units VALUES ('县', '镇', '村', '村')", "INSERT", "插入数据"},
		{"EXPLAIN ANALYZE DELETE FROM units", "EXPLAIN DELETE", "删除数据"},
	}
	for _, c := range cases {
		_, err := query.Run(ctx, db, c.query)
		var r *query.RefusedError
		if !errors.As(err, &r) {
			t.Errorf("%q: error %v, want *RefusedError", c.query, err)
			continue
		}
		if r.Kind != c.kind || r.Label != c.label {
			t.Errorf("%q: refused as %q (%q), want %q (%q)", c.query, r.Kind, r.Label, c.kind, c.label)
		}
		if msg := err.Error(); strings.Contains(msg, "类型 ") || !strings.Contains(msg, c.kind+" ("+c.label+")") {
			t.Errorf("%q: message %q does not name %s (%s)", c.query, msg, c.kind, c.label)
		}
	}
}
