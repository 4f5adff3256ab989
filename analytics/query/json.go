package query

import (
	"bufio"
	"encoding/json"
	"io"
	"math"
	"math/big"
)

// JSON writes t as an array of objects, one per row and one line each, keys in column order. Numbers
// are JSON numbers with their exact digits (DECIMAL and HUGEINT included); NaN and infinities, which
// JSON cannot express, are null, like NULL; dates and timestamps are strings.
func JSON(w io.Writer, t *Table) error {
	keys := make([][]byte, len(t.Columns))
	for i, c := range t.Columns {
		k, err := json.Marshal(c.Name)
		if err != nil {
			return err
		}
		keys[i] = k
	}
	bw := bufio.NewWriter(w)
	bw.WriteByte('[')
	for r, row := range t.Rows {
		if r > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n  {")
		for i, v := range row {
			if i > 0 {
				bw.WriteString(", ")
			}
			bw.Write(keys[i])
			bw.WriteString(": ")
			b, err := jsonValue(v)
			if err != nil {
				return err
			}
			bw.Write(b)
		}
		bw.WriteByte('}')
	}
	if len(t.Rows) > 0 {
		bw.WriteByte('\n')
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

func jsonValue(v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return []byte("null"), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return []byte("null"), nil
		}
		return []byte(formatFloat(x)), nil
	case Decimal:
		return []byte(x.String()), nil
	case *big.Int:
		return []byte(x.String()), nil
	case int64, bool:
		return json.Marshal(x)
	}
	return json.Marshal(text(v))
}
