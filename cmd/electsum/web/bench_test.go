package web

// Page speed, measured through the whole handler (routing, checks, SQL, model, template):
//
//	go test ./cmd/electsum/web -run '^$' -bench . -benchtime 20x
//
// BenchmarkPageDemoCounty is each page of the demo county, as electsum demo makes it (两委, people's
// congress and township party congress elections; target < 300 ms a page), the drafts and annexes of each
// kind;
// BenchmarkStatsProvinceCounty is 统计 of one county of the province preset (60 counties × 15 townships ×
// 15 units, two terms; target < 1 s). The province database is loaded once with ingest.Load and cached
// under os.TempDir()/electsum-serve-bench-<key>, the key covering the generator and the loader.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"electsum/ingest"
	"electsum/ingest/synth"
	"electsum/ingest/synth/benchkit"
)

// benchDB returns a database of cfg's world, built by ingest.Load once and cached between runs; with
// congresses, the world has the people's congress and township party congress elections too (as
// electsum demo makes it).
func benchDB(b *testing.B, cfg synth.Config, congresses bool) string {
	b.Helper()
	key, err := benchkit.CacheKey(struct {
		Cfg        synth.Config
		Congresses bool
	}{cfg, congresses}, "../../../ingest/*.go", "../../../ingest/synth/*.go", "../../../ingest/*/*.sql")
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(os.TempDir(), "electsum-serve-bench-"+key)
	path := filepath.Join(dir, "electsum.duckdb")
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp, err := os.MkdirTemp(os.TempDir(), "electsum-serve-bench-build-")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	w := synth.Generate(cfg)
	if congresses {
		synth.GenerateCongress(w)
		synth.GeneratePartyCongress(w)
	}
	paths, err := synth.WriteWorkbooks(w, filepath.Join(tmp, "data"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	db, err := ingest.Open(ctx, filepath.Join(tmp, "electsum.duckdb"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := ingest.Load(ctx, db, paths, ingest.LoadOptions{}); err != nil {
		b.Fatal(err)
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(filepath.Join(tmp, "electsum.duckdb"), path); err != nil {
		b.Fatal(err)
	}
	return path
}

// benchServer serves a copy-free view of the database at path.
func benchServer(b *testing.B, path string) *httptest.Server {
	b.Helper()
	srv, err := New(context.Background(), Options{DB: path, WorkDir: b.TempDir(), Logf: b.Logf})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	b.Cleanup(func() { ts.Close(); srv.Close() })
	return ts
}

func get(b *testing.B, ts *httptest.Server, path string) {
	resp, err := ts.Client().Get(ts.URL + path)
	if err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: %d", path, resp.StatusCode)
	}
}

func BenchmarkPageDemoCounty(b *testing.B) {
	cfg := synth.County()
	ts := benchServer(b, benchDB(b, cfg, true))
	township := url.QueryEscape(synth.Generate(cfg).Townships[0].Name)
	for _, p := range []struct{ name, path string }{
		{"import", "/import"},
		{"overview", "/overview"},
		{"stats-county", "/stats"},
		{"stats-township", "/stats?township=" + township},
		{"report", "/report"},
		{"draft-html", "/report/draft.html"},
		{"annex", "/report/annex.xlsx"},
		{"draft-html-renda", "/report/draft.html?kind=renda"},
		{"annex-renda", "/report/annex.xlsx?kind=renda"},
		{"draft-html-dangdaihui", "/report/draft.html?kind=dangdaihui"},
		{"annex-dangdaihui", "/report/annex.xlsx?kind=dangdaihui"},
		{"draft-html-shequdangzuzhi", "/report/draft.html?kind=shequdangzuzhi"},
		{"annex-shequdangzuzhi", "/report/annex.xlsx?kind=shequdangzuzhi"},
		{"query-saved", "/query?name=low-turnout"},
	} {
		b.Run(p.name, func(b *testing.B) {
			get(b, ts, p.path) // warm the caches as a user's first look does
			b.ResetTimer()
			cpu := benchkit.ProcessCPU()
			for i := 0; i < b.N; i++ {
				get(b, ts, p.path)
			}
			reportCPU(b, cpu)
		})
	}
}

func BenchmarkStatsProvinceCounty(b *testing.B) {
	cfg := synth.Province()
	ts := benchServer(b, benchDB(b, cfg, false))
	counties := synth.Generate(cfg).Counties
	b.ResetTimer()
	cpu := benchkit.ProcessCPU()
	for i := 0; i < b.N; i++ {
		get(b, ts, "/stats?county="+url.QueryEscape(counties[i%len(counties)]))
	}
	reportCPU(b, cpu)
}

// reportCPU reports the process's CPU time since start (server and client, every thread) per
// operation as cpu-ms/op: on a shared machine the wall time mostly says how busy the others are.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(benchkit.ProcessCPU()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// BenchmarkFirstStatsAfterImport is the first 统计 after the demo county's workbooks are loaded through
// the page into an empty database: without the warm-up, asked as soon as the load is done (the warm-up
// still computing: the page waits for its model), and asked when the warm-up has ended (the user read
// the load's result first). Only the request is timed; each operation loads the county again.
func BenchmarkFirstStatsAfterImport(b *testing.B) {
	cfg := synth.County()
	w := synth.Generate(cfg)
	synth.GenerateCongress(w)
	synth.GeneratePartyCongress(w)
	paths, err := synth.WriteWorkbooks(w, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	files := map[string][]byte{}
	for _, p := range paths {
		if files[filepath.Base(p)], err = os.ReadFile(p); err != nil {
			b.Fatal(err)
		}
	}
	for _, mode := range []string{"no-warm-up", "warm-up-immediately", "warm-up-done"} {
		b.Run(mode, func(b *testing.B) {
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				srv, err := New(context.Background(), Options{DB: filepath.Join(b.TempDir(), "electsum.duckdb"), WorkDir: b.TempDir(), Logf: b.Logf})
				if err != nil {
					b.Fatal(err)
				}
				srv.noWarm = mode == "no-warm-up"
				ts := httptest.NewServer(srv.Handler())
				c := client{t: b, ts: ts, token: srv.Token()}
				id := c.newBatch()
				for name, data := range files {
					if resp, body := c.upload(id, name, data); resp.StatusCode != 200 {
						b.Fatalf("upload %s: %d %s", name, resp.StatusCode, body)
					}
				}
				c.run(id, "all")
				if mode == "warm-up-done" {
					srv.mu.Lock()
					done := srv.warmDone
					srv.mu.Unlock()
					<-done
				}
				start := benchkit.ProcessCPU()
				b.StartTimer()
				get(b, ts, "/stats")
				b.StopTimer()
				cpu += benchkit.ProcessCPU() - start
				ts.Close()
				srv.Close()
			}
			b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}
