package query

import (
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// Format is an output format of a query result.
type Format string

const (
	FormatTable   Format = "table"
	FormatCSV     Format = "csv"
	FormatJSON    Format = "json"
	FormatXLSX    Format = "xlsx"
	FormatParquet Format = "parquet"
	FormatArrow   Format = "arrow"
)

// Formats lists every Format, in the order help text shows them.
func Formats() []Format {
	return []Format{FormatTable, FormatCSV, FormatJSON, FormatXLSX, FormatParquet, FormatArrow}
}

// FormatError is a format name electsum does not know.
type FormatError struct{ Name string }

func (e *FormatError) Error() string {
	formats := Formats()
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = string(f)
	}
	return fmt.Sprintf("不认识的输出格式 %q, 可用: %s", e.Name, strings.Join(names, ", "))
}

// ParseFormat reads a format name, case-insensitively; "xls"/"excel", "ipc"/"feather" and "txt" are
// accepted as the formats users mean by them.
func ParseFormat(name string) (Format, error) {
	switch n := strings.ToLower(strings.TrimSpace(name)); n {
	case "table", "txt", "text":
		return FormatTable, nil
	case "csv":
		return FormatCSV, nil
	case "json":
		return FormatJSON, nil
	case "xlsx", "excel", "xls":
		return FormatXLSX, nil
	case "parquet":
		return FormatParquet, nil
	case "arrow", "ipc", "feather":
		return FormatArrow, nil
	}
	return "", &FormatError{Name: name}
}

// FormatFromPath guesses the format from a file name's extension; ok is false when it cannot.
func FormatFromPath(path string) (f Format, ok bool) {
	i := strings.LastIndexByte(path, '.')
	if i < 0 {
		return "", false
	}
	f, err := ParseFormat(path[i+1:])
	return f, err == nil
}

// Binary reports whether the format is not text, so that it should not be written to a terminal.
func (f Format) Binary() bool {
	return f == FormatXLSX || f == FormatParquet || f == FormatArrow
}

// WriteOptions adjust how a result is written.
type WriteOptions struct {
	// BOM starts CSV output with a UTF-8 byte-order mark, for Excel.
	BOM bool
	// TextRows caps the text table at this many rows (0: no cap); a longer result ends with a line
	// that gives its number of rows and says to export it with -o.
	TextRows int
	// Terminal escapes in csv, as the table does (\u001b), the control characters and invisible reordering
	// marks of text values and column names, for output shown on a terminal, so that a value from the
	// data cannot recolour, move or rewrite the screen; line breaks and tabs stay, quoted. Files and pipes
	// get the values as they are. (json always writes them as \u escapes, which keeps the values.)
	Terminal bool
}

// Write writes the rows of r to w in format f, as they are read: only the text table (for its column
// widths, up to TextRows rows) and the xlsx column widths (the first rows) look ahead, so a result of any
// size is written in bounded memory.
func Write(w io.Writer, r Reader, f Format, opts WriteOptions) error {
	if opts.Terminal && f == FormatCSV {
		r = &terminalReader{Reader: r}
	}
	switch f {
	case FormatTable:
		return Text(w, r, opts.TextRows)
	case FormatCSV:
		return CSV(w, r, opts.BOM)
	case FormatJSON:
		return JSON(w, r)
	case FormatXLSX:
		return XLSX(w, r)
	case FormatParquet:
		return Parquet(w, r)
	case FormatArrow:
		return Arrow(w, r)
	}
	return &FormatError{Name: string(f)}
}

// baseType is a DuckDB type name without its parameters: DECIMAL(10,2) → DECIMAL.
func baseType(dbType string) string {
	if i := strings.IndexByte(dbType, '('); i >= 0 {
		return dbType[:i]
	}
	return dbType
}

// numeric reports whether a DuckDB type holds numbers, which are right-aligned.
func numeric(dbType string) bool {
	switch baseType(dbType) {
	case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
		"UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "DECIMAL":
		return true
	}
	return false
}

// text formats a non-NULL value the way every text format shows it.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return formatFloat(x)
	case bool:
		return strconv.FormatBool(x)
	case Decimal:
		return x.String()
	case *big.Int:
		return x.String()
	case time.Time:
		return formatTime(x)
	case []byte:
		return `\x` + hex.EncodeToString(x)
	}
	return fmt.Sprint(v)
}

func formatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	// Plain digits as people write them; exponents only where plain digits would run long, as
	// JavaScript does.
	if a := math.Abs(f); a >= 1e21 || (a != 0 && a < 1e-6) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// formatTime writes a DATE as 2006-01-02 and a TIMESTAMP with its time of day; both come from the
// driver in UTC, and a DATE is midnight.
func formatTime(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	if t.Nanosecond() != 0 {
		return t.Format("2006-01-02 15:04:05.999999")
	}
	return t.Format("2006-01-02 15:04:05")
}

// Cell is one value as the text formats show it, NULL as "NULL": for callers that lay a result out
// themselves (electsum serve's result tables).
func Cell(v any) string {
	if v == nil {
		return "NULL"
	}
	return text(v)
}
