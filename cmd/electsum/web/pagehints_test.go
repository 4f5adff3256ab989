package web

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"electsum/ingest"
)

// TestImportProblemsNameThePage: every problem an upload gets, and the advice over them, names what to
// do on the page — 归入的县名, 下载空白采集表, 跳过有错误的文件, the problems download — never a command
// (electsum template, electsum ingest) or flag (--county, --errors-dir, --skip-bad-files). The blank
// workbook the messages point at is on the page.
func TestImportProblemsNameThePage(t *testing.T) {
	srv, c := testClient(t)
	files := map[string]string{
		// no_data_sheet: no recognisable header.
		"乱表.csv": "甲,乙,丙\n1,2,3\n",
		// missing_column: a results sheet without 当选人数.
		"缺列.csv": "县(市、区),乡镇(街道),村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数\n青山县,东镇,东村,2024,村民委员会,100,90,5\n",
		// derived_column: 参选率 is computed, not read.
		"东镇.csv": resultsHeader[:len(resultsHeader)-1] + ",参选率\n青山县,东镇,西村,2024,村民委员会,100,90,5,5,90%\n",
		// county_unknown: no county anywhere, and two known in the run.
		"南镇.csv": "乡镇(街道),村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n南镇,南村,2024,村民委员会,200,180,5,5\n",
		"北镇.csv": resultsHeader + "白水县,北镇,北村,2024,村民委员会,100,90,5,5\n",
	}
	want := map[string]bool{"no_data_sheet": true, "missing_column": true, "derived_column": true, "county_unknown": true}
	for _, mode := range []string{"all", "skip"} {
		id := c.newBatch()
		for name, text := range files {
			c.upload(id, name, []byte(text))
		}
		c.run(id, mode)
		b := srv.batch(id)
		seen := map[string]bool{}
		for _, p := range b.Problems {
			seen[p.Rule] = true
			if commandLineWords.MatchString(p.Message) {
				t.Errorf("%s %s: the page's message names the command line: %s", mode, p.Rule, p.Message)
			}
			if (p.Rule == "no_data_sheet" || p.Rule == "missing_column") && !strings.Contains(p.Message, "下载空白采集表") {
				t.Errorf("%s %s: does not point at the page's 下载空白采集表: %s", mode, p.Rule, p.Message)
			}
			if p.Rule == "county_unknown" && !strings.Contains(p.Message, "归入的县名") {
				t.Errorf("%s county_unknown: does not name 归入的县名: %s", mode, p.Message)
			}
		}
		for r := range want {
			if !seen[r] {
				t.Errorf("%s: no %s problem (the test's files no longer make it)", mode, r)
			}
		}
		if commandLineWords.MatchString(b.Hint) || !strings.Contains(b.Hint, "下载 问题清单.xlsx 和标注了问题的表格") {
			t.Errorf("%s: advice %q", mode, b.Hint)
		}
		if skip := strings.Contains(b.Hint, "跳过有错误的文件"); skip != (mode == "all") {
			t.Errorf("%s: advice %q (跳过有错误的文件 only when nothing was loaded)", mode, b.Hint)
		}
		if _, page := c.do("GET", "/import/batch/"+id, "", nil, false); !strings.Contains(page, `<p id="batch-hint">建议: `) {
			t.Errorf("%s: the batch page does not show the advice", mode)
		}
	}

	_, page := c.do("GET", "/import", "", nil, false)
	if !strings.Contains(page, `href="/import/template.xlsx"`) {
		t.Error("the import page has no link to the blank workbook")
	}
	resp, body := c.do("GET", "/import/template.xlsx", "", nil, false)
	if resp.StatusCode != 200 {
		t.Fatalf("template.xlsx: %d", resp.StatusCode)
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatalf("template.xlsx: %v", err)
	}
	if got, _ := f.GetCellValue("选举结果", "A1"); got == "" {
		t.Errorf("template.xlsx: 选举结果 has no header")
	}
	var out bytes.Buffer
	if err := ingest.WriteTemplate(&out); err != nil {
		t.Fatal(err)
	}
	if f2, _ := excelize.OpenReader(&out); f2 != nil && strings.Join(f.GetSheetList(), ",") != strings.Join(f2.GetSheetList(), ",") {
		t.Errorf("template.xlsx sheets %v, want electsum template's %v", f.GetSheetList(), f2.GetSheetList())
	}
}
