package tabular

import (
	"bufio"
	"encoding/csv"
	"io"
	"strings"

	"electsum/analytics"
)

// CSV writes t as comma-separated UTF-8 text with a header row; NULL is an empty field. bom starts the
// output with a UTF-8 byte-order mark, which Excel needs to read Chinese text correctly. Text values go
// through SpreadsheetText, so that a value from the data cannot run as a formula; numbers are as they are.
func CSV(w io.Writer, t *analytics.Table, bom bool) error {
	bw := bufio.NewWriter(w)
	if bom {
		bw.WriteString("\uFEFF")
	}
	cw := csv.NewWriter(bw)
	record := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		record[i] = SpreadsheetText(c.Name)
	}
	if err := cw.Write(record); err != nil {
		return err
	}
	for _, row := range t.Rows {
		for i, v := range row {
			record[i] = ""
			switch x := v.(type) {
			case nil:
			case string:
				record[i] = SpreadsheetText(x)
			default:
				record[i] = text(v)
			}
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// SpreadsheetText is text as it may go into a CSV file that a spreadsheet will open: text starting with
// = + - @, a tab or a carriage return gets a leading ' so that Excel, WPS and LibreOffice show it
// instead of running it as a formula (=1+2, @SUM(A1), +cmd|' /C calc'!A0). Every CSV electsum writes
// uses it; xlsx cells need nothing, since a text cell is never a formula.
func SpreadsheetText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
