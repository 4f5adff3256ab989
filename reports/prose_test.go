package reports

import (
	"fmt"
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
		{"heads' 连任 names its base", townshipFixture, []string{"连任书记3人，占书记总数的75.0%，新任书记1人，占25.0%"}, []string{"；连任3人，占75.0%"}},
		{"heads' 连任 over the heads with a previous head", func() *analytics.Summary {
			s := townshipFixture()
			h := &s.Bodies[1].Heads
			h.Reelected, h.New = part("连任", 2, 3, none, 0), part("新当选", 1, 3, none, 0)
			h.Reelected.Partial, h.New.Partial = true, true
			return s
		}, []string{"所在村上届也有主任的3人中，连任2人，占66.7%，新任1人，占33.3%。"}, []string{"占主任总数"}},
		{"heads all re-elected among those with a previous head", func() *analytics.Summary {
			s := townshipFixture()
			h := &s.Bodies[1].Heads
			h.Reelected, h.New = part("连任", 3, 3, none, 0), part("新当选", 0, 3, none, 0)
			h.Reelected.Partial, h.New.Partial = true, true
			return s
		}, []string{"所在村上届也有主任的3人均为连任。"}, []string{"新任0人"}},
		{"all at the first round", townshipFixture, []string{"全镇4个村完成村党组织换届选举，均一次选举成功。"}, []string{"4个村一次选举成功", "一次选举成功，占100.0%"}},
		{"none at the first round", func() *analytics.Summary {
			s := townshipFixture()
			s.Bodies[0].Seats.FirstRound = part("一次选举成功", 0, 4, none, 0)
			return s
		}, []string{"全镇4个村完成村党组织换届选举，均未能一次选举成功。"}, []string{"0个村一次选举成功", "占0.0%"}},
		{"one unit, failed at the first round", func() *analytics.Summary {
			s := townshipFixture()
			s.Bodies[0].Participation.Units = fig(1, none)
			s.Bodies[0].Seats.FirstRound = part("一次选举成功", 0, 1, none, 0)
			return s
		}, []string{"全镇1个村完成村党组织换届选举，未能一次选举成功。"}, []string{"均未能", "0个村"}},
		{"every reporting unit at the first round", func() *analytics.Summary {
			s := townshipFixture()
			s.Bodies[0].Seats.FirstRound = part("一次选举成功", 3, 3, none, 0)
			s.Bodies[0].Seats.FirstRound.Partial = true
			return s
		}, []string{"完成村党组织换届选举，填报了是否一次选举成功的3个村均一次选举成功。"}, []string{"一次选举成功，占100.0%"}},
		{"every village cross-appointed", townshipFixture, []string{"4个村均实现“两委”成员交叉任职，交叉任职6人"}, []string{"交叉任职，占100.0%"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			md := string(render(t, Builtin(), tc.summary(), Config{}, Hans, "md"))
			saysAll(t, md, tc.want, tc.not)
		})
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

// TestCongressKindsSayNoZero pins the rule "no zero clauses" on the people's congress and township party
// congress drafts: a count that is zero is never printed as a clause (经批准剔除0名, 0个选区一次选足,
// 1次选举…，占100.0%), a share's 百分点 is never printed without its group (在…代表中，比上届下降25.0个百分点),
// and women or 非中共党员 nobody is among are said as a negative.
func TestCongressKindsSayNoZero(t *testing.T) {
	db := loadWorld(t, demoWorld(true))
	county := analytics.Scope{Year: 2024}
	township := county
	township.Township = demoWorld(true).Townships[0].Name
	for _, tc := range []struct {
		name      string
		scope     analytics.Scope
		party     func(*analytics.PartyCongress)
		congress  func(*analytics.Congress)
		want, not []string
	}{
		{name: "nobody excused", scope: township, party: func(p *analytics.PartyCongress) {
			p.Bodies[0].Excused = fig(0, 2)
			p.Bodies[0].Due, p.Bodies[0].Present = fig(120, 118), fig(110, 113)
		}, want: []string{"应到会代表120名，实到会代表110名"}, not: []string{"剔除0名"}},
		{name: "quorum met by the one election", scope: township, party: func(p *analytics.PartyCongress) {
			p.Bodies[0].QuorumMet = part("达到五分之四", 1, 1, 1, 1)
			p.Bodies[0].QuorumMet.Base = v(1)
		}, want: []string{"。有选举权的到会人数超过应到会人数（除批准剔除）的五分之四。"}, not: []string{"1次选举", "五分之四，占100.0%"}},
		{name: "quorum met by every election", scope: county, party: func(p *analytics.PartyCongress) {
			p.Bodies[0].QuorumMet = part("达到五分之四", 3, 3, 3, 3)
			p.Bodies[0].QuorumMet.Base = v(3)
		}, want: []string{"各次选举有选举权的到会人数均超过应到会人数（除批准剔除）的五分之四。"}, not: []string{"3次选举", "五分之四，占100.0%"}},
		{name: "quorum met by some", scope: county, party: func(p *analytics.PartyCongress) {
			p.Bodies[0].QuorumMet = part("达到五分之四", 2, 3, 3, 3)
			p.Bodies[0].QuorumMet.Base = v(3)
		}, want: []string{"2次选举有选举权的到会人数超过应到会人数（除批准剔除）的五分之四，占66.7%。"}},
		{name: "quorum met by none", scope: county, party: func(p *analytics.PartyCongress) {
			p.Bodies[0].QuorumMet = part("达到五分之四", 0, 3, 3, 3)
			p.Bodies[0].QuorumMet.Base = v(3)
		}, want: []string{"各次选举有选举权的到会人数均未超过应到会人数（除批准剔除）的五分之四。"}, not: []string{"0次选举"}},
		{name: "no woman on the 纪委", scope: township, party: func(p *analytics.PartyCongress) {
			m := &p.Bodies[1].Members
			m.Total = fig(3, 3)
			m.Women, m.College = part("女", 0, 3, 1, 3), part("大专及以上", 0, 3, 2, 3)
		}, want: []string{"在新当选的3名纪委委员中，没有女性，比上届减少1名；"}, not: []string{"女性0名", "中，比上届", "；比上届", "大专及以上文化程度的0名"}},
		{name: "no woman deputy, none before", scope: township, congress: func(c *analytics.Congress) {
			d := &c.Levels[0].Deputies
			d.Total = fig(5, 4)
			d.Women = part("女性", 0, 5, 0, 4)
		}, want: []string{"在新当选的5名县级人大代表中，与上届一样没有女性代表；"}, not: []string{"女性0名", "女性代表所占比例与上届持平"}},
		{name: "no woman nor cadre deputy", scope: township, congress: func(c *analytics.Congress) {
			d := &c.Levels[0].Deputies
			d.Total = fig(5, 4)
			d.Women, d.NonParty = part("女性", 0, 5, 1, 4), part("非中共党员", 0, 5, 1, 4)
			d.Categories[3] = part("干部", 0, 5, 2, 4)
		}, want: []string{"在新当选的5名县级人大代表中，没有女性代表，比上届减少1名；没有非中共党员代表，比上届减少1名；"},
			not: []string{"中，比上届", "；比上届", "党政领导干部代表0名"}},
		{name: "no 选区 filled at the first round", scope: township, congress: func(c *analytics.Congress) {
			r := c.Levels[0].Rounds
			r[0], r[1] = part("一次选足", 0, 3, none, 0), part("另行选举", 3, 3, none, 0)
		}, want: []string{"3个选区经另行选举选足，占100.0%。"}, not: []string{"0个选区"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var md string
			if tc.party != nil {
				p := summarizePartyCongress(t, db, tc.scope)
				tc.party(p)
				md = string(draftBytes(t, NewPartyCongressView(p, Config{}), Hans, "md"))
			} else {
				c := summarizeCongress(t, db, tc.scope)
				tc.congress(c)
				md = string(draftBytes(t, NewCongressView(c, Config{}), Hans, "md"))
			}
			saysAll(t, md, tc.want, tc.not)
		})
	}
}

// TestVoteDataErrorsAreNotes: a 数据错误 check (得票数 above 有效票数, analytics.RuleVotesOverBallots) is a
// 数据核对 note in the people's congress and party congress drafts, never an item of 四、存在的问题 with an
// empty provision.
func TestVoteDataErrorsAreNotes(t *testing.T) {
	db := loadWorld(t, demoWorld(true))
	scope := analytics.Scope{Year: 2024, Township: demoWorld(true).Townships[0].Name}
	msg := "王五（代表）得票1895张，多于该选举的有效票1890张：得票数不能超过有效票数，请核对选举结果和当选人员"
	ch := analytics.Check{Rule: analytics.RuleVotesOverBallots, Severity: analytics.SeverityDataError, Message: msg,
		UnitRef: analytics.UnitRef{Township: scope.Township, Unit: "第一选区"}, Year: 2024, Quoted: []string{"王五"}}
	c := summarizeCongress(t, db, scope)
	c.Checks = append(c.Checks, ch)
	p := summarizePartyCongress(t, db, scope)
	p.Checks = append(p.Checks, ch)
	for name, md := range map[string]string{
		"renda":      string(draftBytes(t, NewCongressView(c, Config{}), Hans, "md")),
		"dangdaihui": string(draftBytes(t, NewPartyCongressView(p, Config{}), Hans, "md")),
	} {
		problems, notes, ok := strings.Cut(md, "## 数据核对")
		if !ok || !strings.Contains(notes, msg) {
			t.Errorf("%s: the 数据核对 notes lack the data error:\n%s", name, md)
		}
		if strings.Contains(problems, msg) || strings.Contains(problems, "（）") {
			t.Errorf("%s: the data error is among the problems:\n%s", name, problems)
		}
	}
}

// TestListsNameTheirNoun: a list of units cut short says what the rest are (等7个村, 等12个社区), not 等7个,
// and 个别 is for at most three units, 部分 for more (issue 10 prose).
func TestListsNameTheirNoun(t *testing.T) {
	units := func(n int) []analytics.Named {
		out := make([]analytics.Named, n)
		for i := range out {
			out[i] = analytics.Named{UnitRef: analytics.UnitRef{Township: "东镇", Unit: fmt.Sprintf("%d号", i+1)}, Rate: analytics.Known(80)}
		}
		return out
	}
	for _, tc := range []struct {
		f    analytics.Finding
		want string
	}{
		{analytics.Finding{Kind: analytics.FindingLowTurnout, DistinctUnits: analytics.Known(7), Items: []analytics.Finding{{Body: analytics.VillagersCommittee, Threshold: 90, Units: units(7)}}}, "等7个村"},
		{analytics.Finding{Kind: analytics.FindingLowTurnout, DistinctUnits: analytics.Known(7), Items: []analytics.Finding{{Body: analytics.VillagersCommittee, Threshold: 90, Units: units(7)}}}, "部分村参选率偏低"},
		{analytics.Finding{Kind: analytics.FindingSecondRound, DistinctUnits: analytics.Known(2), Items: []analytics.Finding{{Body: analytics.PartyBranch, Units: units(2)}, {Body: analytics.VillagersCommittee, Units: units(1)}}}, "个别村未能一次选举成功"},
		{analytics.Finding{Kind: analytics.FindingSecondRound, DistinctUnits: analytics.Known(2), Items: []analytics.Finding{{Body: analytics.PartyBranch, Units: units(2)}, {Body: analytics.VillagersCommittee, Units: units(2)}}}, "个别村未能一次选举成功"},
		{analytics.Finding{Kind: analytics.FindingSecondRound, DistinctUnits: analytics.Known(4), Items: []analytics.Finding{{Body: analytics.PartyBranch, Units: units(4)}, {Body: analytics.VillagersCommittee, Units: units(2)}}}, "部分村未能一次选举成功"},
		{analytics.Finding{Kind: analytics.FindingSecondRound, DistinctUnits: analytics.Known(6), Items: []analytics.Finding{{Body: analytics.ResidentsCommittee, Units: units(6)}}}, "等6个社区）"},
		{analytics.Finding{Kind: analytics.FindingNoWoman, Body: "村", Part: part("无女性成员", 12, 40, none, 0), Units: units(12)}, "等12个村。"},
		{analytics.Finding{Kind: analytics.FindingNoWoman, Body: "村", Part: part("无女性成员", 12, 40, none, 0), Units: units(12)}, "部分村民委员会没有女性成员"},
		{analytics.Finding{Kind: analytics.FindingNoWoman, Body: "村", Part: part("无女性成员", 2, 40, none, 0), Units: units(2)}, "个别村民委员会没有女性成员"},
	} {
		text, err := Builtin().Finding(tc.f, "", analytics.LevelCounty)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, tc.want) {
			t.Errorf("%s: %q lacks %q", tc.f.Kind, text, tc.want)
		}
	}
}

// TestFewCountsEachUnitOnce makes the same two villages of a generated county fall below the turnout
// threshold and fail the first round in both 村党组织 and 村民委员会 (every other election at 100% and
// successful), recounts the villages with SQL of its own, and checks the county draft: two villages
// named under two bodies are 个别村 (two units), not 部分 (four listings), and are listed once for both
// bodies (TestSameUnitsListedOnce). The old template summed the bodies' lists.
func TestFewCountsEachUnitOnce(t *testing.T) {
	db := loadWorld(t, demoWorld(false))
	for _, q := range []string{
		`UPDATE elections SET voted = registered, first_round = true WHERE year = 2024`,
		`UPDATE elections SET voted = registered // 2, first_round = false
		 WHERE year = 2024 AND body IN ('村党组织', '村民委员会') AND (township, unit) IN (
		     SELECT (township, unit) FROM elections WHERE year = 2024 AND body = '村民委员会'
		     AND (township, unit) IN (SELECT (township, unit) FROM elections WHERE year = 2024 AND body = '村党组织')
		     ORDER BY township, unit LIMIT 2)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	var low, lowListed, second, secondListed int
	if err := db.QueryRow(`SELECT count(DISTINCT (township, unit)) FILTER (WHERE voted < registered), count(*) FILTER (WHERE voted < registered),
	        count(DISTINCT (township, unit)) FILTER (WHERE NOT first_round), count(*) FILTER (WHERE NOT first_round)
	    FROM elections WHERE year = 2024`).Scan(&low, &lowListed, &second, &secondListed); err != nil {
		t.Fatal(err)
	}
	if low != 2 || lowListed != 4 || second != 2 || secondListed != 4 {
		t.Fatalf("the test's data: %d villages in %d low-turnout elections, %d in %d second rounds; want 2 in 4", low, lowListed, second, secondListed)
	}
	county, _, _ := demoSummaries(t, db)
	draft := string(render(t, Builtin(), county, testConfig(), Hans, "md"))
	for _, want := range []string{"个别村参选率和党员到会率偏低。", "个别村未能一次选举成功。",
		"村党组织选举党员到会率和村民委员会选举参选率均低于90%的有2个村", "村党组织和村民委员会选举均有2个村未能一次选举成功"} {
		if !strings.Contains(draft, want) {
			t.Errorf("the draft lacks %q", want)
		}
	}
	for _, f := range county.Findings {
		if f.Kind == analytics.FindingLowTurnout || f.Kind == analytics.FindingSecondRound {
			sameInt(t, f.Kind+" distinct units", f.DistinctUnits, 2)
		}
	}
}
