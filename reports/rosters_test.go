package reports

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"

	"electsum/analytics"
)

// membersParagraphs are the paragraphs of a 两委 draft's 一、基本情况 that state the members' figures:
// each body's members and heads, the two committees' structure and their 一肩挑/交叉任职.
func membersParagraphs(md string) []string {
	basics := md[strings.Index(md, "## 一、基本情况"):strings.Index(md, "## 二、")]
	var out []string
	for _, p := range strings.Split(basics, "\n") {
		if strings.HasPrefix(p, "共选出") || strings.Contains(p, "名书记中") || strings.Contains(p, "名主任中") ||
			strings.Contains(p, "“两委”成员共") || strings.Contains(p, "“一肩挑”") {
			out = append(out, p)
		}
	}
	return out
}

// Issue 9/10 (a figure the data cannot back is left out): a term whose members sheets were not all
// loaded — the previous term sent results only, or a township's roster is missing this term — has no
// members' comparison. Before, a county whose 2021 data were results only read
// 共选出村党组织成员243人，比上届增加243人, and one township's missing roster made 比上届减少 out of
// the townships that sent none.
func TestMissingRosterIsNeverCompared(t *testing.T) {
	ctx := context.Background()
	summarize := func(t *testing.T, db *sql.DB) (*analytics.Summary, string) {
		t.Helper()
		s, err := analytics.Summarize(ctx, db, analytics.Scope{County: "示例县", Year: 2024}, analytics.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		return s, string(render(t, Builtin(), s, Config{}, Hans, "md"))
	}
	exec := func(t *testing.T, db *sql.DB, q string, args ...any) {
		t.Helper()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	noComparison := func(t *testing.T, s *analytics.Summary, md string) {
		t.Helper()
		paragraphs := membersParagraphs(md)
		if len(paragraphs) == 0 {
			t.Fatalf("the draft states no members' figures:\n%s", md)
		}
		for _, p := range paragraphs {
			if strings.Contains(p, "上届") {
				t.Errorf("a members' paragraph compares with a previous term whose roster is not whole:\n%s", p)
			}
		}
		for _, b := range s.Bodies {
			if b.Members.Total.Previous.OK || b.Heads.Total.Previous.OK {
				t.Errorf("%s: the model has a previous members' figure (%v, heads %v)", b.Body, b.Members.Total.Previous, b.Heads.Total.Previous)
			}
		}
		for _, tc := range s.TwoCommittees {
			if tc.Persons.Total.Previous.OK || tc.OneShoulder.Count.Previous.OK {
				t.Errorf("%s“两委”: the model has a previous figure", tc.Kind)
			}
		}
		for _, f := range s.Findings {
			if f.Section != analytics.SectionDataCheck && (f.Kind == analytics.FindingWomen || f.Kind == analytics.FindingAge || f.Kind == analytics.FindingOneShoulder) && f.Improved {
				t.Errorf("成效 %s stands on a members' comparison", f.Kind)
			}
		}
	}

	t.Run("previous term results only", func(t *testing.T) {
		db := loadWorld(t, demoWorld(false))
		exec(t, db, "DELETE FROM members WHERE year = 2021")
		s, md := summarize(t, db)
		noComparison(t, s, md)
		if !strings.Contains(md, "上届没有当选人员名单，成员人数和结构未与上届比较") {
			t.Errorf("数据核对 does not say why the members are not compared:\n%s", md[strings.Index(md, "## 数据核对"):])
		}
		if strings.Contains(md, "不含没有当选人员名单") {
			t.Error("this term's roster is whole, yet the draft says units are left out")
		}
	})

	t.Run("one township without roster this term", func(t *testing.T) {
		db := loadWorld(t, demoWorld(false))
		var township string
		if err := db.QueryRowContext(ctx, "SELECT min(township) FROM members WHERE year = 2024").Scan(&township); err != nil {
			t.Fatal(err)
		}
		exec(t, db, "DELETE FROM members WHERE year = 2024 AND township = ?", township)
		var units int
		if err := db.QueryRowContext(ctx, `SELECT count(DISTINCT unit) FROM elections
			WHERE year = 2024 AND township = ? AND body = '村党组织' AND coalesce(elected, 1) > 0`, township).Scan(&units); err != nil {
			t.Fatal(err)
		}
		s, md := summarize(t, db)
		noComparison(t, s, md)
		pb := s.Body(analytics.PartyBranch)
		if len(pb.Unrostered) != units {
			t.Fatalf("村党组织: %d units without roster, want %d (%s's)", len(pb.Unrostered), units, township)
		}
		for _, u := range pb.Unrostered {
			if u.Township != township {
				t.Errorf("unit %v is named without roster, but only %s's roster is missing", u, township)
			}
		}
		if want := "共选出村党组织成员"; !strings.Contains(md, want) {
			t.Fatalf("no %s sentence", want)
		}
		sentence := md[strings.Index(md, "共选出村党组织成员"):]
		sentence = sentence[:strings.Index(sentence, "。")]
		if !strings.Contains(sentence, "（不含没有当选人员名单的") {
			t.Errorf("the members' sentence does not say which units it leaves out: %s", sentence)
		}
		var gaps *analytics.Finding
		for i, f := range s.Findings {
			if f.Kind == analytics.FindingRosterGaps && f.Body == analytics.PartyBranch {
				gaps = &s.Findings[i]
			}
			if f.Kind == analytics.FindingElectedMismatch && f.Body == analytics.PartyBranch {
				t.Error("elected_mismatch is noted beside roster_gaps, which explains it")
			}
		}
		if gaps == nil || len(gaps.Units) != units {
			t.Fatalf("no roster_gaps finding naming the %d units: %+v", units, gaps)
		}
		if !strings.Contains(md, fmt.Sprintf("- 村党组织：本届%d个村有选举结果", units)) {
			t.Errorf("数据核对 does not name the units without roster:\n%s", md[strings.Index(md, "## 数据核对"):])
		}
	})

	t.Run("no roster this term", func(t *testing.T) {
		db := loadWorld(t, demoWorld(false))
		exec(t, db, "DELETE FROM members WHERE year = 2024")
		s, md := summarize(t, db)
		if got := AnnexSheets(s); !slices.Equal(got, []AnnexSheet{SheetElections, SheetCompare, SheetProblemUnits}) {
			t.Errorf("annex sheets without a roster: %v", got)
		}
		annex := md[strings.Index(md, "附件："):]
		annex = annex[:strings.Index(annex, "\n\n")]
		for _, title := range []string{"成员结构统计表", "当选人员名册"} {
			if strings.Contains(annex, title) {
				t.Errorf("附件 lists %s, which would be empty:\n%s", title, annex)
			}
		}
		if !strings.Contains(annex, "3．存在问题的村（社区）名单") {
			t.Errorf("附件 is not numbered after what it lists:\n%s", annex)
		}
		if strings.Contains(md, "全部名单见附件5") {
			t.Error("a cut list refers to 附件5, which is now 附件3")
		}
	})
}

// The same for the people's congress and the township party congress: a township's 当选名单 not sent
// leaves the roster short of those the results elected. Before, the drafts read 在新当选的67名县级人大代表中
// (73 were elected) and 在新当选的77名党委委员中 (84), each share compared with the previous term's whole.
func TestShortRostersAreNeverCompared(t *testing.T) {
	// shortened is what a kind's model and draft say of body: elected, listed and unlisted this term,
	// whether any share keeps a previous figure, and the draft's paragraph of its make-up.
	type shortened struct {
		elected, listed, unlisted analytics.Value
		compared                  bool
		md                        string
	}
	for _, c := range []struct {
		body      analytics.Body
		sentence  string
		summarize func(t *testing.T, db *sql.DB) shortened
	}{
		{analytics.CountyDeputies, "在当选代表名册所列的%d名县级人大代表中（另有%d名当选代表未列入名册）", func(t *testing.T, db *sql.DB) shortened {
			m := summarizeCongress(t, db, analytics.Scope{Year: 2024})
			for _, l := range m.Levels {
				if l.Body == analytics.CountyDeputies {
					d := l.Deputies
					return shortened{l.Elected.Current, d.Total.Current, d.Unlisted, d.Total.Previous.OK || d.Women.Share.Previous.OK || d.NonParty.Share.Previous.OK,
						string(draftBytes(t, NewCongressView(m, Config{}), Hans, "md"))}
				}
			}
			t.Fatal("no 县级人大代表")
			return shortened{}
		}},
		{analytics.TownshipPartyCommittee, "在当选名单所列的%d名党委委员中（另有%d名当选党委委员未列入名单）", func(t *testing.T, db *sql.DB) shortened {
			p := summarizePartyCongress(t, db, analytics.Scope{Year: 2024})
			for _, b := range p.Bodies {
				if b.Body == analytics.TownshipPartyCommittee {
					m := b.Members
					return shortened{b.Elected.Current, m.Total.Current, m.Unlisted, m.Total.Previous.OK || m.Women.Share.Previous.OK || m.AverageAge.Previous.OK,
						string(draftBytes(t, NewPartyCongressView(p, Config{}), Hans, "md"))}
				}
			}
			t.Fatal("no 乡镇党委")
			return shortened{}
		}},
	} {
		t.Run(string(c.body), func(t *testing.T) {
			db := loadWorld(t, demoWorld(true))
			if _, err := db.Exec(`DELETE FROM members WHERE year = 2024 AND body = ?
				AND township = (SELECT min(township) FROM members WHERE year = 2024 AND body = ?)`, string(c.body), string(c.body)); err != nil {
				t.Fatal(err)
			}
			got := c.summarize(t, db)
			if want := got.elected.V - got.listed.V; want <= 0 || got.unlisted.V != want {
				t.Fatalf("Unlisted %v, want the %v elected the roster leaves out", got.unlisted, want)
			}
			if got.compared {
				t.Error("a short roster's make-up has previous figures to compare with")
			}
			sentence := fmt.Sprintf(c.sentence, int(got.listed.V), int(got.unlisted.V))
			i := strings.Index(got.md, sentence)
			if i < 0 {
				t.Fatalf("the draft does not say %s", sentence)
			}
			if para := got.md[i:]; strings.Contains(para[:strings.Index(para, "\n")], "上届") {
				t.Errorf("the short roster's make-up is compared: %s", para[:strings.Index(para, "\n")])
			}
		})
	}
}

// TestAnnexCompareNeedsABodyCompared: a previous term in which every body was held in other townships
// (analytics' townships_one_term) compares nothing, so the annex has no 与上届对比表 and the draft lists
// none; one body compared brings it back.
func TestAnnexCompareNeedsABodyCompared(t *testing.T) {
	s := &analytics.Summary{PreviousYear: 2021, Bodies: []analytics.BodySummary{{Body: analytics.PartyBranch}, {Body: analytics.VillagersCommittee}}}
	s.Bodies[0].Participation.Units.Current = analytics.Known(15)
	if slices.Contains(AnnexSheets(s), SheetCompare) {
		t.Errorf("sheets %v: a 与上届对比表 with nothing compared", AnnexSheets(s))
	}
	s.Bodies[1].Participation.Units.Previous = analytics.Known(14)
	if !slices.Contains(AnnexSheets(s), SheetCompare) {
		t.Errorf("sheets %v: no 与上届对比表 with 村民委员会 compared", AnnexSheets(s))
	}
}
