package query

import (
	"bufio"
	"electsum"
	"encoding/csv"
	"io"
)

// CSV writes t as comma-separated UTF-8 text with a header row; NULL is an empty field. bom starts the
// output with a UTF-8 byte-order mark, which Excel needs to read Chinese text correctly. Text values go
// through electsum.SpreadsheetText, so that a value from the data cannot run as a formula; numbers are as they are.
func CSV(w io.Writer, t *Table, bom bool) error {
	bw := bufio.NewWriter(w)
	if bom {
		bw.WriteString("\uFEFF")
	}
	cw := csv.NewWriter(bw)
	record := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		record[i] = electsum.SpreadsheetText(c.Name)
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
				record[i] = electsum.SpreadsheetText(x)
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
