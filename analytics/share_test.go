package analytics

import (
	"fmt"
	"testing"
)

func TestDistribution(t *testing.T) {
	for _, c := range []struct {
		counts []int
		total  int
		r      Rounding
		want   string
	}{
		{[]int{4, 1, 1}, 6, HalfUp, "[66.7 16.7 16.7]"},
		{[]int{4, 1, 1}, 6, LargestRemainder, "[66.7 16.7 16.6]"},
		{[]int{1, 1, 1}, 3, LargestRemainder, "[33.4 33.3 33.3]"},
		{[]int{1, 2, 4}, 7, LargestRemainder, "[14.3 28.6 57.1]"},
		{[]int{0, 0, 5}, 5, LargestRemainder, "[0 0 100]"},
		{[]int{1, 1}, 3, LargestRemainder, "[33.3 33.3]"}, // not a partition: half-up
	} {
		labels := make([]string, len(c.counts))
		parts := distribution(labels, c.counts, c.total, c.r)
		var got []float64
		for _, p := range parts {
			got = append(got, p.Share.Current.V)
		}
		if fmt.Sprint(got) != c.want {
			t.Errorf("distribution(%v, %d, %s) = %v, want %s", c.counts, c.total, c.r, got, c.want)
		}
	}
	if p := distribution([]string{"a"}, []int{0}, 0, LargestRemainder); p[0].Share.Current.OK {
		t.Errorf("zero total gave a share")
	}
}

func TestFigureChangeOfRoundedShares(t *testing.T) {
	f := Figure{Current: share(1, 3), Previous: share(1, 6)} // 33.3 − 16.7
	if c := f.Change(); !c.OK || c.V != 16.6 {
		t.Errorf("change %v", c)
	}
	if c := (Figure{Current: Known(1)}).Change(); c.OK {
		t.Errorf("change without previous: %v", c)
	}
}
