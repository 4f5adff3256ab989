package reports

import (
	"bytes"
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"electsum/analytics"
)

// summarizeCongress is the people's congress model of scope in db, with a fixed clock.
func summarizeCongress(t *testing.T, db *sql.DB, scope analytics.Scope) *analytics.Congress {
	t.Helper()
	fixed := time.Date(2024, 12, 20, 9, 0, 0, 0, time.UTC)
	c, err := analytics.SummarizeCongress(context.Background(), db, scope, analytics.Options{Now: func() time.Time { return fixed }})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// congressDraft renders v in script and format (md or html).
func congressDraft(t *testing.T, v *CongressView, script Script, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	var err error
	if format == "html" {
		err = Builtin().CongressHTML(&buf, v, script)
	} else {
		err = Builtin().CongressMarkdown(&buf, v, script)
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
	text := string(congressDraft(t, v, Hans, "md"))
	l := c.Levels[0]
	for _, want := range []string{
		"# 示例县2024年县乡两级人大换届选举工作总结", "## 一、基本情况", "### （一）县级人大代表选举情况", "### （二）乡级人大代表选举情况",
		"## 二、主要做法", "【待补充：主要做法】", "## 五、下步打算", "附件：1．选民登记统计表",
		"登记率为" + Pct(l.RegistrationRate.Current), "参选率为" + Pct(l.Turnout.Current),
		"差额比例为" + Pct(l.Margin.Current), "共划分选区" + Count(l.Constituencies.Current, "个"),
		"女性" + Count(l.Deputies.Women.Count.Current, "名") + "，占" + Pct(l.Deputies.Women.Share.Current),
		PP(l.Deputies.Women.Share),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("draft lacks %q", want)
		}
	}
	golden(t, "demo-renda-county.md", []byte(text))
	golden(t, "demo-renda-county.hant.md", congressDraft(t, v, Hant, "md"))
	golden(t, "demo-renda-county.html", congressDraft(t, v, Hans, "html"))
	township := c.Constituencies[len(c.Constituencies)-1].Township
	tv := NewCongressView(summarizeCongress(t, db, analytics.Scope{Township: township, Year: 2024}), Config{})
	golden(t, "demo-renda-township.md", congressDraft(t, tv, Hans, "md"))
}

// TestKindsApart loads one county's village and people's congress elections together, and each kind
// alone: each draft of the county holding both is the draft of its own kind alone, so the village
// drafts show no deputies and the people's congress draft no committee figures.
func TestKindsApart(t *testing.T) {
	both := demoWorld(true)
	villagesOnly, congressOnly := *both, *both
	villagesOnly.Congress, congressOnly.Townships = nil, nil
	dbBoth, dbVillages, dbCongress := loadWorld(t, both), loadWorld(t, &villagesOnly), loadWorld(t, &congressOnly)
	ctx := context.Background()
	opts := testConfig().Options()
	opts.Now = func() time.Time { return time.Date(2024, 12, 20, 9, 0, 0, 0, time.UTC) }
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
		if bytes.Contains(drafts[0], []byte("人大代表")) || bytes.Contains(drafts[0], []byte("选区")) {
			t.Errorf("%s: the village draft shows deputies:\n%s", scope.Township, drafts[0])
		}
		congress := [2][]byte{
			congressDraft(t, NewCongressView(summarizeCongress(t, dbBoth, scope), Config{}), Hans, "md"),
			congressDraft(t, NewCongressView(summarizeCongress(t, dbCongress, scope), Config{}), Hans, "md"),
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
