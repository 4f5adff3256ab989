package synth

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"electsum/ingest"
)

// TestSubmissionsLoadAsTheWorkbooks loads the county once as one workbook per township and once in the
// mixed shapes townships hand in (two GBK CSV files, notes under the table, a blank county): the stored
// elections and members are the same, row for row and value for value, and the only problems of the
// mixed load are the notices for the notes rows, the assumed county and the extra 备注 column.
func TestSubmissionsLoadAsTheWorkbooks(t *testing.T) {
	w := Generate(County())
	dir := t.TempDir()
	workbooks, err := WriteWorkbooks(w, filepath.Join(dir, "workbooks"))
	if err != nil {
		t.Fatal(err)
	}
	mixed, shapes, err := WriteSubmissions(w, filepath.Join(dir, "mixed"))
	if err != nil {
		t.Fatal(err)
	}
	if shapes.Workbooks == 0 || shapes.CSV == 0 || shapes.Notes < 2 || shapes.Blank != 1 {
		t.Fatalf("shapes %+v: want workbooks, CSV pairs, notes in both kinds and one blank county", shapes)
	}
	if len(mixed) != shapes.Files() {
		t.Fatalf("%d files for %+v", len(mixed), shapes)
	}

	load := func(name string, paths []string) (*sql.DB, *ingest.Report) {
		db, err := ingest.Open(context.Background(), filepath.Join(dir, name+".duckdb"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		rep, err := ingest.Load(context.Background(), db, paths, ingest.LoadOptions{})
		if err != nil {
			t.Fatalf("load %s: %v", name, err)
		}
		return db, rep
	}
	dbW, _ := load("workbooks", workbooks)
	dbM, rep := load("mixed", mixed)

	rules := map[string]int{}
	for _, p := range rep.Problems {
		if p.Severity != ingest.Notice {
			t.Errorf("%s problem in the mixed shapes: %s", p.Severity, ingest.FormatProblem(p))
		}
		rules[p.Rule]++
	}
	// Notes under both sheets of the CSV township and the workbook township; the county of both CSV
	// files of the blank one taken from the folder they are in, named after it.
	if rules["notes_row"] != 4 || rules["county_from_name"] != 2 {
		t.Errorf("notices %v: want 4 notes_row and 2 county_from_name", rules)
	}

	for _, table := range []string{"elections", "members"} {
		q := fmt.Sprintf("SELECT * EXCLUDE (source_file, source_sheet, source_row) FROM %s ORDER BY ALL", table)
		a, b := dump(t, dbW, q), dump(t, dbM, q)
		if len(a) == 0 {
			t.Fatalf("%s: nothing loaded", table)
		}
		if len(a) != len(b) {
			t.Errorf("%s: %d rows from workbooks, %d from the mixed shapes", table, len(a), len(b))
		}
		for i := range min(len(a), len(b)) {
			if !reflect.DeepEqual(a[i], b[i]) {
				t.Errorf("%s row %d differs:\n workbooks %s\n mixed     %s", table, i, a[i], b[i])
				break
			}
		}
	}
	var empty int
	if err := dbM.QueryRow("SELECT count(*) FROM elections WHERE county = ''").Scan(&empty); err != nil || empty != 0 {
		t.Errorf("%d elections with an empty county (%v)", empty, err)
	}
}

// dump reads every row of q as text.
func dump(t *testing.T, db *sql.DB, q string) []string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		values := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range values {
			ptrs[i] = &values[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for i, v := range values {
			fmt.Fprintf(&b, "%s=%v ", cols[i], v)
		}
		out = append(out, b.String())
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
