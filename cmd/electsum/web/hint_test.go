package web

import (
	"fmt"
	"testing"

	"electsum"
	"electsum/analytics"
	"electsum/analytics/query"
	"electsum/ingest"
)

// The page's advice names the page's controls, never a command-line flag or command (--unmasked,
// --timeout, electsum ingest): errors that have a page's version give it, others give their advice
// only when it names nothing of the command line.
func TestPageHintsNameNoFlags(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool // advice expected
	}{
		{&query.IDNumberError{Column: "n", Row: 1}, true},
		{&query.RefusedError{Kind: "COPY"}, true},
		{&query.RefusedError{Kind: "INSERT"}, true},
		{&query.TimeoutError{}, true},
		{&query.SQLError{Message: "Catalog Error: Table x does not exist"}, true},
		{&query.SQLError{Message: "Out of Memory Error: x"}, true},
		{&query.SQLError{Message: "Permission Error: x"}, true},
		{&query.TooManyRowsError{Limit: 1048575}, true},
		{&query.ParamError{Query: "q", Param: "p", Known: []string{"year"}}, true},
		{&analytics.NoDataError{}, true},
		{&analytics.NoCompareDataError{}, true},
		{&query.TextError{Source: "SQL", Line: 1, Byte: 1}, true},
		{&ingest.NothingToReplaceError{Name: "a.xlsx"}, false},
		{&ingest.AmbiguousTownshipError{Township: "城关镇", Counties: []string{"甲县", "乙县"}}, false},
		{&ingest.ProblemsError{}, false},
		{&electsum.ExistsError{Path: "x"}, false},
	} {
		for _, err := range []error{c.err, fmt.Errorf("包装: %w", c.err)} {
			h := pageHint(err)
			if commandLineWords.MatchString(h) {
				t.Errorf("%T: advice names the command line: %s", c.err, h)
			}
			if c.want && h == "" {
				t.Errorf("%T: no advice", c.err)
			}
		}
	}
	// A plain hint without flags is kept.
	if h := pageHint(noYearsError{}); h == "" {
		t.Error("noYearsError: advice dropped")
	}
}
