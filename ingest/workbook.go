package ingest

import (
	"errors"
	"fmt"
)

// This file is the seam between the cell readers (xlsx, and any other workbook format) and the sheet
// parser. A reader's only job is to list a workbook's sheets and hand over each sheet's rows as text;
// header recognition, merged cells, 合计 rows, checks and messages come after it and are the same for
// every format.

// sheetInfo is what a cell reader knows of a sheet before its rows are read.
type sheetInfo struct {
	name   string
	hidden bool         // hidden or very hidden: skipped with a notice
	merges []mergeRange // merged ranges, sorted by top row (sortMerges)
	rows   int          // the last row the sheet declares, 0 if unknown; only sizes slices, a file may lie
}

// workbook is one opened workbook, as a cell reader gives it to the sheet parser.
//
// A cell's text is its stored value, not its display: a shared or inline string as written, a number
// in its shortest decimal form (a date is its serial, days since 1899-12-30, whatever its number
// format), a boolean as 1 or 0, an error as its code (#DIV/0!), a formula as its cached result.
type workbook interface {
	// sheets lists the worksheets in workbook order.
	sheets() []sheetInfo
	// rows calls fn with every row of sheet i that has cells, in order: row is 1-based as Excel shows
	// it, cells[j] is column j+1, trailing empty cells may be left off. fn may change cells but not keep
	// the slice. A sheet without cells (a chart sheet) calls fn never and returns nil.
	rows(i int, fn func(row int, cells []string)) error
}

// readWorkbook feeds every visible sheet of wb, in workbook order, to the sheet parser.
func readWorkbook(fp *fileParser, wb workbook) error {
	infos := wb.sheets()
	if len(infos) == 0 {
		return &FileError{Path: fp.path, Kind: ErrNotWorkbook, Err: errors.New("no worksheets")}
	}
	// A sheet named like a summary (汇总, 合计…) is read after the others, so that whether they gave rows
	// of its table is known when it is judged (summary.go). Rows and problems keep workbook order.
	order := make([]int, 0, len(infos))
	for i, info := range infos {
		if _, ok := fp.sheetNo[info.name]; !ok {
			fp.sheetNo[info.name] = i
		}
		if !isSummarySheet(info.name) {
			order = append(order, i)
		}
	}
	for i, info := range infos {
		if isSummarySheet(info.name) {
			order = append(order, i)
		}
	}
	for _, i := range order {
		info := infos[i]
		// A hidden sheet holds dropdown lists or a stale copy, never the data a township means to send.
		if info.hidden {
			fp.add(Problem{Severity: Notice, Sheet: info.name, Rule: "hidden_sheet",
				Message: fmt.Sprintf("工作表“%s”是隐藏的，已跳过：如其中有要导入的数据，请在 Excel 中取消隐藏后重新导入", info.name)})
			continue
		}
		sp := fp.sheet(info.name)
		sp.merges, sp.rows = info.merges, info.rows
		if err := wb.rows(i, sp.row); err != nil {
			var fe *FileError
			if errors.As(err, &fe) {
				return err
			}
			return &FileError{Path: fp.path, Kind: ErrCorrupt, Err: fmt.Errorf("sheet %s: %w", info.name, err)}
		}
		sp.end()
	}
	return nil
}
