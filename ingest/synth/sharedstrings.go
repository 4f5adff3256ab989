package synth

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// withSharedStrings rewrites the workbook in b, as excelize's StreamWriter wrote it (every text cell an
// inline string), so that its worksheets keep their texts in one shared-string table, as Excel saves
// them: about a third of the size unzipped, which is what lets a 1,048,575-row sheet stay inside the
// reader's file and unzip limits, as the sheets people send do.
func withSharedStrings(b []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	index := map[string]int{}
	var sst bytes.Buffer
	refs := 0
	parts := make(map[string][]byte, len(zr.File))
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(f.Name, "xl/worksheets/") && strings.HasSuffix(f.Name, ".xml") {
			var n int
			data, n = shareStrings(data, index, &sst)
			refs += n
		}
		parts[f.Name] = data
	}
	if len(index) == 0 {
		return b, nil
	}
	if _, ok := parts["xl/sharedStrings.xml"]; ok {
		return nil, fmt.Errorf("workbook has a shared-string table already")
	}
	parts["xl/sharedStrings.xml"] = fmt.Appendf(nil, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>`,
		refs, len(index), sst.Bytes())
	parts["[Content_Types].xml"] = bytes.Replace(parts["[Content_Types].xml"], []byte("</Types>"),
		[]byte(`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`), 1)
	parts["xl/_rels/workbook.xml.rels"] = bytes.Replace(parts["xl/_rels/workbook.xml.rels"], []byte("</Relationships>"),
		[]byte(`<Relationship Id="rIdSharedStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`), 1)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	names := make([]string, 0, len(parts))
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	names = append(names, "xl/sharedStrings.xml")
	for _, name := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(parts[name]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return sortedZip(out.Bytes())
}

// shareStrings replaces each inline-string cell of a worksheet (t="inlineStr"><is><t…>text</t></is>)
// by a shared-string reference, adding new texts to sst as <si> items (the text stays as escaped), and
// returns the sheet and how many cells it changed.
func shareStrings(sheet []byte, index map[string]int, sst *bytes.Buffer) ([]byte, int) {
	const open, close = `t="inlineStr"><is><t`, `</t></is>`
	out := make([]byte, 0, len(sheet)/2)
	for refs := 0; ; refs++ {
		i := bytes.Index(sheet, []byte(open))
		if i < 0 {
			return append(out, sheet...), refs
		}
		out = append(out, sheet[:i]...)
		rest := sheet[i+len(open):]
		gt := bytes.IndexByte(rest, '>')
		end := bytes.Index(rest, []byte(close))
		attrs, text := rest[:gt], rest[gt+1:end]
		key := string(attrs) + ">" + string(text)
		n, ok := index[key]
		if !ok {
			n = len(index)
			index[key] = n
			sst.WriteString("<si><t")
			sst.WriteString(key)
			sst.WriteString("</t></si>")
		}
		out = append(out, `t="s"><v>`...)
		out = strconv.AppendInt(out, int64(n), 10)
		out = append(out, `</v>`...)
		sheet = rest[end+len(close):]
	}
}
