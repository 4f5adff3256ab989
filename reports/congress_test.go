package reports

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"electsum/analytics"
)

// summarizeCongress is the people's congress model of scope in db, with a fixed clock.
func summarizeCongress(t *testing.T, db *sql.DB, scope analytics.Scope) *analytics.Congress {
	t.Helper()
	c, err := analytics.SummarizeCongress(context.Background(), db, scope, analytics.Options{Now: draftNow})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// draftBytes renders the draft d with the built-in templates in script and format (md or html).
func draftBytes(t *testing.T, d Draft, script Script, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	var err error
	if format == "html" {
		err = Builtin().DraftHTML(&buf, d, script)
	} else {
		err = Builtin().DraftMarkdown(&buf, d, script)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestCongressDraft renders the people's congress draft of a generated county and checks that its
// figures are the model's, in the standard layout, in both scripts, against the goldens
// (demo-renda-*), county and township.
func TestCongressDraft(t *testing.T) {
	db := loadWorld(t, demoWorld(true))
	c := summarizeCongress(t, db, analytics.Scope{Year: 2024})
	v := NewCongressView(c, Config{})
	text := string(draftBytes(t, v, Hans, "md"))
	l := c.Levels[0]
	for _, want := range []string{
		"# 示例县2024年县乡两级人大换届选举工作总结", "## 一、基本情况", "### （一）县级人大代表选举情况", "### （二）乡级人大代表选举情况",
		"## 二、主要做法", "【待补充：主要做法】", "## 五、下步打算", "附件：1．选民登记统计表",
		"登记率为" + Pct(l.RegistrationRate.Current), "参选率为" + Pct(l.Turnout.Current),
		"差额比例为" + Pct(l.Margin.Current), "共划分选区" + Count(l.Constituencies.Current, "个"),
		"女性" + Count(l.Deputies.Women.Count.Current, "名") + "，占" + Pct(l.Deputies.Women.Share.Current),
		builtinWords.PP(l.Deputies.Women.Share),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("draft lacks %q", want)
		}
	}
	golden(t, "demo-renda-county.md", []byte(text))
	golden(t, "demo-renda-county.hant.md", draftBytes(t, v, Hant, "md"))
	golden(t, "demo-renda-county.html", draftBytes(t, v, Hans, "html"))
	township := c.Constituencies[len(c.Constituencies)-1].Township
	tv := NewCongressView(summarizeCongress(t, db, analytics.Scope{Township: township, Year: 2024}), Config{})
	golden(t, "demo-renda-township.md", draftBytes(t, tv, Hans, "md"))
}

// TestKindsApart loads one county's village, people's congress and township party congress elections
// together, and each kind alone: each draft of the county holding all is the draft of its own kind
// alone, so the village drafts show no deputies nor 乡镇党委, the people's congress draft no committee
// figures and the party congress draft neither.
func TestKindsApart(t *testing.T) {
	both := demoWorld(true)
	villagesOnly, congressOnly, partyOnly := *both, *both, *both
	villagesOnly.Congress, villagesOnly.PartyCongress = nil, nil
	congressOnly.Townships, congressOnly.PartyCongress = nil, nil
	partyOnly.Townships, partyOnly.Congress = nil, nil
	dbBoth, dbVillages, dbCongress := loadWorld(t, both), loadWorld(t, &villagesOnly), loadWorld(t, &congressOnly)
	dbParty := loadWorld(t, &partyOnly)
	ctx := context.Background()
	opts := draftOptions()
	township := both.Townships[0].Name
	for _, scope := range []analytics.Scope{{County: "示例县", Year: 2024}, {County: "示例县", Township: township, Year: 2024}} {
		var drafts [2][]byte
		for i, db := range []*sql.DB{dbBoth, dbVillages} {
			s, err := analytics.Summarize(ctx, db, scope, opts)
			if err != nil {
				t.Fatal(err)
			}
			drafts[i] = render(t, Builtin(), s, testConfig(), Hans, "md")
		}
		if !bytes.Equal(drafts[0], drafts[1]) {
			t.Errorf("%s: the village draft of the county holding both kinds differs from the villages' alone", scope.Township)
		}
		for _, word := range []string{"人大代表", "选区", "乡镇党委", "纪委", "党代会"} {
			if bytes.Contains(drafts[0], []byte(word)) {
				t.Errorf("%s: the village draft shows %s:\n%s", scope.Township, word, drafts[0])
			}
		}
		party := [2][]byte{
			draftBytes(t, NewPartyCongressView(summarizePartyCongress(t, dbBoth, scope), Config{}), Hans, "md"),
			draftBytes(t, NewPartyCongressView(summarizePartyCongress(t, dbParty, scope), Config{}), Hans, "md"),
		}
		if !bytes.Equal(party[0], party[1]) {
			t.Errorf("%s: the party congress draft of the county holding all kinds differs from the party congresses' alone", scope.Township)
		}
		for _, word := range []string{"村民委员会", "村党组织", "社区", "一肩挑", "交叉任职", "人大", "选区", "选民"} {
			if bytes.Contains(party[0], []byte(word)) {
				t.Errorf("%s: the party congress draft shows %s:\n%s", scope.Township, word, party[0])
			}
		}
		congress := [2][]byte{
			draftBytes(t, NewCongressView(summarizeCongress(t, dbBoth, scope), Config{}), Hans, "md"),
			draftBytes(t, NewCongressView(summarizeCongress(t, dbCongress, scope), Config{}), Hans, "md"),
		}
		if !bytes.Equal(congress[0], congress[1]) {
			t.Errorf("%s: the people's congress draft of the county holding both kinds differs from the congress's alone", scope.Township)
		}
		for _, word := range []string{"村民委员会", "党组织", "一肩挑", "交叉任职", "书记"} {
			if bytes.Contains(congress[0], []byte(word)) {
				t.Errorf("%s: the people's congress draft shows %s:\n%s", scope.Township, word, congress[0])
			}
		}
	}
}

// summarizePartyCongress is the township party congress model of scope in db, with a fixed clock.
func summarizePartyCongress(t *testing.T, db *sql.DB, scope analytics.Scope) *analytics.PartyCongress {
	t.Helper()
	p, err := analytics.SummarizePartyCongress(context.Background(), db, scope, analytics.Options{Now: draftNow})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPartyCongressDraft renders the township party congress draft of a generated county and checks
// that its figures are the model's, in the standard layout, in both scripts, against the goldens
// (demo-dangdaihui-*), county and township.
func TestPartyCongressDraft(t *testing.T) {
	db := loadWorld(t, demoWorld(true))
	p := summarizePartyCongress(t, db, analytics.Scope{Year: 2024})
	v := NewPartyCongressView(p, Config{})
	text := string(draftBytes(t, v, Hans, "md"))
	b := p.Bodies[0]
	for _, want := range []string{
		"# 示例县2024年乡镇党代会换届选举工作总结", "## 一、基本情况", "### （一）党委委员选举情况", "### （二）纪委委员选举情况",
		"### （三）出席上级党代会代表选举情况", "## 二、主要做法", "【待补充：主要做法】", "附件：1．党代会选举情况统计表",
		"到会率为" + Pct(b.Attendance.Current), "差额比例为" + Pct(b.Margin.Current),
		"所得赞成票合计占其选举有效票合计的" + Pct(b.Approval.Current) + "（赞成票率），个人赞成票率最低为" + Pct(b.Lowest.Rate),
		"女性" + Count(b.Members.Women.Count.Current, "名") + "，占" + Pct(b.Members.Women.Share.Current),
		"平均年龄" + builtinWords.Age(b.Members.AverageAge.Current) + "，" + builtinWords.Years(b.Members.AverageAge),
		"本次换届共选举产生党委委员" + Count(b.Elected.Current, "名"),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("draft lacks %q", want)
		}
	}
	golden(t, "demo-dangdaihui-county.md", []byte(text))
	golden(t, "demo-dangdaihui-county.hant.md", draftBytes(t, v, Hant, "md"))
	golden(t, "demo-dangdaihui-county.html", draftBytes(t, v, Hans, "html"))
	township := p.Meetings[len(p.Meetings)-1].Township
	tv := NewPartyCongressView(summarizePartyCongress(t, db, analytics.Scope{Township: township, Year: 2024}), Config{})
	golden(t, "demo-dangdaihui-township.md", draftBytes(t, tv, Hans, "md"))
}

// TestCongressChecksAreTheViolationsFinding: the legal-check failures of the 人大 and 党代会 drafts are
// the violations finding of 存在的问题, worded by finding.violations (a folder's own findings.md.tmpl
// rewords them), and name every check: their annexes have no 数据核对 sheet to refer to.
func TestCongressChecksAreTheViolationsFinding(t *testing.T) {
	var checks []analytics.Check
	for i := 1; i <= 7; i++ {
		checks = append(checks, analytics.Check{Rule: "party_candidate_majority", Citation: "《中国共产党基层组织选举工作条例》",
			Severity: analytics.SeverityViolation, UnitRef: analytics.UnitRef{County: "示例县", Township: "东风镇"}, Year: 2024,
			Body: analytics.TownshipPartyCommittee, Message: fmt.Sprintf("候选人%d得赞成票40张，实到会90人，未超过半数", i)})
	}
	p := &analytics.PartyCongress{Level: analytics.LevelTownship, Year: 2024,
		Scope: analytics.Scope{County: "示例县", Township: "东风镇", Year: 2024}, Checks: checks}
	c := &analytics.Congress{Level: analytics.LevelTownship, Year: 2024,
		Scope: analytics.Scope{County: "示例县", Township: "东风镇", Year: 2024}, Checks: checks}
	cfg := Config{Problems: []Item{{Heading: "宣传不够深入", Text: "个别村宣传不到位。"}}}

	fsys := builtinFolder(t, func(n string, b []byte) []byte {
		if n == "findings.md.tmpl" {
			b = bytes.ReplaceAll(b, []byte("个别选举程序不够规范"), []byte("部分选举程序存在瑕疵"))
		}
		return b
	})
	own, err := NewRenderer(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []Draft{NewPartyCongressView(p, cfg), NewCongressView(c, cfg)} {
		for _, r := range []struct {
			r    *Renderer
			want string
		}{{Builtin(), "（一）个别选举程序不够规范。经对照法律法规核查，发现7处不符合规定的情况："}, {own, "（一）部分选举程序存在瑕疵。"}} {
			var b strings.Builder
			if err := r.r.DraftMarkdown(&b, d, Hans); err != nil {
				t.Fatal(err)
			}
			md := b.String()
			for _, w := range []string{r.want, "候选人1得赞成票40张", "候选人7得赞成票40张，实到会90人，未超过半数（《中国共产党基层组织选举工作条例》）。",
				"（二）宣传不够深入。个别村宣传不到位。"} {
				if !strings.Contains(md, w) {
					t.Errorf("%T draft lacks %q:\n%s", d, w, md)
				}
			}
			if strings.Contains(md, "数据核对") {
				t.Errorf("%T draft refers to a 数据核对 sheet its annex lacks:\n%s", d, md)
			}
		}
	}
}

// TestPartyCongressSaysAttendanceOnce: the bodies of a township party congress are elected at the same
// meetings, so their 到会 figures are said once, before the bodies (the draft repeated them under each of
// the three); a body whose figures differ (a vote held apart) keeps its own 1．到会情况 in every section.
func TestPartyCongressSaysAttendanceOnce(t *testing.T) {
	db := loadWorld(t, demoWorld(true))
	for _, scope := range []analytics.Scope{{Year: 2024}, {Township: demoWorld(true).Townships[0].Name, Year: 2024}} {
		p := summarizePartyCongress(t, db, scope)
		md := string(draftBytes(t, NewPartyCongressView(p, Config{}), Hans, "md"))
		if n := strings.Count(md, "应到会代表"); n != 1 {
			t.Errorf("%v: 应到会代表 said %d times, want once:\n%s", scope, n, md)
		}
		if strings.Contains(md, "到会情况") || !strings.Contains(md, "1．候选人和差额情况") {
			t.Errorf("%v: sections still have a 到会情况 part:\n%s", scope, md)
		}
		b := p.Bodies[0]
		head := strings.SplitN(md, "### （一）", 2)[0]
		if !strings.Contains(head, "实到会代表"+Count(b.Present.Current, "名")+"，到会率为"+Pct(b.Attendance.Current)) {
			t.Errorf("%v: the shared 到会 paragraph lacks the figures:\n%s", scope, head)
		}
		p.Bodies[2].Present.Current.V--
		md = string(draftBytes(t, NewPartyCongressView(p, Config{}), Hans, "md"))
		if n := strings.Count(md, "1．到会情况"); n != 3 {
			t.Errorf("%v: bodies with different 到会 figures: 1．到会情况 %d times, want 3:\n%s", scope, n, md)
		}
	}
}

// summarizeCommunityParty is the 社区党组织 model of scope in db, with a fixed clock.
func summarizeCommunityParty(t *testing.T, db *sql.DB, scope analytics.Scope) *analytics.PartyCongress {
	t.Helper()
	fixed := time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC)
	p, err := analytics.SummarizeCommunityParty(context.Background(), db, scope, analytics.Options{Now: func() time.Time { return fixed }})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCommunityPartyDraft renders the 社区党组织 draft (篇3) of a generated county and checks that its
// figures are the model's, in the standard layout, in both scripts, against the goldens
// (demo-shequdangzuzhi-*), county and township.
func TestCommunityPartyDraft(t *testing.T) {
	db := loadWorld(t, demoWorld(true))
	p := summarizeCommunityParty(t, db, analytics.Scope{Year: 2024})
	v := NewPartyCongressView(p, Config{})
	text := string(draftBytes(t, v, Hans, "md"))
	b := p.Bodies[0]
	m := b.Members
	want := []string{
		"# 示例县2024年社区党组织换届选举工作总结", "## 一、基本情况", "1．选举方式。", "## 二、主要做法", "【待补充：主要做法】",
		"附件：1．社区党组织选举情况统计表",
		Count(b.Meetings.Current, "个社区党组织") + "完成换届选举，共选举产生社区党组织委员" + Count(m.Total.Current, "名"),
		"到会率为" + Pct(b.Attendance.Current), "差额比例为" + Pct(b.Margin.Current),
		"委员所得赞成票合计占其选举有效票合计的" + Pct(b.Approval.Current) + "（赞成票率），个人赞成票率最低为" + Pct(b.Lowest.Rate),
		"新当选的社区党组织书记" + Count(m.Heads.Current, "名"),
		"在新当选的" + Count(m.Total.Current, "名") + "社区党组织委员中，",
	}
	if b.ApprovalCounted.V < m.Total.Current.V {
		want = append(want, "填报了得票数的"+Count(b.ApprovalCounted, "名")+"委员")
	}
	for _, x := range b.Methods {
		switch x.Label {
		case "党员大会":
			want = append(want, Count(x.Units, "个社区")+"召开党员大会进行选举，参加选举的党员"+Count(x.Present, "名"))
		case "党员代表大会":
			want = append(want, Count(x.Units, "个社区")+"召开党员代表大会进行选举，参加选举的党员代表"+Count(x.Present, "名"))
		}
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("draft lacks %q", w)
		}
	}
	for _, not := range []string{"乡镇党委", "纪委委员", "出席上级", "村民委员会", "居民委员会", "【待补充：选举方式】"} {
		if strings.Contains(text, not) {
			t.Errorf("draft has %q", not)
		}
	}
	golden(t, "demo-shequdangzuzhi-county.md", []byte(text))
	golden(t, "demo-shequdangzuzhi-county.hant.md", draftBytes(t, v, Hant, "md"))
	golden(t, "demo-shequdangzuzhi-county.html", draftBytes(t, v, Hans, "html"))
	township := p.Meetings[len(p.Meetings)-1].Township
	tv := NewPartyCongressView(summarizeCommunityParty(t, db, analytics.Scope{Township: township, Year: 2024}), Config{})
	golden(t, "demo-shequdangzuzhi-township.md", draftBytes(t, tv, Hans, "md"))
}

// The people's congress and party congress drafts follow the data's script, as the 两委 draft does: a
// county whose sheets are in Traditional gets all three drafts in Traditional.
func TestCongressDraftsFollowTheDataScript(t *testing.T) {
	for _, tc := range []struct {
		county, township, unit string
		want                   Script
	}{{"示例县", "东风镇", "第一选区", Hans}, {"示例縣", "東風鎮", "第一選區", Hant}} {
		scope := analytics.Scope{County: tc.county, Township: tc.township, Year: 2024}
		c := &analytics.Congress{Level: analytics.LevelTownship, Year: 2024, Scope: scope,
			Constituencies: []analytics.Constituency{{UnitRef: analytics.UnitRef{County: tc.county, Township: tc.township, Unit: tc.unit}}}}
		p := &analytics.PartyCongress{Level: analytics.LevelTownship, Year: 2024, Scope: scope}
		for _, d := range []Draft{NewCongressView(c, Config{}), NewPartyCongressView(p, Config{})} {
			if got := d.DataScript(); got != tc.want {
				t.Errorf("%T of %s: DataScript %q, want %q", d, tc.township, got, tc.want)
			}
		}
	}
}
