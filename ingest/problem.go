package ingest

import (
	"fmt"
	"sort"
	"strings"
)

// String prints a problem the way compilers do, the one form every listing uses:
// file:sheet!C12: message; file:sheet!第12行: message when no cell is known; file:C12 for a CSV file,
// which has no sheet; file: message for the whole file.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	place := p.Cell
	if place == "" && p.Row > 0 {
		place = fmt.Sprintf("第%d行", p.Row)
	}
	switch {
	case p.Sheet != "" && place != "":
		b.WriteString(":" + p.Sheet + "!" + place)
	case p.Sheet != "":
		b.WriteString(":" + p.Sheet)
	case place != "":
		b.WriteString(":" + place)
	}
	b.WriteString(": " + p.Message)
	return b.String()
}

// FormatProblem is p.String(), for callers that pass a function value.
func FormatProblem(p Problem) string { return p.String() }

// SortProblems orders problems by file, sheet, row, cell and rule, so that output does not depend on
// the order files were read in.
func SortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		if len(a.Cell) != len(b.Cell) {
			return len(a.Cell) < len(b.Cell)
		}
		if a.Cell != b.Cell {
			return a.Cell < b.Cell
		}
		return a.Rule < b.Rule
	})
}
