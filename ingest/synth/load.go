package synth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"electsum/ingest"
)

// Load writes w's workbooks under dir/data and loads them through ingest, with opts, into a new
// database dir/electsum.duckdb, as a user would. Tests of the packages after ingest share it. The caller
// closes the database; on error it is closed already.
func Load(ctx context.Context, w *World, dir string, opts ingest.LoadOptions) (*sql.DB, error) {
	paths, err := WriteWorkbooks(w, filepath.Join(dir, "data"))
	if err != nil {
		return nil, err
	}
	db, err := ingest.Open(ctx, filepath.Join(dir, ingest.DefaultDB))
	if err != nil {
		return nil, err
	}
	if _, err := ingest.Load(ctx, db, paths, opts); err != nil {
		db.Close()
		// The generator promises files that load cleanly: say what ingest found.
		var problems strings.Builder
		var pe *ingest.ProblemsError
		if errors.As(err, &pe) {
			for _, p := range pe.Problems[:min(len(pe.Problems), 10)] {
				problems.WriteString("\n" + ingest.FormatProblem(p))
			}
		}
		return nil, fmt.Errorf("load the generated workbooks: %w%s", err, problems.String())
	}
	return db, nil
}
