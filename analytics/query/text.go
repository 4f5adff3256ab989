package query

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/mattn/go-runewidth"
)

// width measures display columns with East Asian ambiguous characters (—, ·, °) as narrow, whatever the
// locale of the machine, so that the same result prints the same everywhere.
var width = func() *runewidth.Condition {
	c := runewidth.NewCondition()
	c.EastAsianWidth = false
	return c
}()

// TextRows is how many rows the text table of electsum query and the page of electsum serve show.
const TextRows = 1000

// Text writes r as a table aligned by display width (a Chinese character takes two columns), with
// numeric columns right-aligned, NULL written as NULL, and the row count below:
//
//	乡镇   | 村社区 | 参选率
//	-------+--------+-------
//	城关镇 | 西村   |   48.8
//	(1 行)
//
// maxRows (0: no cap) caps the rows shown, since the columns are aligned over every row shown; a
// longer result ends with …共N行 and the advice to export it with -o. N is counted by the database
// where it can (Rows.Total), else by reading on without keeping the rows.
func Text(w io.Writer, r Reader, maxRows int) error {
	cols := r.Columns()
	cells := [][]string{make([]string, len(cols))}
	widths := make([]int, len(cols))
	for i, c := range cols {
		cells[0][i] = oneLine(c.Name)
	}
	more := false
	for r.Next() {
		if maxRows > 0 && len(cells) > maxRows {
			more = true
			break
		}
		row := r.Row()
		line := make([]string, len(row))
		for i, v := range row {
			if v == nil {
				line[i] = "NULL"
			} else {
				line[i] = oneLine(text(v))
			}
		}
		cells = append(cells, line)
	}
	if err := r.Err(); err != nil {
		return err
	}
	total := int64(len(cells) - 1)
	if more {
		var err error
		if total, err = countRows(r, total+1); err != nil {
			return err
		}
	}
	for _, row := range cells {
		for i, s := range row {
			widths[i] = max(widths[i], width.StringWidth(s))
		}
	}
	bw := bufio.NewWriter(w)
	for r, row := range cells {
		for i, s := range row {
			if i > 0 {
				bw.WriteString(" | ")
			}
			pad := strings.Repeat(" ", widths[i]-width.StringWidth(s))
			last := i == len(row)-1
			switch {
			case numeric(cols[i].Type):
				bw.WriteString(pad + s)
			case last:
				bw.WriteString(s) // no trailing blanks
			default:
				bw.WriteString(s + pad)
			}
		}
		bw.WriteByte('\n')
		if r == 0 {
			for i, n := range widths {
				if i > 0 {
					bw.WriteString("-+-")
				}
				bw.WriteString(strings.Repeat("-", n))
			}
			bw.WriteByte('\n')
		}
	}
	if more {
		fmt.Fprintf(bw, "…共%d行 (只显示前 %d 行), 用 -o 导出全部, 如 -o 结果.csv 或 -o 结果.xlsx\n", total, len(cells)-1)
	} else {
		fmt.Fprintf(bw, "(%d 行)\n", total)
	}
	return bw.Flush()
}

// countRows is the number of rows of r, of which read have been given by Next: counted by r itself
// when it can, else by reading on.
func countRows(r Reader, read int64) (int64, error) {
	if c, ok := r.(counter); ok {
		return c.Total()
	}
	for r.Next() {
		read++
	}
	return read, r.Err()
}

// oneLine keeps a value on its line and harmless to the terminal: line breaks and tabs are written
// \n, \r, \t, and any other control character or invisible reordering mark (ESC sequences, bidi
// overrides) as \u001b, so that a value from the data cannot recolour, move or rewrite what is shown.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, unsafeOnTerminal) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case unsafeOnTerminal(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unsafeOnTerminal reports control characters and the invisible marks that reorder text.
func unsafeOnTerminal(r rune) bool {
	return unicode.IsControl(r) || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}

// onTerminal is oneLine for formats that quote line breaks and tabs themselves: it escapes only the
// other control characters and the reordering marks.
func onTerminal(s string) string {
	if !strings.ContainsFunc(s, unsafeInQuotes) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unsafeInQuotes(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func unsafeInQuotes(r rune) bool { return r != '\n' && r != '\r' && r != '\t' && unsafeOnTerminal(r) }

// terminalReader gives the rows of a Reader with their text through onTerminal (WriteOptions.Terminal).
type terminalReader struct {
	Reader
	row []any
}

func (t *terminalReader) Columns() []Column {
	cols := append([]Column(nil), t.Reader.Columns()...)
	for i := range cols {
		cols[i].Name = onTerminal(cols[i].Name)
	}
	return cols
}

func (t *terminalReader) Row() []any {
	t.row = append(t.row[:0], t.Reader.Row()...)
	for i, v := range t.row {
		if s, ok := v.(string); ok {
			t.row[i] = onTerminal(s)
		}
	}
	return t.row
}
