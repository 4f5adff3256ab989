package synth

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

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
