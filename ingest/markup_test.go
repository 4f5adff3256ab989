package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// htmlExport is a results table as an office system exports it to "Excel": a web page named .xls, GBK
// by its meta tag, a title over the columns (colspan), 乡镇 written once down the rows (rowspan), &nbsp;
// and <br> in cells and a 合计 row.
const htmlExport = `<html xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><style>td{mso-number-format:"\@"}</style></head>
<body><table border="1">
<thead><tr><th colspan="9">青石镇2024年村民委员会换届选举结果统计表</th></tr>
<tr><th>乡镇</th><th>村</th><th>年份</th><th>选举类型</th><th>登记<br>选民数</th><th>参加投票人数</th><th>应选职数</th><th>候选人数</th><th>当选人数</th></tr></thead>
<tbody>
<tr><td rowspan="2">青石镇</td><td>东山村&nbsp;</td><td>2024</td><td>村委会</td><td>1,200</td><td>1100</td><td>5</td><td>6</td><td>5</td></tr>
<tr><td>西河村</td><td>2024</td><td><span>村委会</span></td><td>800</td><td>700</td><td>5</td><td>6</td><td><b>5</b></td></tr>
<tr><td colspan="4">合计</td><td>2000</td><td>1800</td><td>10</td><td>12</td><td>10</td></tr>
</tbody></table></body></html>`

// spreadsheetML is the same table as an Excel 2003 XML spreadsheet, with a hidden list sheet, cells
// placed by ss:Index, a merged title, a comment and rich text.
const spreadsheetML = `<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">
 <Styles><Style ss:ID="Default"><Font ss:FontName="宋体"/></Style></Styles>
 <Worksheet ss:Name="青石镇">
  <Table ss:ExpandedColumnCount="9" ss:ExpandedRowCount="6">
   <Row><Cell ss:MergeAcross="8"><Data ss:Type="String">青石镇2024年村民委员会换届选举结果统计表</Data></Cell></Row>
   <Row ss:Index="3"><Cell><Data ss:Type="String">乡镇</Data></Cell><Cell><Data ss:Type="String">村</Data></Cell><Cell><Data ss:Type="String">年份</Data></Cell><Cell><Data ss:Type="String">选举类型</Data></Cell><Cell><Data ss:Type="String">登记选民数</Data></Cell><Cell><Data ss:Type="String">参加投票人数</Data></Cell><Cell><Data ss:Type="String">应选职数</Data></Cell><Cell><Data ss:Type="String">候选人数</Data></Cell><Cell><Data ss:Type="String">当选人数</Data></Cell></Row>
   <Row><Cell ss:MergeDown="1"><Data ss:Type="String">青石镇</Data></Cell><Cell><Data ss:Type="String">东山村</Data><Comment ss:Author="张三"><ss:Data><B>核对</B></ss:Data></Comment></Cell><Cell><Data ss:Type="Number">2024</Data></Cell><Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>村委会</B></ss:Data></Cell><Cell><Data ss:Type="Number">1200</Data></Cell><Cell><Data ss:Type="Number">1100</Data></Cell><Cell><Data ss:Type="Number">5</Data></Cell><Cell><Data ss:Type="Number">6</Data></Cell><Cell><Data ss:Type="Number">5</Data></Cell></Row>
   <Row><Cell ss:Index="2"><Data ss:Type="String">西河村</Data></Cell><Cell><Data ss:Type="Number">2024</Data></Cell><Cell><Data ss:Type="String">村委会</Data></Cell><Cell><Data ss:Type="Number">800</Data></Cell><Cell><Data ss:Type="Number">700</Data></Cell><Cell ss:Index="7"><Data ss:Type="Number">5</Data></Cell><Cell><Data ss:Type="Number">6</Data></Cell><Cell><Data ss:Type="Number">5</Data></Cell></Row>
   <Row><Cell ss:MergeAcross="3"><Data ss:Type="String">合计</Data></Cell><Cell><Data ss:Type="Number">2000</Data></Cell><Cell ss:Formula="=SUM(R[-2]C:R[-1]C)"><Data ss:Type="Number">1800</Data></Cell><Cell ss:Index="8"><Data ss:Type="Number">12</Data></Cell><Cell><Data ss:Type="Number">10</Data></Cell></Row>
  </Table>
 </Worksheet>
 <Worksheet ss:Name="选项">
  <Table><Row><Cell><Data ss:Type="String">村委会</Data></Cell></Row></Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions>
 </Worksheet>
</Workbook>`

// TestMarkupWorkbooks: a web page or an XML spreadsheet named .xls loads like the workbook Excel shows
// for it (markup.go): its cells where Excel puts them, its merged cells filled, its 合计 row checked.
func TestMarkupWorkbooks(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(htmlExport)
	if err != nil {
		t.Fatal(err)
	}
	big5, err := traditionalchinese.Big5.NewEncoder().String(strings.NewReplacer("charset=gb2312", "charset=big5", "青石镇", "青石鎮", "村民委员会", "村民委員會", "统计表", "統計表", "东山村", "東山村", "乡镇", "鄉鎮", "选举类型", "選舉類型", "登记", "登記", "选民数", "選民數", "参加投票人数", "參加投票人數", "应选职数", "應選職數", "候选人数", "候選人數", "当选人数", "當選人數", "村委会", "村委會", "换届选举结果", "換屆選舉結果", "合计", "合計").Replace(htmlExport))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, data string
		sheet      string
		problems   []string
	}{
		{name: "web page in GBK", data: gbk, sheet: "Sheet1"},
		{name: "web page in Big5", data: big5, sheet: "Sheet1"},
		{name: "web page in GBK without a charset", data: strings.Replace(gbk, "charset=gb2312", "", 1), sheet: "Sheet1"},
		{name: "web page in UTF-8 without a charset", data: strings.Replace(htmlExport, "charset=gb2312", "", 1), sheet: "Sheet1"},
		{name: "a web page's total that does not add up", data: strings.Replace(htmlExport, "<td>2000</td>", "<td>2100</td>", 1), sheet: "Sheet1",
			problems: []string{"total_mismatch@E5"}},
		{name: "the table inside a layout table", data: strings.Replace(strings.Replace(htmlExport, "<table border=\"1\">", "<table><tr><td>导出时间：2024-04-01</td></tr><tr><td><table border=\"1\">", 1), "</table>", "</table></td></tr></table>", 1), sheet: "Sheet1"},
		{name: "XML spreadsheet", data: spreadsheetML, sheet: "青石镇", problems: []string{"hidden_sheet@"}},
		{name: "a total that does not add up", data: strings.Replace(spreadsheetML, ">2000<", ">2100<", 1), sheet: "青石镇",
			problems: []string{"hidden_sheet@", "total_mismatch@E6"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "青石镇换届选举结果.xls")
			if err := os.WriteFile(path, []byte(c.data), 0o644); err != nil {
				t.Fatal(err)
			}
			p, err := ParseFile(path, ParseOptions{County: "白河县"})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, pr := range p.Problems {
				got = append(got, pr.Rule+"@"+pr.Cell)
			}
			slices.Sort(got)
			if !slices.Equal(got, c.problems) {
				t.Errorf("problems %q, want %q", got, c.problems)
				for _, pr := range p.Problems {
					t.Log(pr.Message)
				}
			}
			var rows []string
			for _, r := range p.Results {
				rows = append(rows, strings.Join([]string{r.Sheet, r.Township, r.Unit, r.Body, itoa(r.Registered), itoa(r.Voted), itoa(r.Seats), itoa(r.Candidates), itoa(r.Elected)}, " "))
			}
			want := []string{c.sheet + " 青石镇 东山村 村民委员会 1200 1100 5 6 5", c.sheet + " 青石镇 西河村 村民委员会 800 700 5 6 5"}
			if strings.Contains(c.name, "Big5") { // places as written: a load spells them as the other files do
				want = []string{c.sheet + " 青石鎮 東山村 村民委员会 1200 1100 5 6 5", c.sheet + " 青石鎮 西河村 村民委员会 800 700 5 6 5"}
			}
			if !slices.Equal(rows, want) {
				t.Errorf("results\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func itoa(p *int) string {
	if p == nil {
		return "-"
	}
	return strconv.Itoa(*p)
}

// TestMarkupWithoutTable: a web page without a table, or an XML spreadsheet without a worksheet, is no
// workbook, with the message of a file that is none.
func TestMarkupWithoutTable(t *testing.T) {
	for _, data := range []string{"<html><body><p>导出失败</p></body></html>", `<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Styles/></Workbook>`} {
		path := filepath.Join(t.TempDir(), "结果.xls")
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ParseFile(path, ParseOptions{County: "白河县"})
		var fe *FileError
		if !errors.As(err, &fe) || fe.Kind != ErrNotWorkbook || !strings.Contains(err.Error(), "不是真正的 Excel 97-2003 工作簿") {
			t.Errorf("%.30s: %v", data, err)
		}
	}
}

// TestMarkupMarkedCopy: the marked copy of a web page (--errors-dir) is an .xlsx with its cells where
// the messages point and its merged ranges.
func TestMarkupMarkedCopy(t *testing.T) {
	for name, data := range map[string]string{"web page": htmlExport, "XML spreadsheet": spreadsheetML} {
		f, err := openForMarking([]byte(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sheet := f.GetSheetList()[0]
		v, _ := f.GetCellValue(sheet, "B3")
		if name == "XML spreadsheet" {
			v, _ = f.GetCellValue(sheet, "B4")
		}
		merges, _ := f.GetMergeCells(sheet)
		if v != "东山村" || len(merges) != 3 {
			t.Errorf("%s: %s has %q where 东山村 stands, %d merged ranges, want 3", name, sheet, v, len(merges))
		}
		f.Close()
	}
}

// TestTextNamedXLS: a system's "Excel" export that is tab-separated text, GBK, named .xls, is read as a
// CSV file; a file of text without separators is still no workbook.
func TestTextNamedXLS(t *testing.T) {
	tsv := "乡镇\t村\t年份\t选举类型\t登记选民数\t参加投票人数\t应选职数\t候选人数\t当选人数\r\n青石镇\t东山村\t2024\t村委会\t1200\t1100\t5\t6\t5\r\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(tsv)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "导出.xls")
	if err := os.WriteFile(path, []byte(gbk), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := ParseFile(path, ParseOptions{County: "白河县"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Results) != 1 || *p.Results[0].Registered != 1200 || p.Results[0].Unit != "东山村" {
		t.Errorf("results %+v, problems %+v", p.Results, p.Problems)
	}
	for _, c := range []struct {
		data string
		want bool
	}{{tsv, true}, {"a,b\n1,2\n", true}, {"这不是工作簿", false}, {"a\x00,b\n", false}, {"\xff\xfea\x00", true}} {
		if got := delimitedText([]byte(c.data)); got != c.want {
			t.Errorf("delimitedText(%q) = %v", c.data, got)
		}
	}
}
