package ingest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// stager bulk-appends parsed rows into the run's temporary staging tables with DuckDB's Appender,
// which is many times faster than INSERT statements. The Appender commits on its own as it flushes,
// which is why it writes only to staging tables: the real tables are filled from them in one
// transaction (move.sql).
type stager struct {
	elections, registrations, members, warnings, files *duckdb.Appender
	// unflushed is the rows appended since the last flush; at every (flushEvery) they are flushed.
	unflushed, every int
}

// flushEvery is how many staged rows the stager lets its appenders hold before it flushes them into the
// staging tables. DuckDB's Appender keeps what it is given until 204,800 rows or its close, so every
// load of fewer rows wrote all of them into the staging tables at once in finish, after the last file
// was read, with the readers idle: 200–250 ms of the people's congress set's 50,063 rows (900 files).
// Flushed as they come, they are written while the readers read on; the work is the same (README
// "Performance of ingest").
const flushEvery = 16_384

func newStager(conn *sql.Conn) (*stager, error) {
	s := &stager{every: flushEvery}
	err := conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		for _, t := range []struct {
			a    **duckdb.Appender
			name string
		}{{&s.elections, "stage_elections"}, {&s.registrations, "stage_registration"}, {&s.members, "stage_members"},
			{&s.warnings, "stage_warnings"}, {&s.files, "stage_files"}} {
			a, err := duckdb.NewAppenderFromConn(c, "", t.name)
			if err != nil {
				return fmt.Errorf("appender for %s: %w", t.name, err)
			}
			*t.a = a
		}
		return nil
	})
	if err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// close flushes and releases the appenders; staged rows are visible to the connection afterwards.
func (s *stager) close() error {
	var errs []error
	for _, a := range []**duckdb.Appender{&s.elections, &s.registrations, &s.members, &s.warnings, &s.files} {
		if *a != nil {
			errs = append(errs, (*a).Close())
			*a = nil
		}
	}
	return errors.Join(errs...)
}

// flush makes the rows appended so far visible to queries on the connection.
func (s *stager) flush() error {
	s.unflushed = 0
	var errs []error
	for _, a := range []*duckdb.Appender{s.elections, s.registrations, s.members, s.warnings, s.files} {
		errs = append(errs, a.Flush())
	}
	return errors.Join(errs...)
}

// rows stages rows of one file as they are read (regs: its 选民登记 rows). source_file is always the path
// the file was read from, so that a later file from the same path replaces what this one wrote. raw, parallel to members,
// holds the cells as written for the whole-file checks' messages (nil when unknown); seq gives a row's
// place in its file; firstOfElection, parallel to members, says which rows are the first of their file
// for their election (firstOfElection below).
func (s *stager) rows(id int, path string, results, regs []Result, members []Member, raw []memberRaw, seq func(sheet string, row int) int64, firstOfElection []bool) error {
	fid := int32(id)
	for i := range results {
		r := &results[i]
		if err := s.elections.AppendRow(fid, r.County, r.Township, r.Unit, int32(r.Year), r.Body,
			optInt(r.Term), optStr(r.Method), optInt(r.Registered), optInt(r.Voted), optInt(r.ProxyVotes),
			optInt(r.MobileVotes), optInt(r.ValidBallots), optInt(r.InvalidBallots), optInt(r.Seats),
			optInt(r.Candidates), optInt(r.Elected), optTime(r.Date), optBool(r.FirstRound),
			path, r.Sheet, int32(r.Row), optStr(r.ConstituencyNo), optInt(r.Population), optInt(r.Adults),
			optInt(r.AwayHome), optInt(r.AwayWorkplace), optInt(r.AwayMissing), optInt(r.Incapable),
			optInt(r.Suspended), optInt(r.Deprived), optInt(r.RegisteredWomen), optInt(r.RegisteredMinority),
			optInt(r.RegisteredMigrant), optInt(r.NominatedByParties), optInt(r.NominatedByVoters),
			optInt(r.InPersonVotes), optStr(r.Round), seq(r.Sheet, r.Row), optInt(r.Excused)); err != nil {
			return fmt.Errorf("%s 第%d行: %w", r.Sheet, r.Row, err)
		}
	}
	for i := range regs {
		r := &regs[i]
		if err := s.registrations.AppendRow(fid, r.County, r.Township, r.Unit, int32(r.Year), optStr(r.Body),
			optStr(r.ConstituencyNo), optInt(r.Registered), optInt(r.Population), optInt(r.Adults),
			optInt(r.AwayHome), optInt(r.AwayWorkplace), optInt(r.AwayMissing), optInt(r.Incapable),
			optInt(r.Suspended), optInt(r.Deprived), optInt(r.RegisteredWomen), optInt(r.RegisteredMinority),
			optInt(r.RegisteredMigrant), path, r.Sheet, int32(r.Row), seq(r.Sheet, r.Row)); err != nil {
			return fmt.Errorf("%s 第%d行: %w", r.Sheet, r.Row, err)
		}
	}
	for i := range members {
		m := &members[i]
		var birth, age driver.Value
		if raw != nil {
			birth, age = optStr(raw[i].birth), optStr(raw[i].age)
		}
		if err := s.members.AppendRow(fid, m.County, m.Township, m.Unit, int32(m.Year), m.Body,
			m.Name, m.Position, m.Gender, optTime(m.Birth), optInt(m.Age), optStr(m.Ethnicity),
			optStr(m.Party), optStr(m.Education), optBool(m.Reelected), optStr(m.IDNumber), optBool(m.WealthLeader),
			optBool(m.GraduateOfficial), optStr(m.Category), optInt(m.Votes), m.PersonKey,
			path, m.Sheet, int32(m.Row), seq(m.Sheet, m.Row), birth, age, firstOfElection[i], optInt(m.ValidBallots)); err != nil {
			return fmt.Errorf("%s 第%d行: %w", m.Sheet, m.Row, err)
		}
	}
	if s.unflushed += len(results) + len(regs) + len(members); s.unflushed >= s.every {
		return s.flush()
	}
	return nil
}

// fileWarnings stages the warnings of a file that loads, and the file itself. The election each warning
// is about is filled in SQL from the staged row it points at (warning_keys.sql).
func (s *stager) fileWarnings(id int, path string, problems []Problem) error {
	fid := int32(id)
	for _, pr := range problems {
		if pr.Severity != Warning {
			continue
		}
		if err := s.warnings.AppendRow(fid, path, optStr(pr.Sheet), optRow(pr.Row),
			optStr(pr.Column), optStr(pr.Value), pr.Rule, pr.Message, nil, nil, nil, nil, nil); err != nil {
			return fmt.Errorf("warning %s: %w", pr.Rule, err)
		}
	}
	return s.files.AppendRow(fid, path)
}

// firstOfElection says, for each of members (rows of one file, in the order they were read), whether it
// is the first of its file for its election, given the elections seen in earlier rows of the file
// (seen, which it adds them to). Rows are read sheet after sheet and row after row, so the first read is
// the first by place (seq): check_members.sql needs no grouping of every row to find it.
func firstOfElection(members []Member, seen map[Key]bool) []bool {
	first := make([]bool, len(members))
	for i := range members {
		first[i] = !seen[members[i].Key]
		seen[members[i].Key] = true
	}
	return first
}

func optInt(p *int) driver.Value {
	if p == nil {
		return nil
	}
	return int32(*p)
}

func optRow(n int) driver.Value {
	if n <= 0 {
		return nil
	}
	return int32(n)
}

func optStr(s string) driver.Value {
	if s == "" {
		return nil
	}
	return s
}

func optBool(p *bool) driver.Value {
	if p == nil {
		return nil
	}
	return *p
}

func optTime(p *time.Time) driver.Value {
	if p == nil {
		return nil
	}
	return *p
}

// withPrivateStage runs fn over staging tables of their own in an in-memory database opened for this
// file and closed after it, for the whole-file checks of a file parsed on its own (ParseFile). The
// package keeps no database between calls (no package state): that costs each ParseFile the opening
// of an in-memory DuckDB (measured 140–230 ms under load 31, against 7 ms on a kept one), which only
// callers parsing one file at a time pay; Load stages all its files in the target database.
func withPrivateStage(fn func(conn *sql.Conn, s *stager) error) error {
	ctx := context.Background()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return fmt.Errorf("open an in-memory database: %w", err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("open an in-memory database: %w", err)
	}
	defer conn.Close()
	// Staging tables are temporary, private to the connection, and made anew for every file.
	if _, err := conn.ExecContext(ctx, sqlStage); err != nil {
		return fmt.Errorf("create staging tables: %w", err)
	}
	defer conn.ExecContext(ctx, sqlDropStage)
	s, err := newStager(conn)
	if err != nil {
		return err
	}
	defer s.close()
	return fn(conn, s)
}
