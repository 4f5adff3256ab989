package web

import (
	"context"
	"net/url"
	"os"
	"strings"
	"testing"
)

// The SQL box shows 身份证号 masked, on the page and in its csv and xlsx downloads; a 身份证号 given as
// a number is refused on the page, not sent as a file.
func TestSQLBoxMasksIDNumbers(t *testing.T) {
	srv, ts := testServer(t, t.TempDir())
	fixture, err := os.ReadFile("../../../analytics/query/testdata/fixture.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.db.ExecContext(context.Background(), string(fixture)); err != nil {
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
