package web

import (
	"archive/zip"
	"context"
	"io"
	"net/url"
	"strings"
	"testing"

	"electsum/analytics/query/querytest"
)

// The SQL box shows 身份证号 masked, on the page and in its csv and xlsx downloads; a 身份证号 given as
// a number is refused on the page, not sent as a file.
func TestSQLBoxMasksIDNumbers(t *testing.T) {
	srv, ts := testServer(t, t.TempDir())
	if _, err := srv.db.ExecContext(context.Background(), querytest.SQL); err != nil {
		t.Fatal(err)
	}
	const id, masked = "110101198201011245", "1101**********1245"
	c := client{t: t, ts: ts, token: srv.Token()}
	post := func(sql, format string) (string, string) {
		form := url.Values{"sql": {sql}, "format": {format}}
		resp, body := c.do("POST", "/query", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), true)
		if resp.StatusCode != 200 {
			t.Fatalf("%s (%s): %d %s", sql, format, resp.StatusCode, body)
		}
		return resp.Header.Get("Content-Disposition"), body
	}
	sql := "SELECT name, id_number, person_key, name || id_number AS joined FROM members WHERE id_number IS NOT NULL"
	for _, format := range []string{"", "csv", "xlsx"} {
		disposition, body := post(sql, format)
		if format != "" && !strings.HasPrefix(disposition, "attachment") {
			t.Errorf("%s: not a download: %.300s", format, body)
			continue
		}
		if format == "xlsx" {
			body = readXLSXBytes(t, []byte(body))
		}
		if strings.Contains(body, id[:17]) {
			t.Errorf("format %q shows the 身份证号 whole", format)
		}
		if n := strings.Count(body, masked); n < 3 {
			t.Errorf("format %q shows the masked number %d times, want 3 (id_number, person_key, joined): %.500s", format, n, body)
		}
	}
	for _, typ := range []string{"BIGINT", "DOUBLE"} {
		for _, format := range []string{"", "csv", "xlsx"} {
			disposition, body := post("SELECT name, CAST(id_number AS "+typ+") AS n FROM members WHERE id_number IS NOT NULL", format)
			if disposition != "" || !strings.Contains(body, `id="query-error"`) || !strings.Contains(body, "身份证号") {
				t.Errorf("%s, format %q: a 身份证号 as a number is not refused on the page: %q %.300s", typ, format, disposition, body)
			}
			if strings.Contains(body, id[:14]) {
				t.Errorf("%s, format %q shows the number whole", typ, format)
			}
			// The page has no --unmasked: its advice names what the page offers.
			if strings.Contains(body, "--unmasked") || strings.Contains(body, "命令行") || !strings.Contains(body, "建议") {
				t.Errorf("%s, format %q: the advice is not the page's: %.600s", typ, format, body)
			}
		}
	}
}

// TestPersonElsewhereIsMaskedOnThePage: a person already loaded in another village, refused when a second
// township's file elects the same 身份证号, is named on the page with the number masked — on the batch's
// page (the file table and the problem list), in its status, 问题清单.xlsx in the problems zip and the
// 数据总览's latest loads.
func TestPersonElsewhereIsMaskedOnThePage(t *testing.T) {
	_, c := testClient(t)
	const id, masked = "110101198201011245", "1101**********1245"
	const results = "县(市、区),乡镇(街道),村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n"
	const members = "县(市、区),乡镇(街道),村(社区),年份,选举类型,姓名,职务,性别,出生年月,政治面貌,学历,是否连任,身份证号\n"
	load := func(township, village string) string {
		t.Helper()
		b := c.newBatch()
		for name, text := range map[string]string{
			township + "选举结果.csv": results + "示例县," + township + "," + village + ",2024,村民委员会,100,90,1,1\n",
			township + "当选人员.csv": members + "示例县," + township + "," + village + ",2024,村民委员会,张丽,主任,女,1982.01,中共党员,高中,是," + id + "\n",
		} {
			if resp, body := c.upload(b, name, []byte(text)); resp.StatusCode != 200 {
				t.Fatalf("upload %s: %d %s", name, resp.StatusCode, body)
			}
		}
		c.run(b, "all")
		return b
	}
	load("东镇", "东村")
	b := load("西镇", "西村")
	pages := map[string]string{}
	_, pages["status"] = c.do("GET", "/import/batch/"+b+"/status", "", nil, false)
	_, pages["batch page"] = c.do("GET", "/import/batch/"+b, "", nil, false)
	if !strings.Contains(pages["batch page"], "已作为 东镇东村 的当选人员导入") {
		t.Fatalf("the second township's file was not refused for the person loaded in 东村: %.3000s", pages["batch page"])
	}
	_, pages["数据总览"] = c.do("GET", "/overview", "", nil, false)
	resp, zipped := c.do("GET", "/import/batch/"+b+"/problems.zip", "", nil, false)
	if resp.StatusCode != 200 {
		t.Fatalf("problems.zip: %d", resp.StatusCode)
	}
	zr, err := zip.NewReader(strings.NewReader(zipped), int64(len(zipped)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, "问题清单.xlsx") {
			continue // the marked copies are the township's own sheets, its numbers as it wrote them
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		pages["问题清单.xlsx"] = readXLSXBytes(t, data)
	}
	if pages["问题清单.xlsx"] == "" {
		t.Error("no 问题清单.xlsx in the problems zip")
	}
	for name, text := range pages {
		if strings.Contains(text, id[:14]) {
			t.Errorf("%s shows the 身份证号 whole", name)
		}
	}
	for _, name := range []string{"batch page", "问题清单.xlsx"} {
		if !strings.Contains(pages[name], masked) {
			t.Errorf("%s does not name the person by the masked number %s", name, masked)
		}
	}
}
