package query

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// formulas are text values that a spreadsheet would run if they reached a cell unmarked.
var formulas = []string{"=1+2", "@A1", "+cmd|' /C calc'!A0", "-2+3", "\t=1+2", "\r=1+2", "=HYPERLINK(\"http://x\",\"点击\")"}

func formulaTable() *Table {
	t := &Table{Columns: []Column{{Name: "=名称", Type: "VARCHAR"}, {Name: "数", Type: "INTEGER"}}}
	for _, f := range formulas {
		t.Rows = append(t.Rows, []any{f, int64(-5)})
	}
	return t
}

// query -o x.csv: text that starts like a formula gets a leading ', numbers stay numbers.
func TestCSVNeutralisesFormulas(t *testing.T) {
	var b bytes.Buffer
	if err := CSV(&b, formulaTable().Reader(), true); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if records[0][0] != "'=名称" {
		t.Errorf("header %q is not marked", records[0][0])
	}
	for i, f := range formulas {
		if got := records[i+1][0]; got != "'"+f {
			t.Errorf("%q written as %q, want a leading '", f, got)
		}
		if got := records[i+1][1]; got != "-5" {
			t.Errorf("number -5 written as %q", got)
		}
	}
}

// query -o x.xlsx: the same text lands in text cells, never in formulas.
func TestXLSXWritesFormulasAsText(t *testing.T) {
	f := readBackXLSX(t, formulaTable())
	for i, want := range formulas {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if formula, _ := f.GetCellFormula(sheetName, cell); formula != "" {
			t.Errorf("%s holds formula %q", cell, formula)
		}
		if got, _ := f.GetCellValue(sheetName, cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
}

// query's table on a terminal: an ESC sequence or a bidi override in a value is shown, not obeyed.
func TestTextShowsControlCharacters(t *testing.T) {
	tbl := &Table{Columns: []Column{{Name: "村\x1b[2J", Type: "VARCHAR"}},
		Rows: [][]any{{"河\x1b[31m岭村"}, {"张\u202e三"}, {"a\x00b"}}}
	var b bytes.Buffer
	if err := Text(&b, tbl.Reader(), 0); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"\x1b", "\u202e", "\x00"} {
		if strings.Contains(out, bad) {
			t.Errorf("table output carries %q:\n%s", bad, out)
		}
	}
	if !strings.Contains(out, `河\u001b[31m岭村`) {
		t.Errorf("ESC not shown as \\u001b:\n%s", out)
	}
}

// CheckText finds the first character with no place in SQL, and where it is; Open refuses such text
// before DuckDB sees it (DuckDB stops reading at a NUL byte).
func TestCheckText(t *testing.T) {
	for _, tc := range []struct {
		text       string
		line, byte int
		char       rune
	}{
		{"SELECT 1\n\tFROM units\r\n", 0, 0, 0},
		{"SELECT 1 AS a\x00, 2 AS b", 1, 14, 0},
		{"SELECT 1\n-- 河\x1b[31m", 2, 16, 0x1b},
		{"SELECT '\u2066x' AS a", 1, 9, 0x2066},
		{"SELECT '\u0085'", 1, 9, 0x85},
	} {
		err := CheckText("", tc.text)
		var te *TextError
		if tc.line == 0 {
			if err != nil {
				t.Errorf("%q: %v", tc.text, err)
			}
			continue
		}
		if !errors.As(err, &te) || te.Line != tc.line || te.Byte != tc.byte || te.Char != tc.char {
			t.Errorf("%q: %#v, want line %d byte %d char %U", tc.text, err, tc.line, tc.byte, tc.char)
		}
	}
	if _, err := Open(context.Background(), nil, "SELECT 1\x00; DELETE FROM units"); !errors.As(err, new(*TextError)) {
		t.Errorf("Open with a NUL byte: %v", err)
	}
}
