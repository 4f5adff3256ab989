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

// XLSX writes t as a workbook with one sheet: a bold header row that stays in view when scrolling,
// columns as wide as the text of their first thousand rows (up to a limit), numbers as numbers and dates as dates; NULL is an
// empty cell. Integers beyond ±2^53, which Excel would round, are written as text.
func XLSX(w io.Writer, t *Table) error {
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
	for i, c := range t.Columns {
		wide := width.StringWidth(c.Name)
		// The first rows are enough to size a column; measuring every cell of a large result is slow.
		for _, row := range t.Rows[:min(len(t.Rows), 1000)] {
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
	cells := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		cells[i] = excelize.Cell{StyleID: header, Value: c.Name}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return err
	}
	for r, row := range t.Rows {
		cells := make([]any, len(row))
		for i, v := range row {
			cells[i] = xlsxValue(v, t.Columns[i].Type, date, stamp)
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return fmt.Errorf("row %d: %w", r+1, err)
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
