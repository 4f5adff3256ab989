package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestReuploadWithCountyReplaces: a file without 县(市、区) uploaded on the page is put under the one county
// the database holds, with a notice that names the page's 归入的县名 (not --county, not the server's
// folder) and the file as the page stores it, with the folder it was dropped in; uploaded again with 归入的县名 filled, it replaces what it loaded — each upload has a folder
// of its own, so the path differed and the township stayed under both counties.
func TestReuploadWithCountyReplaces(t *testing.T) {
	srv, c := testClient(t)
	known := "县(市、区),乡镇(街道),村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n" +
		"青山县,东镇,东村,2024,村民委员会,100,90,5,5\n"
	id := c.newBatch()
	c.upload(id, "东镇.csv", []byte(known))
	c.runForm(id, "mode=all")

	blank := "乡镇(街道),村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n" +
		"南镇,南村,2024,村民委员会,200,180,5,5\n"
	const name = "收到的表格/选举结果.csv" // dropped as a folder
	id = c.newBatch()
	c.upload(id, name, []byte(blank))
	c.runForm(id, "mode=all")
	_, page := c.do("GET", "/import/batch/"+id, "", nil, false)
	if !strings.Contains(page, "已按“青山县”导入") {
		t.Fatalf("no county_assumed notice on the page")
	}
	for _, bad := range []string{"--county", "electsum ingest", srv.workDir} {
		if strings.Contains(page, bad) {
			t.Errorf("the page's notice names %q", bad)
		}
	}
	if !strings.Contains(page, "归入的县名") {
		t.Errorf("the notice does not name the page's field 归入的县名")
	}
	if !strings.Contains(page, "重新上传同一文件("+name+")") {
		t.Errorf("the notice does not name the file as stored, %s", name)
	}

	id = c.newBatch()
	c.upload(id, name, []byte(blank))
	c.runForm(id, "mode=all&county=白水县")
	var n int
	if err := srv.db.QueryRow(`SELECT count(*) FROM elections WHERE township = '南镇' AND county = '青山县'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("南镇 still under 青山县 after the upload with 白水县: %d elections", n)
	}
	if err := srv.db.QueryRow(`SELECT count(*) FROM elections WHERE township = '南镇' AND county = '白水县'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("南镇 under 白水县: %d elections, want 1", n)
	}
}

// TestYearFieldFillsSheetsWithoutYear: a township's own form often has no 年份 column (the year is in its
// title). Without 归入的年份 the page says how to give one, naming its field and not --year; with it the
// rows take that year; uploaded again with another year, the file replaces what it loaded.
func TestYearFieldFillsSheetsWithoutYear(t *testing.T) {
	srv, c := testClient(t)
	sheet := "乡镇(街道),村(社区),选举类型,登记选民数,参加投票人数,应选职数,当选人数\n" +
		"北山乡,东岭村,村民委员会,1320,1251,5,5\n"
	const name = "北山乡选举结果.csv"
	id := c.newBatch()
	c.upload(id, name, []byte(sheet))
	c.runForm(id, "mode=all")
	_, page := c.do("GET", "/import/batch/"+id, "", nil, false)
	if !strings.Contains(page, "缺少必填列“年份”") || !strings.Contains(page, "归入的年份") || strings.Contains(page, "--year") {
		t.Errorf("the missing 年份 is not explained with the page's field 归入的年份:\n%s", page)
	}

	years := func() map[int]int {
		t.Helper()
		rows, err := srv.db.Query(`SELECT year, count(*) FROM elections WHERE township = '北山乡' GROUP BY year`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[int]int{}
		for rows.Next() {
			var y, n int
			if err := rows.Scan(&y, &n); err != nil {
				t.Fatal(err)
			}
			out[y] = n
		}
		return out
	}
	id = c.newBatch()
	c.upload(id, name, []byte(sheet))
	c.runForm(id, "mode=all&county=白水县&year=2024年")
	if got := years(); len(got) != 1 || got[2024] != 1 {
		t.Errorf("after the upload with 归入的年份 2024年: elections by year %v, want one in 2024", got)
	}
	id = c.newBatch()
	c.upload(id, name, []byte(sheet))
	resp, body := c.do("POST", "/import/batch/"+id+"/run", "application/x-www-form-urlencoded", strings.NewReader("mode=all&year=24"), true)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "归入的年份") {
		t.Errorf("归入的年份 24: status %d, %q; want 400 naming the field", resp.StatusCode, body)
	}
}
