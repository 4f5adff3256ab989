package query

import (
	"database/sql"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

// DuckDB, a reader that shares no code with the writer, reads every column type back with its value.
func TestParquetReadByDuckDB(t *testing.T) {
	ts := time.Date(2024, 5, 10, 8, 30, 15, 123456000, time.UTC)
	wide, _ := new(big.Int).SetString("-12345678901234567890123456789012345678", 10)
	tbl := &Table{
		Columns: []Column{
			{Name: "b", Type: "BOOLEAN"}, {Name: "i8", Type: "TINYINT"}, {Name: "i16", Type: "SMALLINT"},
			{Name: "i32", Type: "INTEGER"}, {Name: "i64", Type: "BIGINT"}, {Name: "u8", Type: "UTINYINT"},
			{Name: "u16", Type: "USMALLINT"}, {Name: "u32", Type: "UINTEGER"}, {Name: "u64", Type: "UBIGINT"},
			{Name: "f32", Type: "FLOAT"}, {Name: "f64", Type: "DOUBLE"}, {Name: "d5", Type: "DECIMAL(5,2)"},
			{Name: "d18", Type: "DECIMAL(18,3)"}, {Name: "d38", Type: "DECIMAL(38,0)"}, {Name: "day", Type: "DATE"},
			{Name: "ts", Type: "TIMESTAMP"}, {Name: "tstz", Type: "TIMESTAMPTZ"}, {Name: "blob", Type: "BLOB"},
			{Name: "名称", Type: "VARCHAR"},
		},
		Rows: [][]any{
			{true, int64(-128), int64(-32768), int64(-2147483648), int64(-9223372036854775808), int64(255),
				int64(65535), int64(4294967295), new(big.Int).SetUint64(18446744073709551615), 1.5, 98.33333333333333,
				Decimal{Unscaled: big.NewInt(-5), Scale: 2}, Decimal{Unscaled: big.NewInt(123456789012345678), Scale: 3},
				Decimal{Unscaled: wide, Scale: 0}, day("2024-05-10"), ts, ts, []byte{0, 1, 2}, "河岭村"},
			{nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil},
		},
	}
	path := filepath.Join(t.TempDir(), "out.parquet")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := Parquet(f, tbl.Reader()); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`SET TimeZone = 'UTC'`); err != nil {
		t.Fatal(err)
	}
	wantTypes := []string{"BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER",
		"UBIGINT", "FLOAT", "DOUBLE", "DECIMAL(5,2)", "DECIMAL(18,3)", "DECIMAL(38,0)", "DATE", "TIMESTAMP",
		"TIMESTAMP WITH TIME ZONE", "BLOB", "VARCHAR"}
	rows, err := db.Query(`SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))`, path)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		got = append(got, s)
	}
	rows.Close()
	if fmt.Sprint(got) != fmt.Sprint(wantTypes) {
		t.Errorf("types read back\n got %v\nwant %v", got, wantTypes)
	}
	rows, err = db.Query(`SELECT COLUMNS(*)::VARCHAR FROM read_parquet(?)`, path)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		vals := make([]sql.NullString, len(wantTypes))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var cells []string
		for _, v := range vals {
			cells = append(cells, fmt.Sprint(v.String, map[bool]string{false: "∅"}[v.Valid]))
		}
		lines = append(lines, strings.Join(cells, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`true|-128|-32768|-2147483648|-9223372036854775808|255|65535|4294967295|18446744073709551615|1.5|98.33333333333333|-0.05|123456789012345.678|-12345678901234567890123456789012345678|2024-05-10|2024-05-10 08:30:15.123456|2024-05-10 08:30:15.123456+00|\x00\x01\x02|河岭村`,
		strings.TrimSuffix(strings.Repeat("∅|", len(wantTypes)), "|"),
	}
	if fmt.Sprint(lines) != fmt.Sprint(want) {
		t.Errorf("values read back\n got %q\nwant %q", lines, want)
	}
}

// The Parquet output must not bring Arrow Flight (gRPC, protobuf: about 100 packages) into the binary:
// arrow-go's pqarrow imports it only to serialise the stored schema, which Parquet does itself.
func TestBinaryImportsNoFlight(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	out, err := exec.Command(goTool, "list", "-deps", "electsum/cmd/electsum").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.Contains(pkg, "arrow/flight") || strings.HasPrefix(pkg, "google.golang.org/grpc") || strings.HasPrefix(pkg, "google.golang.org/protobuf") || strings.HasSuffix(pkg, "parquet/pqarrow") {
			t.Errorf("cmd/electsum imports %s", pkg)
		}
	}
}
