package reports

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"electsum/analytics"
)

// TestSameUnitsListedOnce is issue 10's prose rule "the same villages not listed twice": in a generated
// county two villages A and B of one township fall below the turnout threshold under 村党组织 and
// 村民委员会 (at different rates), vote 15–30% by 流动票箱 under 村民委员会 and 村务监督委员会, and fail
// the first round under 村党组织 and 村民委员会, while 村务监督委员会 fails it in A alone; every other
// election is at 100% with no 流动票箱 votes and succeeds at once. The rates and the villages are
// recounted with SQL of its own. 存在的问题 must name A and B once for the bodies whose lists are the
// same (村党组织和村民委员会选举均有2个村…), each village with its rate under each body, and keep the
// 村务监督委员会's different list apart, at county (with the township), township and unit level (where
// all three bodies failed the first round in A: 村党组织、村民委员会和村务监督委员会选举均有…). The old
// templates listed A and B once per body.
func TestSameUnitsListedOnce(t *testing.T) {
	db := loadWorld(t, demoWorld(false))
	if _, err := db.Exec(`UPDATE elections SET voted = registered, first_round = true, mobile_votes = 0 WHERE year = 2024`); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT township, unit FROM elections WHERE year = 2024 AND county = '示例县'
	    GROUP BY township, unit HAVING count(*) FILTER (WHERE body IN ('村党组织', '村民委员会', '村务监督委员会')) = 3
	    ORDER BY township, unit LIMIT 2`)
	if err != nil {
		t.Fatal(err)
	}
	var townships, units []string
	for rows.Next() {
		var tw, u string
		if err := rows.Scan(&tw, &u); err != nil {
			t.Fatal(err)
		}
		townships, units = append(townships, tw), append(units, u)
	}
	rows.Close()
	if len(units) != 2 || townships[0] != townships[1] {
		t.Fatalf("the test's data: want two villages of one township with all three bodies, got %v %v", townships, units)
	}
	town, a, b := townships[0], units[0], units[1]
	set := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatal(err)
		}
	}
	const where = `WHERE year = 2024 AND township = ? AND unit = ? AND body = ?`
	for _, c := range []struct {
		unit, body      string
		turnout, mobile int // percent of registered voting, of voters by 流动票箱 (0: leave)
		failsFirstRound bool
	}{
		{a, "村党组织", 50, 0, true}, {b, "村党组织", 60, 0, true},
		{a, "村民委员会", 55, 30, true}, {b, "村民委员会", 65, 20, true},
		{a, "村务监督委员会", 0, 25, true}, {b, "村务监督委员会", 0, 15, false},
	} {
		if c.turnout > 0 {
			set(`UPDATE elections SET voted = registered * ? // 100 `+where, c.turnout, town, c.unit, c.body)
		}
		if c.mobile > 0 {
			set(`UPDATE elections SET mobile_votes = voted * ? // 100 `+where, c.mobile, town, c.unit, c.body)
		}
		if c.failsFirstRound {
			set(`UPDATE elections SET first_round = false `+where, town, c.unit, c.body)
		}
	}

	// The recount: each village's 到会率/参选率 and 流动票箱 share under each body, as the draft prints
	// them, and the villages each check names per body.
	rate := map[string]string{}   // unit|body -> turnout
	mobile := map[string]string{} // unit|body -> mobile share
	listed := map[string][]string{}
	rows, err = db.Query(`SELECT unit, body, voted, registered, mobile_votes,
	        voted < registered * 0.9, mobile_votes > voted * 0.1, NOT first_round
	    FROM elections WHERE year = 2024 AND county = '示例县' ORDER BY township, unit, body`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var unit, body string
		var voted, registered, mob int
		var low, high, second bool
		if err := rows.Scan(&unit, &body, &voted, &registered, &mob, &low, &high, &second); err != nil {
			t.Fatal(err)
		}
		k := unit + "|" + body
		rate[k] = Pct(analytics.Known(electsumShare(voted, registered)))
		mobile[k] = Pct(analytics.Known(electsumShare(mob, voted)))
		for check, on := range map[string]bool{"low": low, "mobile": high, "second": second} {
			if on {
				listed[check+"|"+body] = append(listed[check+"|"+body], unit)
			}
		}
	}
	rows.Close()
	for k, want := range map[string]string{
		"low|村党组织": a + " " + b, "low|村民委员会": a + " " + b, "low|村务监督委员会": "",
		"mobile|村民委员会": a + " " + b, "mobile|村务监督委员会": a + " " + b, "mobile|村党组织": "",
		"second|村党组织": a + " " + b, "second|村民委员会": a + " " + b, "second|村务监督委员会": a,
	} {
		if got := strings.Join(listed[k], " "); got != want {
			t.Fatalf("the test's data: %s names %q, want %q", k, got, want)
		}
	}

	opts := draftOptions()
	summarize := func(scope analytics.Scope) string {
		s, err := analytics.Summarize(context.Background(), db, scope, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range s.Findings {
			switch f.Kind {
			case analytics.FindingLowTurnout, analytics.FindingMobileVotes, analytics.FindingSecondRound:
				want := 2
				if scope.Unit != "" {
					want = 1
				}
				sameInt(t, f.Kind+" distinct units", f.DistinctUnits, want)
			}
			if f.Kind == analytics.FindingSecondRound && scope.Unit == "" {
				if len(f.Items) != 2 || fmt.Sprint(f.Items[0].Bodies) != "[村党组织 村民委员会]" || f.Items[1].Bodies != nil {
					t.Errorf("second_round items: want one for 村党组织 and 村民委员会, one for 村务监督委员会 alone; got %+v", f.Items)
				}
			}
		}
		return string(render(t, Builtin(), s, testConfig(), Hans, "md"))
	}
	both := func(prefix string, body1, body2 string, rates map[string]string) string {
		var out []string
		for _, u := range []string{a, b} {
			out = append(out, fmt.Sprintf("%s%s（%s%s、%s%s）", prefix, u, body1, rates[u+"|"+body1], body2, rates[u+"|"+body2]))
		}
		return strings.Join(out, "、")
	}
	for _, level := range []struct {
		name  string
		scope analytics.Scope
		in    string // the township before a village's name
	}{
		{"county", analytics.Scope{County: "示例县", Year: 2024}, town},
		{"township", analytics.Scope{County: "示例县", Township: town, Year: 2024}, ""},
	} {
		draft := summarize(level.scope)
		for _, want := range []string{
			"个别村参选率和党员到会率偏低。村党组织选举党员到会率和村民委员会选举参选率均低于90%的有2个村：" +
				both(level.in, "村党组织", "村民委员会", rate) + "。",
			"个别村流动票箱投票比例偏高。村民委员会和村务监督委员会选举均有2个村通过流动票箱投票的超过参加投票人数的10%：" +
				both(level.in, "村民委员会", "村务监督委员会", mobile) + "。",
			fmt.Sprintf("个别村未能一次选举成功。村党组织和村民委员会选举均有2个村未能一次选举成功（%[1]s%[2]s、%[1]s%[3]s）；村务监督委员会选举有1个村未能一次选举成功（%[1]s%[2]s）。", level.in, a, b),
		} {
			if !strings.Contains(draft, want) {
				t.Errorf("%s draft lacks %q", level.name, want)
			}
		}
	}
	draft := summarize(analytics.Scope{County: "示例县", Township: town, Unit: a, Year: 2024})
	for _, want := range []string{
		// Both fell since 2021 too: the joined problem says so after the rates (TestFallenTurnoutSaidOnceWhenJoined).
		fmt.Sprintf("参选率和党员到会率偏低。村党组织选举党员到会率和村民委员会选举参选率分别为%s、%s，均低于90%%，其中", rate[a+"|村党组织"], rate[a+"|村民委员会"]),
		fmt.Sprintf("流动票箱投票比例偏高。村民委员会和村务监督委员会选举通过流动票箱投票的分别占参加投票人数的%s、%s，均超过10%%。", mobile[a+"|村民委员会"], mobile[a+"|村务监督委员会"]),
		fmt.Sprintf("村党组织、村民委员会和村务监督委员会选举均有1个村未能一次选举成功（%s）。", a),
	} {
		if !strings.Contains(draft, want) {
			t.Errorf("unit draft lacks %q", want)
		}
	}
}

// TestOneCitationPerRule is issue 10's prose rule "one legal citation per rule, not five times": the
// violations of 存在的问题 come grouped by rule (analytics.ByRule, the rules in the order of their first
// check) and each rule is cited once, after the last of its checks. Three checks, two of one rule not
// next to each other: the draft cites each rule once and puts the two together. The old template cited
// the rule after every check.
func TestOneCitationPerRule(t *testing.T) {
	check := func(rule, citation, unit, msg string) analytics.Check {
		return analytics.Check{Rule: rule, Citation: citation, Severity: analytics.SeverityViolation, Year: 2024,
			UnitRef: analytics.UnitRef{County: "示例县", Township: "东风镇", Unit: unit}, Body: analytics.CountyDeputies, Message: msg}
	}
	a, b := "《甲法》关于甲的规定", "《乙法》关于乙的规定"
	c := &analytics.Congress{Level: analytics.LevelTownship, Year: 2024, Scope: analytics.Scope{County: "示例县", Township: "东风镇", Year: 2024},
		Checks: []analytics.Check{check("a", a, "第一选区", "甲一"), check("b", b, "第二选区", "乙二"), check("a", a, "第三选区", "甲三")}}
	draft := string(draftBytes(t, NewCongressView(c, Config{}), Hans, "md"))
	want := "发现3处不符合规定的情况：第一选区县级人大代表：甲一；第三选区县级人大代表：甲三（" + a + "）；第二选区县级人大代表：乙二（" + b + "）。"
	if !strings.Contains(draft, want) {
		t.Errorf("the draft lacks %q", want)
	}
	for _, cite := range []string{a, b} {
		if n := strings.Count(draft, cite); n != 1 {
			t.Errorf("%s cited %d times", cite, n)
		}
	}
}

// TestOpeningSaysTheYearOnce is issue 10's prose rule for the opening: the date span is the voting dates
// (the elections' dates) and the year is said once. The old opening read 我县于2024年3月3日至5月10日组织开展了
// 2024年村（社区）“两委”换届选举工作; it now reads 我县组织开展了村（社区）“两委”换届选举工作，2024年3月3日至
// 5月10日进行投票选举. Checked on the 两委 drafts (county, township, unit), the 人大 and 社区党组织 drafts, and the
// 党代会 drafts (county, township), whose opening read 我县于2024年7月4日至7月28日召开乡镇党的代表大会，完成了
// 2024年乡镇党委换届选举工作 and now says the year once: …召开乡镇党的代表大会，完成了乡镇党委换届选举工作.
func TestOpeningSaysTheYearOnce(t *testing.T) {
	db := loadWorld(t, demoWorld(true))
	county, township, unit := demoSummaries(t, db)
	openings := map[string]string{}
	for name, s := range map[string]*analytics.Summary{"county": county, "township": township, "unit": unit} {
		openings[name] = string(render(t, Builtin(), s, testConfig(), Hans, "md"))
	}
	openings["renda"] = string(draftBytes(t, NewCongressView(summarizeCongress(t, db, analytics.Scope{Year: 2024}), Config{}), Hans, "md"))
	openings["shequdangzuzhi"] = string(draftBytes(t, NewPartyCongressView(summarizeCommunityParty(t, db, analytics.Scope{Year: 2024}), Config{}), Hans, "md"))
	party := summarizePartyCongress(t, db, analytics.Scope{Year: 2024})
	openings["dangdaihui"] = string(draftBytes(t, NewPartyCongressView(party, Config{}), Hans, "md"))
	openings["dangdaihui township"] = string(draftBytes(t, NewPartyCongressView(
		summarizePartyCongress(t, db, analytics.Scope{Township: party.Meetings[0].Township, Year: 2024}), Config{}), Hans, "md"))
	for name, draft := range openings {
		i := strings.Index(draft, "\n\n")
		para := draft[i+2:]
		para = para[:strings.Index(para, "\n")]
		// A 党代会 is a meeting: its dates are those of the meeting (于…召开), not of a vote.
		voting := strings.HasPrefix(name, "dangdaihui") || strings.Contains(para, "进行投票选举")
		if n := strings.Count(para, "2024年"); n != 1 || !voting {
			t.Errorf("%s opening says 2024年 %d times or lacks 进行投票选举: %s", name, n, para)
		}
	}
}

// TestOpeningNamesTheTownshipsItHas is issue 10's prose rule "乡镇（街道） only when the county has 街道": the
// demo county's three townships include 枣平街道, and the opening names 乡镇（街道）; a county of 乡镇 only says
// 乡镇, and a city district of 街道 only says 街道 (the old opening said 乡镇（街道） in all three).
func TestOpeningNamesTheTownshipsItHas(t *testing.T) {
	db := loadWorld(t, demoWorld(true))
	county, _, _ := demoSummaries(t, db)
	if got := county.Subdistricts; got != analytics.Known(1) || county.Townships.Current != analytics.Known(3) {
		t.Fatalf("demo county: %v of %v townships are 街道, want 1 of 3", got, county.Townships.Current)
	}
	for _, c := range []struct {
		subdistricts float64
		want, not    string
	}{
		{0, "全县3个乡镇共", "街道"},
		{1, "全县3个乡镇（街道）共", ""},
		{3, "全县3个街道共", "乡镇"},
	} {
		county.Subdistricts = analytics.Known(c.subdistricts)
		draft := string(render(t, Builtin(), county, testConfig(), Hans, "md"))
		i := strings.Index(draft, "\n\n")
		opening := draft[i+2:]
		opening = opening[:strings.Index(opening, "\n")]
		if !strings.Contains(opening, c.want) || (c.not != "" && strings.Contains(opening, c.not)) {
			t.Errorf("%v of 3 townships are 街道: the opening should say %s (and not %q): %s", c.subdistricts, c.want, c.not, opening)
		}
	}
	// The 社区党组织 draft counts the townships of its communities' elections the same way.
	var townships, streets float64
	if err := db.QueryRow(`SELECT count(DISTINCT township), count(DISTINCT township) FILTER (WHERE township LIKE '%街道')
		FROM elections WHERE year = 2024 AND body = '社区党组织'`).Scan(&townships, &streets); err != nil {
		t.Fatal(err)
	}
	party := summarizeCommunityParty(t, db, analytics.Scope{Year: 2024})
	b := &party.Bodies[0]
	if b.Subdistricts != analytics.Known(streets) || b.Townships.Current != analytics.Known(townships) || streets == 0 || streets == townships {
		t.Fatalf("社区党组织: %v of %v townships are 街道, want %v of %v (and both kinds)", b.Subdistricts, b.Townships.Current, streets, townships)
	}
	for _, c := range []struct {
		subdistricts float64
		want         string
	}{{0, "个乡镇的"}, {streets, "个乡镇（街道）的"}, {townships, "个街道的"}} {
		b.Subdistricts = analytics.Known(c.subdistricts)
		draft := string(draftBytes(t, NewPartyCongressView(party, Config{}), Hans, "md"))
		if !strings.Contains(draft, fmt.Sprintf("全县%d%s", int(townships), c.want)) {
			t.Errorf("社区党组织, %v of %v townships are 街道: the opening should say 全县%d%s: %.300s", c.subdistricts, townships, int(townships), c.want, draft)
		}
	}
}

// TestCheckSheetIsNotAnAnnex is issue 10's prose rule "数据核对 is an internal sheet: not listed as 附件5 in
// the draft". The 两委 draft lists under 附件 only the sheets that go out with the summary, and its text never
// refers the reader to the 数据核对 sheet: with more than five checks, 存在的问题 names five and says 等N处, and
// the draft's 数据核对 notes (deleted before the draft goes out) tell the drafter the sheet has them all. The
// old draft listed 5．数据核对 and wrote 等（全部N处见附件“数据核对”）. The demo county's checks are repeated
// to pass five.
func TestCheckSheetIsNotAnAnnex(t *testing.T) {
	db := loadWorld(t, demoWorld(true))
	county, township, _ := demoSummaries(t, db)
	for name, s := range map[string]*analytics.Summary{"county": county, "township": township} {
		n := 0
		for i, f := range s.Findings {
			if f.Kind == analytics.FindingViolations {
				checks := f.Checks
				for len(f.Checks) <= 5 {
					f.Checks = append(f.Checks, checks...)
				}
				s.Findings[i], n = f, len(f.Checks)
			}
		}
		if n == 0 {
			t.Fatalf("%s: the demo has no violations finding", name)
		}
		draft := string(render(t, Builtin(), s, testConfig(), Hans, "md"))
		text, notes, ok := strings.Cut(draft, "## 数据核对")
		if !ok {
			t.Fatalf("%s draft has no 数据核对 notes:\n%s", name, draft)
		}
		if strings.Contains(text, "数据核对") {
			t.Errorf("%s draft refers to the 数据核对 sheet outside its notes:\n%s", name, text)
		}
		if want := fmt.Sprintf("等%d处。", n); !strings.Contains(text, want) {
			t.Errorf("%s: 存在的问题 lacks %q", name, want)
		}
		if want := fmt.Sprintf("全部%d处见附件工作簿的“数据核对”工作表", n); !strings.Contains(notes, want) {
			t.Errorf("%s: the notes lack %q:\n%s", name, want, notes)
		}
	}
}

// TestTwoCommitteesStructureHasItsHeading is issue 10's prose rule "headings match their paragraphs": the
// 两委 members' structure (…“两委”成员共N人…) stood under （四）村“两委”交叉任职和“一肩挑”情况. It now has its own
// numbered heading, …“两委”成员结构情况, and the 交叉任职 heading holds only 一肩挑, 交叉任职 and 女性成员.
func TestTwoCommitteesStructureHasItsHeading(t *testing.T) {
	db := loadWorld(t, demoWorld(true))
	county, township, _ := demoSummaries(t, db)
	for name, s := range map[string]*analytics.Summary{"county": county, "township": township} {
		draft := string(render(t, Builtin(), s, testConfig(), Hans, "md"))
		members, cross := 0, 0
		for _, sec := range strings.Split(draft, "\n### ")[1:] {
			heading, para, _ := strings.Cut(sec, "\n")
			para, _, _ = strings.Cut(strings.TrimLeft(para, "\n"), "\n\n")
			switch {
			case strings.HasSuffix(heading, "“两委”成员结构情况"):
				members++
				if !strings.Contains(para, "“两委”成员共") || strings.Contains(para, "一肩挑") {
					t.Errorf("%s: %s holds %s", name, heading, para)
				}
			case strings.HasSuffix(heading, "交叉任职和“一肩挑”情况"):
				cross++
				if strings.Contains(para, "成员共") || !strings.Contains(para, "一肩挑") {
					t.Errorf("%s: %s holds %s", name, heading, para)
				}
			}
		}
		if members == 0 || members != cross {
			t.Errorf("%s: %d structure headings, %d 交叉任职 headings", name, members, cross)
		}
	}
}

// TestUnitNameNotDoubled: a check names its unit and body as an office writes them, 南街社区党组织 and
// 高泉村党组织, never 南街社区社区党组织 or 高泉村村党组织 (the unit's name already ends with the kind the
// body is named after); 村民委员会 and 居民委员会 are the committees' own names and are kept whole
// (高泉村村民委员会). Checked in a village draft's 存在的问题 and in the notes of a 社区党组织 draft.
func TestUnitNameNotDoubled(t *testing.T) {
	check := func(unit string, body analytics.Body, msg string) analytics.Check {
		return analytics.Check{Rule: string(body), Citation: "《条例》关于" + msg + "的规定", Severity: analytics.SeverityViolation, Year: 2024,
			UnitRef: analytics.UnitRef{County: "示例县", Township: "东风镇", Unit: unit}, Body: body, Message: msg}
	}
	s := townshipFixture()
	s.Checks = []analytics.Check{check("南街社区", analytics.CommunityParty, "甲"), check("高泉村", analytics.PartyBranch, "乙"),
		check("高泉村", analytics.VillagersCommittee, "丙"), check("东城社区", analytics.ResidentsCommittee, "丁")}
	md := string(render(t, Builtin(), refind(s), Config{}, Hans, "md"))
	for _, want := range []string{"南街社区党组织：甲", "高泉村党组织：乙", "高泉村村民委员会：丙", "东城社区居民委员会：丁"} {
		if !strings.Contains(md, want) {
			t.Errorf("the draft lacks %q", want)
		}
	}
	for _, bad := range []string{"社区社区", "村村党组织"} {
		if strings.Contains(md, bad) {
			t.Errorf("the draft doubles the unit kind: %q", bad)
		}
	}
}

// TestNoUnitElectingBothBodiesSaid: with no unit that elected both the party organisation and the
// committee, 一肩挑 and 交叉任职 have no figure; the section says why instead of printing 0个村实现… or 占0.0%.
func TestNoUnitElectingBothBodiesSaid(t *testing.T) {
	s := townshipFixture()
	if len(s.TwoCommittees) == 0 {
		t.Fatal("the fixture has no 两委")
	}
	for i := range s.TwoCommittees {
		tc := &s.TwoCommittees[i]
		tc.OneShoulder, tc.CrossUnits, tc.CrossPersons = analytics.Part{}, analytics.Part{}, analytics.Part{}
	}
	md := string(render(t, Builtin(), refind(s), Config{}, Hans, "md"))
	if !strings.Contains(md, "当选人员名单的"+s.TwoCommittees[0].Kind+"，未统计“一肩挑”和交叉任职情况。") {
		t.Errorf("the draft does not say why 一肩挑 and 交叉任职 are not counted:\n%s", md)
	}
	for _, bad := range []string{"实现党组织书记", "交叉任职0", "占0.0%"} {
		if strings.Contains(md, bad) {
			t.Errorf("the draft prints %q without a unit that elected both bodies", bad)
		}
	}
}
