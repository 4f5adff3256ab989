package main

import (
	"context"
	"database/sql"

	"electsum"
	"electsum/ingest"
)

// outputFor is the rule every writer of a command that reads the database at dbPath follows: an existing
// file only with --force, never the database itself nor a file recorded in its ingest_log
// (electsum.Output).
func outputFor(ctx context.Context, db *sql.DB, dbPath string, force bool) (electsum.Output, error) {
	inputs, err := ingest.Inputs(ctx, db)
	if err != nil {
		return electsum.Output{}, err
	}
	return electsum.Output{Force: force, Database: dbPath, Inputs: inputs}, nil
}
