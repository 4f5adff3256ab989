package query

import (
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Arrow writes t as an Arrow IPC file (the random-access "Feather v2" format that pyarrow.ipc.open_file,
// polars.read_ipc and R arrow::read_feather read), with typed columns as arrowType maps them.
func Arrow(w io.Writer, t *Table) error {
	rec, err := record(t)
	if err != nil {
		return err
	}
	defer rec.Release()
	fw, err := ipc.NewFileWriter(w, ipc.WithSchema(rec.Schema()))
	if err != nil {
		return err
	}
	if err := fw.Write(rec); err != nil {
		fw.Close()
		return err
	}
	return fw.Close()
}

// arrowType maps a DuckDB column type to an Arrow type. Integers keep their width; HUGEINT is int64
// when every value fits, else decimal(38,0); DECIMAL(p,s) is decimal128(p,s); DATE is date32;
// TIMESTAMP is timestamp[us] (TIMESTAMPTZ in UTC); BLOB is binary; anything else (TIME, INTERVAL,
// UUID, LIST, STRUCT …) is its text as a string.
func arrowType(c Column, rows [][]any, col int) arrow.DataType {
	switch baseType(c.Type) {
	case "BOOLEAN":
		return arrow.FixedWidthTypes.Boolean
	case "TINYINT":
		return arrow.PrimitiveTypes.Int8
	case "SMALLINT":
		return arrow.PrimitiveTypes.Int16
	case "INTEGER":
		return arrow.PrimitiveTypes.Int32
	case "BIGINT":
		return arrow.PrimitiveTypes.Int64
	case "UTINYINT":
		return arrow.PrimitiveTypes.Uint8
	case "USMALLINT":
		return arrow.PrimitiveTypes.Uint16
	case "UINTEGER":
		return arrow.PrimitiveTypes.Uint32
	case "UBIGINT":
		return arrow.PrimitiveTypes.Uint64
	case "HUGEINT", "UHUGEINT":
		for _, row := range rows {
			if _, big := row[col].(*big.Int); big {
				return &arrow.Decimal128Type{Precision: 38, Scale: 0}
			}
		}
		return arrow.PrimitiveTypes.Int64
	case "FLOAT":
		return arrow.PrimitiveTypes.Float32
	case "DOUBLE":
		return arrow.PrimitiveTypes.Float64
	case "DECIMAL":
		if p, s, ok := decimalParams(c.Type); ok {
			return &arrow.Decimal128Type{Precision: p, Scale: s}
		}
	case "VARCHAR":
		return arrow.BinaryTypes.String
	case "DATE":
		return arrow.FixedWidthTypes.Date32
	case "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS":
		return &arrow.TimestampType{Unit: arrow.Microsecond}
	case "TIMESTAMPTZ":
		return &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	case "BLOB":
		return arrow.BinaryTypes.Binary
	}
	return arrow.BinaryTypes.String
}

// decimalParams reads DECIMAL(p,s).
func decimalParams(dbType string) (precision, scale int32, ok bool) {
	inner := strings.TrimSuffix(strings.TrimPrefix(dbType, "DECIMAL("), ")")
	ps := strings.Split(inner, ",")
	if len(ps) != 2 {
		return 0, 0, false
	}
	p, err1 := strconv.Atoi(strings.TrimSpace(ps[0]))
	s, err2 := strconv.Atoi(strings.TrimSpace(ps[1]))
	if err1 != nil || err2 != nil || p < 1 || p > 38 {
		return 0, 0, false
	}
	return int32(p), int32(s), true
}

// record builds one Arrow record holding all of t.
func record(t *Table) (arrow.RecordBatch, error) {
	fields := make([]arrow.Field, len(t.Columns))
	for i, c := range t.Columns {
		fields[i] = arrow.Field{Name: c.Name, Type: arrowType(c, t.Rows, i), Nullable: true}
	}
	schema := arrow.NewSchema(fields, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for i := range fields {
		fb := b.Field(i)
		fb.Reserve(len(t.Rows))
		for r, row := range t.Rows {
			if err := appendValue(fb, row[i]); err != nil {
				return nil, fmt.Errorf("第 %d 行 %s 列: %w", r+1, t.Columns[i].Name, err)
			}
		}
	}
	return b.NewRecordBatch(), nil
}

func appendValue(b array.Builder, v any) error {
	if v == nil {
		b.AppendNull()
		return nil
	}
	n, isInt := v.(int64)
	switch b := b.(type) {
	case *array.BooleanBuilder:
		if x, ok := v.(bool); ok {
			b.Append(x)
			return nil
		}
	case *array.Int8Builder:
		if isInt {
			b.Append(int8(n))
			return nil
		}
	case *array.Int16Builder:
		if isInt {
			b.Append(int16(n))
			return nil
		}
	case *array.Int32Builder:
		if isInt {
			b.Append(int32(n))
			return nil
		}
	case *array.Int64Builder:
		if isInt {
			b.Append(n)
			return nil
		}
	case *array.Uint8Builder:
		if isInt {
			b.Append(uint8(n))
			return nil
		}
	case *array.Uint16Builder:
		if isInt {
			b.Append(uint16(n))
			return nil
		}
	case *array.Uint32Builder:
		if isInt {
			b.Append(uint32(n))
			return nil
		}
	case *array.Uint64Builder:
		switch x := v.(type) {
		case int64:
			b.Append(uint64(x))
			return nil
		case *big.Int:
			b.Append(x.Uint64())
			return nil
		}
	case *array.Float32Builder:
		if x, ok := v.(float64); ok {
			b.Append(float32(x))
			return nil
		}
	case *array.Float64Builder:
		if x, ok := v.(float64); ok {
			b.Append(x)
			return nil
		}
	case *array.Decimal128Builder:
		switch x := v.(type) {
		case Decimal:
			b.Append(decimal128.FromBigInt(x.Unscaled))
			return nil
		case *big.Int:
			b.Append(decimal128.FromBigInt(x))
			return nil
		case int64:
			b.Append(decimal128.FromI64(x))
			return nil
		}
	case *array.Date32Builder:
		if x, ok := v.(time.Time); ok {
			b.Append(arrow.Date32FromTime(x))
			return nil
		}
	case *array.TimestampBuilder:
		if x, ok := v.(time.Time); ok {
			b.Append(arrow.Timestamp(x.UnixMicro()))
			return nil
		}
	case *array.BinaryBuilder:
		if x, ok := v.([]byte); ok {
			b.Append(x)
			return nil
		}
	case *array.StringBuilder:
		b.Append(text(v))
		return nil
	}
	return fmt.Errorf("值 %v (%T) 与列类型不符", v, v)
}
