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
var ViewNames = []string{"v_members", "v_turnout", "v_two_committees", "v_structure", "v_change", "v_checks", "v_congress", "v_congress_checks"}

const configTables = `
CREATE TABLE IF NOT EXISTS cfg_age_bands (label VARCHAR NOT NULL, min_age INTEGER NOT NULL, max_age INTEGER, ord INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS cfg_education_buckets (label VARCHAR NOT NULL, education VARCHAR NOT NULL, ord INTEGER NOT NULL);
`

// Install creates (or replaces) the analysts' views in db, and the configuration tables cfg_age_bands
// and cfg_education_buckets that v_members reads, filled with the default bands and buckets when they
// are empty (an analyst's own rows are kept), in one transaction: see InstallTx.
func Install(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("install views: %w", err)
	}
	defer tx.Rollback()
	if err := InstallTx(ctx, tx); err != nil {
		return err
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
		if err := insertAgeBands(ctx, tx, DefaultAgeBands()); err != nil {
			return err
		}
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM cfg_education_buckets`).Scan(&n); err != nil {
		return fmt.Errorf("install configuration tables: %w", err)
	}
	if n == 0 {
		if err := insertEducationBuckets(ctx, tx, DefaultEducationBuckets()); err != nil {
			return err
		}
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

// SetConfig replaces the rows of cfg_age_bands and cfg_education_buckets with the bands and buckets of
// opts (the defaults where opts leaves them empty), so that the views group as a report configured with
// opts does. Invalid options give a *ConfigError and change nothing.
func SetConfig(ctx context.Context, db *sql.DB, opts Options) error {
	opts, err := opts.withDefaults()
	if err != nil {
		return err
	}
	if err := Install(ctx, db); err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("set view configuration: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM cfg_age_bands; DELETE FROM cfg_education_buckets;`); err != nil {
		return fmt.Errorf("set view configuration: %w", err)
	}
	if err := insertAgeBands(ctx, tx, opts.AgeBands); err != nil {
		return err
	}
	if err := insertEducationBuckets(ctx, tx, opts.EducationBuckets); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("set view configuration: %w", err)
	}
	return nil
}

func insertAgeBands(ctx context.Context, tx *sql.Tx, bands []AgeBand) error {
	for i, b := range bands {
		var max any
		if b.Max != 0 {
			max = b.Max
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO cfg_age_bands VALUES (?, ?, ?, ?)`, b.Label, b.Min, max, i+1); err != nil {
			return fmt.Errorf("fill cfg_age_bands: %w", err)
		}
	}
	return nil
}

func insertEducationBuckets(ctx context.Context, tx *sql.Tx, buckets []EducationBucket) error {
	for i, b := range buckets {
		for _, v := range b.Values {
			if _, err := tx.ExecContext(ctx, `INSERT INTO cfg_education_buckets VALUES (?, ?, ?)`, b.Label, v, i+1); err != nil {
				return fmt.Errorf("fill cfg_education_buckets: %w", err)
			}
		}
	}
	return nil
}
