package synth

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"electsum/ingest"
)

// TestWorkbooksParseBackToTheWorld reads every messy workbook with the real reader: no errors or
// warnings (only the notice for the extra 备注 column), and exactly the rows of the World, value for value.
func TestWorkbooksParseBackToTheWorld(t *testing.T) {
	w := Generate(small())
	paths, err := WriteWorkbooks(w, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for i, tw := range w.Townships {
		p, err := ingest.ParseFile(paths[i], ingest.ParseOptions{})
		if err != nil {
			t.Fatalf("%s: %v", paths[i], err)
		}
		compareParsed(t, tw, p)
	}
}

// TestCSVParsesBackToTheWorld does the same for CSV files in both encodings.
func TestCSVParsesBackToTheWorld(t *testing.T) {
	w := Generate(small())
	dir := t.TempDir()
	for i, tw := range w.Townships {
		enc := Encoding(i % 2)
		paths, err := WriteCSV(tw, dir, enc)
		if err != nil {
			t.Fatal(err)
		}
		all := &ingest.Parsed{}
		for _, path := range paths {
			p, err := ingest.ParseFile(path, ingest.ParseOptions{})
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			all.Results = append(all.Results, p.Results...)
			all.Members = append(all.Members, p.Members...)
			all.Problems = append(all.Problems, p.Problems...)
		}
		t.Run(fmt.Sprintf("%s-%d", tw.Name, enc), func(t *testing.T) { compareParsed(t, tw, all) })
	}
}

// compareParsed checks that what the reader read from a township's files is the township's rows.
func compareParsed(t *testing.T, tw *Township, p *ingest.Parsed) {
	t.Helper()
	for _, pr := range p.Problems {
		if pr.Severity != ingest.Notice || pr.Rule != "unknown_column" || !tw.style.remark {
			t.Errorf("%s (style %+v): %s", tw.Name, tw.style, ingest.FormatProblem(pr))
		}
	}
	if len(p.Results) != len(tw.Results) || len(p.Members) != len(tw.Members) {
		t.Errorf("%s: read %d results and %d members, wrote %d and %d", tw.Name, len(p.Results), len(p.Members), len(tw.Results), len(tw.Members))
		return
	}
	for j := range p.Results {
		got, want := p.Results[j], tw.Results[j]
		got.Pos = ingest.Pos{}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s results row %d (style %+v):\n got %s\nwant %s", tw.Name, j, tw.style, show(got), show(want))
			break
		}
	}
	for j := range p.Members {
		got, want := p.Members[j], tw.Members[j]
		got.Pos = ingest.Pos{}
		if want.PersonKey == "" {
			got.PersonKey = ""
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s members row %d (style %+v):\n got %s\nwant %s", tw.Name, j, tw.style, show(got), show(want))
			break
		}
	}
}

// show prints a row with its pointers followed, so that a difference can be seen.
func show(v any) string {
	var b strings.Builder
	var walk func(reflect.Value)
	walk = func(rv reflect.Value) {
		for i := 0; i < rv.NumField(); i++ {
			f, ft := rv.Field(i), rv.Type().Field(i)
			if ft.Anonymous {
				walk(f)
				continue
			}
			if f.Kind() == reflect.Pointer {
				if f.IsNil() {
					fmt.Fprintf(&b, "%s=nil ", ft.Name)
					continue
				}
				f = f.Elem()
			}
			fmt.Fprintf(&b, "%s=%v ", ft.Name, f.Interface())
		}
	}
	walk(reflect.ValueOf(v))
	return b.String()
}

// TestOneSheetParsesBackToTheWorld: the one-sheet workbook, its texts moved into a shared-string
// table, reads back as the World's members, and excelize reads the same cells as before the move.
func TestOneSheetParsesBackToTheWorld(t *testing.T) {
	w := Generate(small())
	path := filepath.Join(t.TempDir(), "one.xlsx")
	n, err := WriteOneSheet(w, path, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	all := &Township{Name: "全省"}
	for _, tw := range w.Townships {
		all.Members = append(all.Members, tw.Members...)
	}
	if n != len(all.Members) {
		t.Fatalf("wrote %d members, the World has %d", n, len(all.Members))
	}
	p, err := ingest.ParseFile(path, ingest.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Members) != n {
		t.Fatalf("read %d members back, wrote %d", len(p.Members), n)
	}
	for i, m := range p.Members {
		if want := all.Members[i]; m.Name != want.Name || m.Unit != want.Unit || m.IDNumber != want.IDNumber {
			t.Fatalf("member %d reads back as %s %s %s, want %s %s %s", i, m.Unit, m.Name, m.IDNumber, want.Unit, want.Name, want.IDNumber)
		}
	}
	shared, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetCellValue("Sheet1", "B2", 3); err != nil { // a number: no shared-string table yet
		t.Fatal(err)
	}
	if _, err := f.NewSheet("Sheet2"); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter("Sheet2")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"a&b <c>", " 前后空格 ", 2.5, "a&b <c>"}); err != nil {
		t.Fatal(err)
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	moved, err := withSharedStrings(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range [][]byte{shared, moved} {
		if bytes.Contains(b, []byte("inlineStr")) {
			t.Fatal("inline strings left after the move")
		}
	}
	rows := func(b []byte, sheet string) [][]string {
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		r, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	for _, sheet := range []string{"Sheet1", "Sheet2"} {
		if a, b := rows(buf.Bytes(), sheet), rows(moved, sheet); !reflect.DeepEqual(a, b) {
			t.Fatalf("%s: %q before the move, %q after", sheet, a, b)
		}
	}
}
