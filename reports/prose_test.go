package reports

import (
	"strings"
	"testing"

	"electsum/analytics"
)

// TestProseRules pins the prose rules of issue 10 on the built-in templates: degenerate counts are said
// as a negative or as 均为…, ages rise as 增大 with one decimal, 百分点 carry one decimal, brackets are
// full-width, a lone head is described as a person, and the village draft has its heads' sentence.
func TestProseRules(t *testing.T) {
	for _, tc := range []struct {
		name      string
		summary   func() *analytics.Summary
		want, not []string
	}{
		{"no woman, none before", func() *analytics.Summary {
			s := townshipFixture()
			m := &s.Bodies[0].Members
			m.Women = part("女", 0, 20, 0, 21)
			return s
		}, []string{"其中，与上届一样没有女性成员；"}, []string{"女性0人", "占0.0%"}},
		{"no woman, some before", func() *analytics.Summary {
			s := townshipFixture()
			s.Bodies[0].Members.Women = part("女", 0, 20, 3, 21)
			return s
		}, []string{"其中，没有女性成员，比上届减少3人；"}, []string{"女性0人"}},
		{"all new members", func() *analytics.Summary {
			s := townshipFixture()
			m := &s.Bodies[0].Members
			m.Reelected, m.New = part("连任", 0, 20, none, 0), part("新当选", 20, 20, none, 0)
			return s
		}, []string{"均为新当选。"}, []string{"连任0人", "新当选20人，占100.0%"}},
		{"all heads new and party members", func() *analytics.Summary {
			s := townshipFixture()
			h := &s.Bodies[1].Heads
			h.Reelected, h.New = part("连任", 0, 4, none, 0), part("新当选", 4, 4, none, 0)
			return s
		}, []string{"均为中共党员；", "均为新任。"}, []string{"新任主任4人，占100.0%", "中共党员4人，占100.0%"}},
		{"age rises", func() *analytics.Summary {
			s := townshipFixture()
			s.Bodies[0].Members.AverageAge = fig(47, 45.3)
			return s
		}, []string{"平均年龄47.0岁，比上届增大1.7岁"}, []string{"比上届提高1.7岁", "平均年龄47岁"}},
		{"whole points", func() *analytics.Summary {
			s := townshipFixture()
			s.TwoCommittees[0].OneShoulder = part("一肩挑", 3, 4, 2, 4)
			return s
		}, []string{"占75.0%，比上届提高25.0个百分点"}, []string{"提高25个百分点"}},
		{"full-width brackets", townshipFixture, []string{"高中（中专）9人"}, []string{"高中(中专)"}},
		{"one head is a person", func() *analytics.Summary {
			s := townshipFixture()
			b := &s.Bodies[1]
			b.Heads = structure(1, 1, [2]float64{1, 0}, [2]float64{1, 1}, 0,
				[4][2]float64{{0, 0}, {1, 0}, {0, 1}, {0, 0}}, [3][2]float64{{1, 0}, {0, 1}, {0, 0}}, [2]float64{41, 50})
			b.NewHeadsAgeGap = v(0)
			return s
		}, []string{"村民委员会主任为新任，女性，中共党员，41岁，大专及以上学历。"}, []string{"1名主任中", "新任主任平均年龄比全体主任"}},
		{"village draft names its head", unitFixture, []string{"村民委员会主任为"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			md := string(render(t, Builtin(), tc.summary(), Config{}, Hans, "md"))
			for _, w := range tc.want {
				if !strings.Contains(md, w) {
					t.Errorf("draft lacks %q", w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(md, n) {
					t.Errorf("draft has %q", n)
				}
			}
		})
	}
}

// TestOldConfigBracketsBecomeFullWidth: a report.toml written before the labels changed (高中(中专))
// still gives full-width brackets in the draft and the annex, which take the labels from the options.
func TestOldConfigBracketsBecomeFullWidth(t *testing.T) {
	c := Config{Education: []analytics.EducationBucket{{Label: "高中(中专)", Values: []string{"高中", "中专"}}},
		AgeBands: []analytics.AgeBand{{Label: "56岁(含)以上", Min: 56}}}
	o := c.Options()
	if got := o.EducationBuckets[0].Label; got != "高中（中专）" {
		t.Errorf("education label %q, want 高中（中专）", got)
	}
	if got := o.AgeBands[0].Label; got != "56岁（含）以上" {
		t.Errorf("age band label %q, want 56岁（含）以上", got)
	}
	if c.Education[0].Label != "高中(中专)" {
		t.Error("Options changed the config it was called on")
	}
}

// TestHantKeepsQuotedNames: a person a check is about (刘丽, which OpenCC would write 劉麗) and the file a
// data warning comes from stay as the data writes them in a Traditional draft, while the words around
// them are converted (issue 10 item 8).
func TestHantKeepsQuotedNames(t *testing.T) {
	s := townshipFixture()
	s.Checks = append(s.Checks,
		analytics.Check{Rule: "vc_candidate_majority", Citation: "《中华人民共和国村民委员会组织法》第三十四条", Severity: "违规",
			UnitRef: analytics.UnitRef{Township: "东风镇", Unit: "红旗村"}, Year: 2024, Body: analytics.VillagersCommittee,
			Message: "刘丽（主任）得票300张，参加投票700人，未获得过半数选票", Quoted: []string{"刘丽"}},
		analytics.Check{Rule: "member_count", Severity: "提示", UnitRef: analytics.UnitRef{Township: "东风镇", Unit: "红旗村"}, Year: 2024,
			Body: analytics.VillagersCommittee, Message: "东风镇报表.xlsx:当选人员!第5行: 名册人数4人与当选人数5人不符", Quoted: []string{"东风镇报表.xlsx", "当选人员"}})
	s.Findings = analytics.Findings(s, analytics.Options{}) // the violations finding quotes the new check
	md := string(render(t, Builtin(), s, Config{}, Hant, "md"))
	if !strings.Contains(md, "刘丽（主任）得票300張") {
		t.Errorf("Traditional draft lacks 刘丽（主任）得票300張:\n%s", md)
	}
	if strings.Contains(md, "劉麗") {
		t.Error("Traditional draft converted the person's name 刘丽")
	}
}

// TestPartyCongressHantKeepsQuotedNames: the township party congress draft prints its checks under
// 存在的问题 too; a Traditional draft keeps the person a check quotes as written (刘丽, not 劉麗).
func TestPartyCongressHantKeepsQuotedNames(t *testing.T) {
	p := &analytics.PartyCongress{Level: analytics.LevelTownship, Year: 2024,
		Scope: analytics.Scope{County: "示例县", Township: "东风镇", Year: 2024},
		Checks: []analytics.Check{{Rule: "party_candidate_majority", Citation: "《中国共产党基层组织选举工作条例》", Severity: "违规",
			UnitRef: analytics.UnitRef{County: "示例县", Township: "东风镇"}, Year: 2024, Body: analytics.TownshipPartyCommittee,
			Message: "刘丽（委员）得赞成票40张，实到会90人，未超过半数", Quoted: []string{"刘丽"}}}}
	v := NewPartyCongressView(p, Config{})
	if len(v.Problems) == 0 {
		t.Fatal("no 存在的问题 item for the check")
	}
	var b strings.Builder
	if err := Builtin().DraftMarkdown(&b, v, Hant); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "刘丽（委員）得贊成票40張") {
		t.Errorf("Traditional draft lacks 刘丽（委員）得贊成票40張:\n%s", b.String())
	}
}
