package query

import (
	"fmt"
	"io"
	"math/big"
	"testing"
	"time"
)

// bigTable is a province-sized roster-like result: n rows of text, integers, a decimal, a share and a date.
func bigTable(n int) *Table {
	t := &Table{Columns: []Column{
		{Name: "county", Type: "VARCHAR"}, {Name: "township", Type: "VARCHAR"}, {Name: "unit", Type: "VARCHAR"},
		{Name: "year", Type: "INTEGER"}, {Name: "registered", Type: "INTEGER"}, {Name: "votes", Type: "HUGEINT"},
		{Name: "margin", Type: "DECIMAL(9,2)"}, {Name: "turnout", Type: "DOUBLE"}, {Name: "election_date", Type: "DATE"},
	}}
	day := time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC)
	for i := range n {
		t.Rows = append(t.Rows, []any{
			fmt.Sprintf("第%d县", i/20000), fmt.Sprintf("第%d镇", i/500), fmt.Sprintf("第%d村", i),
			int64(2024), int64(1000 + i%700), int64(900 + i%650),
			Decimal{Unscaled: big.NewInt(int64(i % 5000)), Scale: 2}, 90 + float64(i%100)/10, day,
		})
	}
	return t
}

func BenchmarkWrite100k(b *testing.B) {
	t := bigTable(100_000)
	for _, f := range Formats() {
		b.Run(string(f), func(b *testing.B) {
			for b.Loop() {
				if err := Write(io.Discard, t.Reader(), f, WriteOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
