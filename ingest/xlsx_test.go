package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// messyResults is a results sheet the way townships really send it: a title row, a note, a two-row
// header with merged cells, the township merged down its villages, and a 合计 row.
func messyResults(total int) sheetData {
	return sheetData{name: "Sheet1",
		rows: [][]any{
			{"城关镇2024年村两委换届选举结果统计表"},
			{"填报单位：城关镇人民政府", nil, nil, nil, nil, nil, nil, nil, "填报日期：2024年4月"},
			{"乡镇（街道）", "村（社区）", "年份", "选举类型", "选举情况", nil, nil, nil, "应选职数", "候选人数", "当选人数"},
			{nil, nil, nil, nil, "登记选民数", "参加投票人数", "有效票数", "无效票数"},
			{"城关镇", "石桥村", 2024, "村委会", 1200, 1100, 1090, 10, 5, 6, 5},
			{nil, "河口村", 2024, "村委会", 800, 700, 700, 0, 5, 7, 5},
			{nil, "东山村", "2024年", "村民委員會", "９００", "850", 840, 10, 5, 6, 5},
			{"合  计", nil, nil, nil, total, 2650, 2630, 20, 15, 19, 15},
		},
		merges: []string{"A1:K1", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:H3", "I3:I4", "J3:J4", "K3:K4", "A5:A7"},
	}
}

func TestMessyWorkbook(t *testing.T) {
	p := mustParse(t, writeXLSX(t, messyResults(2900)))
	for _, pr := range p.Problems {
		t.Errorf("unexpected problem: %s [%s]", pr, pr.Rule)
	}
	if len(p.Results) != 3 {
		t.Fatalf("got %d results, want 3 (合计 skipped)", len(p.Results))
	}
	for i, want := range []struct {
		unit string
		row  int
		reg  int
	}{{"石桥村", 5, 1200}, {"河口村", 6, 800}, {"东山村", 7, 900}} {
		r := p.Results[i]
		if r.Township != "城关镇" || r.Unit != want.unit || r.Row != want.row || *r.Registered != want.reg || r.Body != "村民委员会" || r.Year != 2024 {
			t.Errorf("result %d = %+v %+v reg %d", i, r.Key, r.Pos, *r.Registered)
		}
	}
}

// TestMergesOfLargeSheets reads a workbook whose sheets are over MaxXMLSize, which the fast reader
// streams twice (merged ranges from the first pass, rows from the second) instead of holding them.
func TestMergesOfLargeSheets(t *testing.T) {
	p, err := ParseFile(writeXLSX(t, messyResults(2900)), ParseOptions{MaxXMLSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Problems) != 0 || len(p.Results) != 3 || p.Results[2].Township != "城关镇" || *p.Results[2].Registered != 900 {
		t.Errorf("problems %v, results %+v", p.Problems, p.Results)
	}
}

func TestTotalRowMismatch(t *testing.T) {
	p := mustParse(t, writeXLSX(t, messyResults(3000)))
	got := rules(p, Warning)
	if len(got) != 1 || got[0] != "total_mismatch@E8" {
		t.Fatalf("warnings = %v, want [total_mismatch@E8]", got)
	}
	want := "合计行的登记选民数(E8)为 3000，而上方各行之和为 2900：请核对"
	if m := p.Problems[0].Message; m != want {
		t.Errorf("message = %s, want %s", m, want)
	}
}

func TestMergedMembersAndTwoSheetsInAnyOrder(t *testing.T) {
	id := makeID("19800101", false)
	p := mustParse(t, writeXLSX(t,
		sheetData{name: "人员", rows: [][]any{
			{"姓名", "乡镇", "村", "年份", "选举类型", "职务", "性别", "出生年月", "民族", "政治面貌", "文化程度", "是否连任", "身份证号"},
			{"王五", "城关镇", "石桥村", 2024, "村党组织", "书记", "男", "1970.05", "汉", "党员", "大专", "是"},
			{"赵六", nil, nil, nil, nil, "委员", "女", "1980.01", "回", "中共党员", "高中", "否", id},
		}, merges: []string{"B2:B3", "C2:C3", "D2:D3", "E2:E3"}},
		sheetData{name: "结果", rows: [][]any{resultsHeader, set(resultRow("石桥村", "村党组织", 2), 2, 2024)}},
	))
	for _, pr := range p.Problems {
		t.Errorf("unexpected problem: %s [%s]", pr, pr.Rule)
	}
	if len(p.Members) != 2 {
		t.Fatalf("members = %d", len(p.Members))
	}
	m := p.Members[1]
	if m.Township != "城关镇" || m.Unit != "石桥村" || m.Year != 2024 || m.Body != "村党组织" || m.Ethnicity != "回族" || m.Education != "高中" {
		t.Errorf("merged cells not filled: %+v", m)
	}
	if p.Members[0].Ethnicity != "汉族" || p.Members[0].Education != "大学专科" || p.Members[0].Position != "书记" {
		t.Errorf("values not normalised: %+v", p.Members[0])
	}
}

func TestExcelDateCells(t *testing.T) {
	path := writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{membersHeader,
		memberRow("石桥村", "村民委员会", "张三", "主任", "男", "", "")}})
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A date-formatted cell, as when a clerk types 1975/3/15 into Excel.
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err := f.SetCellValue("当选人员", "H2", 27468); err != nil {
		t.Fatal(err)
	}
	_ = f.SetCellStyle("当选人员", "H2", "H2", style)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	p := mustParse(t, path)
	if len(p.Problems) != 0 {
		t.Fatalf("problems: %v", p.Problems)
	}
	if b := p.Members[0].Birth; b == nil || b.Format("2006-01-02") != "1975-03-01" {
		t.Errorf("birth = %v, want 1975-03-01", b)
	}
}

func TestPositionKeptAsWritten(t *testing.T) {
	p := mustParse(t, writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{membersHeader,
		memberRow("石桥村", "村民委员会", "张三", " 妇女专干 ", "男", "1975.03", "")}}))
	if len(p.Problems) != 0 || p.Members[0].Position != "妇女专干" {
		t.Errorf("position = %q, problems %v", p.Members[0].Position, p.Problems)
	}
}

func TestHugeMergeIsBounded(t *testing.T) {
	p := mustParse(t, writeXLSX(t, sheetData{name: "选举结果",
		rows:   [][]any{{"标题"}, resultsHeader, resultRow("石桥村", "村民委员会", 1)},
		merges: []string{"A1:XFD1"}}))
	if len(p.Results) != 1 || len(rules(p, Error)) != 0 {
		t.Errorf("results %d, problems %v", len(p.Results), p.Problems)
	}
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func validWorkbookBytes(t *testing.T) []byte {
	data, err := os.ReadFile(writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{resultsHeader, resultRow("石桥村", "村民委员会", 1)}}))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// rawZip writes a zip whose single entry declares the given uncompressed size, as a zip bomb does.
func rawZip(t *testing.T, declared uint64) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Store, CompressedSize64: 4, UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("<a/>"))
	zw.Close()
	return buf.Bytes()
}

// deflateZip writes a real workbook-shaped zip whose worksheet is n bytes of blanks.
func deflateZip(t *testing.T, n int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	w.Write(bytes.Repeat([]byte(" "), n))
	zw.Close()
	return buf.Bytes()
}

func TestUnreadableFiles(t *testing.T) {
	good := validWorkbookBytes(t)
	encrypted := func() []byte {
		f, err := excelize.OpenFile(writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{resultsHeader}}))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		path := filepath.Join(t.TempDir(), "enc.xlsx")
		if err := f.SaveAs(path, excelize.Options{Password: "123456"}); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(path)
		return data
	}()
	goodXLS, err := os.ReadFile("testdata/xls/township1.xls")
	if err != nil {
		t.Fatal(err)
	}
	encryptedXLS, err := os.ReadFile("testdata/encrypted.xls")
	if err != nil {
		t.Fatal(err)
	}
	// The same compound file with its Workbook stream renamed: an OLE file that holds no workbook.
	withoutWorkbook := bytes.Replace(goodXLS, []byte("W\x00o\x00r\x00k\x00b\x00o\x00o\x00k\x00"), []byte("W\x00o\x00r\x00d\x00D\x00o\x00c\x00s\x00"), 1)
	flipped := bytes.Clone(good)
	for i := len(flipped) / 3; i < len(flipped)/3+200; i++ {
		flipped[i] ^= 0xFF
	}
	for _, c := range []struct {
		name string
		file string
		data []byte
		opts ParseOptions
		kind error
	}{
		{"text named xlsx", "a.xlsx", []byte("这不是工作簿"), ParseOptions{}, ErrNotWorkbook},
		{"empty xlsx", "a.xlsx", nil, ParseOptions{}, ErrNotWorkbook},
		{"empty csv", "a.csv", nil, ParseOptions{}, ErrNotWorkbook},
		{"damaged xls", "a.xls", append(bytes.Clone(oleMagic), make([]byte, 1024)...), ParseOptions{}, ErrCorrupt},
		{"web page without a table named xls", "a.xls", []byte("<html><body><p>导出失败</p></body></html>"), ParseOptions{}, ErrNotWorkbook}, // with one: markup.go
		{"text named et", "a.et", []byte("这不是工作簿"), ParseOptions{}, ErrNotWorkbook},
		{"compound file without a workbook", "a.et", withoutWorkbook, ParseOptions{}, ErrNotWorkbook},
		{"truncated xls", "a.xls", goodXLS[:len(goodXLS)*2/3], ParseOptions{}, ErrCorrupt},
		// Saved by LibreOffice with the open password 123456 (storeToURL with a Password property).
		{"encrypted xls", "a.xls", encryptedXLS, ParseOptions{}, ErrEncrypted},
		{"word document", "a.docx", rawZipNamed(t, "word/document.xml"), ParseOptions{}, ErrNotWorkbook},
		{"truncated", "a.xlsx", good[:len(good)/2], ParseOptions{}, ErrCorrupt},
		{"damaged", "a.xlsx", flipped, ParseOptions{}, ErrCorrupt},
		{"encrypted", "a.xlsx", encrypted, ParseOptions{}, ErrEncrypted},
		{"declared zip bomb", "a.xlsx", rawZip(t, 1<<40), ParseOptions{}, ErrZipBomb},
		{"real zip bomb", "a.xlsx", deflateZip(t, 4<<20), ParseOptions{MaxUnzipSize: 1 << 20}, ErrZipBomb},
		{"oversize", "a.xlsx", good, ParseOptions{MaxFileSize: 1000}, ErrTooLarge},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := writeFile(t, c.file, c.data)
			p, err := ParseFile(path, c.opts)
			if !errors.Is(err, c.kind) {
				t.Fatalf("err = %v, want %v", err, c.kind)
			}
			var fe *FileError
			if !errors.As(err, &fe) || fe.Path != path || p != nil {
				t.Fatalf("err = %#v, parsed %v", err, p)
			}
			if msg := err.Error(); !strings.Contains(msg, c.file) || !strings.Contains(msg, "请") {
				t.Errorf("message does not name the file or say what to do: %s", msg)
			}
			if msg := err.Error(); len(c.data) == 0 && !strings.Contains(msg, "空文件") {
				t.Errorf("an empty file's message does not say so: %s", msg)
			}
			// A .et or .xls that cannot be read says what it is not, in the user's words.
			says := map[string]string{"a.et": "WPS 表格", "a.xls": "Excel 97-2003"}[c.file]
			if errors.Is(err, ErrNotWorkbook) && says != "" && !strings.Contains(err.Error(), says) {
				t.Errorf("message does not say %q: %s", says, err)
			}
		})
	}
}

func rawZipNamed(t *testing.T, name string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create(name)
	w.Write([]byte("<document/>"))
	zw.Close()
	return buf.Bytes()
}

func TestMissingFile(t *testing.T) {
	_, err := ParseFile(filepath.Join(t.TempDir(), "none.xlsx"), ParseOptions{})
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want not exist", err)
	}
}

// TestRowNumbersSkipAbsentRows: rows missing from the sheet XML still count, so problems point at the
// row Excel shows.
func TestRowNumbersSkipAbsentRows(t *testing.T) {
	p := mustParse(t, writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{
		{}, {}, resultsHeader, {}, set(resultRow("石桥村", "村民委员会", 1), 5, "很多"),
	}}))
	if got := rules(p, Error); len(got) != 1 || got[0] != "wrong_type@F5" {
		t.Fatalf("errors = %v, want [wrong_type@F5]", got)
	}
	if len(p.Results) != 1 || p.Results[0].Row != 5 {
		t.Errorf("results = %+v", p.Results)
	}
}

func TestHiddenSheetSkipped(t *testing.T) {
	path := writeXLSX(t,
		sheetData{name: "选举结果", rows: [][]any{resultsHeader, resultRow("石桥村", "村民委员会", 1)}},
		sheetData{name: "上届", rows: [][]any{resultsHeader, set(resultRow("石桥村", "村民委员会", 1), 2, 2021)}},
	)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetVisible("上届", false); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	p := mustParse(t, path)
	if len(p.Results) != 1 || p.Results[0].Year != 2024 {
		t.Errorf("results = %+v", p.Results)
	}
	if got := rules(p, Notice); len(got) != 1 || got[0] != "hidden_sheet@" {
		t.Errorf("notices = %v", got)
	}
}

func TestScanSheetXML(t *testing.T) {
	xml := []byte(`<worksheet><dimension ref="A1:M10001"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>` +
		`<mergeCells count="2"><mergeCell ref="A5:A7"/><x:mergeCell ref="B2:D2"></x:mergeCell></mergeCells></worksheet>`)
	if got := dimensionRows(xml); got != 10001 {
		t.Errorf("dimensionRows = %d, want 10001", got)
	}
	if got := dimensionRows([]byte(`<worksheet><dimension ref="A1"/>`)); got != 0 {
		t.Errorf("dimensionRows of a single cell = %d, want 0", got)
	}
	got := scanMerges(xml)
	want := []mergeRange{{r0: 2, c0: 2, r1: 2, c1: 4}, {r0: 5, c0: 1, r1: 7, c1: 1}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("scanMerges = %+v, want %+v", got, want)
	}
}
