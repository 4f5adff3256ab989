package ingest

import (
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
// transaction (replace.sql).
type stager struct {
	elections, members, warnings, files *duckdb.Appender
}

func newStager(conn *sql.Conn) (*stager, error) {
	s := &stager{}
	err := conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		for _, t := range []struct {
			a    **duckdb.Appender
			name string
		}{{&s.elections, "stage_elections"}, {&s.members, "stage_members"}, {&s.warnings, "stage_warnings"}, {&s.files, "stage_files"}} {
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
	for _, a := range []**duckdb.Appender{&s.elections, &s.members, &s.warnings, &s.files} {
		if *a != nil {
			errs = append(errs, (*a).Close())
			*a = nil
		}
	}
	return errors.Join(errs...)
}

// file stages every row of one parsed file, and its warnings with the election they are about.
// source_file is always the path the file was read from, so that a later file from the same path
// replaces what this one wrote.
func (s *stager) file(id int, p *Parsed) error {
	fid := int32(id)
	where := map[[2]any]Key{}
	for i := range p.Results {
		r := &p.Results[i]
		where[[2]any{r.Sheet, r.Row}] = r.Key
		if err := s.elections.AppendRow(fid, r.County, r.Township, r.Unit, int32(r.Year), r.Body,
			optInt(r.Term), optStr(r.Method), optInt(r.Registered), optInt(r.Voted), optInt(r.ProxyVotes),
			optInt(r.MobileVotes), optInt(r.ValidBallots), optInt(r.InvalidBallots), optInt(r.Seats),
			optInt(r.Candidates), optInt(r.Elected), optTime(r.Date), optBool(r.FirstRound),
			p.Path, r.Sheet, int32(r.Row), optStr(r.ConstituencyNo), optInt(r.Population), optInt(r.Adults),
			optInt(r.AwayHome), optInt(r.AwayWorkplace), optInt(r.AwayMissing), optInt(r.Incapable),
			optInt(r.Suspended), optInt(r.Deprived), optInt(r.RegisteredWomen), optInt(r.RegisteredMinority),
			optInt(r.RegisteredMigrant), optInt(r.NominatedByParties), optInt(r.NominatedByVoters),
			optInt(r.InPersonVotes), optStr(r.Round)); err != nil {
			return fmt.Errorf("%s 第%d行: %w", r.Sheet, r.Row, err)
		}
	}
	for i := range p.Members {
		m := &p.Members[i]
		where[[2]any{m.Sheet, m.Row}] = m.Key
		if err := s.members.AppendRow(fid, m.County, m.Township, m.Unit, int32(m.Year), m.Body,
			m.Name, m.Position, m.Gender, optTime(m.Birth), optInt(m.Age), optStr(m.Ethnicity),
			optStr(m.Party), optStr(m.Education), optBool(m.Reelected), optStr(m.IDNumber), optBool(m.WealthLeader),
			optBool(m.GraduateOfficial), optStr(m.Category), optInt(m.Votes), m.PersonKey,
			p.Path, m.Sheet, int32(m.Row)); err != nil {
			return fmt.Errorf("%s 第%d行: %w", m.Sheet, m.Row, err)
		}
	}
	for _, pr := range p.Problems {
		if pr.Severity != Warning {
			continue
		}
		k, ok := where[[2]any{pr.Sheet, pr.Row}]
		key := []driver.Value{nil, nil, nil, nil, nil}
		if ok {
			key = []driver.Value{k.County, k.Township, k.Unit, int32(k.Year), k.Body}
		}
		if err := s.warnings.AppendRow(append([]driver.Value{fid, p.Path, optStr(pr.Sheet), optRow(pr.Row),
			optStr(pr.Column), optStr(pr.Value), pr.Rule, pr.Message}, key...)...); err != nil {
			return fmt.Errorf("warning %s: %w", pr.Rule, err)
		}
	}
	return s.files.AppendRow(fid, p.Path)
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
