package ingest

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	// The DuckDB driver is registered here and nowhere else outside tests.
	_ "github.com/duckdb/duckdb-go/v2"
)

//go:embed migrations/*.sql
var migrations embed.FS

// schema is what the migrations arrive at, written out by TestSchemaIsCurrent (schema.sql).
//
//go:embed schema.sql
var schema string

// DefaultDB is the database file used when the user names none.
const DefaultDB = "electsum.duckdb"

// SchemaVersion is the schema this release writes; databases with an older version are migrated on Open.
func SchemaVersion() int { return len(migrationNames(migrations)) }

// ErrNewerSchema means the database was written by a newer electsum than this one.
var ErrNewerSchema = errors.New("database schema is newer than this electsum")

// Open opens (creating if needed) the DuckDB file at path and brings its schema up to date, every
// pending migration in one transaction. An empty path opens a private in-memory database.
func Open(ctx context.Context, path string) (*sql.DB, error) {
	db, err := sql.Open("duckdb", path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate database %s: %w", path, err)
	}
	// Parameters after '?' are DuckDB's (electsum serve passes some); a read-only open shares the file
	// with other readers, whose spill files may be in use.
	if file, params, _ := strings.Cut(path, "?"); file != "" && file != ":memory:" && !strings.Contains(params, "read_only") {
		removeStaleSpill(file)
	}
	return db, nil
}

// removeStaleSpill deletes the files DuckDB spilled to <path>.tmp in a run that was killed before it
// could remove them (they can be hundreds of MB after a large load). It runs once the database is open
// for writing: DuckDB's lock on the file then keeps every other process out, so no spill file there is
// in use, and this instance has not spilled yet.
func removeStaleSpill(path string) {
	dir := path + ".tmp"
	stale, _ := filepath.Glob(filepath.Join(dir, "duckdb_temp_*"))
	for _, f := range stale {
		os.Remove(f)
	}
	if len(stale) > 0 {
		os.Remove(dir) // only when empty
	}
}

// OpenReadOnly opens an existing database file for reading only, with access to other files, extension
// loading and configuration changes switched off, so that user-written SQL can neither modify the
// database nor reach the file system. The settings are given in the connection string, so they are in
// force before any statement runs.
func OpenReadOnly(ctx context.Context, path string) (*sql.DB, error) {
	return OpenReadOnlyWithin(ctx, path, Limits{})
}

// Limits bound what DuckDB may take for one read-only database: the statements of electsum query, the
// summaries of report and annex. A size is DuckDB's size text ("2GB", "512MB"); an empty one keeps
// DuckDB's default.
type Limits struct {
	// Memory is memory_limit: past it DuckDB spills to its temporary folder (<database>.tmp) or fails.
	Memory string
	// TempDisk is max_temp_directory_size: how much that folder may hold.
	TempDisk string
	// Threads is DuckDB's threads, for every query of the database (it is not a setting of one
	// connection); 0 keeps DuckDB's default, one per core.
	Threads int
}

// loadMemoryLimit is limit_memory.sql's bound in bytes (a test holds them together).
const loadMemoryLimit = 256_000_000

// sizeText is a size as DuckDB reads it: 512MB, 2GB, 1.5 GiB.
var sizeText = regexp.MustCompile(`(?i)^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb|kib|mib|gib|tib)\s*$`)

// ParseSize reads a size the way DuckDB's memory_limit does ("2GB" is 2×1000³ bytes, "2GiB" 2×1024³)
// and refuses anything else, so that a size can be compared and put into a SET statement safely.
func ParseSize(text string) (int64, error) {
	m := sizeText.FindStringSubmatch(text)
	if m == nil {
		return 0, fmt.Errorf("无法识别的大小 %q (应为数字加单位, 如 512MB、2GB、1.5GiB)", text)
	}
	n, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, fmt.Errorf("无法识别的大小 %q: %w", text, err)
	}
	unit := map[string]float64{"b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
		"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40}[strings.ToLower(m[2])]
	return int64(n * unit), nil
}

// closedOff is the connection string's settings of a database whose SQL must not reach the file system
// or load extensions (access to other files and extension loading off), with DuckDB's memory and
// temporary disk space bounded by l. The settings are in force before any statement runs.
func closedOff(l Limits) url.Values {
	q := url.Values{}
	q.Set("enable_external_access", "false")
	q.Set("autoinstall_known_extensions", "false")
	q.Set("autoload_known_extensions", "false")
	if l.Memory != "" {
		q.Set("memory_limit", l.Memory)
	}
	if l.TempDisk != "" {
		q.Set("max_temp_directory_size", l.TempDisk)
	}
	return q
}

// OpenClosedOff is Open (read-write, migrated) with closedOff's settings: the one read-write instance
// of electsum serve, whose loader appends rows from Go and whose SQL box must not read or write files.
// l.Threads is not applied: the instance keeps DuckDB's default for the analysts' queries.
func OpenClosedOff(ctx context.Context, path string, l Limits) (*sql.DB, error) {
	return Open(ctx, path+"?"+closedOff(l).Encode())
}

// OpenReadOnlyWithin is OpenReadOnly with DuckDB's memory and temporary disk space bounded by l. The
// limits are set in the connection string, before lock_configuration, so no statement can lift them.
func OpenReadOnlyWithin(ctx context.Context, path string, l Limits) (*sql.DB, error) {
	q := closedOff(l)
	q.Set("access_mode", "read_only")
	if l.Threads > 0 {
		q.Set("threads", strconv.Itoa(l.Threads))
	}
	q.Set("lock_configuration", "true")
	db, err := sql.Open("duckdb", path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open database %s read-only: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s read-only: %w", path, err)
	}
	return db, nil
}

func migrationNames(fsys fs.FS) []string {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	return names
}

func migrate(ctx context.Context, db *sql.DB) error { return migrateFS(ctx, db, migrations, schema) }

// migrateFS applies the migrations/NNN_*.sql files of fsys that db has not seen yet; tests pass a
// future release's migrations to prove today's databases upgrade. A new database is created from
// current instead, when given: the schema the migrations of fsys arrive at, in one step (replaying
// seven migrations, two of them rebuilding a table, cost every new database 20 ms against 4).
func migrateFS(ctx context.Context, db *sql.DB, fsys fs.FS, current string) error {
	// schema_version is looked for before it is created, in the migrations' transaction: a new database
	// is then written by one commit.
	var version int
	var versioned bool
	if err := db.QueryRowContext(ctx, `SELECT count(*) > 0 FROM duckdb_tables()
		WHERE database_name = current_database() AND schema_name = current_schema() AND table_name = 'schema_version'`).Scan(&versioned); err != nil {
		return err
	}
	if versioned {
		if err := db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&version); err != nil {
			return err
		}
	}
	names := migrationNames(fsys)
	if version > len(names) {
		return fmt.Errorf("%w: version %d, this release knows up to %d", ErrNewerSchema, version, len(names))
	}
	if version == len(names) {
		return nil
	}
	// All pending migrations in one transaction: a database is at one version or the next, never in
	// between, and a new database costs one commit instead of one per migration.
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`); err != nil {
		return err
	}
	if version == 0 && current != "" {
		if _, err := tx.ExecContext(ctx, current); err != nil {
			return fmt.Errorf("schema.sql: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) SELECT range FROM range(1, ? + 1)`, len(names)); err != nil {
			return err
		}
		return tx.Commit()
	}
	for i := version; i < len(names); i++ {
		v, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(names[i], "migrations/"), "_", 2)[0])
		if err != nil || v != i+1 {
			panic(fmt.Sprintf("migration %s is out of sequence", names[i]))
		}
		body, err := fs.ReadFile(fsys, names[i])
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("%s: %w", names[i], err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (?)`, v); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// OlderSchemaError is a database written by an older electsum, opened read-only: its tables lack the
// columns this release reads (members.valid_ballots of v5, elections.excused of v4), and a reading
// command cannot upgrade it. Loading once with this release (electsum ingest) upgrades it in place.
type OlderSchemaError struct {
	Path             string
	Version, Current int
}

func (e *OlderSchemaError) Error() string {
	return fmt.Sprintf("数据库 %s 由旧版 electsum 建立(数据结构第 %d 版，本版为第 %d 版)：请先用本版运行一次 electsum ingest --db %s 收到的表格/ (已导入的表格不会重复导入)，数据库即升级到本版，再生成报告或查询",
		e.Path, e.Version, e.Current, e.Path)
}

// CheckSchema refuses, with an OlderSchemaError, a database (opened read-only at path) that an older
// release wrote and this one has not upgraded.
func CheckSchema(ctx context.Context, db *sql.DB, path string) error {
	var version int
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&version); err != nil {
		return fmt.Errorf("read database: %w", err)
	}
	if current := len(migrationNames(migrations)); version < current {
		return &OlderSchemaError{Path: path, Version: version, Current: current}
	}
	return nil
}

// HasData reports whether db holds any loaded row: false for a database that has no electsum tables
// (any other DuckDB file) or whose tables are empty.
func HasData(ctx context.Context, db *sql.DB) (bool, error) {
	var tables int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
		WHERE table_schema = 'main' AND table_name IN ('elections', 'members')`).Scan(&tables); err != nil {
		return false, fmt.Errorf("read database: %w", err)
	}
	if tables < 2 {
		return false, nil
	}
	var has bool
	if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM elections) OR EXISTS (SELECT 1 FROM members)`).Scan(&has); err != nil {
		return false, fmt.Errorf("read database: %w", err)
	}
	return has, nil
}

// queryer is a *sql.DB, *sql.Conn or *sql.Tx.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// eachRow runs query on q with args and hands every row to scan, which reads it; the rows are closed
// when it returns, so that q may run the next statement.
func eachRow(ctx context.Context, q queryer, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// column is the values of the one column of query's rows, run on q with args.
func column[T any](ctx context.Context, q queryer, query string, args ...any) ([]T, error) {
	var out []T
	err := eachRow(ctx, q, query, args, func(rows *sql.Rows) error {
		var v T
		if err := rows.Scan(&v); err != nil {
			return err
		}
		out = append(out, v)
		return nil
	})
	return out, err
}

// Inputs lists every file recorded in ingest_log (absolute paths, loaded or not), so that no output is
// ever written over a file a township sent.
func Inputs(ctx context.Context, db *sql.DB) ([]string, error) {
	paths, err := column[string](ctx, db, sqlInputs)
	if err != nil {
		return nil, fmt.Errorf("list ingested files: %w", err)
	}
	return paths, nil
}
