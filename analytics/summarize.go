package analytics

import (
	"context"
	"database/sql"
	"errors"
)

// Summarize computes the Summary of scope. PLACEHOLDER signature: being written in parallel.
func Summarize(ctx context.Context, db *sql.DB, scope Scope, opts Options) (*Summary, error) {
	return nil, errors.New("Summarize: not yet written")
}
