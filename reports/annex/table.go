package annex

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// kind is how a cell's figure is shown; it picks the number format (and the CSV spelling).
type kind int

const (
	inherit kind = iota // the column's kind
	text
	count   // whole number
	share   // a fraction shown as 0.0%
	decimal // one decimal (ages, percentage points)
	mixed   // number or text, shown as written (数据核对's figures)
)

// column is one leaf column. Columns with the same non-empty group next to each other get one merged
// upper header cell; a column without a group has its label merged over both header rows.
type column struct {
	group string
	label string
	kind  kind
}

// rowKind decides a row's emphasis.
type rowKind int

const (
	dataRow rowKind = iota
	subtotalRow
	totalRow
	sectionRow // one text merged across the table, opening a section
)

// cell is one value. Numeric cells without a figure (ok false) are left empty. A formula is written
// with v as its cached value, so v must be what Excel computes from the cells the formula reads.
type cell struct {
	kind    kind
	s       string
	v       float64
	ok      bool
	formula string
}

func str(s string) cell             { return cell{kind: text, s: s} }
func num(v float64) cell            { return cell{v: v, ok: true} }
func formula(f string, c cell) cell { c.formula = f; return c }

type row struct {
	kind  rowKind
	cells []cell
}

// table is one sheet (and one CSV file). Rows are either held in rows or, for the roster, produced on
// demand by stream, which calls emit once per row; the cells passed to emit may be reused afterwards.
type table struct {
	sheet      string // sheet name, also the CSV file name
	title      string
	cols       []column
	rows       []row
	stream     func(emit func(row) error) error
	freezeCols int // columns kept in view when scrolling right

	// chart anchors filled while building, read by the charts sheet
	anchors map[string]string
}

// headerRows is 2 when any column has a group (a two-level header), else 1.
func (t *table) headerRows() int {
	for _, c := range t.cols {
		if c.group != "" {
			return 2
		}
	}
	return 1
}

// firstRow is the sheet row number (1-based) of the first data row: after the title and the header.
func (t *table) firstRow() int { return 2 + t.headerRows() }

// nextRow is the sheet row number the next appended row will get.
func (t *table) nextRow() int { return t.firstRow() + len(t.rows) }

func (t *table) add(k rowKind, cells ...cell) { t.rows = append(t.rows, row{kind: k, cells: cells}) }

func (t *table) section(title string) { t.add(sectionRow, str(title)) }

// each calls fn for every row, from rows or from stream.
func (t *table) each(fn func(row) error) error {
	if t.stream != nil {
		return t.stream(fn)
	}
	for _, r := range t.rows {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// col is the column letter of the 0-based column index i.
func col(i int) string {
	name, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		panic(err) // a programmer error: tables have a few dozen columns
	}
	return name
}

// ref is the A1 reference of 0-based column i in sheet row r.
func ref(i, r int) string { return col(i) + fmt.Sprint(r) }

// absRange is an absolute reference to column i, rows from..to, on sheet, for charts.
func absRange(sheet string, i, from, to int) string {
	return fmt.Sprintf("%s!$%s$%d:$%s$%d", quoteSheet(sheet), col(i), from, col(i), to)
}

func quoteSheet(name string) string { return "'" + strings.ReplaceAll(name, "'", "''") + "'" }

// groupTotal is the 合计 row of a group's rows [from, to] (none when to < from): text cells up to
// column lead, 合计 in the second; the sums of the counts columns from lead on (blank cells when the
// group has no rows); then rates, the model's, never recomputed.
func groupTotal(t *table, lead, counts, from, to int, rates ...cell) []cell {
	total := []cell{{kind: text}, str("合计")}
	for len(total) < lead {
		total = append(total, cell{kind: text})
	}
	for j := 0; j < counts; j++ {
		if to < from {
			total = append(total, cell{})
			continue
		}
		total = append(total, sumOf(t, lead+j, from, to))
	}
	return append(total, rates...)
}

// sumOf is the SUM of column i over the rows [from, to], with its cached value; blank when no row has
// a value (an optional column the township left blank sums to no figure, not 0).
func sumOf(t *table, i, from, to int) cell {
	var v float64
	filled := false
	for r := from; r <= to; r++ {
		c := t.rows[r-t.firstRow()].cells[i]
		v += c.v
		filled = filled || c.ok
	}
	if !filled {
		return cell{kind: t.cols[i].kind}
	}
	return formula(fmt.Sprintf("SUM(%s:%s)", ref(i, from), ref(i, to)), num(v))
}

// sumRows is the sum of column i over the listed sheet rows (the 小计 rows a 合计 adds up). Excel allows
// 255 arguments a function, so long lists become SUM(…)+SUM(…); and 8,192 characters a formula, so
// beyond that (over a thousand townships) it becomes SUMIF over the rows whose label column reads 小计.
func sumRows(t *table, i int, rows []int, label int) cell {
	var v float64
	var parts []string
	filled := false
	for start := 0; start < len(rows); start += 250 {
		end := min(start+250, len(rows))
		refs := make([]string, 0, end-start)
		for _, r := range rows[start:end] {
			refs = append(refs, ref(i, r))
			c := t.rows[r-t.firstRow()].cells[i]
			v += c.v
			filled = filled || c.ok
		}
		parts = append(parts, "SUM("+strings.Join(refs, ",")+")")
	}
	if len(parts) == 0 {
		return formula("0", num(0))
	}
	if !filled {
		return cell{kind: t.cols[i].kind} // no 小计 has a value: no 合计 either
	}
	f := strings.Join(parts, "+")
	if len(f) > maxFormula {
		first, last := rows[0], rows[len(rows)-1]
		f = fmt.Sprintf(`SUMIF(%s:%s,"%s",%s:%s)`, ref(label, first), ref(label, last), subtotalLabel, ref(i, first), ref(i, last))
	}
	return formula(f, num(v))
}

// maxFormula is a safe margin under Excel's limit of 8,192 characters a formula.
const maxFormula = 8000

// subtotalLabel marks a 小计 row in its unit column.
const subtotalLabel = "小计"
