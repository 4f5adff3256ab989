package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// rewritePart returns the workbook data with one zip part changed by edit.
func rewritePart(t *testing.T, data []byte, part string, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	found := false
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == part {
			found = true
			b = []byte(edit(string(b)))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if !found {
		t.Fatalf("no part %s", part)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// Issue 14 item 8: a character XML does not allow (Excel never writes one; other programs do) is
// reported as such at the part it is in, not as empty required cells (excelize's row reader stops at
// the error silently); damage in the shared strings names that part, not row 1 of the first sheet.
func TestDamagedXMLPartsAreNamed(t *testing.T) {
	good := validWorkbookBytes(t)
	sst := func(old, new string) []byte {
		return rewritePart(t, good, "xl/sharedStrings.xml", func(s string) string { return strings.Replace(s, old, new, 1) })
	}
	sheet := func(old, new string) []byte {
		return rewritePart(t, good, "xl/worksheets/sheet1.xml", func(s string) string { return strings.Replace(s, old, new, 1) })
	}
	cases := []struct {
		name string
		data []byte
		want []string
	}{
		{"raw control character in a shared string", sst("石桥村", "石\x01桥村"), []string{"共享字符串表 xl/sharedStrings.xml 含有 XML 不允许的控制字符 U+0001", "另存为"}},
		{"character reference in a shared string", sst("石桥村", "石&#27;桥村"), []string{"共享字符串表 xl/sharedStrings.xml 含有 XML 不允许的控制字符 U+001B"}},
		{"broken shared strings", sst("</si>", "</sx>"), []string{"共享字符串表 xl/sharedStrings.xml 已损坏", "另存为"}},
		{"raw control character in a number", sheet("<v>2024</v>", "<v>20\x0124</v>"), []string{"工作表“选举结果”第2行 含有 XML 不允许的控制字符 U+0001"}},
		{"character reference in a cell", sheet("<v>14</v>", "<v>1&#1;4</v>"), []string{"工作表“选举结果”第2行 含有 XML 不允许的控制字符 U+0001"}},
	}
	for _, c := range cases {
		p, err := ParseFile(writeFile(t, "x.xlsx", c.data), ParseOptions{})
		if !errors.Is(err, ErrCorrupt) {
			var msgs []string
			if p != nil {
				for _, pr := range p.Problems {
					msgs = append(msgs, pr.Message)
				}
			}
			t.Errorf("%s: error %v, problems %q; want ErrCorrupt", c.name, err, msgs)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q does not say %q", c.name, err, w)
			}
		}
		if strings.Contains(err.Error(), "row 1") || strings.Contains(err.Error(), "必填") {
			t.Errorf("%s: %q blames a row or a required cell", c.name, err)
		}
	}
}
