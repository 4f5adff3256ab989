package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestFreshDatabasePages: on a database with no data yet every page and download answers with the
// Chinese message and the page's next step — never a server error (/stats gave 500), never a panic.
func TestFreshDatabasePages(t *testing.T) {
	_, ts := testServer(t, t.TempDir())
	c := client{t: t, ts: ts}
	for _, path := range []string{"/import", "/overview", "/stats", "/stats/table.xlsx", "/report",
		"/report/draft.html", "/report/draft.md", "/report/draft.docx", "/report/annex.xlsx", "/query",
		"/query?sql=SELECT+count(*)+FROM+elections"} {
		resp, body := c.do("GET", path, "", nil, false)
		if resp.StatusCode >= http.StatusInternalServerError {
			t.Errorf("%s: status %d: %.300s", path, resp.StatusCode, body)
		}
		if strings.Contains(body, "panic") || strings.Contains(body, "Catalog Error") || strings.Contains(body, "--") && strings.Contains(body, "electsum ingest") {
			t.Errorf("%s: %.300s", path, body)
		}
		switch path {
		case "/stats", "/report", "/stats/table.xlsx", "/report/draft.html", "/report/annex.xlsx":
			if !strings.Contains(body, "还没有选举数据") || !strings.Contains(body, "数据导入") {
				t.Errorf("%s: no message with the next step: %.300s", path, body)
			}
		}
	}
}
