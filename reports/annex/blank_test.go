package annex

import (
	"testing"

	"electsum/analytics"
)

// TestBlankColumnSubtotalIsBlank: a township that left 一次选举成功 (and 委托投票) blank for every unit
// gets a blank 小计, not 0 (0 says "none succeeded").
func TestBlankColumnSubtotalIsBlank(t *testing.T) {
	s := fakeSummary(1, 2, 3, 7)
	blank := s.Elections[0].Township
	for i := range s.Elections {
		if s.Elections[i].Township == blank {
			s.Elections[i].FirstRound = nil
			s.Elections[i].ProxyVotes = analytics.Value{}
		}
	}
	f, _ := writeAndOpen(t, s, Options{})
	sheet := "表1-2 村民委员会选举"
	iFirst := header(t, f, sheet, "一次选举成功", 0)
	iProxy := header(t, f, sheet, "委托投票", 0)
	sub := rowOf(t, f, sheet, 1, "小计", 3)
	if township, _ := f.GetCellValue(sheet, ref(0, sub)); township != blank {
		t.Fatalf("first 小计 is %s, want %s", township, blank)
	}
	for _, i := range []int{iFirst, iProxy} {
		if v, _ := f.GetCellValue(sheet, ref(i, sub)); v != "" {
			t.Errorf("%s 小计 %s = %q, want blank", blank, ref(i, sub), v)
		}
		if fm := formulaOf(t, f, sheet, ref(i, sub)); fm != "" {
			t.Errorf("%s 小计 %s formula %q, want none", blank, ref(i, sub), fm)
		}
	}
	// The other township's 小计 still counts.
	other := rowOf(t, f, sheet, 1, "小计", sub)
	if v, _ := f.GetCellValue(sheet, ref(iFirst, other)); v == "" {
		t.Errorf("second township's 一次选举成功 小计 is blank")
	}
}
