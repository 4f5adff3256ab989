package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The differential test of the fast xlsx reader: for every workbook below — written by excelize with
// styles, merges, dates, rich text, formulas and both kinds of strings, written by hand the way other
// programs write them, and mutated at random — the fast reader's cells equal excelize's cell for cell,
// or it declines (and the caller falls back to excelize).

// readRow is one row as a reader hands it to the sheet parser.
type readRow struct {
	n     int
	cells []string
}

// readSheetResult is one sheet as a reader gives it.
type readSheetResult struct {
	name     string
	hidden   bool
	noPart   bool
	declined bool
	rows     []readRow
	merges   []mergeRange
}

var testLimits = ParseOptions{}.withDefaults()

// readFast reads a workbook with the fast reader; errDeclined when it declines the whole workbook.
func readFast(data []byte, opts ParseOptions) ([]readSheetResult, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	book, err := openFastBook(zr, data, opts)
	if err != nil {
		return nil, err
	}
	defer book.release()
	var out []readSheetResult
	for _, s := range book.sheets {
		r := readSheetResult{name: s.name, hidden: s.hidden, noPart: s.part == nil}
		if s.hidden || s.part == nil {
			out = append(out, r)
			continue
		}
		fs, err := book.readSheet(s.part, new(bufferedRows))
		if errors.Is(err, errDeclined) {
			r.declined = true
			out = append(out, r)
			continue
		}
		if err != nil {
			return nil, err
		}
		r.merges = fs.merges
		if err := fs.rows(func(n int, cells []string) {
			r.rows = append(r.rows, readRow{n, slices.Clone(cells)})
		}); err != nil {
			if errors.Is(err, errReadAgain) && !opts.careful {
				// A skimmed large sheet that needed the careful reading: readFile reads the workbook
				// again so.
				opts.careful = true
				return readFast(data, opts)
			}
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// readExcelize reads a workbook the way the sheet parser read every workbook before the fast reader.
func readExcelize(data []byte) ([]readSheetResult, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true,
		UnzipSizeLimit: testLimits.MaxUnzipSize, UnzipXMLSizeLimit: testLimits.MaxUnzipSize})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []readSheetResult
	for _, name := range f.GetSheetList() {
		r := readSheetResult{name: name}
		if visible, err := f.GetSheetVisible(name); err == nil && !visible {
			r.hidden = true
			out = append(out, r)
			continue
		}
		rows, err := f.Rows(name)
		if err != nil {
			var notExist excelize.ErrSheetNotExist
			if errors.As(err, &notExist) {
				r.noPart = true
				out = append(out, r)
				continue
			}
			return nil, err
		}
		n := 0
		for rows.Next() {
			n++
			cells, err := rows.Columns()
			if err != nil {
				rows.Close()
				return nil, err
			}
			r.rows = append(r.rows, readRow{n, cells})
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		// The merged ranges as excelize decodes them, or, for a worksheet it cannot decode, as the sheet
		// parser found them before the fast reader (scanning the XML).
		if _, err := f.GetMergeCells(name, true); err == nil {
			r.merges = mergedCellsSlow(f, name)
		} else if infos, _ := scanSheets(f); infos != nil {
			r.merges = infos[name].merges
		}
		out = append(out, r)
	}
	return out, nil
}

// streamed are the limits under which every sheet is larger than MaxXMLSize: the fast reader streams
// it twice, skimming it first (readSheet).
var streamed = func() ParseOptions { o := testLimits; o.MaxXMLSize = 1; return o }()

// diffReaders reads data with both readers and returns how many sheets the fast reader read and how
// many it declined; err describes the first difference. A workbook excelize cannot read must be
// declined by the fast reader or fail in it too. The fast reader reads it twice, holding each sheet in
// memory and streaming it: the two must agree with excelize alike.
func diffReaders(data []byte) (fast, declined int, err error) {
	fast, declined, err = diffReadersWith(data, testLimits)
	if err != nil {
		return 0, 0, err
	}
	f, d, err := diffReadersWith(data, streamed)
	if err != nil {
		return 0, 0, fmt.Errorf("streamed: %w", err)
	}
	if f != fast || d != declined {
		return 0, 0, fmt.Errorf("streamed, the fast reader read %d sheets and declined %d; held in memory %d and %d", f, d, fast, declined)
	}
	return fast, declined, nil
}

func diffReadersWith(data []byte, opts ParseOptions) (fast, declined int, err error) {
	want, exErr := readExcelize(data)
	got, fastErr := readFast(data, opts)
	if errors.Is(fastErr, errDeclined) {
		return 0, 1, nil
	}
	if exErr != nil {
		if fastErr == nil {
			for _, s := range got {
				if !s.declined && len(s.rows) > 0 {
					return 0, 0, fmt.Errorf("excelize refuses the workbook (%v) but the fast reader read sheet %s", exErr, s.name)
				}
			}
		}
		return 0, 0, nil
	}
	if fastErr != nil {
		return 0, 0, fmt.Errorf("fast reader failed where excelize read the workbook: %v", fastErr)
	}
	if len(got) != len(want) {
		return 0, 0, fmt.Errorf("fast reader found %d sheets, excelize %d", len(got), len(want))
	}
	for i, g := range got {
		w := want[i]
		if g.name != w.name || g.hidden != w.hidden || g.noPart != w.noPart {
			return 0, 0, fmt.Errorf("sheet %d: fast %q hidden=%v noPart=%v, excelize %q hidden=%v noPart=%v",
				i, g.name, g.hidden, g.noPart, w.name, w.hidden, w.noPart)
		}
		if g.hidden || g.noPart {
			continue
		}
		if g.declined {
			declined++
			continue
		}
		fast++
		if d := diffRows(g.rows, w.rows); d != "" {
			return 0, 0, fmt.Errorf("sheet %s: %s", g.name, d)
		}
		if !sameMerges(g.merges, w.merges) {
			return 0, 0, fmt.Errorf("sheet %s: merged ranges: fast %v, excelize %v", g.name, g.merges, w.merges)
		}
	}
	return fast, declined, nil
}

func diffRows(got, want []readRow) string {
	for i := 0; i < max(len(got), len(want)); i++ {
		switch {
		case i >= len(got):
			return fmt.Sprintf("fast reader has no row %d, excelize has %q", want[i].n, want[i].cells)
		case i >= len(want):
			return fmt.Sprintf("fast reader has row %d %q that excelize does not", got[i].n, got[i].cells)
		case got[i].n != want[i].n || !slices.Equal(got[i].cells, want[i].cells):
			return fmt.Sprintf("row %d: fast %d %q, excelize %d %q", i, got[i].n, got[i].cells, want[i].n, want[i].cells)
		}
	}
	return ""
}

func sameMerges(a, b []mergeRange) bool {
	key := func(ms []mergeRange) []string {
		var out []string
		for _, m := range ms {
			out = append(out, fmt.Sprint(m.r0, m.c0, m.r1, m.c1))
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(key(a), key(b))
}

// excelizeWorkbooks are workbooks written by excelize with the features townships' files have.
func excelizeWorkbooks(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	save := func(name string, f *excelize.File) {
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		f.Close()
		out[name] = buf.Bytes()
	}
	read := func(path string) []byte {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	out["messy results"] = read(writeXLSX(t, messyResults(2900)))
	out["huge merge"] = read(writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{{"标题"}, resultsHeader,
		resultRow("石桥村", "村民委员会", 1)}, merges: []string{"A1:XFD1"}}))
	out["absent rows"] = read(writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{{}, {}, resultsHeader, {},
		set(resultRow("石桥村", "村民委员会", 1), 5, "很多")}}))

	var tmpl bytes.Buffer
	if err := WriteTemplate(&tmpl); err != nil {
		t.Fatal(err)
	}
	out["template"] = tmpl.Bytes()

	// Every kind of value, styled: dates and times with date formats, numbers, booleans, formulas with
	// cached values, rich text, text needing escapes, a hidden sheet.
	f := excelize.NewFile()
	sheet := "当选人员"
	f.SetSheetName("Sheet1", sheet)
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	ymStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptrTo("yyyy.mm")})
	boldRed, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FF0000"}, Fill: excelize.Fill{Type: "pattern", Color: []string{"FFFF00"}, Pattern: 1}})
	textStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 49})
	f.SetSheetRow(sheet, "A1", &[]any{"姓名", "出生年月", "选举日期", "年龄", "是否连任", "身份证号", "得票率", "备注"})
	f.SetSheetRow(sheet, "A2", &[]any{"张三", time.Date(1975, 3, 15, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 15, 9, 30, 0, 0, time.UTC), 49, true, "330102197503150135", 0.9876, "a & b < c > d \"e\" 'f'"})
	f.SetSheetRow(sheet, "A3", &[]any{" 李四 ", 27468.0, "2024-03-15", int64(-3), false, 330102197503150135, 1e-7, "line1\nline2\r\nline3\ttab"})
	f.SetSheetRow(sheet, "A4", &[]any{"王_x000D_五", "1975.10", nil, "", nil, "", 12345678901234567890.0, "_x005F_x0041_ 混合 ＡＢＣ　全角"})
	f.SetCellStyle(sheet, "B2", "B3", dateStyle)
	f.SetCellStyle(sheet, "C2", "C2", ymStyle)
	f.SetCellStyle(sheet, "A1", "H1", boldRed)
	f.SetCellStyle(sheet, "F2", "F4", textStyle)
	// With their results, as Excel saves them (a formula without one is declined and computed, formula.go).
	f.SetCellValue(sheet, "D5", 46)
	f.SetCellFormula(sheet, "D5", "SUM(D2:D3)")
	f.SetCellValue(sheet, "E5", "老")
	f.SetCellFormula(sheet, "E5", `IF(D2>40,"老","少")`)
	f.SetCellRichText(sheet, "A6", []excelize.RichTextRun{{Text: "村", Font: &excelize.Font{Bold: true}}, {Text: "党组织", Font: &excelize.Font{Family: "宋体", Color: "2354e8"}}, {Text: " 书记"}})
	f.SetCellRichText(sheet, "B6", []excelize.RichTextRun{{Text: "1975"}, {Text: ".03", Font: &excelize.Font{Italic: true}}})
	f.SetCellValue(sheet, "Z9", "远处的单元格")
	f.SetCellValue(sheet, "A12", "跳过几行")
	f.MergeCell(sheet, "A7", "A9")
	f.SetCellValue(sheet, "A7", "合并")
	f.NewSheet("隐藏")
	f.SetCellValue("隐藏", "A1", "下拉列表")
	f.SetSheetVisible("隐藏", false)
	f.NewSheet("空表")
	save("values and styles", f)

	// A large inline-string sheet from the stream writer, as synth and many exporters write.
	f = excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.MergeCell("A1", "C1")
	sw.SetRow("A1", []any{"城关镇2024年村两委换届选举结果统计表"})
	sw.SetRow("A2", []any{"乡镇", "村", "年份", "选举类型", "登记选民数", "参加投票人数", "应选职数", "当选人数"})
	for r := 3; r < 400; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		sw.SetRow(cell, []any{"城关镇", fmt.Sprintf("第%d村", r), 2024, "村民委员会", 1000 + r, 900 + r, 5, 5},
			excelize.RowOpts{Height: 20, Hidden: r%50 == 0})
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	save("stream writer", f)
	return out
}

func ptrTo[T any](v T) *T { return &v }

// zipParts writes a workbook from its parts; parts left out get a minimal default.
func zipParts(t testing.TB, parts map[string]string) []byte {
	defaults := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="选举结果" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		"xl/sharedStrings.xml":       `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>乡镇</t></si></sst>`,
		"xl/worksheets/sheet1.xml":   `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
	}
	for k, v := range parts {
		defaults[k] = v
	}
	names := make([]string, 0, len(defaults))
	for k := range defaults {
		names = append(names, k)
	}
	slices.Sort(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range names {
		if defaults[name] == "\x00omit" {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, defaults[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
	`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><dimension ref="A1:D5"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><cols><col min="1" max="2" width="12"/></cols>`

const sstHead = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">`

type handWrittenBook struct {
	name    string
	parts   map[string]string
	decline bool
}

// handWritten are workbooks as other programs write them, each with what the fast reader must do.
var handWritten = []handWrittenBook{
	{"shared strings and numbers", map[string]string{
		"xl/sharedStrings.xml":     sstHead + `<si><t>乡镇</t></si><si><t xml:space="preserve"> 城关镇 </t></si><si><r><rPr><b/><sz val="11"/><rFont val="宋体"/></rPr><t>村</t></r><r><t>委会</t></r></si><si><t>张&amp;三</t><rPh sb="0" eb="1"><t>ちょう</t></rPh><phoneticPr fontId="1"/></si></sst>`,
		"xl/worksheets/sheet1.xml": sheetHead + `<sheetData><row r="1" spans="1:4" x14ac:dyDescent="0.25"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" t="s"><v> 1 </v></c><c r="D1" t="s"><v>2</v></c></row><row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3"><v>1200</v></c><c r="C3" t="b"><v>1</v></c><c r="D3" t="e"><v>#N/A</v></c></row><row r="4"><c t="str"><f>A1&amp;B1</f><v>乡镇 城关镇 </v></c><c s="2"/><c><f>1+1</f><v>2</v></c><c t="d"><v>2024-03-15T00:00:00Z</v></c></row><row r="5" hidden="1"><c r="C5" t="inlineStr"><is><t>内联&#x4E00;&#19968;</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="A3:A5"/></mergeCells><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`,
	}, false},
	{"rows without numbers and cells without references", map[string]string{
		"xl/worksheets/sheet1.xml": sheetHead + `<sheetData><row><c t="s"><v>0</v></c><c><v>2</v></c></row><row/><row><c><v>3</v></c><c/><c><v>4</v></c></row></sheetData></worksheet>`,
	}, false},
	{"carriage returns and escapes", map[string]string{
		"xl/sharedStrings.xml":     sstHead + "<si><t>a\r\nb\rc&#13;d</t></si><si><t>_x000D__x005F_x000D__xD800_x</t></si></sst>",
		"xl/worksheets/sheet1.xml": sheetHead + "<sheetData>\r\n<row r=\"2\">\r\n<c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>1</v></c><c r=\"C2\" t=\"inlineStr\"><is><t>_x0041_</t></is></c><c r=\"D2\" t=\"str\"><v>_x0041_</v></c></row></sheetData></worksheet>",
	}, false},
	{"empty sheet data and a chart sheet", map[string]string{
		"xl/workbook.xml":            `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="空" sheetId="1" r:id="rId1"/><sheet name="图表" sheetId="2" r:id="rId9"/><sheet name="丢失" sheetId="3" r:id="rId8"/><sheet name="藏" sheetId="4" state="veryHidden" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/><Relationship Id="rId8" Type="x" Target="worksheets/none.xml"/></Relationships>`,
		"xl/chartsheets/sheet1.xml":  `<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetPr/><drawing r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></chartsheet>`,
		"xl/worksheets/sheet1.xml":   sheetHead + `<sheetData/></worksheet>`,
	}, false},
	{"no shared strings part", map[string]string{
		"xl/sharedStrings.xml":     "\x00omit",
		"xl/worksheets/sheet1.xml": sheetHead + `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><r><t>富</t></r><r><rPr><i/></rPr><t>文本</t></r></is></c><c r="B1"><v>1.5E-3</v></c></row></sheetData></worksheet>`,
	}, false},
	{"1904 dates", map[string]string{
		"xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="选举结果" sheetId="1" r:id="rId1"/></sheets></workbook>`,
	}, true},
	{"strict OOXML", map[string]string{
		"xl/workbook.xml": `<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships"><sheets><sheet name="选举结果" sheetId="1" r:id="rId1"/></sheets></workbook>`,
	}, true},
	{"another encoding", map[string]string{
		"xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="GB2312"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`,
	}, true},
	{"prefixed elements", map[string]string{
		"xl/worksheets/sheet1.xml": `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
	}, true},
	{"a comment", map[string]string{
		"xl/worksheets/sheet1.xml": sheetHead + `<sheetData><!-- note --><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
	}, true},
	// excelize computes it (formula.go); a formula with an empty result, <v></v>, is read as it is.
	{"a formula without its result", map[string]string{
		"xl/worksheets/sheet1.xml": sheetHead + `<sheetData><row r="1"><c r="A1"><v>2</v></c><c r="B1" t="str"><f>""</f><v></v></c><c r="C1"><f>A1*2</f></c></row></sheetData></worksheet>`,
	}, true},
	{"rows out of order", map[string]string{
		"xl/worksheets/sheet1.xml": sheetHead + `<sheetData><row r="3"><c r="A3"><v>3</v></c></row><row r="2"><c r="A2"><v>2</v></c></row></sheetData></worksheet>`,
	}, true},
	{"shared string index out of range", map[string]string{
		"xl/worksheets/sheet1.xml": sheetHead + `<sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData></worksheet>`,
	}, true},
	{"broken XML", map[string]string{
		"xl/worksheets/sheet1.xml": sheetHead + `<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</c></row></sheetData></worksheet>`,
	}, true},
	{"illegal character", map[string]string{
		"xl/worksheets/sheet1.xml": sheetHead + "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>河\x01岭村</t></is></c></row></sheetData></worksheet>",
	}, true},
	{"inline strings", map[string]string{
		"xl/sharedStrings.xml": "\x00omit",
		"xl/worksheets/sheet1.xml": sheetHead + "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>城关镇</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> 陈兰兰 </t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t></t></is></c><c r=\"D1\" s=\"3\" t=\"inlineStr\"><is><t>２７</t></is></c></row>" +
			"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>张&amp;三</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>a\r\nb</t></is></c><c r=\"C2\" t=\"inlineStr\"><is><t>_x0041_</t></is></c><c r=\"D2\" t=\"s\"><is><t>共享</t></is></c></row>" +
			"<row r=\"3\"><c r=\"A3\"><is><t>无类型</t></is></c><c r=\"B3\" t=\"inlineStr\"><is><t>a\tb\nc</t></is></c><c r=\"C3\" t=\"inlineStr\"><is><t xml:space=\"default\">x</t></is></c><c r=\"D3\" t=\"str\"><is><t>公式串</t></is></c><c r=\"E3\" t=\"inlineStr\"><is><t>甲</t></is>\n</c></row></sheetData></worksheet>",
	}, false},
	{"inline string of invalid UTF-8", map[string]string{
		"xl/worksheets/sheet1.xml": sheetHead + "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>河\xff岭村</t></is></c></row></sheetData></worksheet>",
	}, true},
}

func TestFastReaderMatchesExcelize(t *testing.T) {
	for name, data := range excelizeWorkbooks(t) {
		t.Run(name, func(t *testing.T) {
			fast, declined, err := diffReaders(data)
			if err != nil {
				t.Fatal(err)
			}
			if declined > 0 || fast == 0 {
				t.Errorf("fast reader read %d sheets and declined %d: it must read what excelize writes", fast, declined)
			}
		})
	}
	for _, c := range handWritten {
		t.Run(c.name, func(t *testing.T) {
			fast, declined, err := diffReaders(zipParts(t, c.parts))
			if err != nil {
				t.Fatal(err)
			}
			if c.decline != (declined > 0) {
				t.Errorf("declined %d sheets, read %d; want decline = %v", declined, fast, c.decline)
			}
		})
	}
}

// TestFastReaderDetails pins what the differential test cannot show by itself: the exact cells of a
// hand-written sheet (so that both readers being wrong the same way would still fail).
func TestFastReaderDetails(t *testing.T) {
	got, err := readFast(zipParts(t, handWritten[0].parts), testLimits)
	if err != nil {
		t.Fatal(err)
	}
	want := []readRow{
		{1, []string{"乡镇", " 城关镇 ", "", "村委会"}},
		{2, nil},
		{3, []string{"张&三", "1200", "1", "#N/A"}},
		{4, []string{"乡镇 城关镇 ", "", "2", "2024-03-15T00:00:00Z"}},
		{5, []string{"", "", "内联一一"}},
	}
	if d := diffRows(got[0].rows, want); d != "" {
		t.Error(d)
	}
	if m := got[0].merges; len(m) != 1 || m[0] != (mergeRange{r0: 3, c0: 1, r1: 5, c1: 1}) {
		t.Errorf("merges = %+v", m)
	}
	// Inline strings, most of them read without the tokens (plainInline), the others through them.
	inline := handWritten[slices.IndexFunc(handWritten, func(c handWrittenBook) bool { return c.name == "inline strings" })]
	if got, err = readFast(zipParts(t, inline.parts), testLimits); err != nil {
		t.Fatal(err)
	}
	want = []readRow{
		{1, []string{"城关镇", " 陈兰兰 ", "", "２７"}},
		{2, []string{"张&三", "a\nb", "A"}},
		{3, []string{"", "a\tb\nc", "x", "", "甲"}},
	}
	if d := diffRows(got[0].rows, want); d != "" {
		t.Error(d)
	}
}

// TestFastReaderMutations mutates the sheet and shared strings XML of real workbooks at random —
// bytes flipped, dropped and repeated, XML fragments spliced in — and holds every result to the
// differential property. The fast reader must still read some of them (the mutation hit text only)
// and decline others.
func TestFastReaderMutations(t *testing.T) {
	bases := [][]byte{}
	for _, c := range handWritten {
		if len(bases) < 3 || c.name == "inline strings" {
			bases = append(bases, zipParts(t, c.parts))
		}
	}
	books := excelizeWorkbooks(t)
	bases = append(bases, books["values and styles"], books["messy results"])
	fragments := []string{"<", ">", "&", "&amp;", "&#0;", "&#x10FFFF;", "\r", "\x00", "\xff", "é", "\"", "'",
		`<c r="A1"><v>9</v></c>`, `<row r="1">`, `</row>`, `<v>`, `</c>`, `<f/>`, `t="s"`, `t="inlineStr"`, `r="XFD1048576"`,
		`<is><t>x</t></is>`, `<!---->`, `<![CDATA[x]]>`, `<?pi?>`, " ", "_x0041_", `<mergeCell ref="A1:B2"/>`, `x:`}
	rng := rand.New(rand.NewPCG(15, 15))
	n := 400
	if s := os.Getenv("FASTREAD_MUTANTS"); s != "" {
		fmt.Sscan(s, &n)
	}
	if testing.Short() {
		n = 60
	}
	var fast, declined int
	for i := range n {
		base := bases[i%len(bases)]
		data := mutateParts(t, base, rng, fragments)
		f, d, err := diffReaders(data)
		if err != nil {
			dump := filepath.Join(os.TempDir(), fmt.Sprintf("electsum-mutant%d.xlsx", i))
			os.WriteFile(dump, data, 0o644)
			t.Fatalf("mutant %d (%s): %v", i, dump, err)
		}
		fast += f
		declined += d
	}
	t.Logf("%d mutants: %d sheets read by the fast reader, %d declined", n, fast, declined)
	if fast == 0 || declined == 0 {
		t.Errorf("fast %d, declined %d: the mutations should exercise both", fast, declined)
	}
}

// mutateParts rewrites the worksheets and shared strings of a workbook with one to three random edits.
func mutateParts(t testing.TB, data []byte, rng *rand.Rand, fragments []string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		parts[f.Name] = string(b)
	}
	var targets []string
	for name := range parts {
		if strings.HasPrefix(name, "xl/worksheets/") || name == "xl/sharedStrings.xml" {
			targets = append(targets, name)
		}
	}
	slices.Sort(targets)
	name := targets[rng.IntN(len(targets))]
	b := []byte(parts[name])
	for range 1 + rng.IntN(3) {
		if len(b) == 0 {
			break
		}
		at := rng.IntN(len(b))
		switch rng.IntN(4) {
		case 0:
			b[at] ^= byte(1 << rng.IntN(8))
		case 1:
			b = append(b[:at], b[min(len(b), at+1+rng.IntN(8)):]...)
		case 2:
			frag := fragments[rng.IntN(len(fragments))]
			b = append(b[:at], append([]byte(frag), b[at:]...)...)
		case 3:
			end := min(len(b), at+rng.IntN(40))
			b = append(b[:end], append(bytes.Clone(b[at:end]), b[end:]...)...)
		}
	}
	parts[name] = string(b)
	return zipParts(t, parts)
}

// FuzzFastXLSX builds a workbook around a fuzzed worksheet and shared strings table and holds it to
// the differential property: the fast reader's cells equal excelize's, or it declines.
//
//	go test ./ingest -run '^$' -fuzz FuzzFastXLSX -fuzztime 60s
func FuzzFastXLSX(f *testing.F) {
	for _, c := range handWritten {
		f.Add([]byte(c.parts["xl/worksheets/sheet1.xml"]), []byte(c.parts["xl/sharedStrings.xml"]))
	}
	for _, data := range excelizeWorkbooks(f) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			f.Fatal(err)
		}
		var sheet, sst []byte
		for _, zf := range zr.File {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			switch zf.Name {
			case "xl/worksheets/sheet1.xml":
				sheet = b
			case "xl/sharedStrings.xml":
				sst = b
			}
		}
		f.Add(sheet, sst)
	}
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		parts := map[string]string{"xl/worksheets/sheet1.xml": string(sheet), "xl/sharedStrings.xml": string(sst)}
		if len(sst) == 0 {
			parts["xl/sharedStrings.xml"] = "\x00omit"
		}
		if _, _, err := diffReaders(zipParts(t, parts)); err != nil {
			t.Fatal(err)
		}
	})
}

// TestFallbackIsCounted: a sheet the fast reader declines is read by excelize, counted, and gives the
// same rows as the fast reader gives for the same sheet without what made it decline.
func TestFallbackIsCounted(t *testing.T) {
	row := func(r int, vals ...string) string {
		var b strings.Builder
		fmt.Fprintf(&b, `<row r="%d">`, r)
		for i, v := range vals {
			fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, cellRef(i, r), v)
		}
		return b.String() + "</row>"
	}
	data := row(1, "乡镇", "村", "年份", "选举类型", "登记选民数", "参加投票人数", "应选职数", "当选人数") +
		row(2, "城关镇", "石桥村", "2024", "村委会", "1200", "1100", "5", "5")
	parse := func(sheet string) (*Parsed, int64, int64) {
		fast, fallback := readerStats.fastSheets.Load(), readerStats.fallbackSheets.Load()
		p := mustParse(t, writeFile(t, "a.xlsx", zipParts(t, map[string]string{"xl/worksheets/sheet1.xml": sheet})))
		return p, readerStats.fastSheets.Load() - fast, readerStats.fallbackSheets.Load() - fallback
	}
	fastP, fast, _ := parse(sheetHead + "<sheetData>" + data + "</sheetData></worksheet>")
	slowP, _, fallback := parse(sheetHead + "<sheetData><!-- 备注 -->" + data + "</sheetData></worksheet>")
	if fast != 1 || fallback != 1 {
		t.Errorf("fast sheets %d, fallback sheets %d; want 1 and 1", fast, fallback)
	}
	for _, p := range []*Parsed{fastP, slowP} {
		for i := range p.Results {
			p.Results[i].File = ""
		}
	}
	if len(fastP.Results) != 1 || !reflect.DeepEqual(fastP.Results, slowP.Results) {
		t.Errorf("fast %+v\nfallback %+v", fastP.Results, slowP.Results)
	}
	books := readerStats.fallbackBooks.Load()
	mustParse(t, writeFile(t, "b.xlsx", zipParts(t, handWritten[5].parts))) // 1904 dates
	if readerStats.fallbackBooks.Load() != books+1 {
		t.Error("a workbook declined as a whole is not counted")
	}
}

// TestKilledReadLeavesNoTempFile kills (SIGKILL) a process while it reads workbooks whose sheet is over
// MaxXMLSize — one through the fast reader, one it declines so that excelize reads it — and checks that
// the process's temporary folder is empty: reading never writes a temporary file that a killed run
// would leave behind (excelize used to unzip such a sheet to one).
func TestKilledReadLeavesNoTempFile(t *testing.T) {
	if paths := os.Getenv("ELECTSUM_READ_FOREVER"); paths != "" {
		for {
			for _, p := range strings.Split(paths, "\n") {
				if _, err := ParseFile(p, ParseOptions{MaxXMLSize: 1 << 20}); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if testing.Short() {
		t.Skip("starts a process")
	}
	var rows strings.Builder
	for r := 1; r <= 40000; r++ {
		fmt.Fprintf(&rows, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>城关镇</t></is></c><c r="B%d"><v>%d</v></c></row>`, r, r, r, r)
	}
	dir := t.TempDir()
	fast := filepath.Join(dir, "fast.xlsx")
	slow := filepath.Join(dir, "slow.xlsx")
	os.WriteFile(fast, zipParts(t, map[string]string{"xl/worksheets/sheet1.xml": sheetHead + "<sheetData>" + rows.String() + "</sheetData></worksheet>"}), 0o644)
	os.WriteFile(slow, zipParts(t, map[string]string{"xl/worksheets/sheet1.xml": sheetHead + "<sheetData><!-- -->" + rows.String() + "</sheetData></worksheet>"}), 0o644)
	tmp := filepath.Join(dir, "tmp")
	os.Mkdir(tmp, 0o755)
	cmd := exec.Command(os.Args[0], "-test.run", "^TestKilledReadLeavesNoTempFile$")
	cmd.Env = append(os.Environ(), "ELECTSUM_READ_FOREVER="+fast+"\n"+slow, "TMPDIR="+tmp)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * time.Second)
	cmd.Process.Kill()
	cmd.Wait()
	if state := cmd.ProcessState; state.Exited() {
		t.Fatalf("the reading process stopped by itself (%v) instead of being killed", state)
	}
	left, _ := os.ReadDir(tmp)
	for _, e := range left {
		t.Errorf("left behind in the temporary folder: %s", e.Name())
	}
}

// TestLateDeclineReadsTheFileAgain: a sheet over MaxXMLSize is skimmed for its merged ranges and its
// rows handed on while the second pass checks them. One that the fast reader declines only at its end
// (a comment after the last row), after whole batches of its rows were staged, is read again from the
// start carefully — its rows by excelize — and the loader drops what was staged first: every row lands
// once, the same as from the sheet without the comment, through Load and through ParseFile alike.
func TestLateDeclineReadsTheFileAgain(t *testing.T) {
	n := streamBatch + 5
	row := func(r int, vals ...string) string {
		var b strings.Builder
		fmt.Fprintf(&b, `<row r="%d">`, r)
		for i, v := range vals {
			fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, cellRef(i, r), v)
		}
		return b.String() + "</row>"
	}
	var rows strings.Builder
	rows.WriteString(row(1, "乡镇", "村", "年份", "选举类型", "登记选民数", "参加投票人数", "应选职数", "当选人数"))
	for r := 2; r <= n+1; r++ {
		rows.WriteString(row(r, "城关镇", fmt.Sprintf("村%d", r), "2024", "村委会", fmt.Sprint(1000+r), "900", "5", "5"))
	}
	clean := writeFile(t, "clean.xlsx", zipParts(t, map[string]string{
		"xl/worksheets/sheet1.xml": sheetHead + "<sheetData>" + rows.String() + "</sheetData></worksheet>"}))
	late := writeFile(t, "late.xlsx", zipParts(t, map[string]string{
		"xl/worksheets/sheet1.xml": sheetHead + "<sheetData>" + rows.String() + "<!-- 备注 --></sheetData></worksheet>"}))
	small := loadHooks{read: func(path string, opts ParseOptions, emit rowSink) (*fileParser, error) {
		opts.MaxXMLSize = 64
		return readFile(path, opts, emit)
	}}
	const elections = `SELECT string_agg(concat_ws('|', township, unit, year, body, registered, voted, seats, elected, source_sheet, source_row), ';' ORDER BY source_row) FROM elections`
	var want string
	for _, c := range []struct {
		path            string
		again, fallback int64
	}{{clean, 0, 0}, {late, 1, 1}} {
		again, fallback := readerStats.readAgain.Load(), readerStats.fallbackSheets.Load()
		db := openTestDB(t)
		rep, err := loadWith(context.Background(), db, []string{c.path}, LoadOptions{County: "东县", Now: fixedNow}, small)
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		if got := readerStats.readAgain.Load() - again; got != c.again {
			t.Errorf("%s: read again %d times, want %d", c.path, got, c.again)
		}
		if got := readerStats.fallbackSheets.Load() - fallback; got != c.fallback {
			t.Errorf("%s: %d sheets read by excelize, want %d", c.path, got, c.fallback)
		}
		if rep.ResultRows != n || count(t, db, `SELECT count(*) FROM elections`) != n {
			t.Errorf("%s: %d rows reported, %d stored; want %d", c.path, rep.ResultRows, count(t, db, `SELECT count(*) FROM elections`), n)
		}
		var got string
		if err := db.QueryRow(elections).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want == "" {
			want = got
		} else if got != want {
			t.Errorf("%s: the stored rows differ from the clean sheet's", c.path)
		}
	}
	a, err := ParseFile(clean, ParseOptions{County: "东县", MaxXMLSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	b, err := ParseFile(late, ParseOptions{County: "东县", MaxXMLSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*Parsed{a, b} {
		for i := range p.Results {
			p.Results[i].File = ""
		}
	}
	if len(a.Results) != n || !reflect.DeepEqual(a.Results, b.Results) {
		t.Errorf("ParseFile: %d and %d results, equal %v", len(a.Results), len(b.Results), reflect.DeepEqual(a.Results, b.Results))
	}
}

// TestRepeatedPartsAreCheckedByContent: the styles, theme and calcChain parts are decoded for their root
// element only, and a part whose bytes were accepted before is taken as accepted (fastScratch.accepted).
// A workbook whose part differs from those bytes — broken, or with another root — is decoded again and
// declined, whatever was read before it.
func TestRepeatedPartsAreCheckedByContent(t *testing.T) {
	const styles = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/></font></fonts></styleSheet>`
	const theme = `<?xml version="1.0" encoding="UTF-8"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office"><a:themeElements/></a:theme>`
	book := func(styles, theme string) []byte {
		return zipParts(t, map[string]string{"xl/styles.xml": styles, "xl/theme/theme1.xml": theme})
	}
	good := book(styles, theme)
	bad := []struct {
		name string
		data []byte
	}{
		{"broken styles", book(strings.Replace(styles, "</fonts>", "</fontz>", 1), theme)},
		{"styles of another root", book(strings.ReplaceAll(styles, "styleSheet", "styleSheets"), theme)},
		{"broken theme", book(styles, strings.Replace(theme, "</a:theme>", "</a:themes>", 1))},
		{"theme in another namespace", book(styles, strings.Replace(theme, "drawingml/2006/main", "drawingml/2006/other", 1))},
	}
	// One reader's scratch, as a worker keeps it from workbook to workbook.
	sc := newFastScratch()
	decode := func(data []byte) error {
		b := bookWithScratch(t, data, sc)
		if err := b.decodeSmall("xl/styles.xml", &fastRoot[styleSheetName]{}, false); err != nil {
			return err
		}
		return b.decodeSmall("xl/theme/theme1.xml", &fastRoot[themeName]{}, false)
	}
	for _, b := range bad {
		if err := decode(good); err != nil {
			t.Fatalf("good workbook before %s: %v", b.name, err)
		}
		if err := decode(b.data); !errors.Is(err, errDeclined) {
			t.Errorf("%s read after a good workbook: err = %v, want a decline", b.name, err)
		}
		if _, _, err := diffReaders(b.data); err != nil {
			t.Errorf("%s: %v", b.name, err)
		}
	}
	if fast, declined, err := diffReaders(good); err != nil || fast != 1 || declined != 0 {
		t.Errorf("good workbook: fast %d, declined %d, %v", fast, declined, err)
	}
}

// TestRepeatedWorkbookPartsAreDecodedByContent: the relationships and workbook.xml are decoded again
// when their bytes differ from the ones a reader decoded before (fastScratch.accepted keeps what they
// decoded to), so that one reader reading workbooks in turn sees each one's own sheets, and declines a
// 1904 workbook or a broken workbook.xml after a good one.
func TestRepeatedWorkbookPartsAreDecodedByContent(t *testing.T) {
	const wb = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">%s<sheets><sheet name="%s" sheetId="1" r:id="rId1"%s/></sheets></workbook>`
	book := func(pr, name, state string) []byte {
		return zipParts(t, map[string]string{"xl/workbook.xml": fmt.Sprintf(wb, pr, name, state)})
	}
	sc := newFastScratch()
	open := func(data []byte) (*fastBook, error) {
		b := bookWithScratch(t, data, sc)
		return b, b.open()
	}
	for _, c := range []struct {
		data   []byte
		sheet  string
		hidden bool
		err    bool
	}{
		{book("", "选举结果", ""), "选举结果", false, false},
		{book("", "选举结果", ""), "选举结果", false, false}, // the same bytes: taken from the scratch
		{book("", "当选人员", ""), "当选人员", false, false},
		{book("", "当选人员", ` state="hidden"`), "当选人员", true, false},
		{book(`<workbookPr date1904="1"/>`, "当选人员", ""), "", false, true},
		{book("", "选举结果", ""), "选举结果", false, false},
		{zipParts(t, map[string]string{"xl/workbook.xml": strings.Replace(fmt.Sprintf(wb, "", "选举结果", ""), "</sheets>", "</sheetz>", 1)}), "", false, true},
		{book("", "选举结果", ""), "选举结果", false, false},
	} {
		b, err := open(c.data)
		if c.err {
			if !errors.Is(err, errDeclined) {
				t.Errorf("err = %v, want a decline", err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		if len(b.sheets) != 1 || b.sheets[0].name != c.sheet || b.sheets[0].hidden != c.hidden || b.sheets[0].part == nil {
			t.Errorf("sheets %+v, want %s (hidden %v) with its part", b.sheets, c.sheet, c.hidden)
		}
	}
	if len(sc.accepted) == 0 {
		t.Error("nothing kept in the scratch")
	}
}

// A small part stored byte for byte as the one a reader accepted last under its name (with the same
// method, checksum, sizes and data descriptor) is taken without inflating it; that changes nothing:
// every one-bit damage of a workbook, in three layouts (deflated with data descriptors as archive/zip
// and excelize write, without descriptors, stored), opened with a scratch that accepted the undamaged
// workbook gives what a fresh scratch gives — the same error or the same sheets and shared strings, the
// same entries read and checked, each of which inflates without error. Not vacuous: a scratch whose
// accepted workbook.xml decodes to another sheet name shows that parts were taken by their bytes, and
// some damage is refused.
func TestSmallPartsTakenByStoredBytes(t *testing.T) {
	base := zipParts(t, map[string]string{
		"xl/styles.xml":       `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="0"/></styleSheet>`,
		"xl/theme/theme1.xml": `<?xml version="1.0" encoding="UTF-8"?><a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office"/>`,
	})
	// rewrite copies base's entries as they are stored, without data descriptors, or stores them.
	rewrite := func(store bool) []byte {
		zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, f := range zr.File {
			var w io.Writer
			var r io.Reader
			if store {
				w, err = zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Store})
				if err == nil {
					r, err = f.Open()
				}
			} else {
				fh := f.FileHeader
				fh.Flags &^= 0x8
				w, err = zw.CreateRaw(&fh)
				if err == nil {
					r, err = f.OpenRaw()
				}
			}
			if err == nil {
				_, err = io.Copy(w, r)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	type outcome struct {
		err    string
		sheets []string
		sst    []string
		read   []string
	}
	open := func(data []byte, sc *fastScratch) (outcome, bool) {
		if _, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil {
			return outcome{}, false
		}
		b := bookWithScratch(t, data, sc)
		var o outcome
		if err := b.open(); err != nil {
			o.err = err.Error()
			return o, true
		}
		for _, s := range b.sheets {
			part := ""
			if s.part != nil {
				part = s.part.Name
			}
			o.sheets = append(o.sheets, fmt.Sprintf("%s %v %s", s.name, s.hidden, part))
		}
		o.sst = b.sst
		for f := range b.read {
			o.read = append(o.read, f.Name)
			rc, err := f.Open()
			if err == nil {
				_, err = io.Copy(io.Discard, rc)
				rc.Close()
			}
			if err != nil {
				t.Errorf("%s taken as read and checked, but inflating it fails: %v", f.Name, err)
			}
		}
		slices.Sort(o.read)
		return o, true
	}
	hits, refused := 0, 0
	for _, layout := range []struct {
		name string
		data []byte
	}{{"descriptors", base}, {"no descriptors", rewrite(false)}, {"stored", rewrite(true)}} {
		primed := newFastScratch()
		if o, _ := open(layout.data, primed); o.err != "" {
			t.Fatalf("%s: %s", layout.name, o.err)
		}
		copyOf := func(sc *fastScratch) *fastScratch {
			c := newFastScratch()
			for k, v := range sc.accepted {
				c.accepted[k] = v
			}
			return c
		}
		probe := copyOf(primed)
		wb := probe.accepted["xl/workbook.xml"]
		if !wb.raw.found {
			t.Fatalf("%s: workbook.xml kept without its stored bytes", layout.name)
		}
		w := wb.decoded.(fastWorkbook)
		w.Sheets.Sheet = slices.Clone(w.Sheets.Sheet)
		w.Sheets.Sheet[0].Name = "探针"
		wb.decoded = w
		probe.accepted["xl/workbook.xml"] = wb
		for i := -1; i < len(layout.data); i++ {
			data := slices.Clone(layout.data)
			if i >= 0 {
				data[i] ^= 1
			}
			warm, ok := open(data, copyOf(primed))
			if !ok {
				continue
			}
			cold, _ := open(data, newFastScratch())
			if !reflect.DeepEqual(warm, cold) {
				t.Errorf("%s, bit 0 of byte %d flipped: with the scratch %+v, without %+v", layout.name, i, warm, cold)
			}
			if p, _ := open(data, copyOf(probe)); len(p.sheets) > 0 && strings.HasPrefix(p.sheets[0], "探针") {
				hits++
				if i < 0 && cold.err != "" {
					t.Errorf("%s: the undamaged workbook refused: %s", layout.name, cold.err)
				}
			} else if i < 0 {
				t.Errorf("%s: the undamaged workbook's workbook.xml was inflated again", layout.name)
			}
			if cold.err != "" {
				refused++
			}
		}
	}
	t.Logf("%d opens took workbook.xml by its stored bytes; %d damaged workbooks refused", hits, refused)
	if hits == 0 || refused == 0 {
		t.Errorf("vacuous: %d taken by their bytes, %d refused", hits, refused)
	}
}

// bookWithScratch is a fast reader's book of the workbook data, not yet opened, with the scratch sc, as
// one worker keeps it from workbook to workbook.
func bookWithScratch(t *testing.T, data []byte, sc *fastScratch) *fastBook {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	b := &fastBook{data: data, parts: map[string]*zip.File{}, read: map[*zip.File]bool{}, opts: testLimits, scratch: sc}
	for _, f := range zr.File {
		b.parts[f.Name] = f
	}
	return b
}

// A reader keeps the rows of a workbook's small sheets in buffers of its scratch and refills them for
// the next workbook (fastScratch.buffered) instead of growing new ones from empty. Reading workbook after
// workbook with one scratch, tidied in between as release tidies it, every sheet gives the rows a fresh
// reader gives; and a workbook read again after another takes its rows into the buffers that were
// there, grown by its first reading. Not vacuous: with a new bufferedRows per sheet, as before, the
// scratch holds none and nothing is refilled.
func TestBufferedRowsReusedAcrossWorkbooks(t *testing.T) {
	books := excelizeWorkbooks(t)
	names := slices.Sorted(maps.Keys(books))
	sc := newFastScratch()
	// read reads a workbook as parseXLSX does, with sc, and returns the rows of each sheet read from
	// memory (copied) and, by sheet, whether they went into the buffer sc held before (same memory).
	read := func(name string) (map[string][]readRow, map[string]bool) {
		t.Helper()
		data := books[name]
		held := map[int]*string{}
		for i, r := range sc.buffered {
			if cap(r.cells) > 0 {
				held[i] = &r.cells[:1][0]
			}
		}
		b := bookWithScratch(t, data, sc)
		if err := b.open(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		wb := &xlsxFastBook{fp: &fileParser{path: name}, data: data, zr: zr, book: b}
		rows, refilled := map[string][]readRow{}, map[string]bool{}
		for i, s := range wb.sheets() {
			if wb.fast[i] == nil || s.hidden {
				continue
			}
			if err := wb.rows(i, func(n int, cells []string) {
				rows[s.name] = append(rows[s.name], readRow{n, slices.Clone(cells)})
			}); err != nil {
				t.Fatalf("%s, sheet %s: %v", name, s.name, err)
			}
			if i < len(sc.buffered) && len(sc.buffered[i].cells) > 0 {
				refilled[s.name] = held[i] == &sc.buffered[i].cells[0]
			}
		}
		wb.close()
		sc.tidy()
		return rows, refilled
	}
	buffered := 0
	for k, name := range names {
		fresh, err := readFast(books[name], testLimits)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := read(name)
		for _, s := range fresh {
			if got, ok := rows[s.name]; ok && !slices.EqualFunc(got, s.rows, func(a, b readRow) bool { return a.n == b.n && slices.Equal(a.cells, b.cells) }) {
				t.Errorf("%s, sheet %s: rows %v\nfresh reader %v", name, s.name, got, s.rows)
			}
		}
		// Another workbook in between (its sheets can only grow the buffers), then this one again.
		read(names[(k+1)%len(names)])
		again, refilled := read(name)
		for sheet, ok := range refilled {
			buffered++
			if !ok {
				t.Errorf("%s, sheet %s: read again into a new buffer", name, sheet)
			}
			if !slices.EqualFunc(again[sheet], rows[sheet], func(a, b readRow) bool { return a.n == b.n && slices.Equal(a.cells, b.cells) }) {
				t.Errorf("%s, sheet %s: read again %v, first %v", name, sheet, again[sheet], rows[sheet])
			}
		}
	}
	if buffered == 0 {
		t.Error("vacuous: no sheet's rows were kept in the scratch")
	}
}
