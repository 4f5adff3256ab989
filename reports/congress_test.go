package reports_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"electsum/analytics"
	"electsum/ingest"
	"electsum/ingest/synth"
	"electsum/reports"
)

// congressDB loads a small generated county with its people's congress elections through ingest.
func congressDB(t *testing.T) (*analytics.Congress, *synth.World) {
	t.Helper()
	cfg := synth.County()
	cfg.TownshipsPerCounty = 3
	cfg.UnitsPerTownship = 3
	w := synth.Generate(cfg)
	synth.GenerateCongress(w)
	dir := t.TempDir()
	paths, err := synth.WriteWorkbooks(w, filepath.Join(dir, "data"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := ingest.Open(ctx, filepath.Join(dir, "electsum.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := ingest.Load(ctx, db, paths, ingest.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	fixed := time.Date(2024, 12, 20, 9, 0, 0, 0, time.UTC)
	c, err := analytics.SummarizeCongress(ctx, db, analytics.Scope{Year: 2024}, analytics.Options{Now: func() time.Time { return fixed }})
	if err != nil {
		t.Fatal(err)
	}
	return c, w
}

// TestCongressDraft renders the people's congress draft of a generated county and checks that its
// figures are the model's, in the standard layout, in both scripts.
func TestCongressDraft(t *testing.T) {
	c, _ := congressDB(t)
	v := reports.NewCongressView(c, reports.Config{})
	var md bytes.Buffer
	if err := reports.Builtin().CongressMarkdown(&md, v, reports.Hans); err != nil {
		t.Fatal(err)
	}
	text := md.String()
	t.Log(text)
	l := c.Levels[0]
	for _, want := range []string{
		"# 示例县2024年县乡两级人大换届选举工作总结", "## 一、基本情况", "### （一）县级人大代表选举情况", "### （二）乡级人大代表选举情况",
		"## 二、主要做法", "【待补充：主要做法】", "## 五、下步打算", "附件：1．选民登记统计表",
		"登记率为" + reports.Pct(l.RegistrationRate.Current), "参选率为" + reports.Pct(l.Turnout.Current),
		"差额比例为" + reports.Pct(l.Margin.Current), "共划分选区" + reports.Count(l.Constituencies.Current, "个"),
		"女性" + reports.Count(l.Deputies.Women.Count.Current, "名") + "，占" + reports.Pct(l.Deputies.Women.Share.Current),
		reports.PP(l.Deputies.Women.Share),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("draft lacks %q", want)
		}
	}
	var html, hant bytes.Buffer
	if err := reports.Builtin().CongressHTML(&html, v, reports.Hans); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(html.String(), "<h2>一、基本情况</h2>") {
		t.Errorf("html: %.300s", html.String())
	}
	if err := reports.Builtin().CongressMarkdown(&hant, v, reports.Hant); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(hant.String(), "縣鄉兩級人大換屆選舉工作總結") {
		t.Errorf("traditional draft: %.200s", hant.String())
	}
}
