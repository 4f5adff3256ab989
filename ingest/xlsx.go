package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// parseXLSX streams every sheet of a workbook through the sheet parser.
func parseXLSX(fp *fileParser, data []byte) error {
	if err := checkZip(fp, data); err != nil {
		return err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    fp.opts.MaxUnzipSize,
		UnzipXMLSizeLimit: fp.opts.MaxXMLSize,
		// Raw values: a date-formatted 出生年月 reads as its serial, not as text in some locale's format.
		RawCellValue: true,
	})
	if err != nil {
		return openError(fp, err)
	}
	defer f.Close()
	return readWorkbook(fp, &xlsxBook{f: f})
}

// xlsxBook is an .xlsx workbook read by excelize.
type xlsxBook struct {
	f     *excelize.File
	names []string
}

func (b *xlsxBook) sheets() []sheetInfo {
	b.names = b.f.GetSheetList()
	scanned := scanSheets(b.f)
	out := make([]sheetInfo, len(b.names))
	for i, name := range b.names {
		info, ok := scanned[name]
		if !ok && scanned == nil {
			info.merges = mergedCellsSlow(b.f, name)
		}
		info.name = name
		visible, err := b.f.GetSheetVisible(name)
		info.hidden = err == nil && !visible
		out[i] = info
	}
	return out
}

func (b *xlsxBook) rows(i int, fn func(row int, cells []string)) error {
	name := b.names[i]
	rows, err := b.f.Rows(name)
	if err != nil {
		var notExist excelize.ErrSheetNotExist
		if errors.As(err, &notExist) {
			return nil // a chart sheet or dialog sheet: no cells
		}
		return err
	}
	n := 0
	for rows.Next() {
		n++
		cells, err := rows.Columns()
		if err != nil {
			rows.Close()
			return fmt.Errorf("row %d: %w", n, err)
		}
		fn(n, cells)
	}
	return rows.Close()
}

// checkZip verifies the zip before excelize opens it: excelize ignores checksum errors, so a damaged
// worksheet would silently lose rows. Declared sizes are checked first, so that a zip bomb is never
// inflated; archive/zip refuses entries that inflate beyond their declared size.
func checkZip(fp *fileParser, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return &FileError{Path: fp.path, Kind: ErrCorrupt, Err: err}
	}
	var total uint64
	workbook := false
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(fp.opts.MaxUnzipSize) {
			return &FileError{Path: fp.path, Kind: ErrZipBomb, Limit: fp.opts.MaxUnzipSize}
		}
		workbook = workbook || strings.HasPrefix(strings.ToLower(f.Name), "xl/")
	}
	if !workbook {
		return &FileError{Path: fp.path, Kind: ErrNotWorkbook, Err: errors.New("no xl/ part: not a spreadsheet")}
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return &FileError{Path: fp.path, Kind: ErrCorrupt, Err: fmt.Errorf("%s: %w", f.Name, err)}
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return &FileError{Path: fp.path, Kind: ErrCorrupt, Err: fmt.Errorf("%s: %w", f.Name, err)}
		}
	}
	return nil
}

// openError maps excelize's open errors to our kinds.
func openError(fp *fileParser, err error) error {
	switch {
	case strings.Contains(err.Error(), "unzip size exceeds"):
		return &FileError{Path: fp.path, Kind: ErrZipBomb, Err: err, Limit: fp.opts.MaxUnzipSize}
	case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, excelize.ErrWorkbookPassword),
		errors.Is(err, excelize.ErrUnknownEncryptMechanism), errors.Is(err, excelize.ErrUnsupportedEncryptMechanism):
		return &FileError{Path: fp.path, Kind: ErrEncrypted, Err: err}
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrAlgorithm),
		errors.Is(err, io.ErrUnexpectedEOF):
		return &FileError{Path: fp.path, Kind: ErrCorrupt, Err: err}
	}
	var syntax *xml.SyntaxError
	if errors.As(err, &syntax) {
		return &FileError{Path: fp.path, Kind: ErrCorrupt, Err: err}
	}
	return &FileError{Path: fp.path, Kind: ErrCorrupt, Err: err}
}

// scanSheets finds every sheet's merged ranges by scanning the worksheet XML that excelize already
// holds in memory. excelize's GetMergeCells would decode the whole worksheet a second time, doubling the
// cost of reading a file. It returns nil when the package layout is not the usual one; callers then fall
// back to GetMergeCells.
func scanSheets(f *excelize.File) map[string]sheetInfo {
	if f.WorkBook == nil {
		return nil
	}
	relsXML, ok := pkgBytes(f, "xl/_rels/workbook.xml.rels")
	if !ok {
		return nil
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(relsXML, &rels); err != nil {
		return nil
	}
	targets := map[string]string{}
	for _, r := range rels.Rel {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = "xl/" + t
		}
		targets[r.ID] = t
	}
	out := map[string]sheetInfo{}
	for _, s := range f.WorkBook.Sheets.Sheet {
		b, ok := pkgBytes(f, targets[s.ID])
		if !ok {
			var info sheetInfo
			if _, ok := targets[s.ID]; ok {
				info.merges = mergedCellsSlow(f, s.Name) // kept in a temporary file: large sheet
			}
			out[s.Name] = info
			continue
		}
		out[s.Name] = sheetInfo{merges: scanMerges(b), rows: dimensionRows(b)}
	}
	return out
}

func pkgBytes(f *excelize.File, name string) ([]byte, bool) {
	v, ok := f.Pkg.Load(name)
	if !ok {
		return nil, false
	}
	b, ok := v.([]byte)
	return b, ok
}

// scanMerges reads the ref="A1:B3" attributes of <mergeCell> elements, which follow the sheet data.
func scanMerges(b []byte) []mergeRange {
	if i := bytes.LastIndex(b, []byte("sheetData>")); i >= 0 {
		b = b[i:]
	}
	var out []mergeRange
	for {
		i := bytes.Index(b, []byte("mergeCell "))
		if i < 0 {
			break
		}
		b = b[i+len("mergeCell "):]
		end := bytes.IndexByte(b, '>')
		if end < 0 {
			break
		}
		attrs := b[:end]
		if j := bytes.Index(attrs, []byte(`ref="`)); j >= 0 {
			ref := attrs[j+5:]
			if k := bytes.IndexByte(ref, '"'); k >= 0 {
				if m, ok := parseRange(string(ref[:k])); ok {
					out = append(out, m)
				}
			}
		}
		b = b[end:]
	}
	sortMerges(out)
	return out
}

// dimensionRows reads the last row of <dimension ref="A1:M10001"/>, near the top of the sheet XML.
func dimensionRows(b []byte) int {
	head := b[:min(len(b), 2048)]
	i := bytes.Index(head, []byte("dimension ref=\""))
	if i < 0 {
		return 0
	}
	ref := head[i+len("dimension ref=\""):]
	end := bytes.IndexByte(ref, '"')
	if end < 0 {
		return 0
	}
	_, last, _ := strings.Cut(string(ref[:end]), ":")
	_, rows, err := excelize.CellNameToCoordinates(last)
	if err != nil {
		return 0
	}
	return rows
}

// mergedCellsSlow asks excelize, which decodes the whole worksheet.
func mergedCellsSlow(f *excelize.File, sheet string) []mergeRange {
	mcs, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return nil
	}
	var out []mergeRange
	for _, mc := range mcs {
		if m, ok := parseRange(mc.GetStartAxis() + ":" + mc.GetEndAxis()); ok {
			out = append(out, m)
		}
	}
	sortMerges(out)
	return out
}

func parseRange(ref string) (mergeRange, bool) {
	from, to, ok := strings.Cut(ref, ":")
	if !ok {
		return mergeRange{}, false
	}
	c0, r0, err1 := excelize.CellNameToCoordinates(from)
	c1, r1, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil {
		return mergeRange{}, false
	}
	return mergeRange{r0: min(r0, r1), c0: min(c0, c1), r1: max(r0, r1), c1: max(c0, c1)}, true
}

func sortMerges(ms []mergeRange) {
	sort.Slice(ms, func(i, j int) bool { return ms[i].r0 < ms[j].r0 })
}
