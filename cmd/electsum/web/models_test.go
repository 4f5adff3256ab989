package web

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"electsum/analytics"
)

// TestModelsAreSharedUntilALoad: the pages of one scope share one computed model (统计, its tables, the
// draft and the annex each computed it again), and a load through the page ends that model, so that no
// page shows the figures of the data before the load.
func TestModelsAreSharedUntilALoad(t *testing.T) {
	srv, c := testClient(t)
	const header = "县(市、区),乡镇(街道),村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n"
	c.loadOne("东镇.csv", header+"示例县,东镇,东村,2024,村民委员会,100,90,5,5\n")

	ctx := context.Background()
	f := scopeForm{Scope: analytics.Scope{County: "示例县", Year: 2024}}
	first, _, err := srv.summarize(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	again, _, err := srv.summarize(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Elections) != 1 || len(again.Elections) != 1 || &first.Elections[0] != &again.Elections[0] {
		t.Errorf("the second request computed the model again (or it differs): %d and %d elections", len(first.Elections), len(again.Elections))
	}
	other, _, err := srv.summarize(ctx, scopeForm{Scope: analytics.Scope{County: "示例县", Township: "东镇", Year: 2024}})
	if err != nil {
		t.Fatal(err)
	}
	if other.Level != analytics.LevelTownship {
		t.Errorf("the township's model is the county's: level %v", other.Level)
	}

	c.loadOne("西镇.csv", header+"示例县,西镇,西村,2024,村民委员会,200,150,5,5\n")
	after, _, err := srv.summarize(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if got := after.Units.Current; !got.OK || got.V != 2 {
		t.Errorf("after the second load the county has %v units, want 2 (a model of the data before the load)", got)
	}
}

// TestModelsOfEveryKind: the drafts and annexes of every kind of summary (两委, 人大, 党代会, 社区党组织)
// are cached, each under its own kind — the 党代会 and 社区党组织 models are of one type and one scope
// here, so a key without the kind would serve one for the other — and asking again, in another order,
// computes nothing.
func TestModelsOfEveryKind(t *testing.T) {
	dir, _ := kindsWorld(t)
	srv, ts := testServer(t, dir)
	c := client{t: t, ts: ts, token: srv.Token()}
	titles := map[string]string{"lianwei": "两委换届选举工作总结", "renda": "县乡两级人大换届选举工作总结",
		"dangdaihui": "乡镇党代会换届选举工作总结", "shequdangzuzhi": "社区党组织换届选举工作总结"}
	sheets := map[string]string{"lianwei": "村民委员会选举", "renda": "选民登记统计表",
		"dangdaihui": "党代会选举情况统计表", "shequdangzuzhi": "社区党组织选举情况统计表"}
	check := func(kind string) {
		t.Helper()
		resp, _ := c.do("GET", "/report/draft.md?year=2024&kind="+kind, "", nil, false)
		disp, _ := url.PathUnescape(resp.Header.Get("Content-Disposition"))
		if resp.StatusCode != 200 || !strings.Contains(disp, titles[kind]) {
			t.Errorf("%s draft: %d %q, want %s", kind, resp.StatusCode, disp, titles[kind])
		}
		resp, body := c.do("GET", "/report/annex.xlsx?year=2024&kind="+kind, "", nil, false)
		if resp.StatusCode != 200 {
			t.Fatalf("%s annex: %d %s", kind, resp.StatusCode, body)
		}
		x, err := excelize.OpenReader(strings.NewReader(body))
		if err != nil {
			t.Fatalf("%s annex: %v", kind, err)
		}
		defer x.Close()
		if got := strings.Join(x.GetSheetList(), "|"); !strings.Contains(got, sheets[kind]) {
			t.Errorf("%s annex sheets %s, want %s", kind, got, sheets[kind])
		}
	}
	kinds := []string{"dangdaihui", "shequdangzuzhi", "renda", "lianwei"}
	for _, k := range kinds {
		check(k)
	}
	if n := srv.models.computed.Load(); n != int64(len(kinds)) {
		t.Errorf("%d models computed for %d kinds' drafts and annexes, want one per kind", n, len(kinds))
	}
	for _, k := range []string{"lianwei", "shequdangzuzhi", "renda", "dangdaihui"} {
		check(k)
	}
	if n := srv.models.computed.Load(); n != int64(len(kinds)) {
		t.Errorf("asking again computed models: %d in all for %d kinds", n, len(kinds))
	}
}

// TestIdleWaitsForThePages: the warm-up's idle returns only once no page computes a model (two pages
// overlapping count as busy until both end), at once when none does, and with ctx's error when ctx
// ends first.
func TestIdleWaitsForThePages(t *testing.T) {
	var m models
	if err := m.idle(context.Background()); err != nil {
		t.Fatalf("idle with no page: %v", err)
	}
	m.pageStarts()
	m.pageStarts()
	done := make(chan error, 1)
	go func() { done <- m.idle(context.Background()) }()
	m.pageEnds()
	select {
	case err := <-done:
		t.Fatalf("idle returned (%v) while a page still computes", err)
	case <-time.After(50 * time.Millisecond):
	}
	m.pageEnds()
	if err := <-done; err != nil {
		t.Fatalf("idle after the pages ended: %v", err)
	}

	m.pageStarts()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := m.idle(ctx); err != context.Canceled {
		t.Fatalf("idle with ctx ended = %v, want context.Canceled", err)
	}
	m.pageEnds()
}
