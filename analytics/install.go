package analytics

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
)

//go:embed views/*.sql
var viewFS embed.FS

// ViewNames lists the views Install creates, in creation order.
func ViewNames() []string {
	return []string{"v_members", "summary_members", "v_turnout", "v_two_committees", "v_participation", "v_structure", "v_change", "v_checks", "v_congress", "v_congress_checks", "v_party_elections", "v_party_congress"}
}

// The columns of the configuration tables, as Install creates them in the database and setOptions as
// TEMP tables of a Summarize's connection.
const (
	ageBandColumns         = `(label VARCHAR NOT NULL, min_age INTEGER NOT NULL, max_age INTEGER, ord INTEGER NOT NULL)`
	educationBucketColumns = `(label VARCHAR NOT NULL, education VARCHAR NOT NULL, ord INTEGER NOT NULL)`
)

const configTables = `
CREATE TABLE IF NOT EXISTS cfg_age_bands ` + ageBandColumns + `;
CREATE TABLE IF NOT EXISTS cfg_education_buckets ` + educationBucketColumns + `;
`

// Install creates (or replaces) the analysts' views in db, the domain's values they read (domainMacros,
// and the tables domain_bodies and domain_educations: domainTables), and the configuration tables
// cfg_age_bands and cfg_education_buckets that v_members reads, in one transaction (see InstallTx).
// Options that set age bands or education buckets replace the tables' rows with them (the defaults for
// the one left empty), so that the views group as a report configured with opts does; options that set
// neither keep the database's rows (the defaults when empty, an analyst's own otherwise). Invalid
// options give a *ConfigError and change nothing.
func Install(ctx context.Context, db *sql.DB, opts Options) error {
	configure := len(opts.AgeBands) > 0 || len(opts.EducationBuckets) > 0
	opts, err := opts.withDefaults()
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("install views: %w", err)
	}
	defer tx.Rollback()
	if err := InstallTx(ctx, tx); err != nil {
		return err
	}
	if configure {
		if _, err := tx.ExecContext(ctx, `DELETE FROM cfg_age_bands; DELETE FROM cfg_education_buckets;`); err != nil {
			return fmt.Errorf("set the age bands and education buckets: %w", err)
		}
		if err := insertAgeBands(ctx, tx, "cfg_age_bands", opts.AgeBands); err != nil {
			return err
		}
		if err := insertEducationBuckets(ctx, tx, "cfg_education_buckets", opts.EducationBuckets); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("install views: %w", err)
	}
	return nil
}

// InstallTx is Install inside a transaction the caller owns. electsum ingest runs it inside the
// load's transaction, so that whoever opens the database file from Python, R or the DuckDB CLI sees
// the same definitions electsum uses, and never rows without their views.
func InstallTx(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, configTables); err != nil {
		return fmt.Errorf("install configuration tables: %w", err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM cfg_age_bands`).Scan(&n); err != nil {
		return fmt.Errorf("install configuration tables: %w", err)
	}
	if n == 0 {
		if err := insertAgeBands(ctx, tx, "cfg_age_bands", DefaultAgeBands()); err != nil {
			return err
		}
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM cfg_education_buckets`).Scan(&n); err != nil {
		return fmt.Errorf("install configuration tables: %w", err)
	}
	if n == 0 {
		if err := insertEducationBuckets(ctx, tx, "cfg_education_buckets", DefaultEducationBuckets()); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, domainMacros+domainTables); err != nil {
		return fmt.Errorf("install the domain's values: %w", err)
	}
	names, err := fs.Glob(viewFS, "views/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	for _, name := range names {
		body, err := viewFS.ReadFile(name)
		if err != nil {
			panic(err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("install %s: %w", name, err)
		}
	}
	return nil
}
