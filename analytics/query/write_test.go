package query

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/xuri/excelize/v2"
)

// sample has one column of each kind of value and a NULL in every column of the last row.
func sample() *Table {
	huge, _ := new(big.Int).SetString("170141183460469231731687303715884105727", 10)
	return &Table{
		Columns: []Column{
			{Name: "乡镇", Type: "VARCHAR"},
			{Name: "村社区", Type: "VARCHAR"},
			{Name: "登记选民数", Type: "INTEGER"},
			{Name: "合计", Type: "HUGEINT"},
			{Name: "参选率", Type: "DOUBLE"},
			{Name: "差额比例", Type: "DECIMAL(5,2)"},
			{Name: "选举日期", Type: "DATE"},
			{Name: "一次选举成功", Type: "BOOLEAN"},
		},
		Rows: [][]any{
			{"城关镇", "东村", int64(1000), int64(1890), 95.0, Decimal{Unscaled: big.NewInt(3333), Scale: 2}, day("2024-05-10"), true},
			{"河口乡", "南村(社区)", int64(600), huge, 98.33333333333333, Decimal{Unscaled: big.NewInt(-5), Scale: 2}, day("2024-05-15"), false},
			{"Town", nil, nil, nil, nil, nil, nil, nil},
		},
	}
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestTextAlignsCJKByDisplayWidth(t *testing.T) {
	tbl := &Table{
		Columns: []Column{{Name: "乡镇", Type: "VARCHAR"}, {Name: "unit", Type: "VARCHAR"}, {Name: "参选率", Type: "DOUBLE"}},
		Rows: [][]any{
			{"城关镇", "东村", 95.5},
			{"Hekou", "36—45岁\n第二行", 100.0},
			{nil, "", nil},
		},
	}
	var b bytes.Buffer
	if err := Text(&b, tbl.Reader(), 0); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"乡镇   | unit            | 参选率\n" +
		"-------+-----------------+-------\n" +
		"城关镇 | 东村            |   95.5\n" +
		"Hekou  | 36—45岁\\n第二行 |    100\n" +
		"NULL   |                 |   NULL\n" +
		"(3 行)\n"
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestTextEmptyResult(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, (&Table{Columns: []Column{{Name: "n", Type: "BIGINT"}}}).Reader(), 0); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "n\n-\n(0 行)\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCSVReadBack(t *testing.T) {
	for _, bom := range []bool{false, true} {
		var b bytes.Buffer
		if err := CSV(&b, sample().Reader(), bom); err != nil {
			t.Fatal(err)
		}
		data := b.Bytes()
		if hasBOM := bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")); hasBOM != bom {
			t.Errorf("bom %v: output starts with BOM: %v", bom, hasBOM)
		}
		records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{
			{"乡镇", "村社区", "登记选民数", "合计", "参选率", "差额比例", "选举日期", "一次选举成功"},
			{"城关镇", "东村", "1000", "1890", "95", "33.33", "2024-05-10", "true"},
			{"河口乡", "南村(社区)", "600", "170141183460469231731687303715884105727", "98.33333333333333", "-0.05", "2024-05-15", "false"},
			{"Town", "", "", "", "", "", "", ""},
		}
		if len(records) != len(want) {
			t.Fatalf("%d records, want %d", len(records), len(want))
		}
		for r := range want {
			if strings.Join(records[r], "|") != strings.Join(want[r], "|") {
				t.Errorf("record %d: %q, want %q", r, records[r], want[r])
			}
		}
	}
}

func TestJSONReadBack(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, sample().Reader()); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(&b)
	dec.UseNumber()
	var got []map[string]any
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if len(got) != 3 {
		t.Fatalf("%d objects", len(got))
	}
	first := got[0]
	checks := map[string]any{
		"乡镇": "城关镇", "登记选民数": json.Number("1000"), "合计": json.Number("1890"), "参选率": json.Number("95"),
		"差额比例": json.Number("33.33"), "选举日期": "2024-05-10", "一次选举成功": true,
	}
	for k, want := range checks {
		if first[k] != want {
			t.Errorf("%s = %#v, want %#v", k, first[k], want)
		}
	}
	if got[1]["合计"] != json.Number("170141183460469231731687303715884105727") {
		t.Errorf("huge integer lost digits: %v", got[1]["合计"])
	}
	for k, v := range got[2] {
		if k != "乡镇" && v != nil {
			t.Errorf("NULL %s = %#v, want null", k, v)
		}
	}
	var empty bytes.Buffer
	if err := JSON(&empty, (&Table{Columns: []Column{{Name: "n", Type: "BIGINT"}}}).Reader()); err != nil {
		t.Fatal(err)
	}
	if empty.String() != "[]\n" {
		t.Errorf("empty result: %q", empty.String())
	}
}

// readBackXLSX writes tbl with XLSX and opens what it wrote (closed when the test ends).
func readBackXLSX(t *testing.T, tbl *Table) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	if err := XLSX(&b, tbl.Reader()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestXLSXReadBack(t *testing.T) {
	f := readBackXLSX(t, sample())
	rows, err := f.GetRows(sheetName)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0][0] != "乡镇" || rows[1][1] != "东村" || rows[1][6] != "2024-05-10" {
		t.Fatalf("rows: %q", rows)
	}
	for _, c := range []struct {
		cell string
		want excelize.CellType
	}{{"C2", excelize.CellTypeNumber}, {"E2", excelize.CellTypeNumber}, {"F2", excelize.CellTypeNumber}, {"H2", excelize.CellTypeBool}, {"A2", excelize.CellTypeSharedString}} {
		typ, err := f.GetCellType(sheetName, c.cell)
		if err != nil {
			t.Fatal(err)
		}
		// A cell without a type attribute is a number in SpreadsheetML.
		ok := typ == c.want || (c.want == excelize.CellTypeSharedString && typ == excelize.CellTypeInlineString) ||
			(c.want == excelize.CellTypeNumber && typ == excelize.CellTypeUnset)
		if !ok {
			t.Errorf("%s has type %v, want %v", c.cell, typ, c.want)
		}
	}
	if v, _ := f.GetCellValue(sheetName, "D3"); v != "170141183460469231731687303715884105727" {
		t.Errorf("huge integer in xlsx: %q", v)
	}
	if v, _ := f.GetCellValue(sheetName, "B4"); v != "" {
		t.Errorf("NULL cell has %q", v)
	}
	panes, err := f.GetPanes(sheetName)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v", panes)
	}
	if w, _ := f.GetColWidth(sheetName, "B"); w < 12 {
		t.Errorf("column B is %.1f wide, too narrow for 南村(社区)", w)
	}
}

func checkArrow(t *testing.T, schema *arrow.Schema, cols func(i int) arrow.Array) {
	t.Helper()
	wantTypes := []arrow.Type{arrow.STRING, arrow.STRING, arrow.INT32, arrow.DECIMAL128, arrow.FLOAT64, arrow.DECIMAL128, arrow.DATE32, arrow.BOOL}
	for i, f := range schema.Fields() {
		if f.Type.ID() != wantTypes[i] {
			t.Errorf("field %s is %s, want %s", f.Name, f.Type, wantTypes[i])
		}
	}
	if s := cols(1).(*array.String); s.Value(0) != "东村" || !s.IsNull(2) {
		t.Errorf("村社区: %v", s)
	}
	if n := cols(2).(*array.Int32); n.Value(1) != 600 || !n.IsNull(2) {
		t.Errorf("登记选民数: %v", n)
	}
	if d := cols(5).(*array.Decimal128); d.Value(0).BigInt().Int64() != 3333 || d.DataType().(*arrow.Decimal128Type).Scale != 2 {
		t.Errorf("差额比例: %v", d)
	}
	if d := cols(6).(*array.Date32); d.Value(0).ToTime().Format("2006-01-02") != "2024-05-10" {
		t.Errorf("选举日期: %v", d)
	}
	if h := cols(3).(*array.Decimal128); h.Value(1).BigInt().String() != "170141183460469231731687303715884105727" {
		t.Errorf("合计: %v", h)
	}
}

func TestArrowReadBack(t *testing.T) {
	var b bytes.Buffer
	if err := Arrow(&b, sample().Reader()); err != nil {
		t.Fatal(err)
	}
	r, err := ipc.NewFileReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.NumRecords() != 1 {
		t.Fatalf("%d records", r.NumRecords())
	}
	rec, err := r.RecordBatch(0)
	if err != nil {
		t.Fatal(err)
	}
	if rec.NumRows() != 3 {
		t.Fatalf("%d rows", rec.NumRows())
	}
	checkArrow(t, r.Schema(), rec.Column)
}

func TestParquetReadBack(t *testing.T) {
	var b bytes.Buffer
	if err := Parquet(&b, sample().Reader()); err != nil {
		t.Fatal(err)
	}
	tbl, err := pqarrow.ReadTable(context.Background(), bytes.NewReader(b.Bytes()), nil, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	if tbl.NumRows() != 3 {
		t.Fatalf("%d rows", tbl.NumRows())
	}
	checkArrow(t, tbl.Schema(), func(i int) arrow.Array { return tbl.Column(i).Data().Chunk(0) })
}

func TestHugeintFitsInt64(t *testing.T) {
	tbl := &Table{Columns: []Column{{Name: "s", Type: "HUGEINT"}}, Rows: [][]any{{int64(5)}, {nil}}}
	var typ arrow.DataType
	err := recordBatches(tbl.Reader(), func(rec arrow.RecordBatch) error {
		typ = rec.Schema().Field(0).Type
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if typ.ID() != arrow.INT64 {
		t.Errorf("HUGEINT sums that fit are %s, want int64", typ)
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"table": FormatTable, "CSV": FormatCSV, "excel": FormatXLSX, "feather": FormatArrow, "parquet": FormatParquet} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("%s: %v %v", in, got, err)
		}
	}
	if _, err := ParseFormat("pdf"); err == nil {
		t.Error("pdf accepted")
	}
	if f, ok := FormatFromPath("out/结果.XLSX"); !ok || f != FormatXLSX {
		t.Errorf("FormatFromPath: %v %v", f, ok)
	}
}

func TestFormatFloat(t *testing.T) {
	for f, want := range map[float64]string{48.8: "48.8", 100: "100", 1e6: "1000000", 0.000001: "0.000001",
		1e-7: "1e-07", 1e21: "1e+21", -2.5: "-2.5", 0: "0"} {
		if got := formatFloat(f); got != want {
			t.Errorf("formatFloat(%v) = %q, want %q", f, got, want)
		}
	}
}

func counted(n int) *Table {
	t := &Table{Columns: []Column{{Name: "i", Type: "BIGINT"}, {Name: "s", Type: "VARCHAR"}}}
	for i := range n {
		t.Rows = append(t.Rows, []any{int64(i), "村" + strconv.Itoa(i)})
	}
	return t
}

// The text table shows TextRows rows and says how many there are.
func TestTextCapsRows(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, counted(1005).Reader(), 1000); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 1002+1 {
		t.Errorf("%d lines, want header, rule, 1000 rows and the count", len(lines))
	}
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "…共1005行") || !strings.Contains(last, "-o") {
		t.Errorf("last line %q", last)
	}
	b.Reset()
	if err := Text(&b, counted(1000).Reader(), 1000); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(b.String(), "(1000 行)\n") {
		t.Errorf("a result of exactly the cap ends %q", b.String()[b.Len()-20:])
	}
}

// Results longer than a batch are written as several record batches / row groups, all rows kept.
func TestArrowParquetBatches(t *testing.T) {
	const n = batchRows + 10
	tbl := counted(n)
	var b bytes.Buffer
	if err := Arrow(&b, tbl.Reader()); err != nil {
		t.Fatal(err)
	}
	r, err := ipc.NewFileReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var rows int64
	for i := range r.NumRecords() {
		rec, err := r.RecordBatch(i)
		if err != nil {
			t.Fatal(err)
		}
		rows += rec.NumRows()
	}
	if r.NumRecords() != 2 || rows != n {
		t.Errorf("arrow: %d batches, %d rows; want 2, %d", r.NumRecords(), rows, n)
	}
	b.Reset()
	if err := Parquet(&b, tbl.Reader()); err != nil {
		t.Fatal(err)
	}
	pt, err := pqarrow.ReadTable(context.Background(), bytes.NewReader(b.Bytes()), nil, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	defer pt.Release()
	if pt.NumRows() != n {
		t.Errorf("parquet: %d rows, want %d", pt.NumRows(), n)
	}
	chunks := pt.Column(0).Data().Chunks()
	last := chunks[len(chunks)-1].(*array.Int64)
	if got := last.Value(last.Len() - 1); got != n-1 {
		t.Errorf("parquet: last value %d, want %d", got, n-1)
	}
}

// An xlsx of more than widthRows rows holds them all, in order.
func TestXLSXStreamsPastWidthRows(t *testing.T) {
	f := readBackXLSX(t, counted(widthRows+5))
	rows, err := f.GetRows(sheetName)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != widthRows+6 || rows[len(rows)-1][0] != strconv.Itoa(widthRows+4) {
		t.Errorf("%d rows, last %v", len(rows), rows[len(rows)-1])
	}
}
