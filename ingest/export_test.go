package ingest

import (
	"context"
	"database/sql"
)

// DiffReaders is diffReaders for the tests of package ingest_test, which may import synth.
var DiffReaders = diffReaders

// QueryText prints the rows of a query, one line a row.
var QueryText = queryText

// ReaderStats tells how many sheets the fast xlsx reader has read so far, and how many sheets and
// whole workbooks it declined, for the benchmarks.
func ReaderStats() (fast, fallbackSheets, fallbackBooks int64) {
	return readerStats.fastSheets.Load(), readerStats.fallbackSheets.Load(), readerStats.fallbackBooks.Load()
}

// LoadAsLater is Load with a first load's SQL shortcuts off: person_clash.sql runs and units take their
// bodies from every row (unit_bodies.sql), as in a load into a database that holds rows.
func LoadAsLater(ctx context.Context, db *sql.DB, paths []string, opts LoadOptions) (*Report, error) {
	return loadWith(ctx, db, paths, opts, loadHooks{firstInSQL: true})
}
