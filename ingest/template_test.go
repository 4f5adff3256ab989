package ingest

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestTemplateSheetsHeadersAndValidations(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{string(ResultsSheet), string(MembersSheet), GuideSheet}; !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	for _, s := range []struct {
		sheet string
		cols  []Column
	}{{string(ResultsSheet), ResultColumns}, {string(MembersSheet), MemberColumns}} {
		rows, err := f.GetRows(s.sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 {
			t.Errorf("%s has %d rows, want only the header", s.sheet, len(rows))
		}
		var want []string
		for _, c := range s.cols {
			want = append(want, c.Header)
		}
		if !slices.Equal(rows[0], want) {
			t.Errorf("%s header %v, want %v", s.sheet, rows[0], want)
		}
		panes, err := f.GetPanes(s.sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s header row not frozen: %+v %v", s.sheet, panes, err)
		}
		dvs, err := f.GetDataValidations(s.sheet)
		if err != nil {
			t.Fatal(err)
		}
		bySqref := map[string]*excelize.DataValidation{}
		for _, dv := range dvs {
			bySqref[strings.SplitN(dv.Sqref, ":", 2)[0]] = dv
		}
		for i, c := range s.cols {
			col, _ := excelize.ColumnNumberToName(i + 1)
			dv := bySqref[col+"2"]
			switch c.Kind {
			case KindEnum, KindBool:
				values := c.Values
				if c.Kind == KindBool {
					values = []string{"是", "否"}
				}
				if dv == nil || dv.Type != "list" || dv.Formula1 != `"`+strings.Join(values, ",")+`"` {
					t.Errorf("%s %s: dropdown %+v, want the list %v", s.sheet, c.Header, dv, values)
				}
			case KindText:
				if dv != nil {
					t.Errorf("%s %s: unexpected validation %+v", s.sheet, c.Header, dv)
				}
			}
			w, err := f.GetColWidth(s.sheet, col)
			if err != nil || w != max(c.Width, 6) {
				t.Errorf("%s %s width %v, want %v", s.sheet, c.Header, w, c.Width)
			}
			style, err := f.GetCellStyle(s.sheet, col+"1")
			if err != nil {
				t.Fatal(err)
			}
			st, err := f.GetStyle(style)
			if err != nil {
				t.Fatal(err)
			}
			if red := st.Font != nil && st.Font.Color == "C00000"; red != c.Required {
				t.Errorf("%s %s: header red = %v, required = %v", s.sheet, c.Header, red, c.Required)
			}
		}
	}
	guide, err := f.GetRows(GuideSheet)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]string{} // sheet|header → required
	for _, r := range guide {
		if len(r) >= 5 && (r[0] == string(ResultsSheet) || r[0] == string(MembersSheet)) {
			listed[r[0]+"|"+r[1]] = r[2]
			if r[3] == "" || r[4] == "" {
				t.Errorf("guide row %v lacks meaning or format", r)
			}
		}
	}
	for _, c := range MemberColumns {
		want := map[bool]string{true: "是", false: "否"}[c.Required]
		if got := listed[string(MembersSheet)+"|"+c.Header]; got != want {
			t.Errorf("guide: %s required = %q, want %q", c.Header, got, want)
		}
	}
	if len(listed) != len(ResultColumns)+len(MemberColumns) {
		t.Errorf("guide lists %d columns, want %d", len(listed), len(ResultColumns)+len(MemberColumns))
	}
}
