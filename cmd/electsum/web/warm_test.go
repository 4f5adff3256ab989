package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"electsum/analytics"
	"electsum/ingest/synth"
)

// waitWarmUp waits until the warm-up after the last load has stopped.
func waitWarmUp(t *testing.T, srv *Server) {
	t.Helper()
	srv.mu.Lock()
	done := srv.warmDone
	srv.mu.Unlock()
	if done == nil {
		return
	}
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		t.Fatal("the warm-up did not end")
	}
}

// TestWarmUpAfterALoad: after the townships' workbooks are loaded through the page, the models of the
// year just loaded are computed in the background — the 两委, 人大, 党代会 and 社区党组织 ones of the
// county, as 统计 and 总结与附件 open — so that the first 统计, drafts and annexes compute nothing.
func TestWarmUpAfterALoad(t *testing.T) {
	cfg := synth.County()
	cfg.TownshipsPerCounty, cfg.UnitsPerTownship, cfg.Communities = 3, 3, 0.5
	w := synth.Generate(cfg)
	synth.GenerateCongress(w)
	synth.GeneratePartyCongress(w)
	paths, err := synth.WriteWorkbooks(w, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	srv, c := testClient(t)
	id := c.newBatch()
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if resp, body := c.upload(id, filepath.Base(p), data); resp.StatusCode != 200 {
			t.Fatalf("upload %s: %d %s", p, resp.StatusCode, body)
		}
	}
	c.run(id, "all")
	waitWarmUp(t, srv)

	computed := srv.models.computed.Load()
	if computed != 4 {
		t.Errorf("the warm-up computed %d models, want 4 (两委, 人大, 党代会, 社区党组织 of 2024)", computed)
	}
	if resp, body := c.do("GET", "/stats", "", nil, false); resp.StatusCode != 200 || !strings.Contains(body, `id="stats-heading"`) || !strings.Contains(body, "2024 年") {
		t.Errorf("/stats after the load: %d, no figures of 2024", resp.StatusCode)
	}
	for _, k := range []string{"lianwei", "renda", "dangdaihui", "shequdangzuzhi"} {
		for _, p := range []string{"/report/draft.md?kind=" + k, "/report/annex.xlsx?kind=" + k} {
			if resp, body := c.do("GET", p, "", nil, false); resp.StatusCode != 200 {
				t.Errorf("GET %s: %d %s", p, resp.StatusCode, body)
			}
		}
	}
	if n := srv.models.computed.Load(); n != computed {
		t.Errorf("统计, the drafts and the annexes after the warm-up computed %d models", n-computed)
	}
}

// TestLoadDuringWarmUpLeavesNoStaleModel: a load started while the warm-up of the last one computes stops
// it (the load waits for that), and afterwards the cache holds only models of the new data — the warm-up
// after the second load computes the county's model with both townships, and 统计 uses it.
func TestLoadDuringWarmUpLeavesNoStaleModel(t *testing.T) {
	srv, c := testClient(t)
	reached := make(chan struct{})
	var calls, cancelled atomic.Int32
	srv.warmHook = func(ctx context.Context) {
		if calls.Add(1) != 1 {
			return
		}
		close(reached) // the first warm-up holds here until the next load stops it
		select {
		case <-ctx.Done():
			cancelled.Add(1)
		case <-time.After(time.Minute):
		}
	}
	const header = "县(市、区),乡镇(街道),村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n"
	c.loadOne("东镇.csv", header+"示例县,东镇,东村,2024,村民委员会,100,90,5,5\n")
	select {
	case <-reached:
	case <-time.After(time.Minute):
		t.Fatal("no warm-up after the first load")
	}
	c.loadOne("西镇.csv", header+"示例县,西镇,西村,2024,村民委员会,200,150,5,5\n")
	waitWarmUp(t, srv)
	if cancelled.Load() != 1 {
		t.Error("the second load did not stop the first warm-up")
	}

	srv.models.mu.Lock()
	for k, e := range srv.models.entries {
		if k.generation != srv.models.generation {
			t.Errorf("a model of generation %d kept in generation %d", k.generation, srv.models.generation)
		}
		if sum, ok := e.model.(*analytics.Summary); ok && sum.Units.Current.V != 2 {
			t.Errorf("a cached model of %v has %v units, want 2", k.scope, sum.Units.Current)
		}
	}
	srv.models.mu.Unlock()
	computed := srv.models.computed.Load()
	sum, _, err := srv.summarize(context.Background(), scopeForm{Scope: analytics.Scope{Year: 2024}})
	if err != nil {
		t.Fatal(err)
	}
	if got := sum.Units.Current; !got.OK || got.V != 2 {
		t.Errorf("after the second load the county has %v units, want 2", got)
	}
	if n := srv.models.computed.Load(); n != computed {
		t.Errorf("统计 after the second load's warm-up computed the model again")
	}
}
