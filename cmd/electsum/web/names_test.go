package web

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const resultsHeader = "县(市、区),乡镇(街道),村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n"

// TestUploadedNamesAreStored: a file uploaded on the page is stored (source_file, ingest_log) and shown
// (the file table, the problem list, 问题清单.xlsx and the marked copy, 数据总览's last loads) under the
// name the user uploaded — with its path inside a dropped folder or a zip — never under the server's
// folder; uploaded again with other content, it is a resubmission that replaces what it loaded.
func TestUploadedNamesAreStored(t *testing.T) {
	srv, c := testClient(t)

	id := c.newBatch()
	c.upload(id, "收到的表格/东镇.csv", []byte(resultsHeader+"青山县,东镇,东村,2024,村民委员会,100,90,5,5\n"))
	// A workbook in a zip, with an error: 参加投票人数 above 登记选民数.
	book := excelize.NewFile()
	book.SetSheetName("Sheet1", "选举结果")
	for i, row := range [][]any{
		{"县(市、区)", "乡镇(街道)", "村(社区)", "年份", "选举类型", "登记选民数", "参加投票人数", "应选职数", "当选人数"},
		{"青山县", "西镇", "西村", 2024, "村民委员会", 100, 190, 5, 5},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		book.SetSheetRow("选举结果", cell, &row)
	}
	var xlsx bytes.Buffer
	if err := book.Write(&xlsx); err != nil {
		t.Fatal(err)
	}
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	w, _ := zw.Create("西镇/西镇.xlsx")
	w.Write(xlsx.Bytes())
	zw.Close()
	if resp, body := c.upload(id, "青山县.zip", zipped.Bytes()); resp.StatusCode != 200 {
		t.Fatalf("zip upload: %d %s", resp.StatusCode, body)
	}
	c.run(id, "skip")

	var sources []string
	rows, err := srv.db.Query(`SELECT DISTINCT source_file FROM elections UNION SELECT path FROM ingest_log ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		sources = append(sources, s)
	}
	rows.Close()
	if want := []string{"收到的表格/东镇.csv", "西镇/西镇.xlsx"}; !slices.Equal(sources, want) {
		t.Errorf("stored file names %q, want %q", sources, want)
	}
	_, page := c.do("GET", "/import/batch/"+id, "", nil, false)
	_, overview := c.do("GET", "/overview", "", nil, false)
	for what, text := range map[string]string{"the batch page": page, "数据总览": overview} {
		if strings.Contains(text, srv.workDir) {
			t.Errorf("%s names the server's folder", what)
		}
	}
	if !strings.Contains(page, "<td>西镇/西镇.xlsx</td>") || !strings.Contains(page, "<td>收到的表格/东镇.csv</td>") {
		t.Errorf("the batch page does not name the files as uploaded")
	}
	if !strings.Contains(overview, "收到的表格/东镇.csv") || !strings.Contains(overview, "西镇/西镇.xlsx") {
		t.Errorf("数据总览's last loads do not name the files as uploaded")
	}

	resp, body := c.do("GET", "/import/batch/"+id+"/problems.zip", "", nil, false)
	if resp.StatusCode != 200 {
		t.Fatalf("problems.zip: %d %s", resp.StatusCode, body)
	}
	zr, err := zip.NewReader(strings.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.Name != "问题清单.xlsx" {
			continue
		}
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		list, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := list.GetCellValue("问题清单", "A2"); v != "西镇/西镇.xlsx" {
			t.Errorf("问题清单.xlsx names the file %q, want 西镇/西镇.xlsx", v)
		}
	}
	slices.Sort(names)
	if want := []string{"西镇_问题标注.xlsx", "问题清单.xlsx"}; !slices.Equal(names, want) {
		t.Errorf("problems.zip holds %q, want %q", names, want)
	}

	// The same file again, corrected (东村 was 东一村): a resubmission, the first version's rows go.
	id = c.newBatch()
	c.upload(id, "收到的表格/东镇.csv", []byte(resultsHeader+"青山县,东镇,东一村,2024,村民委员会,100,90,5,5\n"))
	c.run(id, "all")
	var units, files string
	if err := srv.db.QueryRow(`SELECT string_agg(unit, ',' ORDER BY unit), string_agg(DISTINCT source_file, ',')
		FROM elections WHERE township = '东镇'`).Scan(&units, &files); err != nil {
		t.Fatal(err)
	}
	if units != "东一村" || files != "收到的表格/东镇.csv" {
		t.Errorf("after the re-upload 东镇 holds %s from %s, want 东一村 from 收到的表格/东镇.csv", units, files)
	}
}
