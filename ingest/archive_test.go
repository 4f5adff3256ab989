package ingest

import (
	"archive/zip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// zipOf writes a .zip at path holding files (entry name → the file whose bytes it holds, or text), each
// name in GBK without the UTF-8 flag when gbk, as Windows' zip tools write them.
func zipOf(t *testing.T, path string, gbk bool, entries [][2]string) string {
	t.Helper()
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	for _, e := range entries {
		name := e[0]
		if gbk {
			if name, err = simplifiedchinese.GBK.NewEncoder().String(name); err != nil {
				t.Fatal(err)
			}
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, NonUTF8: gbk})
		if err != nil {
			t.Fatal(err)
		}
		data := []byte(e[1])
		if b, err := os.ReadFile(e[1]); err == nil {
			data = b
		}
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// A township's sheets packed in one .zip, entry names in GBK, with a cover letter beside them: the
// spreadsheets load under the archive's path and their own, the rest is passed over; the same archive
// again is unchanged; a folder holding it loads it too.
func TestLoadZip(t *testing.T) {
	results := writeXLSX(t, sheetData{name: "选举结果", rows: [][]any{resultsHeader, resultRow("东山村", "村民委员会", 2)}})
	members := writeXLSX(t, sheetData{name: "当选人员", rows: [][]any{membersHeader,
		memberRow("东山村", "村民委员会", "王强", "主任", "男", "1975.03", ""),
		memberRow("东山村", "村民委员会", "李芳", "委员", "女", "1980.06", ""),
	}})
	dir := t.TempDir()
	archive := zipOf(t, filepath.Join(dir, "城关镇.zip"), true, [][2]string{
		{"城关镇/选举结果.xlsx", results}, {"城关镇/当选人员.xlsx", members}, {"城关镇/报送说明.docx", "a letter"},
		{"__MACOSX/城关镇/._选举结果.xlsx", "resource fork"}, {"城关镇/~$选举结果.xlsx", "lock"},
	})
	db := openTestDB(t)
	r := mustLoad(t, db, LoadOptions{County: "测试县"}, archive)
	if r.Loaded != 2 || r.ResultRows != 1 || r.MemberRows != 2 {
		t.Fatalf("archive: %d loaded, %d results, %d members\n%s", r.Loaded, r.ResultRows, r.MemberRows, r.Summary())
	}
	abs, _ := filepath.Abs(archive)
	want := abs + "/城关镇/当选人员.xlsx\n" + abs + "/城关镇/选举结果.xlsx\n"
	if got := queryText(t, db, `SELECT path FROM ingest_log ORDER BY path`); got != want {
		t.Errorf("ingest_log paths:\n%s\nwant\n%s", got, want)
	}
	if r = mustLoad(t, db, LoadOptions{County: "测试县"}, dir); r.Unchanged != 2 || r.Loaded != 0 {
		t.Errorf("the folder holding the archive: %d unchanged, %d loaded, want 2 and 0", r.Unchanged, r.Loaded)
	}
	if matches, _ := filepath.Glob(filepath.Join(os.TempDir(), "electsum-zip-*")); len(matches) > 0 {
		t.Errorf("unpacked files left: %v", matches)
	}
	// electsum remove --file 城关镇.zip takes away what every file of the archive loaded.
	if _, err := Remove(context.Background(), db, Selection{File: "城关镇.zip"}, RemoveOptions{}); err != nil {
		t.Fatal(err)
	}
	wantCount(t, db, 0, `SELECT (SELECT count(*) FROM elections) + (SELECT count(*) FROM members)`, "rows left after removing the archive")
}

// An archive without a spreadsheet: passed over in a folder, as the folder's other files; named, it is
// refused with a message that says what it holds.
func TestZipWithoutSheets(t *testing.T) {
	dir := t.TempDir()
	archive := zipOf(t, filepath.Join(dir, "扫描件.zip"), false, [][2]string{{"东山村.pdf", "%PDF-1.4"}})
	writeXLSXAt(t, dir, "选举结果.xlsx", sheetData{name: "选举结果", rows: [][]any{resultsHeader, resultRow("东山村", "村民委员会", 0)}})
	db := openTestDB(t)
	if r := mustLoad(t, db, LoadOptions{County: "测试县"}, dir); r.Loaded != 1 || len(r.Files) != 1 {
		t.Errorf("folder: %d loaded of %d files, want the spreadsheet alone", r.Loaded, len(r.Files))
	}
	r, err := load(t, db, LoadOptions{County: "测试县"}, archive)
	var pe *ProblemsError
	if !errors.As(err, &pe) {
		t.Fatalf("named archive without a spreadsheet: %v", err)
	}
	if m := firstMessage(r, "file_not_workbook"); !strings.Contains(m, "是压缩包，其中没有 .xlsx、.xls、.et 或 .csv 表格") {
		t.Errorf("message %q", m)
	}
}

// Files sent in place of a spreadsheet are named for what they are.
func TestOtherDocuments(t *testing.T) {
	zipped := func(names ...string) string {
		var entries [][2]string
		for _, n := range names {
			entries = append(entries, [2]string{n, "x"})
		}
		return zipOf(t, filepath.Join(t.TempDir(), "f.zip"), false, entries)
	}
	for _, tc := range []struct {
		name, data, want string
	}{
		{"扫描件.xls", "%PDF-1.7\n...", "文件 扫描件.xls 是 PDF 文件，不是表格"},
		{"照片.xlsx", "\xff\xd8\xff\xe0\x00\x10JFIF", "文件 照片.xlsx 是图片，不是表格"},
		{"结果.xlsx", "\x89PNG\r\n\x1a\n....", "文件 结果.xlsx 是图片，不是表格"},
		{"结果.xls", "Rar!\x1a\x07\x00", "文件 结果.xls 是压缩包，不是表格：请先解压"},
		{"总结.xls", "{\\rtf1\\ansi", "文件 总结.xls 是 Word 文档(RTF 格式)，不是表格"},
		{"总结.xlsx", zipped("word/document.xml", "[Content_Types].xml"), "文件 总结.xlsx 是 Word 文档，不是表格"},
		{"表.xlsx", zipped("OFD.xml", "Doc_0/Document.xml"), "文件 表.xlsx 是 OFD 版式文件，不是表格"},
		{"表.xlsx", zipped("东山村.xlsx"), "文件 表.xlsx 是压缩包，不是表格：请先解压"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.data)
			if b, err := os.ReadFile(tc.data); err == nil {
				data = b
			}
			path := filepath.Join(t.TempDir(), tc.name)
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := ParseFile(path, ParseOptions{})
			if !errors.Is(err, ErrNotWorkbook) || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got %v, want %s…", err, tc.want)
			}
		})
	}
}
