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

// Text writes t as a table aligned by display width (a Chinese character takes two columns), with
// numeric columns right-aligned, NULL written as NULL, and the row count below:
//
//	乡镇   | 村社区 | 参选率
//	-------+--------+-------
//	城关镇 | 西村   |   48.8
//	(1 行)
func Text(w io.Writer, t *Table) error {
	cells := make([][]string, len(t.Rows)+1)
	widths := make([]int, len(t.Columns))
	cells[0] = make([]string, len(t.Columns))
	for i, c := range t.Columns {
		cells[0][i] = oneLine(c.Name)
	}
	for r, row := range t.Rows {
		cells[r+1] = make([]string, len(row))
		for i, v := range row {
			if v == nil {
				cells[r+1][i] = "NULL"
			} else {
				cells[r+1][i] = oneLine(text(v))
			}
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
			case numeric(t.Columns[i].Type):
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
	fmt.Fprintf(bw, "(%d 行)\n", len(t.Rows))
	return bw.Flush()
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
