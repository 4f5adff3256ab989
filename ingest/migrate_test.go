package ingest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// A database written by this release (with data) opens in a release that adds the next migration:
// the migration runs once, the data stays, and an older release then refuses the newer file.
func TestMigrationToNextRelease(t *testing.T) {
	ctx := context.Background()
	path := MustOpenDB(t)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loadParsed(ctx, db, []*Parsed{township("a.xlsx", "东镇", 2, 2024, "")}, LoadOptions{Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	next := fstest.MapFS{
		fmt.Sprintf("migrations/%03d_note.sql", SchemaVersion()+1): {Data: []byte(`ALTER TABLE elections ADD COLUMN note VARCHAR; UPDATE elections SET note = '迁移';`)},
	}
	for _, name := range migrationNames(migrations) {
		body, _ := migrations.ReadFile(name)
		next[name] = &fstest.MapFile{Data: body}
	}
	for range 2 { // the second run must be a no-op
		if err := migrateFS(ctx, db, next, ""); err != nil {
			t.Fatal(err)
		}
	}
	var rows, noted, version int
	if err := db.QueryRow(`SELECT count(*), count(note) FROM elections`).Scan(&rows, &noted); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT max(version) FROM schema_version`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	if rows != 2 || noted != 2 || version != SchemaVersion()+1 {
		t.Fatalf("after the next migration: %d rows, %d noted, version %d", rows, noted, version)
	}
	db.Close()
	if _, err := Open(ctx, path); !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("this release opened a newer database: %v", err)
	}
}

// The pending migrations run in one transaction: when one fails, the database stays at the version it
// had, without the changes of the migrations before it in the same run.
func TestFailedMigrationLeavesTheVersionBefore(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, MustOpenDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	next := fstest.MapFS{
		fmt.Sprintf("migrations/%03d_note.sql", SchemaVersion()+1):   {Data: []byte(`ALTER TABLE elections ADD COLUMN note VARCHAR;`)},
		fmt.Sprintf("migrations/%03d_broken.sql", SchemaVersion()+2): {Data: []byte(`ALTER TABLE no_such_table ADD COLUMN x INTEGER;`)},
	}
	for _, name := range migrationNames(migrations) {
		body, _ := migrations.ReadFile(name)
		next[name] = &fstest.MapFile{Data: body}
	}
	if err := migrateFS(ctx, db, next, ""); err == nil || !strings.Contains(err.Error(), "broken") {
		t.Fatalf("err = %v, want the broken migration's", err)
	}
	var version, noted int
	if err := db.QueryRow(`SELECT max(version) FROM schema_version`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM information_schema.columns WHERE table_name = 'elections' AND column_name = 'note'`).Scan(&noted); err != nil {
		t.Fatal(err)
	}
	if version != SchemaVersion() || noted != 0 {
		t.Errorf("after a failed migration: version %d (want %d), note column %d", version, SchemaVersion(), noted)
	}
}

// membersKeyDropped is the schema version whose migration removed members' primary key.
const membersKeyDropped = 3

// A database file of the schema before membersKeyDropped (members with its six-column primary key, as
// electsum wrote it then) is migrated on Open: every row of every table is kept, members has no key any more, and the
// load's own check refuses a duplicate member that the key used to refuse.
func TestMigrationDropsMembersKeyAndKeepsData(t *testing.T) {
	ctx := context.Background()
	old, path := openBefore(t, membersKeyDropped, "members_without_key")
	for _, q := range []string{
		`INSERT INTO units VALUES ('青山县', '东镇', '东村', '村')`,
		`INSERT INTO elections (county, township, unit, year, body, registered, voted, seats, elected, source_file, source_sheet, source_row)
		 VALUES ('青山县', '东镇', '东村', 2024, '村民委员会', 1000, 900, 2, 2, '/in/东镇.xlsx', '选举结果', 2)`,
		`INSERT INTO members (county, township, unit, year, body, name, position, gender, birth, party, education, person_key, source_file, source_sheet, source_row)
		 VALUES ('青山县', '东镇', '东村', 2024, '村民委员会', '张三', '主任', '男', DATE '1970-03-01', '中共党员', '高中', 'name:东镇|东村|张三|1970-03', '/in/东镇.xlsx', '当选人员', 2),
		        ('青山县', '东镇', '东村', 2024, '村民委员会', '李四', '委员', '女', DATE '1980-05-01', '群众', '初中', 'name:东镇|东村|李四|1980-05', '/in/东镇.xlsx', '当选人员', 3)`,
		`INSERT INTO ingest_log (path, sha256, result_rows, member_rows, ingested_at, outcome) VALUES ('/in/东镇.xlsx', 'abc', 1, 2, TIMESTAMP '2026-11-25 09:00:00', 'loaded')`,
		`INSERT INTO data_warnings (source_file, rule, message) VALUES ('/in/东镇.xlsx', 'member_count_mismatch', '人数不符')`,
		// Analysts' views over members, as electsum installs them, must outlive the rebuilt table.
		`CREATE VIEW v_names AS SELECT name FROM members`,
	} {
		if _, err := old.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if n := count(t, old, `SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'members' AND constraint_type = 'PRIMARY KEY'`); n != 1 {
		t.Fatalf("the old members table has %d primary keys, want 1", n)
	}
	before := snapshot(t, old)
	old.Close()

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The columns later migrations add are NULL in the old rows and not this migration's: compared
	// without them, then put back for the load below.
	later := []string{"elections.excused INTEGER", "members.valid_ballots INTEGER", "elections.registration_fields VARCHAR[]",
		"ingest_log.registration_rows INTEGER"}
	for _, c := range later {
		table, column, _ := strings.Cut(c, ".")
		column, _, _ = strings.Cut(column, " ")
		if _, err := db.ExecContext(ctx, `ALTER TABLE `+table+` DROP COLUMN `+column); err != nil {
			t.Fatal(err)
		}
	}
	if after := snapshot(t, db); after != before {
		t.Fatalf("migration changed the data:\nbefore\n%s\nafter\n%s", before, after)
	}
	for _, c := range later {
		table, column, _ := strings.Cut(c, ".")
		if _, err := db.ExecContext(ctx, `ALTER TABLE `+table+` ADD COLUMN `+column); err != nil {
			t.Fatal(err)
		}
	}
	if n := count(t, db, `SELECT count(*) FROM v_names`); n != 2 {
		t.Fatalf("the view over members reads %d rows after the migration, want 2", n)
	}
	if n := count(t, db, `SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'members' AND constraint_type = 'PRIMARY KEY'`); n != 0 {
		t.Fatalf("members still has %d primary keys after the migration", n)
	}
	if v := count(t, db, `SELECT max(version) FROM schema_version`); v != SchemaVersion() {
		t.Fatalf("schema version %d, want %d", v, SchemaVersion())
	}
	// The migrated file loads like a new one: a file of the same election replaces its members.
	p := township("/in/东镇.xlsx", "东镇", 1, 2024, "")
	for i := range p.Results {
		p.Results[i].Key.County, p.Results[i].Key.Unit = "青山县", "东村"
	}
	for i := range p.Members {
		p.Members[i].Key.County, p.Members[i].Key.Unit = "青山县", "东村"
	}
	if _, err := loadParsed(ctx, db, []*Parsed{p}, LoadOptions{Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM members WHERE unit = '东村'`); n != 3 {
		t.Fatalf("%d members of 东村 after a reload, want the file's 3", n)
	}
	if n := count(t, db, `SELECT count(*) FROM members WHERE name IN ('张三', '李四')`); n != 0 {
		t.Fatalf("%d members of the old load survived the reload", n)
	}
}

// openBefore opens a new database file at the schema before migration version, which must be the one
// named name (migrations/NNN_name.sql), with DuckDB alone (no migration on open).
func openBefore(t *testing.T, version int, name string) (db *sql.DB, path string) {
	t.Helper()
	if want := fmt.Sprintf("migrations/%03d_%s.sql", version, name); migrationNames(migrations)[version-1] != want {
		t.Fatalf("migration %d is %s, not %s", version, migrationNames(migrations)[version-1], want)
	}
	path = MustOpenDBAt(t, version-1)
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	return db, path
}

// MustOpenDBAt creates a database file at schema version v, as the release that wrote v left it.
func MustOpenDBAt(tb testing.TB, v int) string {
	tb.Helper()
	fsys := fstest.MapFS{}
	for _, name := range migrationNames(migrations)[:v] {
		body, err := migrations.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: body}
	}
	path := tb.TempDir() + "/old.duckdb"
	db, err := sql.Open("duckdb", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	if err := migrateFS(context.Background(), db, fsys, ""); err != nil {
		tb.Fatal(err)
	}
	return path
}

// Two identical members of one election that reach the commit (loadParsed skips the reader's
// duplicate_person check) are refused by the check that replaced members' primary key, and the
// database is left as it was.
func TestCommitRefusesDuplicateMember(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	if _, err := loadParsed(ctx, db, []*Parsed{township("a.xlsx", "东镇", 2, 2024, "")}, LoadOptions{Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, db)
	p := township("a.xlsx", "东镇", 2, 2024, "v2")
	dup := p.Members[4]
	dup.Row = 99
	p.Members = append(p.Members, dup)
	_, err := loadParsed(ctx, db, []*Parsed{p}, LoadOptions{Now: fixedNow})
	var de *DuplicateRowError
	if !errors.As(err, &de) {
		t.Fatalf("load of a duplicate member: %v, want a *DuplicateRowError", err)
	}
	if de.Table != MembersSheet || de.Key != dup.Key || de.Rows != 2 || !strings.Contains(de.PersonKey, dup.Name) {
		t.Fatalf("duplicate reported as %+v, want %s in %v", de, dup.Name, dup.Key)
	}
	if after := snapshot(t, db); after != before {
		t.Fatalf("a refused load changed the database:\n%s", after)
	}
}

// A database an older release wrote (one migration behind) opened read-only, as report and query open
// it, is refused with what to do: its tables lack columns this release reads, and only ingest upgrades.
// Once upgraded it passes.
func TestOlderSchemaRefusedReadOnly(t *testing.T) {
	ctx := context.Background()
	names := migrationNames(migrations)
	path := MustOpenDBAt(t, len(names)-1)
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var old *OlderSchemaError
	if err := CheckSchema(ctx, ro, path); !errors.As(err, &old) || old.Version != len(names)-1 || old.Current != len(names) ||
		!strings.Contains(err.Error(), "electsum ingest --db "+path) {
		t.Errorf("CheckSchema: %v", err)
	}
	ro.Close()
	db, err := Open(ctx, path) // ingest's open upgrades it
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	ro, err = OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := CheckSchema(ctx, ro, path); err != nil {
		t.Errorf("upgraded: %v", err)
	}
}

// electionsKeyDropped is the schema version whose migration removed elections' primary key.
const electionsKeyDropped = 7

// A database file of the schema before electionsKeyDropped (elections with its five-column primary key)
// is migrated on Open: every row of every table is kept with its columns in the same order, elections
// has no key any more, a view over it still reads, and a reload replaces the election's rows.
func TestMigrationDropsElectionsKeyAndKeepsData(t *testing.T) {
	ctx := context.Background()
	old, path := openBefore(t, electionsKeyDropped, "elections_without_key")
	p := township("/in/东镇.xlsx", "东镇", 2, 2024, "")
	for _, q := range []string{
		`INSERT INTO units VALUES ('测试县', '东镇', '东镇第1村', '村')`,
		`INSERT INTO elections (county, township, unit, year, body, registered, voted, seats, elected, election_date,
		     source_file, source_sheet, source_row, population, round, excused, registration_fields)
		 VALUES ('测试县', '东镇', '东镇第1村', 2024, '村民委员会', 1000, 900, 2, 2, DATE '2024-05-01',
		     '/in/东镇.xlsx', '选举结果', 2, 1500, '一次选足', 1, ['registered'])`,
		`INSERT INTO ingest_log (path, sha256, result_rows, member_rows, ingested_at, outcome) VALUES ('/in/东镇.xlsx', 'abc', 1, 0, TIMESTAMP '2026-11-25 09:00:00', 'loaded')`,
		`CREATE VIEW v_turnout AS SELECT unit, voted / registered AS turnout FROM elections`,
	} {
		if _, err := old.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	const keys = `SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'elections' AND constraint_type = 'PRIMARY KEY'`
	if n := count(t, old, keys); n != 1 {
		t.Fatalf("the old elections table has %d primary keys, want 1", n)
	}
	columns := queryText(t, old, `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = 'elections' ORDER BY ordinal_position`)
	before := snapshot(t, old)
	old.Close()

	db := openTestDBAt(t, path)
	if after := snapshot(t, db); after != before {
		t.Fatalf("migration changed the data:\nbefore\n%s\nafter\n%s", before, after)
	}
	if after := queryText(t, db, `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = 'elections' ORDER BY ordinal_position`); after != columns {
		t.Fatalf("migration changed the columns:\nbefore\n%s\nafter\n%s", columns, after)
	}
	if n := count(t, db, keys); n != 0 {
		t.Fatalf("elections still has %d primary keys after the migration", n)
	}
	if n := count(t, db, `SELECT count(*) FROM v_turnout`); n != 1 {
		t.Fatalf("the view over elections reads %d rows after the migration, want 1", n)
	}
	if v := count(t, db, `SELECT max(version) FROM schema_version`); v != SchemaVersion() {
		t.Fatalf("schema version %d, want %d", v, SchemaVersion())
	}
	if _, err := loadParsed(ctx, db, []*Parsed{p}, LoadOptions{Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM elections WHERE unit = '东镇第1村'`); n != 1 {
		t.Fatalf("%d results rows of 东镇第1村 after a reload, want the file's 1", n)
	}
	if n := count(t, db, `SELECT count(*) FROM units`); n != 2 {
		t.Fatalf("%d units after the reload, want 2", n)
	}
}

// Two results rows of one election that reach the commit (loadParsed skips the reader's duplicate_key
// check) are refused by the check that replaced elections' primary key, in a first load as in a later
// one, and the database is left as it was.
func TestCommitRefusesDuplicateElection(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t)
	dupOf := func(p *Parsed) (*Parsed, Key) {
		dup := p.Results[1]
		dup.Row = 99
		p.Results = append(p.Results, dup)
		return p, dup.Key
	}
	for _, first := range []bool{true, false} {
		before := snapshot(t, db)
		p, key := dupOf(township("a.xlsx", "东镇", 2, 2024, fmt.Sprint(first)))
		_, err := loadParsed(ctx, db, []*Parsed{p}, LoadOptions{Now: fixedNow})
		var de *DuplicateRowError
		if !errors.As(err, &de) {
			t.Fatalf("first load %v: load of a duplicate election: %v, want a *DuplicateRowError", first, err)
		}
		if de.Table != ResultsSheet || de.Key != key || de.Rows != 2 || de.PersonKey != "" ||
			!strings.Contains(err.Error(), "的选举结果出现 2 行") {
			t.Fatalf("first load %v: duplicate reported as %+v (%v), want %v", first, de, err, key)
		}
		if after := snapshot(t, db); after != before {
			t.Fatalf("first load %v: a refused load changed the database:\n%s", first, after)
		}
		if first {
			if _, err := loadParsed(ctx, db, []*Parsed{township("b.xlsx", "西镇", 2, 2024, "")}, LoadOptions{Now: fixedNow}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// schema.sql is what the migrations arrive at: a database migrated one migration at a time from none
// holds exactly its sequences and tables (DuckDB's own text of each, which names every column, type,
// constraint and default), and a new database, created from it, the same. -update writes it out.
func TestSchemaIsCurrent(t *testing.T) {
	ctx := context.Background()
	catalog := func(db *sql.DB) string {
		t.Helper()
		var b strings.Builder
		b.WriteString(`-- The schema the migrations (migrations/*.sql) arrive at: a new database is created from this file in
-- one step instead of replaying them. Written by TestSchemaIsCurrent from a database migrated one
-- migration at a time — do not edit; after adding a migration run
--   go test ./ingest -run TestSchemaIsCurrent -update
-- The migrations describe each table and column.
`)
		err := eachRow(ctx, db, `SELECT sql FROM (
			SELECT 1 AS o, sequence_name AS name, sql FROM duckdb_sequences()
			UNION ALL
			SELECT 2, table_name, sql FROM duckdb_tables() WHERE NOT temporary AND table_name <> 'schema_version')
		ORDER BY o, name`, nil, func(rows *sql.Rows) error {
			var s string
			if err := rows.Scan(&s); err != nil {
				return err
			}
			b.WriteString(s + "\n")
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	replayed, err := sql.Open("duckdb", MustOpenDBAt(t, SchemaVersion()))
	if err != nil {
		t.Fatal(err)
	}
	defer replayed.Close()
	want := catalog(replayed)
	if *update { // the embedded schema is this build's: the new one is checked by the next run
		if err := os.WriteFile("schema.sql", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if schema != want {
		t.Fatalf("schema.sql is not what the migrations arrive at; run go test ./ingest -run TestSchemaIsCurrent -update\nschema.sql:\n%s\nmigrated:\n%s", schema, want)
	}
	created := openTestDB(t)
	if got := catalog(created); got != want {
		t.Fatalf("a database created from schema.sql holds\n%s\nwant\n%s", got, want)
	}
	if v := count(t, created, `SELECT max(version) FROM schema_version`); v != SchemaVersion() {
		t.Fatalf("a new database is at version %d, want %d", v, SchemaVersion())
	}
	if n := count(t, created, `SELECT count(*) FROM schema_version`); n != SchemaVersion() {
		t.Fatalf("a new database records %d versions, want one per migration (%d)", n, SchemaVersion())
	}
}
