package ingest

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// A workbook written by a program rather than by Excel or WPS (a township's own tool, a script, an
// online form's export) can hold formulas without their results: Excel computes them when the file is
// opened, so the township sees 700 where the file stores only =E3-100. Read as it is stored, the cell
// is blank, and the message would ask for a value the sender can see on screen. excelize computes such
// a formula from the workbook's own cells; the cells it computes are told in one notice per sheet, and
// a formula it cannot compute (a function it lacks, a link to another workbook) is left blank with a
// warning at the cell that says so.

// formulaCalc computes the formulas of one sheet that have no stored result.
type formulaCalc struct {
	f        *excelize.File
	fp       *fileParser
	sheet    string
	first    formulaCell // the first cell computed
	computed int
}

type formulaCell struct {
	row                 int
	ref, formula, value string // value: the computed value
}

// fill puts into every blank cell of row that holds a formula the formula's value; a formula it cannot
// compute stays blank, with a warning at its cell.
func (c *formulaCalc) fill(row int, cells []string) {
	for j, v := range cells {
		if v != "" {
			continue
		}
		ref, err := excelize.CoordinatesToCellName(j+1, row)
		if err != nil {
			continue
		}
		formula, err := c.f.GetCellFormula(c.sheet, ref)
		if err != nil || formula == "" {
			continue
		}
		// Raw values: a computed date is its serial, as a stored one reads (workbook.go).
		value, err := c.f.CalcCellValue(c.sheet, ref, excelize.Options{RawCellValue: true})
		if err != nil {
			// Told before the row is read, so that it comes before what the row's checks say of the blank.
			c.fp.add(Problem{Severity: Warning, Sheet: c.sheet, Row: row, Cell: ref, Value: "=" + formula, Rule: "formula_not_computed",
				Message: fmt.Sprintf("%s 是公式“=%s”，文件里没有保存它的计算结果，electsum 也无法计算(%s)，已按空白读取：请在 Excel 或 WPS 中打开此文件、保存后重新导入", ref, shorten(formula, 40), err)})
			continue
		}
		cells[j] = value
		if c.computed == 0 {
			c.first = formulaCell{row: row, ref: ref, formula: formula, value: value}
		}
		c.computed++
	}
}

// report tells of the sheet's computed cells in one notice.
func (c *formulaCalc) report() {
	if c.computed > 0 {
		first := c.first
		msg := fmt.Sprintf("%s 是公式“=%s”，文件里没有保存它的计算结果(文件不是用 Excel 或 WPS 保存的)，已按公式算出 %s", first.ref, shorten(first.formula, 40), first.value)
		if more := c.computed - 1; more > 0 {
			msg += fmt.Sprintf("；本表另有 %d 个这样的公式单元格，同样按公式计算", more)
		}
		msg += "。如算出的数字与 Excel 中显示的不同，请在 Excel 或 WPS 中打开此文件、保存后重新导入"
		c.fp.add(Problem{Severity: Notice, Sheet: c.sheet, Row: first.row, Cell: first.ref, Value: "=" + first.formula, Rule: "formula_computed", Message: msg})
	}
}

// hasFormulaElement tells whether a worksheet's XML has a <f> element (a few false alarms, such as a
// prefixed element, only cost the blank cells a lookup).
func hasFormulaElement(sheetXML []byte) bool {
	for _, tag := range [][]byte{[]byte("<f>"), []byte("<f "), []byte("<f/>"), []byte(":f>"), []byte(":f ")} {
		if bytes.Contains(sheetXML, tag) {
			return true
		}
	}
	return false
}
