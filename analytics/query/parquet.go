package query

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/schema"
)

// Parquet writes r as one Parquet file (Snappy-compressed, one row group per batchRows rows), with
// typed columns as arrowType maps them and the Arrow schema stored (key ARROW:schema) so that Arrow
// readers get the same types back.
//
// It drives arrow-go's low-level parquet/file writer itself rather than pqarrow: pqarrow imports Arrow
// Flight only to serialise that stored schema, and Flight brings gRPC and protobuf (about 100 packages)
// into the binary. The schema is serialised here with the IPC writer, byte for byte as Flight does it.
func Parquet(w io.Writer, r Reader) error {
	var pw *file.Writer
	var nodes schema.FieldList
	err := recordBatches(r, func(rec arrow.RecordBatch) error {
		if pw == nil {
			var err error
			nodes = make(schema.FieldList, rec.NumCols())
			for i, f := range rec.Schema().Fields() {
				if nodes[i], err = parquetNode(f); err != nil {
					return err
				}
			}
			root, err := schema.NewGroupNode("schema", parquet.Repetitions.Required, nodes, -1)
			if err != nil {
				return err
			}
			meta := metadata.NewKeyValueMetadata()
			if err := meta.Append("ARROW:schema", storedSchema(rec.Schema())); err != nil {
				return err
			}
			props := parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Snappy))
			// The Parquet writer closes its sink; the caller owns w (it may be standard output).
			if pw, err = file.NewParquetWriterWithError(struct{ io.Writer }{w}, root, file.WithWriterProps(props), file.WithWriteMetadata(meta)); err != nil {
				return err
			}
		}
		return writeRowGroup(pw, rec)
	})
	if pw == nil {
		return err
	}
	if err != nil {
		pw.Close()
		return err
	}
	return pw.Close()
}

// writeRowGroup writes rec as one row group of pw.
func writeRowGroup(pw *file.Writer, rec arrow.RecordBatch) error {
	rg, err := pw.AppendRowGroupChecked()
	if err != nil {
		return err
	}
	for i := range int(rec.NumCols()) {
		cw, err := rg.NextColumn()
		if err == nil {
			err = writeColumn(cw, rec.Column(i))
		}
		if err == nil {
			err = cw.Close()
		}
		if err != nil {
			return fmt.Errorf("%s 列: %w", rec.ColumnName(i), err)
		}
	}
	return rg.Close()
}

// storedSchema is the Arrow schema as Arrow's Parquet readers look for it: an IPC stream holding only
// the schema, base64-encoded.
func storedSchema(s *arrow.Schema) string {
	var buf bytes.Buffer
	ipc.NewWriter(&buf, ipc.WithSchema(s)).Close()
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}

// parquetNode is the optional Parquet column for an Arrow field of a type arrowType makes. Decimals of up
// to 9 digits are INT32, up to 18 INT64, wider ones 16-byte FIXED_LEN_BYTE_ARRAY, as the format advises.
func parquetNode(f arrow.Field) (schema.Node, error) {
	opt := parquet.Repetitions.Optional
	logical := func(lt schema.LogicalType, pt parquet.Type, length int) (schema.Node, error) {
		return schema.NewPrimitiveNodeLogical(f.Name, opt, lt, pt, length, -1)
	}
	switch dt := f.Type.(type) {
	case *arrow.BooleanType:
		return schema.NewPrimitiveNode(f.Name, opt, parquet.Types.Boolean, -1, -1)
	case *arrow.Int8Type:
		return logical(schema.NewIntLogicalType(8, true), parquet.Types.Int32, -1)
	case *arrow.Int16Type:
		return logical(schema.NewIntLogicalType(16, true), parquet.Types.Int32, -1)
	case *arrow.Int32Type:
		return logical(schema.NewIntLogicalType(32, true), parquet.Types.Int32, -1)
	case *arrow.Int64Type:
		return logical(schema.NewIntLogicalType(64, true), parquet.Types.Int64, -1)
	case *arrow.Uint8Type:
		return logical(schema.NewIntLogicalType(8, false), parquet.Types.Int32, -1)
	case *arrow.Uint16Type:
		return logical(schema.NewIntLogicalType(16, false), parquet.Types.Int32, -1)
	case *arrow.Uint32Type:
		return logical(schema.NewIntLogicalType(32, false), parquet.Types.Int32, -1)
	case *arrow.Uint64Type:
		return logical(schema.NewIntLogicalType(64, false), parquet.Types.Int64, -1)
	case *arrow.Float32Type:
		return schema.NewPrimitiveNode(f.Name, opt, parquet.Types.Float, -1, -1)
	case *arrow.Float64Type:
		return schema.NewPrimitiveNode(f.Name, opt, parquet.Types.Double, -1, -1)
	case *arrow.Decimal128Type:
		lt := schema.NewDecimalLogicalType(dt.Precision, dt.Scale)
		switch {
		case dt.Precision <= 9:
			return logical(lt, parquet.Types.Int32, -1)
		case dt.Precision <= 18:
			return logical(lt, parquet.Types.Int64, -1)
		}
		return logical(lt, parquet.Types.FixedLenByteArray, 16)
	case *arrow.Date32Type:
		return logical(schema.DateLogicalType{}, parquet.Types.Int32, -1)
	case *arrow.TimestampType:
		return logical(schema.NewTimestampLogicalType(dt.TimeZone != "", schema.TimeUnitMicros), parquet.Types.Int64, -1)
	case *arrow.StringType:
		return logical(schema.StringLogicalType{}, parquet.Types.ByteArray, -1)
	case *arrow.BinaryType:
		return schema.NewPrimitiveNode(f.Name, opt, parquet.Types.ByteArray, -1, -1)
	}
	return nil, fmt.Errorf("列 %s 的类型 %s 不能写入 Parquet", f.Name, f.Type)
}

// writeColumn writes one Arrow column into its Parquet column chunk: definition level 1 for a value,
// 0 for NULL, and the values without the NULLs.
func writeColumn(cw file.ColumnChunkWriter, col arrow.Array) error {
	n := col.Len()
	def := make([]int16, n)
	for r := range n {
		if col.IsValid(r) {
			def[r] = 1
		}
	}
	var err error
	switch cw := cw.(type) {
	case *file.BooleanColumnChunkWriter:
		a := col.(*array.Boolean)
		_, err = cw.WriteBatch(valid(a, a.Value), def, nil)
	case *file.Int32ColumnChunkWriter:
		_, err = cw.WriteBatch(int32s(col), def, nil)
	case *file.Int64ColumnChunkWriter:
		_, err = cw.WriteBatch(int64s(col), def, nil)
	case *file.Float32ColumnChunkWriter:
		a := col.(*array.Float32)
		_, err = cw.WriteBatch(valid(a, a.Value), def, nil)
	case *file.Float64ColumnChunkWriter:
		a := col.(*array.Float64)
		_, err = cw.WriteBatch(valid(a, a.Value), def, nil)
	case *file.ByteArrayColumnChunkWriter:
		var v []parquet.ByteArray
		switch a := col.(type) {
		case *array.String:
			v = valid(a, func(i int) parquet.ByteArray { return parquet.ByteArray(a.Value(i)) })
		case *array.Binary:
			v = valid(a, func(i int) parquet.ByteArray { return a.Value(i) })
		}
		_, err = cw.WriteBatch(v, def, nil)
	case *file.FixedLenByteArrayColumnChunkWriter:
		a := col.(*array.Decimal128)
		_, err = cw.WriteBatch(valid(a, func(i int) parquet.FixedLenByteArray {
			// Two's complement, big-endian, as the Parquet DECIMAL type stores it.
			var b [16]byte
			binary.BigEndian.PutUint64(b[:8], uint64(a.Value(i).HighBits()))
			binary.BigEndian.PutUint64(b[8:], a.Value(i).LowBits())
			return b[:]
		}), def, nil)
	default:
		return fmt.Errorf("未处理的 Parquet 列写入器 %T", cw)
	}
	return err
}

// valid is value(i) for each non-NULL row of a.
func valid[T any](a arrow.Array, value func(int) T) []T {
	out := make([]T, 0, a.Len()-a.NullN())
	for i := range a.Len() {
		if a.IsValid(i) {
			out = append(out, value(i))
		}
	}
	return out
}

// int32s is the non-NULL values of a column stored as Parquet INT32: narrow and unsigned integers (bit
// for bit), dates as days and decimals of up to 9 digits as their unscaled value.
func int32s(col arrow.Array) []int32 {
	switch a := col.(type) {
	case *array.Int8:
		return valid(a, func(i int) int32 { return int32(a.Value(i)) })
	case *array.Int16:
		return valid(a, func(i int) int32 { return int32(a.Value(i)) })
	case *array.Int32:
		return valid(a, a.Value)
	case *array.Uint8:
		return valid(a, func(i int) int32 { return int32(a.Value(i)) })
	case *array.Uint16:
		return valid(a, func(i int) int32 { return int32(a.Value(i)) })
	case *array.Uint32:
		return valid(a, func(i int) int32 { return int32(a.Value(i)) })
	case *array.Date32:
		return valid(a, func(i int) int32 { return int32(a.Value(i)) })
	case *array.Decimal128:
		return valid(a, func(i int) int32 { return int32(a.Value(i).LowBits()) })
	}
	panic(fmt.Sprintf("query: no INT32 Parquet values for %s", col.DataType()))
}

// int64s is the non-NULL values of a column stored as Parquet INT64.
func int64s(col arrow.Array) []int64 {
	switch a := col.(type) {
	case *array.Int64:
		return valid(a, a.Value)
	case *array.Uint64:
		return valid(a, func(i int) int64 { return int64(a.Value(i)) })
	case *array.Timestamp:
		return valid(a, func(i int) int64 { return int64(a.Value(i)) })
	case *array.Decimal128:
		return valid(a, func(i int) int64 { return int64(a.Value(i).LowBits()) })
	}
	panic(fmt.Sprintf("query: no INT64 Parquet values for %s", col.DataType()))
}
