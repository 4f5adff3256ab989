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

// Arrow writes r as an Arrow IPC file (the random-access "Feather v2" format that pyarrow.ipc.open_file,
// polars.read_ipc and R arrow::read_feather read), with typed columns as arrowType maps them, one record
// batch per batchRows rows.
func Arrow(w io.Writer, r Reader) error {
	var fw *ipc.FileWriter
	err := recordBatches(r, func(rec arrow.RecordBatch) error {
		if fw == nil {
			var err error
			if fw, err = ipc.NewFileWriter(w, ipc.WithSchema(rec.Schema())); err != nil {
				return err
			}
		}
		return fw.Write(rec)
	})
	if fw == nil {
		return err
	}
	if err != nil {
		fw.Close()
		return err
	}
	return fw.Close()
}

// arrowType maps a DuckDB column type to an Arrow type, given the first rows of the result. Integers
// keep their width; HUGEINT is int64 when every value of the first rows fits, else decimal(38,0); DECIMAL(p,s) is decimal128(p,s); DATE is date32;
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

// batchRows is how many rows go into one Arrow record batch or Parquet row group: the rows of one
// batch are held in memory at a time.
const batchRows = 1 << 16

// recordBatches reads r batchRows rows at a time and gives each batch to emit as an Arrow record. The
// first batch decides the column types (arrowType); an empty result gives one empty batch.
func recordBatches(r Reader, emit func(arrow.RecordBatch) error) error {
	cols := r.Columns()
	var b *array.RecordBuilder
	buf := make([][]any, 0, min(batchRows, 1024))
	for done := 0; ; done += len(buf) {
		buf = buf[:0]
		for len(buf) < batchRows && r.Next() {
			buf = append(buf, append([]any(nil), r.Row()...))
		}
		if err := r.Err(); err != nil {
			return err
		}
		if b == nil {
			fields := make([]arrow.Field, len(cols))
			for i, c := range cols {
				fields[i] = arrow.Field{Name: c.Name, Type: arrowType(c, buf, i), Nullable: true}
			}
			b = array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema(fields, nil))
			defer b.Release()
		} else if len(buf) == 0 {
			return nil
		}
		for i := range cols {
			fb := b.Field(i)
			fb.Reserve(len(buf))
			for k, row := range buf {
				if err := appendValue(fb, row[i]); err != nil {
					return fmt.Errorf("第 %d 行 %s 列: %w", done+k+1, cols[i].Name, err)
				}
			}
		}
		rec := b.NewRecordBatch()
		err := emit(rec)
		rec.Release()
		if err != nil || len(buf) < batchRows {
			return err
		}
	}
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
