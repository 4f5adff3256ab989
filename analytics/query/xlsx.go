package query

import (
	"fmt"
	"io"
	"math/big"
	"time"

	"github.com/xuri/excelize/v2"
)

// sheetName is the one sheet of a query workbook.
const sheetName = "查询结果"

// maxXLSXRows is how many data rows fit on one sheet (1,048,576 rows, one of them the header).
const maxXLSXRows = 1<<20 - 1

// widthRows is how many rows size the columns of a workbook; measuring every cell of a large result is
// slow, and the rows are held until the columns are sized.
const widthRows = 1000

// TooManyRowsError means a result has more rows than an xlsx sheet holds; nothing is written.
type TooManyRowsError struct{ Limit int }

func (e *TooManyRowsError) Error() string {
	return fmt.Sprintf("结果超过 Excel 工作表的上限 (%d 行数据), 没有写出", e.Limit)
}

// Hint says which formats take more rows.
func (e *TooManyRowsError) Hint() string {
	return "用 --format csv 或 parquet 导出全部行, 或在 SQL 中用 WHERE/LIMIT 缩小结果"
}

// PageHint is Hint for the web page and its download buttons.
func (e *TooManyRowsError) PageHint() string {
	return "用“下载 CSV”导出全部行, 或在 SQL 中用 WHERE/LIMIT 缩小结果"
}

// XLSX writes r as a workbook with one sheet: a bold header row that stays in view when scrolling,
// columns as wide as the text of their first thousand rows (up to a limit), numbers as numbers and
// dates as dates; NULL is an empty cell. Integers beyond ±2^53, which Excel would round, are written as
// text. Rows go through excelize's StreamWriter, which keeps the sheet in a temporary file rather than
// in memory; a result of more rows than a sheet holds is a *TooManyRowsError.
func XLSX(w io.Writer, r Reader) error {
	cols := r.Columns()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheetName)
	if err != nil {
		return err
	}
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#DDEBF7"}}})
	if err != nil {
		return err
	}
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14, CustomNumFmt: ptr("yyyy-mm-dd")})
	if err != nil {
		return err
	}
	stamp, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd hh:mm:ss")})
	if err != nil {
		return err
	}
	// The first rows are held to size the columns, which must be set before the first row is written.
	var first [][]any
	for len(first) < widthRows && r.Next() {
		first = append(first, append([]any(nil), r.Row()...))
	}
	if err := r.Err(); err != nil {
		return err
	}
	for i, c := range cols {
		wide := width.StringWidth(c.Name)
		for _, row := range first {
			if row[i] != nil {
				wide = max(wide, width.StringWidth(text(row[i])))
			}
		}
		if err := sw.SetColWidth(i+1, i+1, float64(min(wide, 60)+2)); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	cells := make([]any, len(cols))
	for i, c := range cols {
		cells[i] = excelize.Cell{StyleID: header, Value: c.Name}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return err
	}
	n := 0
	put := func(row []any) error {
		if n == maxXLSXRows {
			return &TooManyRowsError{Limit: maxXLSXRows}
		}
		n++
		for i, v := range row {
			cells[i] = xlsxValue(v, cols[i].Type, date, stamp)
		}
		cell, _ := excelize.CoordinatesToCellName(1, n+1)
		if err := sw.SetRow(cell, cells); err != nil {
			return fmt.Errorf("row %d: %w", n, err)
		}
		return nil
	}
	for _, row := range first {
		if err := put(row); err != nil {
			return err
		}
	}
	if len(first) == widthRows {
		for r.Next() {
			if err := put(r.Row()); err != nil {
				return err
			}
		}
		if err := r.Err(); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

const maxExactInExcel = 1 << 53

func xlsxValue(v any, dbType string, date, stamp int) any {
	switch x := v.(type) {
	case nil:
		return nil
	case int64:
		if x > maxExactInExcel || x < -maxExactInExcel {
			return text(x)
		}
		return x
	case float64, bool, string:
		return x
	case Decimal:
		return x.Float64()
	case *big.Int:
		return x.String()
	case time.Time:
		if baseType(dbType) == "DATE" {
			return excelize.Cell{StyleID: date, Value: x}
		}
		return excelize.Cell{StyleID: stamp, Value: x}
	}
	return text(v)
}

func ptr[T any](v T) *T { return &v }
