package ingest

import "errors"

// ParseOptions tune how one file is read.
type ParseOptions struct {
	// County fills the county of rows whose sheet has no county column.
	County string
	// MaxFileSize is the largest file accepted, in bytes (0: the default, 64 MiB).
	MaxFileSize int64
}

// ParseFile reads one .xlsx or .csv file: it finds the results and members sheets by their header rows,
// normalises every value and checks every row. Problems in the data are returned in Parsed.Problems;
// the error is for a file that cannot be read at all (not a workbook, corrupt, encrypted, too large).
// PLACEHOLDER: being written in parallel; replaced by the real reader.
func ParseFile(path string, opts ParseOptions) (*Parsed, error) {
	return nil, errors.New("ParseFile: not yet written")
}
