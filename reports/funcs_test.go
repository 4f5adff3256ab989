package reports

import (
	"fmt"
	"math"
	"testing"

	"electsum/analytics"
)

func TestPhrasing(t *testing.T) {
	missing := analytics.Value{}
	nan := analytics.Value{V: math.NaN(), OK: true}
	tests := []struct {
		name, got, want string
	}{
		{"num whole", Num(19), "19"},
		{"num tenth", Num(28.75), "28.8"},
		{"num nan", Num(math.NaN()), ""},
		{"pct", Pct(v(28.75)), "28.8%"},
		{"pct hundred", Pct(v(100)), "100.0%"},
		{"pct missing", Pct(missing), ""},
		{"pct nan", Pct(nan), ""},
		{"count", Count(v(19), "人"), "19人"},
		{"count missing", Count(missing, "人"), ""},
		{"countOf", CountOf("女性", v(19), "人"), "女性19人"},
		{"countOf missing", CountOf("女性", missing, "人"), ""},
		{"share", builtinWords.Share(v(28.8)), "占28.8%"},
		{"share missing", builtinWords.Share(missing), ""},
		{"part", builtinWords.PartClause("女性", part("女", 19, 66, none, 0), "人"), "女性19人，占28.8%"},
		{"part own label", builtinWords.PartClause("", part("35岁及以下", 6, 66, none, 0), "人"), "35岁及以下6人，占9.1%"},
		{"part no count", builtinWords.PartClause("女性", analytics.Part{Share: analytics.Figure{Current: v(20)}}, "人"), ""},
		{"part no share", builtinWords.PartClause("女性", analytics.Part{Count: fig(3, none)}, "人"), "女性3人"},
		{"countShare", builtinWords.CountShare(part("", 15, 15, none, 0), "个村一次选举成功"), "15个村一次选举成功，占100.0%"},
		{"parts skip zero and missing", builtinWords.Parts([]analytics.Part{part("甲", 2, 4, none, 0), part("乙", 0, 4, none, 0), {Label: "丙"}, part("丁", 2, 4, none, 0)}, "人"), "甲2人，占50.0%；丁2人，占50.0%"},
		{"change up", builtinWords.Change(fig(29, 19), "人"), "比上届增加10人"},
		{"change down", builtinWords.Change(fig(17, 19), "人"), "比上届减少2人"},
		{"change same", builtinWords.Change(fig(19, 19), "人"), "与上届持平"},
		{"change no previous", builtinWords.Change(fig(19, none), "人"), ""},
		{"pp up", builtinWords.PP(fig(28.8, 25.5)), "比上届提高3.3个百分点"},
		{"pp down", builtinWords.PP(fig(24.5, 25.5)), "比上届下降1.0个百分点"},
		{"pp same", builtinWords.PP(fig(25.5, 25.5)), "与上届持平"},
		{"moved", builtinWords.Moved(fig(28.8, 25.5)), "提高3.3个百分点"},
		{"moved same", builtinWords.Moved(fig(28.8, 28.8)), "持平"},
		{"years down", builtinWords.Years(fig(45.1, 45.8)), "比上届下降0.7岁"},
		{"years up", builtinWords.Years(fig(46, 45)), "比上届增大1.0岁"},
		{"years same", builtinWords.Years(fig(46, 46.04)), "与上届持平"},
		{"age", builtinWords.Age(v(47)), "47.0岁"},
		{"age tenth", builtinWords.Age(v(45.25)), "45.3岁"},
		{"age missing", builtinWords.Age(missing), ""},
		{"part zero", builtinWords.PartClause("新当选", part("", 0, 5, none, 0), "人"), ""},
		{"zero", fmt.Sprint(Zero(part("", 0, 5, none, 0)), Zero(part("", 1, 5, none, 0)), Zero(analytics.Part{})), "true false false"},
		{"every", fmt.Sprint(Every(part("", 5, 5, none, 0), v(5)), Every(part("", 4, 5, none, 0), v(5)), Every(part("", 0, 0, none, 0), v(0)), Every(part("", 5, 5, none, 0), missing)), "true false false false"},
		{"flat", fmt.Sprint(Flat(fig(27.3, 27.3)), Flat(fig(27.3, 27.34)), Flat(fig(27.3, 27.4)), Flat(fig(27.3, none))), "true true false false"},
		{"gap younger", builtinWords.Gap(v(-3.24)), "小3.2岁"},
		{"gap older", builtinWords.Gap(v(1)), "大1.0岁"},
		{"gap missing", builtinWords.Gap(missing), ""},
		{"clauses drop empty", builtinWords.Clauses("女性19人", "", "占28.8%"), "女性19人，占28.8%"},
		{"clauses all empty", builtinWords.Clauses("", ""), ""},
		{"clauses no dangling", builtinWords.Clauses("甲，", "乙；"), "甲，乙"},
		{"sentence", builtinWords.Sentence("甲", "", "乙"), "甲，乙。"},
		{"sentence empty", builtinWords.Sentence("", ""), ""},
		{"semis", builtinWords.Semis("甲", "", "乙"), "甲；乙"},
		{"prefix", Prefix("其中，", "甲"), "其中，甲"},
		{"prefix empty", Prefix("其中，", ""), ""},
		{"wrap", Wrap("（", "甲", "）"), "（甲）"},
		{"wrap empty", Wrap("（", "", "）"), ""},
		{"list one", builtinWords.List("甲"), "甲"},
		{"list two", builtinWords.List("甲", "乙"), "甲和乙"},
		{"list three", builtinWords.List("甲", "乙", "丙"), "甲、乙和丙"},
		{"list skip empty", builtinWords.List("甲", "", "丙"), "甲和丙"},
		{"list none", builtinWords.List(), ""},
		{"cn 1", builtinWords.Chinese(1), "一"},
		{"cn 10", builtinWords.Chinese(10), "十"},
		{"cn 12", builtinWords.Chinese(12), "十二"},
		{"cn 20", builtinWords.Chinese(20), "二十"},
		{"cn 21", builtinWords.Chinese(21), "二十一"},
		{"cn 105", builtinWords.Chinese(105), "一百零五"},
		{"cn 110", builtinWords.Chinese(110), "一百一十"},
		{"cn 1001", builtinWords.Chinese(1001), "一千零一"},
		{"term", builtinWords.Term(10), "第十届"},
		{"term 11", builtinWords.Term(11), "第十一届"},
		{"term unknown", builtinWords.Term(0), ""},
		{"date", builtinWords.Date("2024-03-05"), "2024年3月5日"},
		{"date text", builtinWords.Date("三月"), "三月"},
		{"first round", builtinWords.FirstRound(boolp(true)), "一次选举成功"},
		{"not first round", builtinWords.FirstRound(boolp(false)), "未能一次选举成功"},
		{"first round unknown", builtinWords.FirstRound(nil), ""},
		{"turnoutOf", builtinWords.TurnoutOf(analytics.UnitRate{Unit: "甲村", Turnout: 85}), "甲村（85.0%）"},
		{"compare", builtinWords.Compare(fig(90, 88)), "上届为88.0%"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func ExampleWords_Clauses() {
	women := part("女", 19, 66, none, 0)
	minorities := analytics.Part{} // not collected
	fmt.Println(builtinWords.Sentence(builtinWords.PartClause("女性", women, "人"), builtinWords.PartClause("少数民族", minorities, "人"), builtinWords.Change(fig(19, 9), "人")))
	// Output: 女性19人，占28.8%，比上届增加10人。
}

func ExampleWords_PartClause() {
	fmt.Println(builtinWords.PartClause("女性", part("女", 19, 66, none, 0), "人"))
	// Output: 女性19人，占28.8%
}

func ExampleWords_Parts() {
	ages := []analytics.Part{part("35岁及以下", 6, 66, none, 0), part("36—45岁", 13, 66, none, 0), part("46—55岁", 34, 66, none, 0), part("56岁及以上", 13, 66, none, 0)}
	fmt.Println(builtinWords.Parts(ages, "人"))
	// Output: 35岁及以下6人，占9.1%；36—45岁13人，占19.7%；46—55岁34人，占51.5%；56岁及以上13人，占19.7%
}

func ExampleWords_Change() {
	fmt.Println(builtinWords.Change(fig(29, 19), "人"))
	fmt.Println(builtinWords.Change(fig(17, 19), "人"))
	fmt.Println(builtinWords.Change(fig(19, 19), "人"))
	fmt.Printf("%q\n", builtinWords.Change(fig(19, none), "人"))
	// Output:
	// 比上届增加10人
	// 比上届减少2人
	// 与上届持平
	// ""
}

func ExampleWords_PP() {
	fmt.Println(builtinWords.PP(fig(28.8, 25.5)))
	fmt.Println(builtinWords.PP(fig(24.5, 25.5)))
	// Output:
	// 比上届提高3.3个百分点
	// 比上届下降1.0个百分点
}

func ExampleYears() {
	fmt.Println("平均年龄" + builtinWords.Years(fig(45.1, 45.8)))
	// Output: 平均年龄比上届下降0.7岁
}

func ExampleList() {
	fmt.Println(builtinWords.List("甲村", "乙村", "丙村"))
	// Output: 甲村、乙村和丙村
}

func ExampleWords_Term() {
	fmt.Println(builtinWords.Term(10), builtinWords.Term(12))
	// Output: 第十届 第十二届
}

func ExampleNum() {
	fmt.Println(Num(19), Num(28.75), Num(45.04))
	// Output: 19 28.8 45
}

func ExampleWords_Share() {
	fmt.Println("女委员19人，" + builtinWords.Share(v(28.8)))
	// Output: 女委员19人，占28.8%
}
