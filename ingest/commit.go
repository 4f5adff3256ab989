package ingest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// finish writes the run: nothing when a file was rejected and SkipBadFiles is off, else the clean
// files' rows and every file's ingest_log row, in one transaction.
func (l *loader) finish(ctx context.Context) (*Report, error) {
	if err := l.stage.close(); err != nil {
		return l.report(), fmt.Errorf("stage rows: %w", err)
	}
	l.stage = nil
	if err := l.execEach(ctx, sqlWarningKeys); err != nil {
		return l.report(), fmt.Errorf("stage warnings: %w", err)
	}
	if err := l.resolveCounties(ctx); err != nil {
		return l.report(), err
	}
	// Before the checks between files, as a file's own errors found when it was read: a file refused for
	// its 选民登记 or its 登记选民 takes no part in them, so a clean file it would clash with still loads
	// with --skip-bad-files.
	if err := l.checkRegistrations(ctx); err != nil {
		l.notLoaded()
		return l.report(), err
	}
	if err := l.findClashes(ctx); err != nil {
		return l.report(), err
	}
	l.resolveClashes()
	var rejected []string
	for _, f := range l.files {
		if f.report.Outcome == Rejected {
			rejected = append(rejected, f.report.Path)
		}
	}
	sort.Strings(rejected)
	if len(rejected) > 0 && !l.opts.SkipBadFiles {
		l.notLoaded()
		r := l.report()
		return r, &ProblemsError{Problems: r.Problems, Rejected: rejected}
	}
	for {
		if err := l.dropRejected(ctx); err != nil {
			return l.report(), err
		}
		clashes, err := l.commit(ctx)
		if err != nil {
			l.notLoaded()
			return l.report(), err
		}
		if len(clashes) == 0 {
			break
		}
		// People already elected elsewhere by an earlier run: the files naming them are rejected
		// like any other bad file, and with SkipBadFiles the rest is committed without them.
		for _, c := range clashes {
			l.fail(c.file, c.problem)
			rejected = append(rejected, l.files[c.file].report.Path)
		}
		rejected = slices.Compact(slices.Sorted(slices.Values(rejected)))
		if !l.opts.SkipBadFiles {
			l.notLoaded()
			r := l.report()
			return r, &ProblemsError{Problems: r.Problems, Rejected: rejected}
		}
	}
	l.checkpointFirst(ctx)
	r := l.report()
	r.Committed = true
	if len(rejected) > 0 {
		return r, &ProblemsError{Problems: r.Problems, Rejected: rejected, Partial: true}
	}
	return r, nil
}

// notLoaded marks the files that were going to be loaded as not loaded, when the run writes nothing.
func (l *loader) notLoaded() {
	for _, f := range l.files {
		if f.report.Outcome == Loaded {
			f.report.Outcome = NotLoaded
		}
	}
}

// stageLog appends every file's ingest_log row to stage_log, for log.sql to copy inside the
// transaction: one bulk append instead of a statement per file.
func (l *loader) stageLog(ctx context.Context) error {
	if _, err := l.conn.ExecContext(ctx, sqlClearLog); err != nil {
		return fmt.Errorf("stage ingest_log: %w", err)
	}
	now := l.opts.Now()
	return l.conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		a, err := duckdb.NewAppenderFromConn(c, "", "stage_log")
		if err != nil {
			return fmt.Errorf("stage ingest_log: %w", err)
		}
		for i, f := range l.files {
			// The log keeps absolute paths: a later run from another folder still finds the file. A
			// file loaded under a name of its own (LoadOptions.Names) keeps that name.
			path := f.report.Path
			if path == f.src {
				if abs, err := filepath.Abs(path); err == nil {
					path = abs
				}
			}
			if err := a.AppendRow(int32(i), path, f.report.SHA256, int32(f.report.Results), int32(f.report.Members), now,
				string(f.report.Outcome), optStr(f.report.Message), int32(f.report.Registrations)); err != nil {
				a.Close()
				return fmt.Errorf("stage ingest_log: %w", err)
			}
		}
		if err := a.Close(); err != nil {
			return fmt.Errorf("stage ingest_log: %w", err)
		}
		return nil
	})
}

// commit moves the staged rows into the real tables and writes ingest_log, in one transaction. When
// staged people clash with people already in the database it rolls back and returns the clashes.
func (l *loader) commit(ctx context.Context) (clashes []personClash, err error) {
	if err := l.findSuperseded(ctx); err != nil {
		return nil, err
	}
	if err := l.stageLog(ctx); err != nil {
		return nil, err
	}
	tx, err := l.conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin transaction: %w", err)
	}
	defer func() {
		if err != nil || len(clashes) > 0 {
			tx.Rollback()
		}
	}()
	// In an empty database (a county's first load) nothing is replaced: replaced.sql and replace.sql
	// would count and delete nothing, and empty_units.sql would find no unit without rows; they are
	// not run.
	var holdsRows bool
	if err := tx.QueryRowContext(ctx, sqlHoldsRows).Scan(&holdsRows); err != nil {
		return nil, fmt.Errorf("write rows: %w", err)
	}
	l.heldRows = holdsRows
	replaced := map[int][]Replaced{}
	write := sqlStageKeys + sqlMove + sqlUnitBodiesFirst + sqlUnits + ";\n"
	if l.hooks.firstInSQL {
		write = sqlStageKeys + sqlMove + sqlUnitBodies + sqlUnits + sqlUnitsUpdate
	}
	if holdsRows {
		if replaced, err = l.countReplaced(ctx, tx); err != nil {
			return nil, err
		}
		write = sqlStageKeys + sqlReplace + sqlMove + sqlUnitBodies + sqlUnits + sqlUnitsUpdate + sqlEmptyUnits
	}
	// The 选民登记 rows are kept and merged after the results rows are written, when the run or the
	// database holds any.
	heldRegistrations := false
	if !l.registrations {
		if err := tx.QueryRowContext(ctx, sqlHoldsRegistrations).Scan(&heldRegistrations); err != nil {
			return nil, fmt.Errorf("write rows: %w", err)
		}
	}
	if l.registrationMoves {
		write += sqlRegistrationMove
	}
	if l.registrations || heldRegistrations {
		write += sqlRegistrationMerge + sqlRegistrationUnfill + sqlRegistrationFill
	}
	if _, err := tx.ExecContext(ctx, write); err != nil {
		return nil, fmt.Errorf("write rows: %w", err)
	}
	if err := checkDuplicates(ctx, tx); err != nil {
		return nil, err
	}
	// person_clash.sql looks for people of this load in the database's other elections: a database that
	// held no rows before the load has none (every members row is one of the load's, its election among
	// stage_member_keys).
	if holdsRows || l.hooks.firstInSQL {
		if clashes, err := l.findPersonClashes(ctx, tx); err != nil || len(clashes) > 0 {
			return clashes, err
		}
	}
	var warnings []fileProblem
	silent := l.betweenTablesSilent(holdsRows)
	if !silent {
		if warnings, err = l.betweenTables(ctx, tx); err != nil {
			return nil, err
		}
	}
	if l.hooks.between != nil {
		l.hooks.between(!silent, len(warnings))
	}
	if l.hooks.beforeCommit != nil {
		if err := l.hooks.beforeCommit(tx); err != nil {
			return nil, err
		}
	}
	if _, err := tx.ExecContext(ctx, sqlLog); err != nil {
		return nil, fmt.Errorf("write ingest_log: %w", err)
	}
	if _, err := tx.ExecContext(ctx, sqlLogSuperseded, l.opts.Now()); err != nil {
		return nil, fmt.Errorf("write ingest_log: %w", err)
	}
	if l.opts.Install != nil {
		if err := l.opts.Install(ctx, tx); err != nil {
			return nil, err
		}
	}
	if l.smallFirst() {
		if _, err := tx.ExecContext(ctx, sqlNoFSST); err != nil {
			return nil, fmt.Errorf("commit: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("commit: %w", err)
	}
	for id, f := range l.files {
		f.report.Replaced = replaced[id]
	}
	for _, w := range warnings {
		l.files[w.file].problems = append(l.files[w.file].problems, w.problem)
	}
	return nil, nil
}

// DuplicateRowError is an election found twice among the results rows at commit, or a person twice
// among the members of one election: what the primary keys of elections (until schema v7) and members
// (until v3) guarded. The checks before the commit rule it out, so it is a defect of electsum; the load
// is rolled back.
type DuplicateRowError struct {
	Table      SheetKind // ResultsSheet or MembersSheet
	Key        Key
	PersonKey  string // of a member; empty for results
	Rows       int
	FirstFile  string
	SecondFile string
}

func (e *DuplicateRowError) Error() string {
	files := e.FirstFile
	if e.SecondFile != e.FirstFile {
		files += "、" + e.SecondFile
	}
	what := fmt.Sprintf("的选举结果出现 %d 行", e.Rows)
	if e.Table == MembersSheet {
		what = fmt.Sprintf("的当选人员中同一人出现 %d 次", e.Rows)
	}
	return fmt.Sprintf("内部错误：%s %s(%s)，本次导入已撤销，数据库未改动；请把这些文件报告给开发者",
		keyText(e.Key), what, files)
}

// checkDuplicates runs duplicates.sql inside the transaction.
func checkDuplicates(ctx context.Context, tx *sql.Tx) error {
	var e DuplicateRowError
	var tab string
	var person sql.NullString
	err := tx.QueryRowContext(ctx, sqlDuplicates).Scan(&tab, &e.Key.County, &e.Key.Township, &e.Key.Unit, &e.Key.Year,
		&e.Key.Body, &person, &e.Rows, &e.FirstFile, &e.SecondFile)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("check the written rows for duplicates: %w", err)
	}
	e.Table, e.PersonKey = tableKind(tab), person.String
	return &e
}

// countReplaced runs replaced.sql: per staged file, the rows of earlier loads it replaces, per table.
func (l *loader) countReplaced(ctx context.Context, tx *sql.Tx) (map[int][]Replaced, error) {
	out := map[int][]Replaced{}
	err := eachRow(ctx, tx, sqlReplaced, nil, func(rows *sql.Rows) error {
		var id, n int
		var tab string
		if err := rows.Scan(&id, &tab, &n); err != nil {
			return err
		}
		out[id] = append(out[id], Replaced{Table: tableKind(tab), Rows: n})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("count replaced rows: %w", err)
	}
	return out, nil
}

// checkpointFirst writes a small first load into the database file before Load returns
// (first_checkpoint.sql): with DuckDB's one thread that oneThreadIfSmall set, and without FSST among the
// compressions its checkpoint tries (no_fsst.sql, set before the commit). Otherwise the checkpoint ran when the database was closed, with the
// instance's threads and every compression: for a county's 15 workbooks (6,893 rows) 84 ms of CPU
// against 54 ms. A checkpoint that fails (another connection of electsum serve is in a transaction) is
// left to DuckDB, as before: the rows are committed, and the closing checkpoint writes them.
func (l *loader) checkpointFirst(ctx context.Context) {
	if !l.smallFirst() {
		return
	}
	l.execEach(ctx, sqlFirstCheckpoint)
}

// smallFirst says the load is a small first one: fewer staged rows than a row group (manyRows), into a
// database that held no rows before its transaction (heldRows, known once commit has begun).
func (l *loader) smallFirst() bool { return !l.heldRows && l.rows < l.manyRows() }
