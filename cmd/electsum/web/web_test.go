package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"electsum/analytics"
	"electsum/cmd/electsum/config"
	"electsum/ingest"
)

// testServer serves a new database in dir.
func testServer(t testing.TB, dir string) (*Server, *httptest.Server) {
	t.Helper()
	srv, err := New(context.Background(), Options{
		DB:      filepath.Join(dir, "electsum.duckdb"),
		Config:  filepath.Join(dir, "report.toml"),
		WorkDir: filepath.Join(dir, "work"),
		Logf:    t.Logf,
	})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { ts.Close(); srv.Close() })
	return srv, ts
}

// testClient is a test server in a folder of the test's own (testServer) and a client with its token.
func testClient(t *testing.T) (*Server, client) {
	t.Helper()
	srv, ts := testServer(t, t.TempDir())
	return srv, client{t: t, ts: ts, token: srv.Token()}
}

// client posts with or without the page's token.
type client struct {
	t     testing.TB
	ts    *httptest.Server
	token string
}

func (c client) do(method, path, contentType string, body io.Reader, token bool) (*http.Response, string) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.ts.URL+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token {
		req.Header.Set("X-CSRF-Token", c.token)
	}
	resp, err := c.ts.Client().Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (c client) newBatch() string {
	c.t.Helper()
	resp, body := c.do("POST", "/import/batch", "", nil, true)
	if resp.StatusCode != 200 {
		c.t.Fatalf("new batch: %d %s", resp.StatusCode, body)
	}
	var j struct{ ID string }
	json.Unmarshal([]byte(body), &j)
	return j.ID
}

func (c client) upload(batch, name string, data []byte) (*http.Response, string) {
	return c.do("POST", "/import/batch/"+batch+"/file?name="+url.QueryEscape(name), "application/octet-stream", bytes.NewReader(data), true)
}

// loadOne loads one file through the page in a batch of its own (mode all) and waits until it is done.
func (c client) loadOne(name, text string) {
	c.t.Helper()
	id := c.newBatch()
	if resp, body := c.upload(id, name, []byte(text)); resp.StatusCode != 200 {
		c.t.Fatalf("upload %s: %d %s", name, resp.StatusCode, body)
	}
	c.run(id, "all")
}

// run starts loading a batch (mode all or skip) and waits until it is done.
func (c client) run(batch, mode string) {
	c.t.Helper()
	c.runForm(batch, "mode="+mode)
}

// runForm posts the run form (mode, county) of a batch and waits until the load is done.
func (c client) runForm(batch, form string) {
	c.t.Helper()
	if resp, body := c.do("POST", "/import/batch/"+batch+"/run", "application/x-www-form-urlencoded", strings.NewReader(form), true); resp.StatusCode != 200 {
		c.t.Fatalf("run: %d %s", resp.StatusCode, body)
	}
	deadline := time.Now().Add(time.Minute)
	for {
		_, body := c.do("GET", "/import/batch/"+batch+"/status", "", nil, false)
		if strings.Contains(body, `"state":"done"`) {
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("load did not finish: %s", body)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// traversalPaths try to reach files on disk through every route that serves something.
var traversalPaths = []string{
	"/static/../web.go",
	"/static/..%2fweb.go",
	"/static/%2e%2e/%2e%2e/go.mod",
	"/import/batch/..%2F..%2F..%2F..%2Fetc%2Fpasswd/problems.zip",
	"/import/batch/%2e%2e/problems.zip",
	"/report/draft.html/../../../../etc/passwd",
	"/stats/table.xlsx?table=../../../../etc/passwd",
}

func TestPathTraversalIsRefused(t *testing.T) {
	_, ts := testServer(t, t.TempDir())
	c := client{t: t, ts: ts}
	for _, p := range traversalPaths {
		resp, body := c.do("GET", p, "", nil, false)
		if resp.StatusCode == http.StatusOK && !strings.Contains(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("GET %s: 200 %s", p, resp.Header.Get("Content-Type"))
		}
		if strings.Contains(body, "root:") || strings.Contains(body, "package web") || strings.Contains(body, "module electsum") {
			t.Errorf("GET %s served a file from disk", p)
		}
	}
}

func TestPostWithoutTokenIsRefused(t *testing.T) {
	srv, c := testClient(t)
	for _, p := range []string{"/import/batch", "/report/settings", "/query"} {
		if resp, _ := c.do("POST", p, "application/x-www-form-urlencoded", strings.NewReader("sql=SELECT+1"), false); resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST %s without token: %d, want 403", p, resp.StatusCode)
		}
		if resp, _ := c.do("POST", p, "application/x-www-form-urlencoded", strings.NewReader("csrf=wrong&sql=SELECT+1"), false); resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST %s with a wrong token: %d, want 403", p, resp.StatusCode)
		}
	}
	if resp, body := c.do("POST", "/query", "application/x-www-form-urlencoded", strings.NewReader("csrf="+srv.Token()+"&sql=SELECT+42+AS+answer"), false); resp.StatusCode != 200 || !strings.Contains(body, "42") {
		t.Errorf("POST /query with the form token: %d", resp.StatusCode)
	}
	// A page of another site posting to us is refused by the cross-origin check even with a token.
	req, _ := http.NewRequest("POST", c.ts.URL+"/import/batch", nil)
	req.Header.Set("X-CSRF-Token", srv.Token())
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://example.com")
	if resp, err := c.ts.Client().Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST: %v %v", resp.StatusCode, err)
	}
}

func TestOnlyLocalHostNamesAreAnswered(t *testing.T) {
	_, ts := testServer(t, t.TempDir())
	req, _ := http.NewRequest("GET", ts.URL+"/import", nil)
	req.Host = "attacker.example:80"
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("request for host attacker.example: %d, want 421", resp.StatusCode)
	}
}

func TestCleanName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"东镇.xlsx", "东镇.xlsx"},
		{"收到的表格/东镇/东镇.xlsx", "东镇.xlsx"},
		{`..\..\Windows\win.ini`, "win.ini"},
		{"../../etc/passwd", "passwd"},
		{"..", "文件"},
		{"a<b>:c|d?.csv", "a_b__c_d_.csv"},
		{" .hidden. ", "hidden"},
		{"x\x00y.xlsx", "x_y.xlsx"},
		{strings.Repeat("长", 150) + ".xlsx", strings.Repeat("长", 95) + ".xlsx"},
	} {
		if got := cleanName(tc.in); got != tc.want {
			t.Errorf("cleanName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"东镇.xlsx", "东镇.xlsx"},
		{"收到的表格/东镇/东镇.xlsx", "收到的表格/东镇/东镇.xlsx"},
		{`收到的表格\东镇.xlsx`, "收到的表格/东镇.xlsx"},
		{"../../etc/passwd", "etc/passwd"},
		{"/./a//b:c.csv", "a/b_c.csv"},
		{"..", "文件"},
	} {
		if got := storedName(tc.in); got != tc.want {
			t.Errorf("storedName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	used := map[string]bool{}
	for _, want := range []string{"a.xlsx", "a (2).xlsx", "a (3).xlsx"} {
		if got := uniqueName(used, "a.xlsx"); got != want {
			t.Errorf("uniqueName = %q, want %q", got, want)
		}
	}
	if got := uniqueName(used, "A.XLSX"); got != "A (4).XLSX" {
		t.Errorf("uniqueName is not case-insensitive: %q", got)
	}
}

func TestUploadStaysInsideTheBatch(t *testing.T) {
	dir := t.TempDir()
	srv, ts := testServer(t, dir)
	c := client{t: t, ts: ts, token: srv.Token()}
	id := c.newBatch()
	resp, body := c.upload(id, "../../../../tmp/evil.csv", []byte("a,b\n1,2\n"))
	if resp.StatusCode != 200 {
		t.Fatalf("upload: %d %s", resp.StatusCode, body)
	}
	if _, err := os.Stat(filepath.Join(dir, "work", id, "in", "evil.csv")); err != nil {
		t.Errorf("the upload is not stored in the batch folder: %v", err)
	}

	// A zip with a GBK entry name, an entry that climbs out, a lock file and a picture.
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("东镇/东镇.csv")
	for _, name := range []string{gbk, "../../escape.csv", "~$东镇.xlsx", "照片.jpg"} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("x,y\n"))
	}
	zw.Close()
	resp, body = c.upload(id, "收到的表格.zip", zbuf.Bytes())
	if resp.StatusCode != 200 {
		t.Fatalf("zip upload: %d %s", resp.StatusCode, body)
	}
	var staged struct{ Files []stagedFile }
	json.Unmarshal([]byte(body), &staged)
	got := map[string]string{}
	for _, f := range staged.Files {
		got[f.Name] = f.Ignored
	}
	if _, ok := got["东镇.csv"]; !ok || got["东镇.csv"] != "" {
		t.Errorf("GBK entry not staged as 东镇.csv: %v", got)
	}
	if got["escape.csv"] != "" {
		t.Errorf("climbing entry: %v", got)
	}
	if got["~$东镇.xlsx"] == "" || got["照片.jpg"] == "" {
		t.Errorf("lock file and picture are not ignored: %v", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "escape.csv")); err == nil {
		t.Error("a zip entry was written outside the batch")
	}
	if _, err := os.Stat(filepath.Join(dir, "work", id, "in", "escape.csv")); err != nil {
		t.Errorf("climbing entry not kept inside the batch: %v", err)
	}
}

func TestUploadLimits(t *testing.T) {
	dir := t.TempDir()
	srv, err := New(context.Background(), Options{DB: filepath.Join(dir, "e.duckdb"), WorkDir: filepath.Join(dir, "w"),
		MaxFiles: 2, MaxFileSize: 100, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer func() { ts.Close(); srv.Close() }()
	c := client{t: t, ts: ts, token: srv.Token()}
	id := c.newBatch()
	if resp, body := c.upload(id, "big.csv", bytes.Repeat([]byte("x"), 101)); resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "太大") {
		t.Errorf("file over the size limit: %d %s", resp.StatusCode, body)
	}
	for i, want := range []int{200, 200, http.StatusRequestEntityTooLarge} {
		if resp, body := c.upload(id, "f.csv", []byte("a\n")); resp.StatusCode != want {
			t.Errorf("file %d: %d %s, want %d", i+1, resp.StatusCode, body, want)
		}
	}
}

// TestLoadThroughThePage uploads a CSV whose value holds markup: it is loaded (skip-bad-files), and the
// result page shows the markup as text.
func TestLoadThroughThePage(t *testing.T) {
	_, c := testClient(t)
	id := c.newBatch()
	csv := "乡镇(街道),村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n" +
		"东镇,东村,2024,村民委员会,100,<b>x</b>,5,5\n"
	if resp, body := c.upload(id, "东镇.csv", []byte(csv)); resp.StatusCode != 200 {
		t.Fatalf("upload: %d %s", resp.StatusCode, body)
	}
	c.run(id, "all")
	resp, page := c.do("GET", "/import/batch/"+id, "", nil, false)
	if resp.StatusCode != 200 {
		t.Fatalf("result page: %d", resp.StatusCode)
	}
	if strings.Contains(page, "<b>x</b>") || !strings.Contains(page, "&lt;b&gt;x&lt;/b&gt;") {
		t.Errorf("the value with markup is not escaped on the result page")
	}
	if !strings.Contains(page, "本次没有写入任何数据") {
		t.Errorf("all-or-nothing with an error should say nothing was written")
	}
	if resp, _ := c.do("GET", "/import/batch/"+id+"/problems.zip", "", nil, false); resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/zip" {
		t.Errorf("problems.zip: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

// Issue 14: DuckDB's memory_limit is one setting of the process's instance; a load through the page
// lowered it for itself and then RESET it to DuckDB's default (80% of the machine) instead of the bound
// serve was given, which the SQL box and the pages then ran without.
func TestMemoryLimitStaysAfterALoad(t *testing.T) {
	dir := t.TempDir()
	srv, err := New(context.Background(), Options{DB: filepath.Join(dir, "electsum.duckdb"), WorkDir: filepath.Join(dir, "work"),
		Limits: ingest.Limits{Memory: "1GB", TempDisk: "2GB"}, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer func() { ts.Close(); srv.Close() }()
	c := client{t: t, ts: ts, token: srv.Token()}
	limits := func() string {
		var mem, temp string
		if err := srv.db.QueryRow(`SELECT current_setting('memory_limit'), current_setting('max_temp_directory_size')`).Scan(&mem, &temp); err != nil {
			t.Fatal(err)
		}
		return mem + " / " + temp
	}
	const want = "953.6 MiB / 1.8 GiB" // 1GB and 2GB as DuckDB shows them
	if got := limits(); got != want {
		t.Fatalf("limits at start %s, want %s", got, want)
	}
	id := c.newBatch()
	csv := "县(市、区),乡镇(街道),村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n示例县,东镇,东村,2024,村民委员会,100,90,5,5\n"
	if resp, body := c.upload(id, "东镇.csv", []byte(csv)); resp.StatusCode != 200 {
		t.Fatalf("upload: %d %s", resp.StatusCode, body)
	}
	c.run(id, "all")
	var n int
	if err := srv.db.QueryRow(`SELECT count(*) FROM elections`).Scan(&n); err != nil || n != 1 {
		_, page := c.do("GET", "/import/batch/"+id, "", nil, false)
		t.Fatalf("the load did not land: %d %v\n%s", n, err, page)
	}
	if got := limits(); got != want {
		t.Errorf("limits after a load %s, want %s", got, want)
	}
}

func TestSQLBoxIsReadOnly(t *testing.T) {
	srv, c := testClient(t)
	outside := filepath.Join(t.TempDir(), "out.csv")
	for _, sql := range []string{
		"DELETE FROM units",
		"COPY units TO '" + outside + "'",
		"ATTACH '" + outside + ".duckdb' AS x",
		"SELECT * FROM read_csv('/etc/passwd')",
		"SELECT 1; DROP TABLE units",
		"INSTALL httpfs",
	} {
		resp, body := c.do("POST", "/query", "application/x-www-form-urlencoded", strings.NewReader(url.Values{"sql": {sql}}.Encode()), true)
		if resp.StatusCode != 200 || !strings.Contains(body, `id="query-error"`) {
			t.Errorf("%s: not refused (%d)", sql, resp.StatusCode)
		}
		if strings.Contains(body, "root:") {
			t.Errorf("%s: read a file", sql)
		}
	}
	if _, err := os.Stat(outside); err == nil {
		t.Error("COPY wrote a file")
	}
	var n int
	if err := srv.db.QueryRow(`SELECT count(*) FROM information_schema.tables WHERE table_name = 'units'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("units table after the refused statements: %d %v", n, err)
	}
}

// Issue 14: the SQL box refuses a NUL byte (DuckDB would run the text up to it and drop the rest
// unseen), other control characters and invisible reordering marks, as electsum query does, saying
// where in the text they are.
func TestSQLBoxRefusesControlCharacters(t *testing.T) {
	_, c := testClient(t)
	for _, tc := range []struct{ sql, where string }{
		{"SELECT 1 AS a\x00, 2 AS b", "第 1 行 (第 14 个字节) 有一个空字符 (NUL, 0x00)"},
		{"SELECT 1 AS a\n-- \x1b[2J\n", "第 2 行 (第 18 个字节) 有一个控制字符 (U&#43;001B)"},
		{"SELECT '\u202e1' AS a", "改变文字显示顺序的字符 (U&#43;202E)"},
	} {
		resp, body := c.do("POST", "/query", "application/x-www-form-urlencoded", strings.NewReader(url.Values{"sql": {tc.sql}}.Encode()), true)
		if resp.StatusCode != 200 || !strings.Contains(body, `id="query-error"`) || !strings.Contains(body, tc.where) {
			t.Errorf("%q: not refused with %q (%d)\n%s", tc.sql, tc.where, resp.StatusCode, body)
		}
		if strings.Contains(body, `id="query-result"`) {
			t.Errorf("%q: a result was shown", tc.sql)
		}
	}
}

func TestSettingsFormWritesReportTOML(t *testing.T) {
	dir := t.TempDir()
	// A report.toml with settings the form does not show: saving the form keeps them.
	before := "rounding = \"largest_remainder\"\n[thresholds]\naged = 35\n\n[[education]]\nlabel = \"高中及以上\"\nvalues = [\"研究生\", \"大学本科\", \"大学专科\", \"高中\", \"中专\"]\n\n[[education]]\nlabel = \"初中及以下\"\nvalues = [\"初中\", \"小学及以下\"]\n"
	if err := os.WriteFile(filepath.Join(dir, "report.toml"), []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	srv, ts := testServer(t, dir)
	c := client{t: t, ts: ts, token: srv.Token()}
	form := url.Values{"csrf": {srv.Token()}, "title": {"标题\"含引号\""}, "organ": {"中共示例县委组织部"}, "date": {"2024年12月20日"},
		"turnout": {"85"}, "plans_heading": {"加强培训", ""}, "plans_text": {"分批培训新任村干部。\r\n第二段。", ""}}
	resp, body := c.do("POST", "/report/settings", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), false)
	if resp.StatusCode != 200 { // the redirect is followed to the page
		t.Fatalf("save: %d %s", resp.StatusCode, body)
	}
	// Read back by the loader `electsum report --config` uses.
	file, opts, err := config.Load(filepath.Join(dir, "report.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if file.Title != `标题"含引号"` || file.Organ != "中共示例县委组织部" || file.Thresholds.Turnout != 85 ||
		len(file.Plans) != 1 || file.Plans[0].Text != "分批培训新任村干部。\n第二段。" {
		t.Errorf("report.toml read back: %+v", file)
	}
	if opts.TurnoutThreshold != 85 || opts.AgedThreshold != 35 || opts.Rounding != analytics.LargestRemainder ||
		len(opts.EducationBuckets) != 2 || opts.EducationBuckets[0].Label != "高中及以上" {
		t.Errorf("the settings the form does not show were not kept: %+v", opts)
	}
	for _, bad := range []string{"abc", "0", "120"} {
		form.Set("turnout", bad)
		resp, body = c.do("POST", "/report/settings", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), false)
		if resp.StatusCode == 200 {
			t.Errorf("a turnout threshold of %s was saved", bad)
		}
		if bad == "120" && !strings.Contains(body, "thresholds.turnout") {
			t.Errorf("the refusal of 120 does not name the setting:\n%s", body)
		}
	}
	if _, opts, _ := config.Load(filepath.Join(dir, "report.toml")); opts.TurnoutThreshold != 85 {
		t.Errorf("a refused form changed report.toml: turnout %v", opts.TurnoutThreshold)
	}
}

// TestViewsGroupAsReportTOML: the analysts' views take their age bands and education groups from
// report.toml, not from the defaults a custom report.toml never reached.
func TestViewsGroupAsReportTOML(t *testing.T) {
	dir := t.TempDir()
	custom := "[[age_bands]]\nlabel = \"39岁及以下\"\nmin = 0\nmax = 39\n\n[[age_bands]]\nlabel = \"40岁及以上\"\nmin = 40\nmax = 0\n"
	if err := os.WriteFile(filepath.Join(dir, "report.toml"), []byte(custom), 0o644); err != nil {
		t.Fatal(err)
	}
	srv, _ := testServer(t, dir)
	rows, err := srv.db.Query(`SELECT label FROM cfg_age_bands ORDER BY ord`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var labels []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			t.Fatal(err)
		}
		labels = append(labels, l)
	}
	if strings.Join(labels, ",") != "39岁及以下,40岁及以上" {
		t.Errorf("cfg_age_bands = %v, want the bands of report.toml", labels)
	}
}

// Issue 14: shutting serve down (Ctrl-C) while a worker reads a huge workbook stops that worker — it
// read on to the end of the file after Close had returned, holding its memory and the uploaded file —
// and leaves the database as it was.
func TestCloseStopsTheReaderOfAHugeFile(t *testing.T) {
	dir := t.TempDir()
	srv, err := New(context.Background(), Options{DB: filepath.Join(dir, "electsum.duckdb"), WorkDir: filepath.Join(dir, "work"),
		MaxFileSize: 256 << 20, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	c := client{t: t, ts: ts, token: srv.Token()}
	id := c.newBatch()
	var csv bytes.Buffer
	csv.WriteString("县(市、区),乡镇(街道),村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n")
	for i := range 1_000_000 {
		fmt.Fprintf(&csv, "示例县,东镇,村%d,2024,村民委员会,100,90,5,5\n", i)
	}
	if resp, body := c.upload(id, "东镇.csv", csv.Bytes()); resp.StatusCode != 200 {
		t.Fatalf("upload: %d %s", resp.StatusCode, body)
	}
	if resp, body := c.do("POST", "/import/batch/"+id+"/run", "application/x-www-form-urlencoded", strings.NewReader("mode=all"), true); resp.StatusCode != 200 {
		t.Fatalf("run: %d %s", resp.StatusCode, body)
	}
	reading := func() bool {
		buf := make([]byte, 1<<20)
		return strings.Contains(string(buf[:runtime.Stack(buf, true)]), "electsum/ingest.parseCSV")
	}
	for deadline := time.Now().Add(time.Minute); !reading(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the reader never started")
		}
	}
	start := time.Now()
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	if reading() {
		t.Errorf("the reader of the huge file runs on after Close (which took %v)", took)
	}
	db, err := ingest.Open(context.Background(), filepath.Join(dir, "electsum.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM elections) + (SELECT count(*) FROM units) + (SELECT count(*) FROM ingest_log)`).Scan(&n); err != nil || n != 0 {
		t.Errorf("the interrupted load left %d rows (%v)", n, err)
	}
}
