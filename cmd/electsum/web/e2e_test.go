package web

// End-to-end: a real headless Chromium drives the page as a clerk would — upload the demo county's
// workbooks and a broken one, read the problem list, download the problem zip, open 统计 for a township,
// save report settings, download the draft and the annex, run a saved query and the SQL box, then, with
// the county's people's congress and party congress workbooks loaded too, pick those summaries on
// 总结与附件 and download theirs — and the downloads are opened and checked. Screenshots of each step go to a folder the test prints.
//
// The test needs Debian's chromium package (.ci/run installs it); without it the test is skipped with
// a message, so `go test ./...` passes on a fresh machine.

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"electsum/ingest/synth"
)

// chromium finds a Chromium or Chrome to drive, or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browserRun is one headless Chromium with downloads going to a folder.
type browserRun struct {
	t         *testing.T
	ctx       context.Context
	base      string
	shots     string
	downloads string

	mu    sync.Mutex
	runs  map[string]*downloadRun // by guid
	begun chan string
}

// downloadRun is one download the browser began. Its entry stays after the download ends: a small file
// can be complete before the test has even read which download began.
type downloadRun struct {
	name  string                        // suggested file name
	ended chan struct{}                 // closed when completed or canceled
	state browser.DownloadProgressState // the last state reported
	bytes float64                       // bytes received, as last reported
}

func newBrowser(t *testing.T, base string) *browserRun {
	t.Helper()
	exe := chromium()
	if exe == "" {
		t.Skip("没有找到 chromium，跳过浏览器端到端测试 (Debian: apt-get install chromium；.ci/run 会自动安装)")
	}
	shots, err := os.MkdirTemp("", "electsum-serve-screenshots-")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("electsum serve 端到端测试截图: %s\n", shots)
	t.Logf("screenshots: %s", shots)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	// The browser lives as long as the test may: under the race detector on a loaded machine one run takes
	// minutes, and a fixed budget here was one of the ways the test failed without anything being wrong.
	deadline, ok := t.Deadline()
	if !ok {
		deadline = time.Now().Add(30 * time.Minute)
	}
	ctx, cancelTimeout := context.WithDeadline(ctx, deadline.Add(-10*time.Second))
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	b := &browserRun{t: t, ctx: ctx, base: base, shots: shots, downloads: t.TempDir(),
		runs: map[string]*downloadRun{}, begun: make(chan string, 8)}
	// Download events arrive on the session that set the download behaviour: the page's.
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *browser.EventDownloadWillBegin:
			b.mu.Lock()
			b.runs[e.GUID] = &downloadRun{name: e.SuggestedFilename, ended: make(chan struct{})}
			b.mu.Unlock()
			b.begun <- e.GUID
		case *browser.EventDownloadProgress:
			b.mu.Lock()
			if d, ok := b.runs[e.GUID]; ok && d.state != browser.DownloadProgressStateCompleted && d.state != browser.DownloadProgressStateCanceled {
				d.state, d.bytes = e.State, e.ReceivedBytes
				if e.State == browser.DownloadProgressStateCompleted || e.State == browser.DownloadProgressStateCanceled {
					close(d.ended)
				}
			}
			b.mu.Unlock()
		}
	})
	b.run(browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllowAndName).
		WithDownloadPath(b.downloads).WithEventsEnabled(true))
	return b
}

func (b *browserRun) run(actions ...chromedp.Action) {
	b.t.Helper()
	if err := chromedp.Run(b.ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

// waitLimit bounds each wait for a condition. It is a limit for reporting a page that never gets there,
// not a pace: every wait returns as soon as its condition holds, however loaded the machine.
const waitLimit = 3 * time.Minute

// waitFor evaluates cond until it is true, across page loads (errors while the page is replaced are
// retried).
func (b *browserRun) waitFor(cond string) {
	b.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		var ok bool
		if err := chromedp.Run(b.ctx, chromedp.Evaluate(cond, &ok)); err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("timed out waiting for %s", cond)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// open loads url and waits until sel is in the page.
func (b *browserRun) open(url, sel string) {
	b.t.Helper()
	b.run(chromedp.Navigate(url))
	b.waitFor(present(sel))
}

// leave runs actions that replace the page (a form submitted, a link followed) and waits until the new
// page is complete and cond holds in it. The old page is marked first, so that an element the old page
// also had (a result table from the query before) is never mistaken for the new page's.
func (b *browserRun) leave(cond string, actions ...chromedp.Action) {
	b.t.Helper()
	b.run(chromedp.Evaluate(`window.electsumOldPage = true`, nil))
	b.run(actions...)
	b.waitFor(`!window.electsumOldPage && document.readyState === 'complete' && (` + cond + `)`)
}

// present is a condition: an element matching sel is in the page.
func present(sel string) string { return `document.querySelector(` + jsString(sel) + `) !== null` }

// shot saves a full-page screenshot as <name>.png.
func (b *browserRun) shot(name string) {
	b.t.Helper()
	var png []byte
	b.run(chromedp.FullScreenshot(&png, 100))
	if err := os.WriteFile(filepath.Join(b.shots, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// text returns the text of the first element matching sel, read by script rather than through
// chromedp's copy of the DOM, which can lag behind a page that was just replaced.
func (b *browserRun) text(sel string) string {
	b.t.Helper()
	expr := `(function(){var e=document.querySelector(` + jsString(sel) + `);return e?e.innerText:null})()`
	deadline := time.Now().Add(waitLimit)
	for {
		var s *string
		err := chromedp.Run(b.ctx, chromedp.Evaluate(expr, &s))
		if err == nil && s != nil {
			return *s
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("no element %s (%v)", sel, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// download clicks sel and returns the suggested file name and the bytes downloaded.
func (b *browserRun) download(sel string) (string, []byte) {
	b.t.Helper()
	b.run(chromedp.Click(sel, chromedp.ByQuery))
	var guid string
	select {
	case guid = <-b.begun:
	case <-time.After(waitLimit):
		b.t.Fatalf("clicking %s started no download", sel)
	}
	b.mu.Lock()
	d := b.runs[guid]
	b.mu.Unlock()
	// A loaded machine may take long to write a file; the wait lasts as long as the test may, and a
	// download the browser cancels (the server cut the connection) fails at once.
	select {
	case <-d.ended:
	case <-b.ctx.Done():
		b.mu.Lock()
		state, got := d.state, d.bytes
		b.mu.Unlock()
		b.t.Fatalf("download of %s did not complete before the test's deadline (state %q, %.0f bytes)", d.name, state, got)
	}
	if d.state == browser.DownloadProgressStateCanceled {
		b.t.Fatalf("download of %s was canceled after %.0f bytes", d.name, d.bytes)
	}
	// The browser reports completion as it renames the file into place: poll until it is there.
	path := filepath.Join(b.downloads, guid)
	for {
		data, err := os.ReadFile(path)
		if err == nil {
			return d.name, data
		}
		if !errors.Is(err, fs.ErrNotExist) || b.ctx.Err() != nil {
			b.t.Fatalf("download of %s completed but its file cannot be read: %v", d.name, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// brokenWorkbook writes a results sheet whose only row has more voters than registered (an error with a
// cell) and a township the demo does not have.
func brokenWorkbook(t *testing.T, dir string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "选举结果")
	rows := [][]any{
		{"乡镇(街道)", "村(社区)", "年份", "选举类型", "登记选民数", "参加投票人数", "应选职数", "当选人数"},
		{"错误镇", "错误村", 2024, "村民委员会", 500, 600, 5, 5},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("选举结果", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "错误镇.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestPageEndToEnd(t *testing.T) {
	if chromium() == "" {
		t.Skip("没有找到 chromium，跳过浏览器端到端测试 (Debian: apt-get install chromium；.ci/run 会自动安装)")
	}
	dir := t.TempDir()
	world := synth.Generate(synth.County())
	paths, err := synth.WriteWorkbooks(world, filepath.Join(dir, "data"))
	if err != nil {
		t.Fatal(err)
	}
	paths = append(paths, brokenWorkbook(t, dir))
	srv, ts := testServer(t, dir)
	b := newBrowser(t, ts.URL)

	// 数据导入: pick the files, choose "skip bad files", load, read the result.
	b.open(ts.URL+"/import", "#run-form")
	b.shot("01-数据导入")
	// Uploaded means: every file's request answered and the page's count says so (the button alone is
	// enabled as soon as the queue is empty, which says nothing about how many got through).
	b.run(chromedp.SetUploadFiles("#pick-files", paths, chromedp.ByQuery))
	b.waitFor(fmt.Sprintf(`document.getElementById('run-note').textContent === '%d 个文件已上传' && !document.getElementById('run-button').disabled`, len(paths)))
	b.shot("02-上传完成")
	// The run button posts, then the page goes to the batch, which follows the load and reloads when done.
	b.run(chromedp.Click(`input[name=mode][value=skip]`, chromedp.ByQuery))
	b.leave(present("#batch-outcome"), chromedp.Click("#run-button", chromedp.ByQuery))
	files := b.text("#file-table")
	if !strings.Contains(files, "错误镇.xlsx") || !strings.Contains(files, "被拒绝") || !strings.Contains(files, "已导入") {
		t.Errorf("file table does not show the broken file rejected and the others loaded:\n%s", files)
	}
	problems := b.text("#problem-table")
	if !strings.Contains(problems, "参加投票人数") || !strings.Contains(problems, "错误镇.xlsx") {
		t.Errorf("problem list lacks the broken file's error:\n%s", problems)
	}
	b.shot("03-导入结果")
	// Filter to errors only, then sort by cell.
	var shown string
	b.run(chromedp.Evaluate(`(function(){var s=document.querySelector('.filters .filter-col');s.value='错误';s.dispatchEvent(new Event('change'));return document.querySelector('.filter-count').textContent})()`, &shown))
	var visible []string
	b.run(chromedp.Evaluate(`Array.from(document.querySelectorAll('#problem-table tbody tr')).filter(function(r){return !r.hidden}).map(function(r){return r.cells[0].textContent})`, &visible))
	if len(visible) == 0 {
		t.Errorf("filtering on 错误 leaves no row (%s)", shown)
	}
	for _, v := range visible {
		if v != "错误" {
			t.Errorf("filter 错误 shows a %s row", v)
		}
	}
	// Sorting on 单元格 orders by row number (C9 before C12), also the hidden rows.
	b.run(chromedp.Click(`#problem-table th:nth-child(4)`, chromedp.ByQuery))
	var order []float64
	b.run(chromedp.Evaluate(`Array.from(document.querySelectorAll('#problem-table tbody tr')).map(function(r){return +r.cells[3].getAttribute('data-key')})`, &order))
	for i := 1; i < len(order); i++ {
		if order[i] < order[i-1] {
			t.Errorf("sorted by 单元格, row %v comes after row %v", order[i], order[i-1])
			break
		}
	}
	b.shot("04-问题清单筛选")

	name, data := b.download("#problems-zip")
	if !strings.HasSuffix(name, ".zip") {
		t.Errorf("problem download is called %q", name)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("problem download is not a zip: %v", err)
	}
	entries := map[string]*zip.File{}
	for _, f := range zr.File {
		entries[f.Name] = f
	}
	if entries["问题清单.xlsx"] == nil || entries["错误镇_问题标注.xlsx"] == nil {
		t.Fatalf("problem zip holds %v, want 问题清单.xlsx and 错误镇_问题标注.xlsx", keys(entries))
	}
	list := readXLSX(t, entries["问题清单.xlsx"])
	if !strings.Contains(list, "错误镇.xlsx") || !strings.Contains(list, "F2") {
		t.Errorf("问题清单.xlsx does not list the broken cell:\n%s", list)
	}

	// 统计 for a township, picked in the form as a user does.
	township := world.Townships[0].Name
	b.open(ts.URL+"/stats", "#stats-heading")
	// SetValue fires change, on which the page reloads with the township.
	b.leave(`document.getElementById('stats-heading').textContent.indexOf(`+jsString(township)+`) >= 0`,
		chromedp.SetValue(`select[name=township]`, township, chromedp.ByQuery))
	heading := b.text("#stats-heading")
	if !strings.Contains(heading, "2021") {
		t.Errorf("统计 heading does not compare with 2021: %s", heading)
	}
	if got := b.text("#t1"); !strings.Contains(got, "村(社区)数") || !strings.Contains(got, "15") {
		t.Errorf("统计 of %s: first table is\n%s", township, got)
	}
	var charts int
	b.run(chromedp.Evaluate(`document.querySelectorAll('.charts svg').length`, &charts))
	if charts < 3 {
		t.Errorf("统计 shows %d charts, want the draft's", charts)
	}
	b.shot("05-统计-乡镇")
	// A narrow window (a phone, half a screen): the page fits its width, wide tables scroll inside their
	// boxes. The charts' and tables' grid columns were at least 480/520 px wide and pushed the page out.
	b.run(chromedp.EmulateViewport(390, 900))
	for _, page := range []string{"/stats?township=" + url.QueryEscape(township), "/overview", "/report", "/query", "/import"} {
		b.open(ts.URL+page, "main")
		var wide int
		b.run(chromedp.Evaluate(`document.documentElement.scrollWidth - window.innerWidth`, &wide))
		if wide > 0 {
			t.Errorf("%s at 390 px is %d px wider than the window", page, wide)
		}
	}
	b.open(ts.URL+"/stats?township="+url.QueryEscape(township), "#stats-heading")
	b.shot("05b-统计-窄屏")
	b.run(chromedp.EmulateViewport(1280, 900))
	b.open(ts.URL+"/stats?township="+url.QueryEscape(township), "#stats-heading")
	name, data = b.download("#t1 h3 a")
	if !strings.HasSuffix(name, ".xlsx") || !strings.Contains(readXLSXBytes(t, data), "村(社区)数") {
		t.Errorf("统计 table download %q does not hold the table", name)
	}

	// 总结与附件: save settings, then download the draft and the annex of the township.
	b.open(ts.URL+"/report?township="+url.QueryEscape(township), "#settings-form")
	b.run(chromedp.SetValue(`input[name=organ]`, "中共示例县委组织部", chromedp.ByQuery),
		chromedp.SetValue(`input[name=date]`, "2024年12月20日", chromedp.ByQuery),
		chromedp.SetValue(`input[name=practices_heading]`, "坚持党的领导", chromedp.ByQuery),
		chromedp.SetValue(`textarea[name=practices_text]`, "县委常委会专题研究换届工作。", chromedp.ByQuery))
	b.leave(present("#settings-saved"), chromedp.Submit("#settings-form", chromedp.ByQuery))
	toml, err := os.ReadFile(filepath.Join(dir, "report.toml"))
	if err != nil || !strings.Contains(string(toml), "中共示例县委组织部") {
		t.Errorf("report.toml after saving: %s (%v)", toml, err)
	}
	b.shot("06-总结与附件")
	name, data = b.download("#draft-html")
	draft := string(data)
	for _, want := range []string{township, "一、基本情况", "中共示例县委组织部", "坚持党的领导", "2024年12月20日"} {
		if !strings.Contains(draft, want) {
			t.Errorf("draft %s lacks %q", name, want)
		}
	}
	name, data = b.download("#draft-docx")
	if !strings.HasSuffix(name, ".docx") || !strings.Contains(docxText(t, data), "中共示例县委组织部") {
		t.Errorf("Word draft %q lacks the organ", name)
	}
	name, data = b.download("#draft-md")
	if !strings.HasSuffix(name, ".md") || !strings.Contains(string(data), "中共示例县委组织部") {
		t.Errorf("Markdown draft %q lacks the organ", name)
	}
	name, data = b.download("#annex-xlsx")
	annexText := readXLSXBytes(t, data)
	if !strings.HasSuffix(name, ".xlsx") || !strings.Contains(annexText, township) || !strings.Contains(annexText, "合计") {
		t.Errorf("annex %q does not cover %s", name, township)
	}
	if strings.Contains(annexText, world.Townships[0].Members[0].IDNumber) && world.Townships[0].Members[0].IDNumber != "" {
		t.Errorf("annex shows an unmasked 身份证号")
	}

	// 查询: a saved query with a parameter, its CSV, and the SQL box (a read and a refused write).
	b.open(ts.URL+"/query", "#sql-form")
	b.run(chromedp.SetValue(`#form-low-turnout input[name=p_threshold]`, "99", chromedp.ByQuery))
	b.leave(present("#query-result"), chromedp.Click(`button[form=form-low-turnout]`, chromedp.ByQuery))
	if got := b.text("#query-result h2"); !strings.Contains(got, "共") {
		t.Errorf("saved query result heading: %s", got)
	}
	b.shot("07-查询")
	name, data = b.download("#result-csv")
	if !strings.HasSuffix(name, ".csv") || !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) || bytes.Count(data, []byte("\n")) < 2 {
		t.Errorf("saved query CSV %q: %.200s", name, data)
	}
	// The page before already shows a result table: leave waits for the new page's.
	b.run(chromedp.SetValue(`#sql-form textarea`, "SELECT count(*) AS 村数 FROM units", chromedp.ByQuery))
	b.leave(present("#result-table"), chromedp.Submit("#sql-form", chromedp.ByQuery))
	if got := b.text("#result-table"); !strings.Contains(got, "村数") || !strings.Contains(got, "180") {
		t.Errorf("SELECT count(*) AS 村数 FROM units gave %s, want 180", got)
	}
	name, data = b.download(`#query-result form.downloads button[value=xlsx]`)
	if got := readXLSXBytes(t, data); !strings.HasSuffix(name, ".xlsx") || !strings.Contains(got, "村数") || !strings.Contains(got, "180") {
		t.Errorf("SQL box Excel download %q holds\n%s", name, got)
	}
	b.run(chromedp.SetValue(`#sql-form textarea`, "DELETE FROM units", chromedp.ByQuery))
	b.leave(present("#query-error"), chromedp.Submit("#sql-form", chromedp.ByQuery))
	if got := b.text("#query-error"); !strings.Contains(got, "拒绝") {
		t.Errorf("DELETE was not refused: %s", got)
	}
	b.shot("08-查询-拒绝写入")

	// A POST without the token, from the page itself, is refused; so are path-traversal downloads.
	var status int
	b.run(chromedp.Evaluate(`fetch('/import/batch',{method:'POST'}).then(function(r){return r.status})`, &status,
		func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	if status != http.StatusForbidden {
		t.Errorf("POST without token from the page: status %d, want 403", status)
	}
	for _, p := range traversalPaths {
		var body string
		b.run(chromedp.Navigate(ts.URL+p), chromedp.Text("body", &body, chromedp.ByQuery))
		if strings.Contains(body, "root:") || strings.Contains(body, "package web") || strings.Contains(body, "module electsum") {
			t.Errorf("GET %s served a file from disk", p)
		}
	}
	var rows int
	if err := srv.db.QueryRow(`SELECT count(*) FROM units`).Scan(&rows); err != nil || rows != 180 {
		t.Errorf("after the refused DELETE the database has %d units (%v)", rows, err)
	}

	// The county's people's congress and township party congress workbooks (as electsum demo makes them),
	// loaded next: 总结与附件 of the county offers those summaries; each picked on the page gives its own
	// draft and annex.
	synth.GenerateCongress(world)
	synth.GeneratePartyCongress(world)
	more, err := synth.WriteWorkbooks(world, filepath.Join(dir, "data2"))
	if err != nil {
		t.Fatal(err)
	}
	c := client{t: t, ts: ts, token: srv.Token()}
	batch := c.newBatch()
	for _, p := range more {
		if base := filepath.Base(p); strings.Contains(base, "人大换届") || strings.Contains(base, "党代会换届") {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if resp, body := c.upload(batch, base, data); resp.StatusCode != 200 {
				t.Fatalf("upload %s: %d %s", base, resp.StatusCode, body)
			}
		}
	}
	c.run(batch, "all")
	b.open(ts.URL+"/report?kind=renda", "#kind-renda")
	name, data = b.download("#draft-html")
	if !strings.Contains(name, "县乡两级人大换届选举工作总结") || !strings.Contains(string(data), "县级人大代表选举情况") {
		t.Errorf("the 人大 draft picked on the page is %q, without 县级人大代表选举情况", name)
	}
	name, data = b.download("#annex-xlsx")
	// Named after the county the database holds, though none was picked (it was 全部数据2024年…).
	if got := readXLSXBytes(t, data); name != "示例县2024年人大换届选举附件.xlsx" || !strings.Contains(got, "选民登记统计表") {
		t.Errorf("the 人大 annex picked on the page is %q, without a sheet 选民登记统计表", name)
	}
	b.leave(`document.getElementById('kind-dangdaihui').getAttribute('aria-current') === 'page'`,
		chromedp.Click("#kind-dangdaihui", chromedp.ByQuery))
	b.shot("09-总结与附件-党代会")
	name, data = b.download("#draft-md")
	if !strings.Contains(name, "党代会换届选举工作总结") || !strings.Contains(string(data), "纪委委员选举情况") {
		t.Errorf("the 党代会 draft picked on the page is %q, without 纪委委员选举情况", name)
	}
}

// docxText is the text of a .docx's document.xml, tags and all: enough to find a phrase.
func docxText(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("Word draft is not a zip: %v", err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			var buf bytes.Buffer
			buf.ReadFrom(rc)
			return buf.String()
		}
	}
	t.Fatal("Word draft has no word/document.xml")
	return ""
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func jsString(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

// readXLSX reads every cell of a workbook in a zip as tab-separated text.
func readXLSX(t *testing.T, zf *zip.File) string {
	t.Helper()
	rc, err := zf.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(rc); err != nil {
		t.Fatal(err)
	}
	return readXLSXBytes(t, buf.Bytes())
}

func readXLSXBytes(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer f.Close()
	var out strings.Builder
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		out.WriteString("[" + sh + "]\n")
		for _, r := range rows {
			out.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return out.String()
}
