package query

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// Decimal is an exact DECIMAL value: Unscaled × 10^-Scale.
type Decimal struct {
	Unscaled *big.Int
	Scale    int
}

// String gives the decimal in plain notation with Scale digits after the point ("-0.50").
func (d Decimal) String() string {
	s := new(big.Int).Abs(d.Unscaled).String()
	if d.Scale > 0 {
		if len(s) <= d.Scale {
			s = strings.Repeat("0", d.Scale-len(s)+1) + s
		}
		s = s[:len(s)-d.Scale] + "." + s[len(s)-d.Scale:]
	}
	if d.Unscaled.Sign() < 0 {
		s = "-" + s
	}
	return s
}

// Float64 is the nearest float64 to d.
func (d Decimal) Float64() float64 {
	f, _ := strconv.ParseFloat(d.String(), 64)
	return f
}

// normalize turns a value scanned from the driver into one of the plain types Table documents, so that
// callers never see driver types.
func normalize(v any, dbType string) any {
	switch x := v.(type) {
	case nil, bool, int64, float64, string:
		return x
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case int:
		return int64(x)
	case uint8:
		return int64(x)
	case uint16:
		return int64(x)
	case uint32:
		return int64(x)
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x)
		}
		return new(big.Int).SetUint64(x)
	case float32:
		return float64(x)
	case *big.Int:
		if x.IsInt64() {
			return x.Int64()
		}
		return x
	case duckdb.Decimal:
		return Decimal{Unscaled: x.Value, Scale: int(x.Scale)}
	case time.Time:
		switch dbType {
		case "TIME", "TIMETZ", "TIME_NS":
			return x.Format("15:04:05.999999")
		}
		return x
	case []byte:
		if dbType == "UUID" && len(x) == 16 {
			h := hex.EncodeToString(x)
			return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
		}
		return x
	case duckdb.UUID:
		return x.String()
	case *duckdb.UUID:
		return x.String()
	case duckdb.Interval:
		return intervalText(x)
	case []any, map[string]any, duckdb.Map, duckdb.OrderedMap:
		// LIST, STRUCT and MAP values are given as JSON, which analysts can parse back.
		b, err := json.Marshal(jsonable(x))
		if err == nil {
			return string(b)
		}
	}
	return fmt.Sprint(v)
}

// jsonable turns nested driver values into ones encoding/json accepts (MAP keys become strings).
func jsonable(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonable(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonable(e)
		}
		return out
	case duckdb.Map:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[fmt.Sprint(k)] = jsonable(e)
		}
		return out
	case duckdb.OrderedMap:
		out := make(map[string]any, x.Len())
		keys, values := x.Keys(), x.Values()
		for i, k := range keys {
			out[fmt.Sprint(k)] = jsonable(values[i])
		}
		return out
	case duckdb.Decimal:
		return json.Number(Decimal{Unscaled: x.Value, Scale: int(x.Scale)}.String())
	case *big.Int:
		return json.Number(x.String())
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format("2006-01-02 15:04:05.999999")
	case duckdb.Interval:
		return intervalText(x)
	}
	return v
}

// intervalText writes an INTERVAL the way DuckDB prints it: "1 year 2 months 3 days 04:05:06".
func intervalText(i duckdb.Interval) string {
	var parts []string
	unit := func(n int64, one, many string) {
		if n == 0 {
			return
		}
		if n == 1 || n == -1 {
			parts = append(parts, fmt.Sprintf("%d %s", n, one))
		} else {
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	unit(int64(i.Months/12), "year", "years")
	unit(int64(i.Months%12), "month", "months")
	unit(int64(i.Days), "day", "days")
	if i.Micros != 0 || len(parts) == 0 {
		us := i.Micros
		sign := ""
		if us < 0 {
			sign, us = "-", -us
		}
		t := fmt.Sprintf("%s%02d:%02d:%02d", sign, us/3_600_000_000, us/60_000_000%60, us/1_000_000%60)
		if frac := us % 1_000_000; frac != 0 {
			t += strings.TrimRight(fmt.Sprintf(".%06d", frac), "0")
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, " ")
}
