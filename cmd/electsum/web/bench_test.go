package web

// Page speed, measured through the whole handler (routing, checks, SQL, model, template):
//
//	go test ./cmd/electsum/web -run '^$' -bench . -benchtime 20x
//
// BenchmarkPageDemoCounty is each page of the demo county (target < 300 ms a page);
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

	"electsum/ingest"
	"electsum/ingest/synth"
	"electsum/ingest/synth/benchkit"
)

// benchDB returns a database of cfg's world, built by ingest.Load once and cached between runs.
func benchDB(b *testing.B, cfg synth.Config) string {
	b.Helper()
	key, err := benchkit.CacheKey(cfg, "../../../ingest/*.go", "../../../ingest/synth/*.go", "../../../ingest/*/*.sql")
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
	paths, err := synth.WriteWorkbooks(synth.Generate(cfg), filepath.Join(tmp, "data"))
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
	ts := benchServer(b, benchDB(b, cfg))
	township := url.QueryEscape(synth.Generate(cfg).Townships[0].Name)
	for _, p := range []struct{ name, path string }{
		{"import", "/import"},
		{"overview", "/overview"},
		{"stats-county", "/stats"},
		{"stats-township", "/stats?township=" + township},
		{"report", "/report"},
		{"draft-html", "/report/draft.html"},
		{"annex", "/report/annex.xlsx"},
		{"query-saved", "/query?name=low-turnout"},
	} {
		b.Run(p.name, func(b *testing.B) {
			get(b, ts, p.path) // warm the caches as a user's first look does
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				get(b, ts, p.path)
			}
		})
	}
}

func BenchmarkStatsProvinceCounty(b *testing.B) {
	cfg := synth.Province()
	ts := benchServer(b, benchDB(b, cfg))
	counties := synth.Generate(cfg).Counties
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		get(b, ts, "/stats?county="+url.QueryEscape(counties[i%len(counties)]))
	}
}
