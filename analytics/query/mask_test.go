package query_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"electsum/analytics/query"
	"electsum/analytics/query/querytest"
)

// The fixture's one 身份证号 (members, 河口乡南村 周七) and how query output shows it.
const (
	fixtureID       = "110101198201011245"
	fixtureIDMasked = "1101**********1245"
)

// Query output masks 身份证号 by default, whatever carries them: the column itself, an alias, the
// person_key, a concatenation, a list, a struct, a view's person value, SUMMARIZE's min and max.
func TestOpenMasksIDNumbers(t *testing.T) {
	db := openReadOnly(t, querytest.Fixture(t))
	ctx := context.Background()
	for _, q := range []string{
		"SELECT id_number FROM members WHERE id_number IS NOT NULL",
		"SELECT id_number AS 身份证号码 FROM v_members WHERE id_number IS NOT NULL",
		"SELECT id_number AS x FROM members WHERE id_number IS NOT NULL",
		"SELECT person_key FROM members WHERE id_number IS NOT NULL",
		"SELECT name || '的号码:' || id_number AS who FROM members WHERE id_number IS NOT NULL",
		"SELECT list(id_number) AS ids FROM members",
		"SELECT {'id': id_number, 'name': name} AS s FROM members WHERE id_number IS NOT NULL",
		"SELECT person FROM v_members WHERE id_number IS NOT NULL",
		"SELECT lower(id_number) AS low FROM members WHERE id_number IS NOT NULL",
		"SELECT CAST(id_number AS BIGINT) AS id_number FROM members WHERE id_number IS NOT NULL",
		"SELECT max(id_number) FROM members",
		"SUMMARIZE SELECT id_number FROM members",
		// Through a double the check digit is lost (…1250, …1248), the rest is still the person's.
		"SELECT CAST(id_number AS DOUBLE) AS id_number FROM members WHERE id_number IS NOT NULL",
		"SELECT list(CAST(id_number AS DOUBLE)) AS n FROM members WHERE id_number IS NOT NULL",
		"SELECT {'a': CAST(id_number AS DOUBLE)} AS n FROM members WHERE id_number IS NOT NULL",
		"SELECT CAST(CAST(id_number AS DOUBLE) AS VARCHAR) AS n FROM members WHERE id_number IS NOT NULL",
		"SELECT name || CAST(id_number AS DOUBLE) AS n FROM members WHERE id_number IS NOT NULL",
		"SELECT printf('%.0f', CAST(id_number AS DOUBLE)) AS n FROM members WHERE id_number IS NOT NULL",
	} {
		tbl, err := query.Run(ctx, db, q)
		if err != nil {
			t.Errorf("%s: %v", q, err)
			continue
		}
		found := false
		for _, row := range tbl.Rows {
			for _, v := range row {
				cell := query.Cell(v)
				if strings.Contains(cell, fixtureID[:14]) || strings.Contains(cell, "1010119820101") {
					t.Errorf("%s: a cell shows the 身份证号 whole: %q", q, cell)
				}
				found = found || strings.Contains(cell, "**********") // 1101**********1245, 1.10**************e+17
			}
		}
		if !found {
			t.Errorf("%s: no cell shows the masked number %s: %v", q, fixtureIDMasked, tbl.Rows)
		}
	}
}

// A column named as holding 身份证号 is text while masked, whatever its type; Unmask gives the
// numbers and the types back.
func TestUnmask(t *testing.T) {
	db := openReadOnly(t, querytest.Fixture(t))
	q := "SELECT CAST(id_number AS BIGINT) AS id_number, person_key FROM members WHERE id_number IS NOT NULL"
	rows, err := query.Open(context.Background(), db, q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if typ := rows.Columns()[0].Type; typ != "VARCHAR" {
		t.Errorf("masked id_number column is %s, want VARCHAR", typ)
	}
	rows.Unmask()
	if typ := rows.Columns()[0].Type; typ != "BIGINT" {
		t.Errorf("unmasked id_number column is %s, want BIGINT", typ)
	}
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	if n, key := rows.Row()[0], rows.Row()[1]; n != int64(110101198201011245) || key != "id:"+fixtureID {
		t.Errorf("unmasked row %v, %v", n, key)
	}
}

// A number that is a 身份证号 cannot be masked in its type: reading stops with *IDNumberError rather
// than show it.
func TestOpenRefusesIDNumberAsNumber(t *testing.T) {
	db := openReadOnly(t, querytest.Fixture(t))
	for _, q := range []string{
		"SELECT unit, CAST(id_number AS BIGINT) AS n FROM members WHERE id_number IS NOT NULL",
		"SELECT unit, CAST(id_number AS HUGEINT) AS n FROM members WHERE id_number IS NOT NULL",
		"SELECT unit, CAST(id_number AS DECIMAL(18,0)) AS n FROM members WHERE id_number IS NOT NULL",
		"SELECT unit, CAST(id_number AS UBIGINT) AS n FROM members WHERE id_number IS NOT NULL",
		"SELECT unit, CAST(id_number AS DECIMAL(20,2)) AS n FROM members WHERE id_number IS NOT NULL",
		"SELECT unit, CAST(id_number AS DOUBLE) AS n FROM members WHERE id_number IS NOT NULL",
	} {
		_, err := query.Run(context.Background(), db, q)
		var idErr *query.IDNumberError
		if !errors.As(err, &idErr) {
			t.Errorf("%s: error %v, want *IDNumberError", q, err)
			continue
		}
		if idErr.Column != "n" || idErr.Row != 1 {
			t.Errorf("%s: %+v, want column n row 1", q, idErr)
		}
	}
	// Numbers of 18 digits that are not 身份证号 are numbers.
	if _, err := query.Run(context.Background(), db, "SELECT 110101198201011246 AS n, 123456789012345678 AS m, 1.5e17 AS d, CAST(123456789012345678 AS DOUBLE) AS e"); err != nil {
		t.Error(err)
	}
}

// Every format writes the masked numbers, and the typed formats accept the id column as text.
func TestWriteMasked(t *testing.T) {
	db := openReadOnly(t, querytest.Fixture(t))
	q := "SELECT CAST(id_number AS BIGINT) AS id_number, person_key, name FROM members WHERE id_number IS NOT NULL"
	for _, f := range query.Formats() {
		rows, err := query.Open(context.Background(), db, q)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		err = query.Write(&out, rows, f, query.WriteOptions{})
		rows.Close()
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		text := out.String()
		if f == query.FormatXLSX {
			x, err := excelize.OpenReader(&out)
			if err != nil {
				t.Fatal(err)
			}
			cells, err := x.GetRows(x.GetSheetName(0))
			x.Close()
			if err != nil {
				t.Fatal(err)
			}
			text = fmt.Sprint(cells)
		}
		if strings.Contains(text, fixtureID[:17]) {
			t.Errorf("%s output shows the 身份证号 whole", f)
		}
		if f != query.FormatParquet && !strings.Contains(text, fixtureIDMasked) {
			t.Errorf("%s output has no masked number", f)
		}
	}
}
