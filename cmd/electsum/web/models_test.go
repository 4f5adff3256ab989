package web

import (
	"context"
	"testing"

	"electsum/analytics"
)

// TestModelsAreSharedUntilALoad: the pages of one scope share one computed model (统计, its tables, the
// draft and the annex each computed it again), and a load through the page ends that model, so that no
// page shows the figures of the data before the load.
func TestModelsAreSharedUntilALoad(t *testing.T) {
	srv, ts := testServer(t, t.TempDir())
	c := client{t: t, ts: ts, token: srv.Token()}
	load := func(name, csv string) {
		t.Helper()
		id := c.newBatch()
		if resp, body := c.upload(id, name, []byte(csv)); resp.StatusCode != 200 {
			t.Fatalf("upload: %d %s", resp.StatusCode, body)
		}
		c.run(id, "all")
	}
	const header = "县(市、区),乡镇(街道),村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n"
	load("东镇.csv", header+"示例县,东镇,东村,2024,村民委员会,100,90,5,5\n")

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

	load("西镇.csv", header+"示例县,西镇,西村,2024,村民委员会,200,150,5,5\n")
	after, _, err := srv.summarize(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if got := after.Units.Current; !got.OK || got.V != 2 {
		t.Errorf("after the second load the county has %v units, want 2 (a model of the data before the load)", got)
	}
}
