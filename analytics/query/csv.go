package query

import (
	"bufio"
	"electsum"
	"encoding/csv"
	"io"
)

// CSV writes r as comma-separated UTF-8 text with a header row; NULL is an empty field. bom starts the
// output with a UTF-8 byte-order mark, which Excel needs to read Chinese text correctly. Text values go
// through electsum.SpreadsheetText, so that a value from the data cannot run as a formula; numbers are as they are.
func CSV(w io.Writer, r Reader, bom bool) error {
	bw := bufio.NewWriter(w)
	if bom {
		bw.WriteString("\uFEFF")
	}
	cw := csv.NewWriter(bw)
	cols := r.Columns()
	record := make([]string, len(cols))
	for i, c := range cols {
		record[i] = electsum.SpreadsheetText(c.Name)
	}
	if err := cw.Write(record); err != nil {
		return err
	}
	for r.Next() {
		for i, v := range r.Row() {
			record[i] = ""
			switch x := v.(type) {
			case nil:
			case string:
				record[i] = electsum.SpreadsheetText(x)
			default:
				record[i] = text(v)
			}
		}
		if err := cw.Write(record); err != nil {
			return err
		}
	}
	if err := r.Err(); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
