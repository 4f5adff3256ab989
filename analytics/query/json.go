package query

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
)

// JSON writes r as an array of objects, one per row and one line each, keys in column order. Numbers
// are JSON numbers with their exact digits (DECIMAL and HUGEINT included); NaN and infinities, which
// JSON cannot express, are null, like NULL; dates and timestamps are strings.
func JSON(w io.Writer, r Reader) error {
	cols := r.Columns()
	keys := make([][]byte, len(cols))
	for i, c := range cols {
		k, err := json.Marshal(c.Name)
		if err != nil {
			return err
		}
		keys[i] = escapeInvisible(k)
	}
	bw := bufio.NewWriter(w)
	bw.WriteByte('[')
	rows := 0
	for ; r.Next(); rows++ {
		row := r.Row()
		if rows > 0 {
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
		// A failed write (a closed pipe, a full disk) stops the reading too.
		if err := bw.WriteByte('}'); err != nil {
			return err
		}
	}
	if err := r.Err(); err != nil {
		return err
	}
	if rows > 0 {
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
	b, err := json.Marshal(text(v))
	return escapeInvisible(b), err
}

// escapeInvisible writes, in encoded JSON, the control characters encoding/json leaves as they are (DEL,
// C1 such as CSI U+009B) and the invisible reordering marks as \u escapes: the same value for a JSON
// reader, and nothing that moves or rewrites a terminal showing the output.
func escapeInvisible(b []byte) []byte {
	if !bytes.ContainsFunc(b, unsafeInQuotes) {
		return b
	}
	var out bytes.Buffer
	for _, r := range string(b) {
		if unsafeInQuotes(r) {
			fmt.Fprintf(&out, `\u%04x`, r)
		} else {
			out.WriteRune(r)
		}
	}
	return out.Bytes()
}
