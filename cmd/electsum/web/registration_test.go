package web

import (
	"strings"
	"testing"
)

// TestRegistrationUploadedFirst: a 选民登记 table uploaded on its own is kept, and the page says it waits
// for its results; the 选区情况 uploaded in a later batch, without 登记选民, takes its figures, and the page
// says which 选民登记 table gave them (by its uploaded name).
func TestRegistrationUploadedFirst(t *testing.T) {
	srv, c := testClient(t)
	reg := "乡镇,选区,年份,总人口,18周岁以上人口,登记选民,其中女性\n" +
		"青石镇,第一选区,2024,3000,2400,2244,1100\n" +
		"青石镇,第二选区,2024,2200,1800,1712,850\n"
	id := c.newBatch()
	c.upload(id, "青石镇选民登记.csv", []byte(reg))
	c.runForm(id, "mode=all&county=青山县")
	_, page := c.do("GET", "/import/batch/"+id, "", nil, false)
	if !strings.Contains(page, "选举结果尚未导入：选民登记已保存") {
		t.Errorf("the page does not say the 选民登记 waits for its results:\n%s", page)
	}

	results := "乡镇,选区,年份,选举类型,应选代表名额,正式候选人数,参加投票人数,当选代表数\n" +
		"青石镇,第一选区,2024,县级人大代表,1,2,2000,1\n" +
		"青石镇,第二选区,2024,县级人大代表,1,2,1500,1\n"
	id = c.newBatch()
	c.upload(id, "青石镇选区情况.csv", []byte(results))
	c.runForm(id, "mode=all&county=青山县")
	_, page = c.do("GET", "/import/batch/"+id, "", nil, false)
	if !strings.Contains(page, "与此前导入的选民登记表 青石镇选民登记.csv 合并") {
		t.Errorf("the page does not name the 选民登记 table that completed the results:\n%s", page)
	}
	var got string
	if err := srv.db.QueryRow(`SELECT string_agg(unit || ' ' || registered || ' ' || registered_women, '; ' ORDER BY unit)
		FROM elections WHERE township = '青石镇'`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != "第一选区 2244 1100; 第二选区 1712 850" {
		t.Errorf("results rows: %s", got)
	}
}
