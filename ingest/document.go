package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// otherDocument is a file sent in place of a spreadsheet — a PDF or a scan of the printed form, a Word
// document holding the table, an archive of the township's spreadsheets — so that its message says what
// the file is and what to ask the township for, instead of "not a workbook".
type otherDocument struct {
	what    string // as a message names it: PDF 文件, Word 文档, 图片 …
	archive bool   // a .zip, .rar or .7z: the spreadsheets may be inside
	empty   bool   // an archive without a spreadsheet inside
}

func (e *otherDocument) Error() string { return "not a spreadsheet: " + e.what }

// message is the FileError message of a file of name that is e.
func (e *otherDocument) message(name string) string {
	const ask = "请向报送单位索取 Excel 表格(.xlsx 或 .xls)；只有纸质表或扫描件的，请把数据填入 electsum template 生成的采集表后导入"
	switch {
	case e.empty:
		return fmt.Sprintf("文件 %s 是压缩包，其中没有 .xlsx、.xls、.et 或 .csv 表格：%s", name, ask)
	case e.archive:
		return fmt.Sprintf("文件 %s 是压缩包，不是表格：请先解压，再导入其中的表格(可以导入解压出的整个文件夹；.zip 压缩包可以直接导入)", name)
	}
	what := e.what
	if what[0] < utf8.RuneSelf {
		what = " " + what // 是 Word 文档
	}
	return fmt.Sprintf("文件 %s 是%s，不是表格：%s", name, what, ask)
}

// signatures are the first bytes of the documents sent in place of a spreadsheet that no reader takes.
var signatures = []struct {
	prefix string
	doc    otherDocument
}{
	{"%PDF-", otherDocument{what: "PDF 文件"}},
	{"\x89PNG\r\n\x1a\n", otherDocument{what: "图片"}},
	{"\xff\xd8\xff", otherDocument{what: "图片"}},
	{"GIF87a", otherDocument{what: "图片"}},
	{"GIF89a", otherDocument{what: "图片"}},
	{"II*\x00", otherDocument{what: "图片"}},
	{"MM\x00*", otherDocument{what: "图片"}},
	{"Rar!\x1a\x07", otherDocument{what: "压缩包", archive: true}},
	{"7z\xbc\xaf\x27\x1c", otherDocument{what: "压缩包", archive: true}},
	{"{\\rtf", otherDocument{what: "Word 文档(RTF 格式)"}},
}

// documentOf is what a file without a spreadsheet's signature is, when it is one of signatures; nil else.
func documentOf(data []byte) *otherDocument {
	for _, s := range signatures {
		if bytes.HasPrefix(data, []byte(s.prefix)) {
			d := s.doc
			return &d
		}
	}
	return nil
}

// zipDocumentOf is what a zip without a workbook's parts is, by the names of its entries (decoded,
// ZipEntryName): a Word or PowerPoint file, an OFD document, else an archive, with spreadsheets inside
// or without.
func zipDocumentOf(names []string) *otherDocument {
	for _, n := range names {
		n = strings.ToLower(n)
		switch {
		case strings.HasPrefix(n, "word/"):
			return &otherDocument{what: "Word 文档"}
		case strings.HasPrefix(n, "ppt/"):
			return &otherDocument{what: "PowerPoint 演示文稿"}
		case n == "ofd.xml":
			return &otherDocument{what: "OFD 版式文件"}
		}
	}
	for _, n := range names {
		if IsInputFile(n) {
			return &otherDocument{what: "压缩包", archive: true}
		}
	}
	return &otherDocument{what: "压缩包", archive: true, empty: true}
}

// oleDocumentOf is what a compound file without a workbook stream is, by its streams: a Word 97-2003 or
// WPS 文字 document, or a PowerPoint file; nil for anything else.
func oleDocumentOf(streams []string) *otherDocument {
	for _, s := range streams {
		switch s {
		case "WordDocument":
			return &otherDocument{what: "Word 文档"}
		case "PowerPoint Document":
			return &otherDocument{what: "PowerPoint 演示文稿"}
		}
	}
	return nil
}
