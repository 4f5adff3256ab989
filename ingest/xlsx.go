package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// parseXLSX reads a workbook through the seam of workbook.go: the fast reader (xlsxfast.go) reads every
// sheet it fully understands, excelize reads any sheet it declines — or the whole workbook, when it
// declines the workbook's structure — and every layout rule comes after, the same for both.
func parseXLSX(fp *fileParser, data []byte) error {
	zr, err := openZip(fp, data)
	if err != nil {
		return err
	}
	book, err := openFastBook(zr, data, fp.opts)
	if errors.Is(err, errDeclined) {
		readerStats.fallbackBooks.Add(1)
		ex, err := openExcelize(fp, data, zr)
		if err != nil {
			return err
		}
		defer ex.f.Close()
		return readWorkbook(fp, ex)
	}
	if err != nil {
		return &FileError{Path: fp.path, Kind: ErrCorrupt, Err: err}
	}
	defer book.release()
	wb := &xlsxFastBook{fp: fp, data: data, zr: zr, book: book}
	defer wb.close()
	if err := readWorkbook(fp, wb); err != nil {
		return err
	}
	// Damage in a part nobody read still means a damaged file, as it did before the fast reader.
	return verifyZip(fp, zr, book.read)
}

// xlsxFastBook is an .xlsx workbook read by the fast reader, with excelize for the sheets it declines.
type xlsxFastBook struct {
	fp    *fileParser
	data  []byte
	zr    *zip.Reader
	book  *fastBook
	fast  []*fastSheet // nil for a sheet excelize reads (or that has no cells)
	slow  []bool       // read by excelize
	ex    *xlsxBook    // opened for the first sheet the fast reader declines
	exIdx map[string]int
	err   error // a failure while listing the sheets, returned by the first rows call
}

// sheets reads every visible sheet already, because a sheet's merged ranges follow its cells in the
// XML: rows of a sheet that fits MaxXMLSize are kept, a larger one is only checked here and read again
// in rows.
func (b *xlsxFastBook) sheets() []sheetInfo {
	out := make([]sheetInfo, len(b.book.sheets))
	b.fast = make([]*fastSheet, len(out))
	b.slow = make([]bool, len(out))
	for i, s := range b.book.sheets {
		out[i] = sheetInfo{name: s.name, hidden: s.hidden}
		if s.hidden || s.part == nil || b.err != nil {
			continue
		}
		fs, err := b.book.readSheet(s.part, b.book.bufferedFor(i))
		switch {
		case errors.Is(err, errDeclined):
			readerStats.fallbackSheets.Add(1)
			if b.ex == nil {
				if b.ex, b.err = openExcelize(b.fp, b.data, b.zr); b.err != nil {
					continue
				}
				b.exIdx = map[string]int{}
				for j, info := range b.ex.sheets() {
					b.exIdx[info.name] = j
					if info.name == s.name {
						out[i].merges, out[i].rows = info.merges, info.rows
					}
				}
			} else if j, ok := b.exIdx[s.name]; ok {
				out[i].merges, out[i].rows = b.ex.infos[j].merges, b.ex.infos[j].rows
			}
			b.slow[i] = true
		case err != nil:
			b.err = &FileError{Path: b.fp.path, Kind: ErrCorrupt, Err: fmt.Errorf("sheet %s: %w", s.name, err)}
		default:
			readerStats.fastSheets.Add(1)
			b.fast[i] = fs
			out[i].merges, out[i].rows = fs.merges, fs.dimRows
		}
	}
	return out
}

func (b *xlsxFastBook) rows(i int, fn func(row int, cells []string)) error {
	switch {
	case b.err != nil:
		return b.err
	case b.slow[i]:
		j, ok := b.exIdx[b.book.sheets[i].name]
		if !ok {
			return nil
		}
		return b.ex.rows(j, fn)
	case b.fast[i] != nil:
		return b.fast[i].rows(fn)
	}
	return nil // a chart sheet or dialog sheet: no cells
}

func (b *xlsxFastBook) close() {
	if b.ex != nil {
		b.ex.f.Close()
	}
}

// openExcelize verifies every zip entry first (excelize ignores checksum errors, so a damaged worksheet
// would silently lose rows), then opens the workbook with excelize. Nothing goes to a temporary file:
// the unzip limit already bounds what a workbook may expand to, and a file left in the temporary
// folder by a killed run would stay there.
func openExcelize(fp *fileParser, data []byte, zr *zip.Reader) (*xlsxBook, error) {
	if err := verifyZip(fp, zr, nil); err != nil {
		return nil, err
	}
	if err := checkXMLParts(zr); err != nil {
		return nil, &FileError{Path: fp.path, Kind: ErrCorrupt, Err: err}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    fp.opts.MaxUnzipSize,
		UnzipXMLSizeLimit: fp.opts.MaxUnzipSize,
		// Raw values: a date-formatted 出生年月 reads as its serial, not as text in some locale's format.
		RawCellValue: true,
	})
	if err != nil {
		return nil, openError(fp, err)
	}
	return &xlsxBook{f: f, fp: fp}, nil
}

// xlsxBook is an .xlsx workbook read by excelize.
type xlsxBook struct {
	f     *excelize.File
	fp    *fileParser // told of the formulas it computes (formula.go)
	names []string
	infos []sheetInfo
	// formulas[i] is whether sheet i's XML has a formula (nil: not known, every blank cell is asked).
	formulas []bool
}

func (b *xlsxBook) sheets() []sheetInfo {
	if b.infos != nil {
		return b.infos
	}
	b.names = b.f.GetSheetList()
	scanned, formulas := scanSheets(b.f)
	out := make([]sheetInfo, len(b.names))
	if scanned != nil {
		b.formulas = make([]bool, len(b.names))
	}
	for i, name := range b.names {
		if scanned != nil {
			b.formulas[i] = formulas[name]
		}
		info, ok := scanned[name]
		if !ok && scanned == nil {
			info.merges = mergedCellsSlow(b.f, name)
		}
		info.name = name
		visible, err := b.f.GetSheetVisible(name)
		info.hidden = err == nil && !visible
		out[i] = info
	}
	b.infos = out
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
	var calc *formulaCalc
	if b.formulas == nil || b.formulas[i] {
		calc = &formulaCalc{f: b.f, fp: b.fp, sheet: name}
		defer calc.report()
	}
	n := 0
	for rows.Next() {
		n++
		cells, err := rows.Columns()
		if err != nil {
			rows.Close()
			return &partError{sheet: name, row: n, err: err}
		}
		if calc != nil {
			calc.fill(n, cells)
		}
		fn(n, cells)
	}
	return rows.Close()
}

// checkXMLParts finds damage that excelize would misreport: it reads the shared strings when the first
// row needs them (so their damage looked like row 1's), and its row reader stops silently at an XML
// error in a sheet (so the rest of the row looked empty: 必填项未填写).
func checkXMLParts(zr *zip.Reader) error {
	for _, part := range []string{"xl/sharedStrings.xml", "xl/styles.xml"} {
		if _, err := checkXMLPart(zr, part); err != nil {
			return &partError{part: part, err: err}
		}
	}
	names := worksheetNames(zr)
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") || !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		if row, err := checkXMLPart(zr, f.Name); err != nil {
			return &partError{part: f.Name, sheet: names[f.Name], row: row, err: err}
		}
	}
	return nil
}

// checkXMLPart reads the zip entry name as XML to its end and returns its first syntax error, with the
// number of the last worksheet row started before it; an absent part is no error.
func checkXMLPart(zr *zip.Reader, name string) (row int, err error) {
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		r, err := f.Open()
		if err != nil {
			return 0, err
		}
		defer r.Close()
		d := xml.NewDecoder(r)
		for {
			t, err := d.Token()
			if err == io.EOF {
				return 0, nil
			} else if err != nil {
				return row, err
			}
			if e, ok := t.(xml.StartElement); ok && e.Name.Local == "row" {
				row++
				for _, a := range e.Attr {
					if a.Name.Local == "r" {
						if n, err := strconv.Atoi(a.Value); err == nil {
							row = n
						}
					}
				}
			}
		}
	}
	return 0, nil
}

// worksheetNames maps each worksheet's zip entry to its sheet name, as far as the workbook's parts
// can be read.
func worksheetNames(zr *zip.Reader) map[string]string {
	names := map[string]string{}
	read := func(name string, v any) bool {
		for _, f := range zr.File {
			if f.Name == name {
				r, err := f.Open()
				if err != nil {
					return false
				}
				defer r.Close()
				return xml.NewDecoder(io.LimitReader(r, 16<<20)).Decode(v) == nil
			}
		}
		return false
	}
	var wb fastWorkbook
	var rels fastRels
	if !read("xl/workbook.xml", &wb) || !read("xl/_rels/workbook.xml.rels", &rels) {
		return names
	}
	for _, s := range wb.Sheets.Sheet {
		for _, r := range rels.Rel {
			if r.ID == s.ID {
				names[worksheetPath("xl/workbook.xml", r.Target)] = s.Name
			}
		}
	}
	return names
}

// openZip checks the zip's directory before anything is inflated: declared sizes first, so that a zip
// bomb is never inflated (archive/zip refuses entries that inflate beyond their declared size), and
// that it is a spreadsheet at all.
func openZip(fp *fileParser, data []byte) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &FileError{Path: fp.path, Kind: ErrCorrupt, Err: err}
	}
	useFastInflate(zr)
	var total uint64
	workbook := false
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > uint64(fp.opts.MaxUnzipSize) {
			return nil, &FileError{Path: fp.path, Kind: ErrZipBomb, Limit: fp.opts.MaxUnzipSize}
		}
		workbook = workbook || strings.HasPrefix(strings.ToLower(f.Name), "xl/")
	}
	if !workbook {
		var names []string
		for _, f := range zr.File {
			names = append(names, ZipEntryName(f))
		}
		return nil, &FileError{Path: fp.path, Kind: ErrNotWorkbook, Err: zipDocumentOf(names)}
	}
	return zr, nil
}

// verifyZip inflates every entry not already read to its end, so that a checksum error anywhere
// rejects the file.
func verifyZip(fp *fileParser, zr *zip.Reader, done map[*zip.File]bool) error {
	for _, f := range zr.File {
		if done[f] {
			continue
		}
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
// back to GetMergeCells. formulas tells which sheets' XML has a formula element.
func scanSheets(f *excelize.File) (infos map[string]sheetInfo, formulas map[string]bool) {
	if f.WorkBook == nil {
		return nil, nil
	}
	relsXML, ok := pkgBytes(f, "xl/_rels/workbook.xml.rels")
	if !ok {
		return nil, nil
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(relsXML, &rels); err != nil {
		return nil, nil
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
	out, withFormulas := map[string]sheetInfo{}, map[string]bool{}
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
		withFormulas[s.Name] = hasFormulaElement(b)
	}
	return out, withFormulas
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
