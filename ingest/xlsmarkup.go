package ingest

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// openForMarking opens an input workbook so that WriteErrorsDir can mark it: an .xlsx as it is, an
// .xls or .et, a web page or an XML spreadsheet (told by content) as a new .xlsx workbook holding its
// sheets, so that the marked copy keeps colours and comments whatever the township's Excel is.
func openForMarking(data []byte) (*excelize.File, error) {
	if markupFormat(data) != formatUnknown {
		b, err := readMarkup("", data)
		if err != nil {
			return nil, err
		}
		return b.asXLSX()
	}
	if !bytes.HasPrefix(data, oleMagic) {
		return excelize.OpenReader(bytes.NewReader(withStyles(data)), excelize.Options{UnzipSizeLimit: markupUnzipLimit, UnzipXMLSizeLimit: markupUnzipXMLLimit})
	}
	b, err := openXLS(data)
	if err != nil {
		return nil, err
	}
	return b.asXLSX()
}

// asXLSX copies the workbook into a new excelize workbook: every worksheet in order with its cells
// (strings, numbers with their number format, booleans, error codes as text), merged ranges and
// visibility. Formulas are kept as their results: the copy is for reading the marks, not for editing.
func (b *xlsBook) asXLSX() (*excelize.File, error) {
	f := excelize.NewFile()
	styles := map[uint16]int{}
	style := func(xf uint16) (int, error) {
		if int(xf) >= len(b.xfFormat) {
			return 0, nil
		}
		id := b.xfFormat[xf]
		if s, ok := styles[id]; ok {
			return s, nil
		}
		var st excelize.Style
		if code, ok := b.formats[id]; ok {
			st.CustomNumFmt = &code
		} else if id > 0 && id < 50 {
			st.NumFmt = int(id)
		} else {
			styles[id] = 0
			return 0, nil
		}
		s, err := f.NewStyle(&st)
		if err != nil {
			return 0, err
		}
		styles[id] = s
		return s, nil
	}
	visible := 0
	for i, s := range b.list {
		name := s.info.name
		if i == 0 {
			if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
		if !s.info.hidden {
			visible++
		}
		for j := range s.cells {
			c := &s.cells[j]
			ref, err := excelize.CoordinatesToCellName(int(c.col)+1, int(c.row)+1)
			if err != nil {
				return nil, err
			}
			switch c.kind {
			case 's', 'e':
				err = f.SetCellStr(name, ref, c.str)
			case 'b':
				err = f.SetCellBool(name, ref, c.num != 0)
			default:
				err = f.SetCellFloat(name, ref, c.num, -1, 64)
				if err == nil {
					var st int
					if st, err = style(c.xf); err == nil && st != 0 {
						err = f.SetCellStyle(name, ref, ref, st)
					}
				}
			}
			if err != nil {
				return nil, fmt.Errorf("sheet %s cell %s: %w", name, ref, err)
			}
		}
		for _, w := range s.widths {
			from, err1 := excelize.ColumnNumberToName(w.first + 1)
			to, err2 := excelize.ColumnNumberToName(w.last + 1)
			if err1 == nil && err2 == nil && w.width > 0 && w.width <= 255 {
				if err := f.SetColWidth(name, from, to, w.width); err != nil {
					return nil, err
				}
			}
		}
		for _, m := range s.info.merges {
			from, err1 := excelize.CoordinatesToCellName(m.c0, m.r0)
			to, err2 := excelize.CoordinatesToCellName(m.c1, m.r1)
			if err1 != nil || err2 != nil {
				continue
			}
			if err := f.MergeCell(name, from, to); err != nil {
				return nil, err
			}
		}
	}
	// Hidden sheets stay hidden, as long as one sheet is left to show; the first shown is active.
	for i, s := range b.list {
		if !s.info.hidden {
			f.SetActiveSheet(i)
			break
		}
	}
	for _, s := range b.list {
		if s.info.hidden && visible > 0 {
			if err := f.SetSheetVisible(s.info.name, false); err != nil {
				return nil, err
			}
		}
	}
	return f, nil
}
