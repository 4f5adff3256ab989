package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf16"
)

// The fast xlsx reader: a streaming reader of the workbooks people actually send (shared strings, inline
// strings, numbers, booleans, formulas' cached values, merged ranges, hidden sheets, the dimension tag)
// that gives, cell for cell, what excelize's row iterator gives with RawCellValue (the differential
// test and FuzzFastXLSX hold it to that). Anything it does not fully understand — strict OOXML, 1904
// dates, another XML encoding, comments or CDATA, prefixed element names, rows out of order, a shared
// string index out of range, an unknown element inside the sheet data — makes it decline, and that
// sheet (or the whole workbook) is read by excelize instead; declines are counted in readerStats.
//
// It never writes a temporary file: a worksheet part up to ParseOptions.MaxXMLSize is inflated into a
// reused buffer, a larger one is streamed twice through a small window (once skimming its cells for its
// merged ranges, which follow them, once checking the cells as it hands its rows on; readSheet), so its
// memory does not grow with the sheet.

// readerStats counts how sheets were read, for the tests and benchmarks.
var readerStats struct {
	fastSheets     atomic.Int64 // worksheets read by the fast reader
	fallbackSheets atomic.Int64 // worksheets it declined, read by excelize
	fallbackBooks  atomic.Int64 // workbooks it declined as a whole, read by excelize
	readAgain      atomic.Int64 // workbooks read again carefully because a skimmed large sheet needed it
}

const (
	nsMain     = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsDrawing  = "http://schemas.openxmlformats.org/drawingml/2006/main"
	relOfficeD = nsRel + "/officeDocument"
	maxRows    = 1_048_576
	maxCols    = 16_384
)

// fastBook is a workbook opened by the fast reader.
type fastBook struct {
	data    []byte               // the whole file, which the zip's entries are read from
	parts   map[string]*zip.File // by name as excelize keys them
	read    map[*zip.File]bool   // entries read to their end, so their checksum was verified
	sheets  []fastSheetMeta
	sst     []string
	opts    ParseOptions
	scratch *fastScratch
}

// fastSheetMeta is one sheet of the workbook, in workbook order.
type fastSheetMeta struct {
	name   string
	hidden bool
	part   *zip.File // nil when the sheet has no worksheet part (excelize: ErrSheetNotExist)
}

// fastScratch holds the buffers one reader reuses from file to file.
type fastScratch struct {
	inflate bytes.Buffer
	window  []byte
	cells   []string
	text    []byte
	intern  map[string]string
	// buffered holds the rows of the workbook's small sheets, one bufferedRows per sheet read
	// (bufferedFor): every sheet of a workbook is read before its first row is handed on, so each needs
	// its own, and from the next workbook on they are refilled instead of grown again from empty (a
	// quarter of what the people's congress set allocated in the reader). The rows handed on are
	// capped sub-slices, which a visitor copies to keep, as it does the reused row of a streamed sheet.
	buffered []*bufferedRows
	// accepted holds, by part name, the last content of a small part that encoding/xml accepted, and
	// what it decoded to: the workbooks of one sender repeat those parts byte for byte (the package and
	// workbook relationships, workbook.xml, styles, theme, calcChain), and the same bytes decode the
	// same way.
	accepted map[string]acceptedPart
}

// acceptedPart is a small part's content and what decodeSmall decoded it to: a fastRels or a
// fastWorkbook, read only once decoded, or nil for a part decoded for its root element only; and the
// zip entry it was inflated from (rawEntry), for a later entry that stores the same to be taken as it.
type acceptedPart struct {
	data    string
	decoded any
	raw     rawEntry
}

// rawEntry is what archive/zip reads to inflate an entry and check it, besides its local header (where
// it takes only the length of the name and extra field, to find the stored bytes): the entry's method,
// data-descriptor flag, CRC-32 and sizes from the central directory, and its stored bytes followed by
// its data descriptor when it has one (the 16 bytes archive/zip reads there, fewer at the file's end).
// The zero rawEntry is none (found false).
type rawEntry struct {
	found        bool
	method       uint16
	descriptor   bool
	crc          uint32
	compressed   uint64
	uncompressed uint64
	stored       string
}

// rawOf is f's rawEntry as it lies in data, its stored bytes (and descriptor) given apart, unset in the
// rawEntry; found is false when its local header cannot be found.
func rawOf(data []byte, f *zip.File) (rawEntry, []byte) {
	off, err := f.DataOffset()
	if err != nil || off < 0 || uint64(off) > uint64(len(data)) || f.CompressedSize64 > uint64(len(data))-uint64(off) {
		return rawEntry{}, nil
	}
	end := off + int64(f.CompressedSize64)
	descriptor := f.Flags&0x8 != 0
	if descriptor {
		end = min(end+16, int64(len(data)))
	}
	return rawEntry{found: true, method: f.Method, descriptor: descriptor, crc: f.CRC32, compressed: f.CompressedSize64,
		uncompressed: f.UncompressedSize64}, data[off:end]
}

// same says that e with the stored bytes stored is the entry r.
func (r rawEntry) same(e rawEntry, stored []byte) bool {
	return r.found && e.found && r.method == e.method && r.descriptor == e.descriptor && r.crc == e.crc &&
		r.compressed == e.compressed && r.uncompressed == e.uncompressed && r.stored == string(stored)
}

func newFastScratch() *fastScratch {
	return &fastScratch{intern: map[string]string{}, accepted: map[string]acceptedPart{}}
}

var scratchPool = sync.Pool{New: func() any { return newFastScratch() }}

// maxAccepted bounds the size of a part fastScratch.accepted keeps.
const maxAccepted = 256 << 10

// maxIntern bounds the strings interned per workbook: repeated short values (村党组织, 男, 2024) share
// one copy.
const (
	maxIntern    = 1 << 14
	maxInternLen = 24
)

func (b *fastBook) release() {
	sc := b.scratch
	b.scratch = nil
	if sc == nil {
		return
	}
	sc.tidy()
	scratchPool.Put(sc)
}

// tidy readies sc for the next workbook: what it holds of this one (strings, rows) is let go, and
// buffers grown too large for a pool are dropped.
func (sc *fastScratch) tidy() {
	clear(sc.cells)
	clear(sc.intern)
	if sc.inflate.Cap() > 64<<20 {
		sc.inflate = bytes.Buffer{}
	}
	for i, r := range sc.buffered {
		if cap(r.cells) > maxKeptCells {
			sc.buffered[i] = new(bufferedRows)
			continue
		}
		r.reset()
	}
}

// maxKeptCells bounds the cells a bufferedRows keeps room for from one workbook to the next (16 MiB of
// string headers): a sheet near MaxXMLSize does not hold its memory in the pool.
const maxKeptCells = 1 << 20

// bufferedFor is the bufferedRows that keeps the rows of the workbook's i-th sheet (readSheet empties it).
func (b *fastBook) bufferedFor(i int) *bufferedRows {
	sc := b.scratch
	for len(sc.buffered) <= i {
		sc.buffered = append(sc.buffered, new(bufferedRows))
	}
	return sc.buffered[i]
}

// openFastBook reads the workbook's structure and shared strings.
func openFastBook(zr *zip.Reader, data []byte, opts ParseOptions) (*fastBook, error) {
	b := &fastBook{data: data, parts: map[string]*zip.File{}, read: map[*zip.File]bool{}, opts: opts,
		scratch: scratchPool.Get().(*fastScratch)}
	for _, f := range zr.File {
		name := strings.ReplaceAll(f.Name, "\\", "/")
		switch strings.ToLower(name) {
		case "[content_types].xml":
			name = "[Content_Types].xml"
		case "xl/sharedstrings.xml":
			name = "xl/sharedStrings.xml"
		}
		if _, dup := b.parts[name]; dup {
			b.release()
			return nil, decline("two zip entries named " + name)
		}
		b.parts[name] = f
	}
	if err := b.open(); err != nil {
		b.release()
		return nil, err
	}
	return b, nil
}

func (b *fastBook) open() error {
	var rels fastRels
	if err := b.decodeSmall("_rels/.rels", &rels, true); err != nil {
		return err
	}
	wbPath := ""
	for _, r := range rels.Rel {
		if r.Type == relOfficeD {
			wbPath = strings.TrimPrefix(r.Target, "/")
			break
		}
	}
	if wbPath != "xl/workbook.xml" {
		return decline("workbook part at " + wbPath)
	}
	var wb fastWorkbook
	if err := b.decodeSmall(wbPath, &wb, true); err != nil {
		return err
	}
	if wb.Pr != nil && wb.Pr.Date1904 {
		return decline("1904 date system")
	}
	var wbRels fastRels
	if err := b.decodeSmall("xl/_rels/workbook.xml.rels", &wbRels, true); err != nil {
		return err
	}
	// The parts excelize decodes when it opens a workbook: one it cannot decode makes it refuse the
	// file, so the fast reader declines it too.
	for _, p := range []struct {
		name string
		into any
	}{{"xl/styles.xml", &fastRoot[styleSheetName]{}}, {"xl/theme/theme1.xml", &fastRoot[themeName]{}},
		{"xl/calcChain.xml", &fastRoot[calcChainName]{}}} {
		if err := b.decodeSmall(p.name, p.into, false); err != nil {
			return err
		}
	}
	seen := map[string]bool{}
	for _, s := range wb.Sheets.Sheet {
		if !validSheetName(s.Name) {
			return decline("sheet name excelize refuses")
		}
		folded := strings.ToLower(s.Name)
		if seen[folded] {
			return decline("two sheets whose names differ only in case")
		}
		seen[folded] = true
		m := fastSheetMeta{name: s.Name, hidden: s.State != "" && s.State != "visible"}
		for _, r := range wbRels.Rel {
			if r.ID == s.ID {
				if p, ok := b.parts[worksheetPath(wbPath, r.Target)]; ok {
					m.part = p
				}
			}
		}
		b.sheets = append(b.sheets, m)
	}
	if len(b.sheets) == 0 {
		return decline("no sheets")
	}
	if err := b.readSST(); err != nil && !errors.Is(err, errDeclined) {
		return &partError{part: "xl/sharedStrings.xml", err: err}
	} else if err != nil {
		return err
	}
	return nil
}

type fastRels struct {
	XMLName xml.Name `xml:"http://schemas.openxmlformats.org/package/2006/relationships Relationships"`
	Rel     []struct {
		ID     string `xml:"Id,attr"`
		Target string `xml:"Target,attr"`
		Type   string `xml:"Type,attr"`
	} `xml:"Relationship"`
}

type fastWorkbook struct {
	XMLName xml.Name `xml:"http://schemas.openxmlformats.org/spreadsheetml/2006/main workbook"`
	Pr      *struct {
		Date1904 bool `xml:"date1904,attr,omitempty"`
	} `xml:"workbookPr"`
	Sheets struct {
		Sheet []struct {
			Name    string `xml:"name,attr"`
			SheetID int    `xml:"sheetId,attr"`
			ID      string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
			State   string `xml:"state,attr"`
		} `xml:"sheet"`
	} `xml:"sheets"`
}

type (
	styleSheetName struct{}
	themeName      struct{}
	calcChainName  struct{}
)

// fastRoot decodes only a part's root element name; its type parameter picks the name excelize expects.
type fastRoot[T any] struct{ xml.Name }

// rootOnly marks the parts decodeSmall decodes for their root element only.
func (r *fastRoot[T]) rootOnly() {}

func (r *fastRoot[T]) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var want xml.Name
	switch any(*new(T)).(type) {
	case styleSheetName:
		want = xml.Name{Space: nsMain, Local: "styleSheet"}
	case themeName:
		want = xml.Name{Space: nsDrawing, Local: "theme"}
	case calcChainName:
		want = xml.Name{Space: nsMain, Local: "calcChain"}
	}
	if start.Name != want {
		return fmt.Errorf("root element %v, want %v", start.Name, want)
	}
	return d.Skip()
}

// decodeSmall decodes one of the workbook's small XML parts with encoding/xml, as excelize does.
func (b *fastBook) decodeSmall(name string, into any, required bool) error {
	f, ok := b.parts[name]
	if !ok {
		if required {
			return decline("no " + name)
		}
		return nil
	}
	// An entry that stores the bytes of the one accepted last under its name, with the same method,
	// checksum, sizes and data descriptor, inflates to the same content and passes the same checks:
	// inflating is a function of those alone (archive/zip: the local header, found again here, gives
	// only where the stored bytes start). So it is taken as read and checked, and decoded as before.
	seen, ok := b.scratch.accepted[name]
	raw, stored := rawOf(b.data, f)
	if ok && seen.raw.same(raw, stored) && reuse(into, seen.decoded) {
		b.read[f] = true
		return nil
	}
	if raw.found && len(stored) <= maxAccepted {
		raw.stored = string(stored) // kept with the content below, if it is
	} else {
		raw = rawEntry{}
	}
	data, err := b.inflate(f, false)
	if err != nil {
		return err
	}
	if bytes.Contains(data, []byte("purl.oclc.org")) {
		return decline("strict OOXML")
	}
	if ok && seen.data == string(data) && reuse(into, seen.decoded) {
		seen.raw = raw // the same content stored otherwise (another compression)
		b.scratch.accepted[name] = seen
		return nil
	}
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(into); err != nil && err != io.EOF {
		return decline(name + ": " + err.Error())
	}
	if len(data) <= maxAccepted && f.CompressedSize64 <= maxAccepted {
		var decoded any
		switch v := into.(type) {
		case *fastRels:
			decoded = *v
		case *fastWorkbook:
			decoded = *v
		}
		b.scratch.accepted[name] = acceptedPart{data: string(data), decoded: decoded, raw: raw}
	}
	return nil
}

// reuse gives into what the same bytes decoded to before, and says whether it could: a part decoded
// for its root element only needs nothing, the relationships and the workbook get a copy (their slices
// are shared: the reader only reads them).
func reuse(into, decoded any) bool {
	switch v := into.(type) {
	case interface{ rootOnly() }:
		return decoded == nil
	case *fastRels:
		d, ok := decoded.(fastRels)
		*v = d
		return ok
	case *fastWorkbook:
		d, ok := decoded.(fastWorkbook)
		*v = d
		return ok
	}
	return false
}

// inflate reads a zip entry whole. keep=false reads it into the reused buffer, valid until the next call.
func (b *fastBook) inflate(f *zip.File, keep bool) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	buf := &b.scratch.inflate
	if keep {
		buf = &bytes.Buffer{}
	}
	buf.Reset()
	buf.Grow(int(min(f.UncompressedSize64, uint64(b.opts.MaxUnzipSize))) + 1)
	if _, err := buf.ReadFrom(rc); err != nil {
		return nil, err
	}
	b.read[f] = true
	return buf.Bytes(), nil
}

// worksheetPath resolves a relationship target against the workbook's folder, as excelize does.
func worksheetPath(wbPath, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(strings.ReplaceAll(target, "\\", "/")), "/")
	}
	return strings.TrimPrefix(path.Clean(path.Dir(wbPath)+"/"+strings.ReplaceAll(target, "\\", "/")), "/")
}

// validSheetName is excelize's checkSheetName.
func validSheetName(name string) bool {
	return name != "" && len(utf16.Encode([]rune(name))) <= 31 && !strings.HasPrefix(name, "'") &&
		!strings.HasSuffix(name, "'") && !strings.ContainsAny(name, ":\\/?*[]")
}

// readSST reads the shared strings into one string, sliced per item.
func (b *fastBook) readSST() error {
	f, ok := b.parts["xl/sharedStrings.xml"]
	if !ok {
		return nil
	}
	data, err := b.inflate(f, false)
	if err != nil {
		return err
	}
	if bytes.Contains(data, []byte("purl.oclc.org")) {
		return decline("strict OOXML")
	}
	s := newMemScanner(data)
	if err := s.prolog(); err != nil {
		return err
	}
	var t xmlToken
	if err := s.nextNonSpace(&t); err != nil {
		return err
	}
	if t.kind == tokEOF {
		return nil // an empty part: excelize reads no strings either
	}
	if t.kind != tokStart || string(t.name) != "sst" || !hasAttr(t.attrs, "xmlns", nsMain) {
		return decline("shared strings root")
	}
	if err := checkTyped(&t); err != nil {
		return err
	}
	if t.self {
		return s.rootEnd(&t)
	}
	var all []byte
	var ends []int
	for {
		if err := s.nextNonSpace(&t); err != nil {
			return err
		}
		if t.kind == tokEnd && string(t.name) == "sst" {
			break
		}
		if t.kind != tokStart || string(t.name) != "si" {
			return decline("shared strings: unexpected content")
		}
		start := len(all)
		if all, err = s.stringItem(&t, all); err != nil {
			return err
		}
		if bytes.Contains(all[start:], []byte("_x")) {
			v := bstrUnmarshal(string(all[start:]))
			all = append(all[:start], v...)
		}
		ends = append(ends, len(all))
	}
	if err := s.rootEnd(&t); err != nil {
		return err
	}
	str := string(all)
	b.sst = make([]string, len(ends))
	from := 0
	for i, e := range ends {
		b.sst[i] = str[from:e]
		from = e
	}
	return nil
}

// rootEnd checks that nothing but white space follows the root element.
func (s *xmlScanner) rootEnd(t *xmlToken) error {
	if err := s.nextNonSpace(t); err != nil {
		return err
	}
	if t.kind != tokEOF {
		return decline("content after the root element")
	}
	return nil
}

// nextNonSpace reads the next token that is not white space; other text is declined.
func (s *xmlScanner) nextNonSpace(t *xmlToken) error {
	for {
		if err := s.next(t); err != nil {
			return err
		}
		if t.kind != tokText {
			return nil
		}
		if !onlySpace(t.text) {
			return decline("text between elements")
		}
	}
}

func hasAttr(attrs []byte, name, value string) bool {
	for i := 0; ; {
		n, v, next, err := nextAttr(attrs, i)
		if err != nil || n == nil {
			return false
		}
		if string(n) == name && string(v) == value {
			return true
		}
		i = next
	}
}

// stringItem appends the text of a string item (<si> or <is>, whose start tag t was just read) to dst
// as excelize's xlsxSI.String does before unescaping: the item's <t>, then every run's <t>; run
// properties and phonetic runs (<rPh>, <phoneticPr>) are skipped.
func (s *xmlScanner) stringItem(t *xmlToken, dst []byte) ([]byte, error) {
	if err := checkAttrs(t.attrs); err != nil || t.self {
		return dst, err
	}
	outer := string(t.name)
	var direct, runs []byte
	hasT := false
	for {
		if err := s.nextNonSpace(t); err != nil {
			return nil, err
		}
		switch {
		case t.kind == tokEnd && string(t.name) == outer:
			return append(append(dst, direct...), runs...), nil
		case t.kind != tokStart:
			return nil, decline("string item: unexpected content")
		}
		switch string(t.name) {
		case "t":
			if hasT {
				return nil, decline("string item with two texts")
			}
			hasT = true
			var err error
			if direct, err = s.text(t, direct); err != nil {
				return nil, err
			}
		case "r":
			if err := s.run(t, &runs); err != nil {
				return nil, err
			}
		case "rPh", "phoneticPr":
			if err := s.skipTyped(t); err != nil {
				return nil, err
			}
		default:
			return nil, decline("string item: element " + string(t.name))
		}
	}
}

// run appends the text of one rich-text run (<r>) to dst.
func (s *xmlScanner) run(t *xmlToken, dst *[]byte) error {
	if err := checkAttrs(t.attrs); err != nil || t.self {
		return err
	}
	hasT := false
	for {
		if err := s.nextNonSpace(t); err != nil {
			return err
		}
		if t.kind == tokEnd && string(t.name) == "r" {
			return nil
		}
		if t.kind != tokStart {
			return decline("run: unexpected content")
		}
		switch string(t.name) {
		case "t":
			if hasT {
				return decline("run with two texts")
			}
			hasT = true
			var err error
			if *dst, err = s.text(t, *dst); err != nil {
				return err
			}
		case "rPr":
			if err := s.skipTyped(t); err != nil {
				return err
			}
		default:
			return decline("run: element " + string(t.name))
		}
	}
}

// text appends the decoded character data of a text-only element (<t>, <v>) to dst.
func (s *xmlScanner) text(t *xmlToken, dst []byte) ([]byte, error) {
	if err := checkAttrs(t.attrs); err != nil {
		return nil, err
	}
	if t.self {
		return dst, nil
	}
	name := string(t.name)
	for {
		if err := s.next(t); err != nil {
			return nil, err
		}
		switch t.kind {
		case tokText:
			if plainText(t.text) {
				dst = append(dst, t.text...)
			} else {
				var err error
				if dst, err = unescapeXML(dst, t.text); err != nil {
					return nil, err
				}
			}
		case tokEnd:
			if string(t.name) != name {
				return nil, decline("mismatched end tag")
			}
			return dst, nil
		default:
			return nil, decline("element inside " + name)
		}
	}
}

// bstrExp and bstrUnmarshal are excelize's: _xHHHH_ escapes in shared and inline strings.
var bstrExp = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

func bstrUnmarshal(s string) (result string) {
	if !strings.Contains(s, "_x") {
		return s
	}
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			result += "_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			v, _ := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`)
			result += v
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

// fastSheet is one worksheet as the fast reader hands it on: its merged ranges and size (its last row
// when its rows are buffered, else its declared dimension) are known before its rows.
type fastSheet struct {
	merges  []mergeRange
	dimRows int
	rows    func(visit func(row int, cells []string)) error
}

// readSheet reads one worksheet part; a sheet that fits MaxXMLSize keeps its rows in buffered. A
// decline comes before any row is handed on, except for a large sheet read on the strength of a skim
// (below), which ends with errReadAgain instead.
func (b *fastBook) readSheet(f *zip.File, buffered *bufferedRows) (*fastSheet, error) {
	if f.UncompressedSize64 <= uint64(b.opts.MaxXMLSize) {
		data, err := b.inflate(f, false)
		if err != nil {
			return nil, err
		}
		buffered.reset()
		merges, dim, err := b.scanSheet(newMemScanner(data), buffered.add, false)
		if err != nil {
			return nil, err
		}
		// The rows are at hand: the last one's number is the sheet's size, whatever its dimension says
		// (excelize's stream writer declares A1).
		if n := len(buffered.nums); n > 0 {
			dim = max(dim, buffered.nums[n-1])
		}
		return &fastSheet{merges: merges, dimRows: dim, rows: buffered.replay}, nil
	}
	// A large sheet is streamed twice, because its merged ranges follow its cells: a first pass finds
	// them, a second hands the rows on. The first pass only skims the cells (a byte search for the end
	// of the sheet data, a quarter of a full reading's time), unless ParseOptions.careful asks it to
	// check every cell before any row is handed on. A skimmed sheet is checked by the second pass as it
	// goes: if that declines it, or finds other merged ranges than the skim did, the rows handed on were
	// read as the careful reading would not have read them, and the whole file is read again carefully
	// (errReadAgain). A skim that fails in any way is followed by the careful first pass at once.
	skim := !b.opts.careful
	merges, dim, err := b.firstPass(f, skim)
	if err != nil && skim && !b.opts.stopping() {
		skim = false
		merges, dim, err = b.firstPass(f, false)
	}
	if err != nil {
		return nil, err
	}
	b.read[f] = true
	return &fastSheet{merges: merges, dimRows: dim, rows: func(visit func(int, []string)) error {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		defer rc.Close()
		s := newStreamScanner(rc, b.scratch.window)
		found, _, err := b.scanSheet(s, gapFiller(visit), false)
		b.scratch.window = s.buf
		if skim && (err != nil || !sameRanges(found, merges)) {
			return fmt.Errorf("%w (%v)", errReadAgain, err)
		}
		if err != nil {
			return fmt.Errorf("second reading differs from the first: %w", err)
		}
		return nil
	}}, nil
}

// firstPass streams a large sheet once for its merged ranges and dimension, skimming its cells or
// checking them.
func (b *fastBook) firstPass(f *zip.File, skim bool) ([]mergeRange, int, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, 0, err
	}
	defer rc.Close()
	s := newStreamScanner(rc, b.scratch.window)
	merges, dim, err := b.scanSheet(s, nil, skim)
	b.scratch.window = s.buf
	return merges, dim, err
}

// errReadAgain ends the reading of a file one of whose large sheets, read after a skim, turned out to
// need the careful reading: readFile reads the file again from its start with ParseOptions.careful.
var errReadAgain = errors.New("read the workbook again, checking each large sheet before handing on its rows")

// errSkim is a skim that did not find the end of the sheet data as Excel writes it.
var errSkim = errors.New("no </sheetData> found by the skim")

// sameRanges says whether two sorted lists of merged ranges cover the same cells (the values that the
// sheet parser fills in are not compared).
func sameRanges(a, b []mergeRange) bool {
	return slices.EqualFunc(a, b, func(x, y mergeRange) bool {
		return x.r0 == y.r0 && x.c0 == y.c0 && x.r1 == y.r1 && x.c1 == y.c1
	})
}

// gapFiller hands on the rows absent from the XML as empty rows, as excelize's row iterator does, so
// that a merged range covering them still reaches them.
func gapFiller(visit func(int, []string)) func(int, []string) {
	last := 0
	return func(n int, cells []string) {
		for last++; last < n; last++ {
			visit(last, nil)
		}
		visit(n, cells)
	}
}

// bufferedRows holds the rows of a sheet read from memory until the whole sheet is known to be
// readable; cells are kept in one slice.
type bufferedRows struct {
	nums  []int
	ends  []int
	cells []string
}

func (r *bufferedRows) reset() {
	clear(r.cells)
	r.nums, r.ends, r.cells = r.nums[:0], r.ends[:0], r.cells[:0]
}

func (r *bufferedRows) add(n int, cells []string) {
	r.nums = append(r.nums, n)
	r.cells = append(r.cells, cells...)
	r.ends = append(r.ends, len(r.cells))
}

func (r *bufferedRows) replay(visit func(int, []string)) error {
	visit = gapFiller(visit)
	from := 0
	for i, n := range r.nums {
		end := r.ends[i]
		visit(n, r.cells[from:end:end]) // capped: a visitor that appends gets its own copy
		from = end
	}
	return nil
}

// scanSheet reads a worksheet part: the elements before <sheetData> (the dimension), the rows, then
// the rest (the merged ranges). emit, when set, receives each row's cells, laid out as excelize's
// Rows.Columns lays them out; the slice is reused. skim passes over the rows unread, to the first
// </sheetData> (readSheet).
func (b *fastBook) scanSheet(s *xmlScanner, emit func(row int, cells []string), skim bool) (merges []mergeRange, dimRows int, err error) {
	if err := s.prolog(); err != nil {
		return nil, 0, err
	}
	var t xmlToken
	var stack [][]byte
	phase := 0 // 0 before <sheetData>, 1 after it
	for {
		if err := s.next(&t); err != nil {
			return nil, 0, err
		}
		switch t.kind {
		case tokEOF:
			if len(stack) > 0 {
				return nil, 0, decline("worksheet XML ends early")
			}
			sortMerges(merges)
			if overlapping(merges) {
				// excelize joins overlapping ranges into one; Excel never writes them.
				return nil, 0, decline("overlapping merged ranges")
			}
			return merges, dimRows, nil
		case tokText:
			if err := checkText(t.text); err != nil {
				return nil, 0, err
			}
		case tokEnd:
			if len(stack) == 0 || !bytes.Equal(stack[len(stack)-1], t.name) {
				return nil, 0, decline("mismatched end tag")
			}
			stack = stack[:len(stack)-1]
			if local, _ := localName(t.name); string(local) == "sheetData" {
				return nil, 0, decline("stray sheetData end")
			}
		case tokStart:
			if err := checkAttrs(t.attrs); err != nil {
				return nil, 0, err
			}
			local, prefixed := localName(t.name)
			switch {
			case string(local) == "row", prefixed && (string(local) == "sheetData" || string(local) == "mergeCell" || string(local) == "mergeCells"):
				return nil, 0, decline("row or prefixed sheet element outside the sheet data")
			case string(t.name) == "sheetData":
				if phase != 0 {
					return nil, 0, decline("two sheetData elements")
				}
				phase = 1
				switch {
				case t.self:
				case skim:
					found, err := s.skipPast([]byte("</sheetData>"), b.opts.stop)
					if err != nil {
						return nil, 0, err
					}
					if !found {
						return nil, 0, errSkim
					}
				default:
					if err := b.scanRows(s, &t, emit); err != nil {
						return nil, 0, err
					}
				}
				continue
			case string(t.name) == "dimension" && phase == 0:
				dimRows = dimensionRef(t.attrs)
			case string(t.name) == "mergeCell":
				if len(stack) == 0 || string(stack[len(stack)-1]) != "mergeCells" {
					return nil, 0, decline("mergeCell outside mergeCells")
				}
				m, ok := parseRange(string(attrValue(t.attrs, "ref")))
				if !ok {
					return nil, 0, decline("merged range reference")
				}
				merges = append(merges, m)
			}
			if !t.self {
				stack = append(stack, bytes.Clone(t.name))
			}
		}
	}
}

// overlapping reports whether two of the merged ranges, sorted by top row, share a cell.
func overlapping(ms []mergeRange) bool {
	var active []mergeRange
	for _, m := range ms {
		kept := active[:0]
		for _, a := range active {
			if a.r1 >= m.r0 {
				if a.c0 <= m.c1 && m.c0 <= a.c1 {
					return true
				}
				kept = append(kept, a)
			}
		}
		active = append(kept, m)
	}
	return false
}

// attrValue is the raw value of the named attribute, nil when absent.
func attrValue(attrs []byte, name string) []byte {
	for i := 0; ; {
		n, v, next, err := nextAttr(attrs, i)
		if err != nil || n == nil {
			return nil
		}
		if string(n) == name {
			return v
		}
		i = next
	}
}

// dimensionRef is the last row of <dimension ref="A1:M10001"/>, 0 if unknown; it only sizes slices.
func dimensionRef(attrs []byte) int {
	_, last, _ := strings.Cut(string(attrValue(attrs, "ref")), ":")
	_, row, ok := cellCoordinates([]byte(last))
	if !ok {
		return 0
	}
	return row
}

// cellCoordinates parses a plain A1 reference (upper-case column, no $, no leading zero).
func cellCoordinates(ref []byte) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	if i == 0 || i > 3 || col > maxCols || i == len(ref) || ref[i] == '0' || len(ref)-i > 7 {
		return 0, 0, false
	}
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
	}
	return col, row, row <= maxRows
}

// plainInt parses a non-negative decimal of up to 9 digits.
func plainInt(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// scanRows reads the rows of <sheetData> up to its end tag.
func (b *fastBook) scanRows(s *xmlScanner, t *xmlToken, emit func(int, []string)) error {
	row := 0
	cells := b.scratch.cells[:0]
	defer func() { b.scratch.cells = cells }()
	for n := 1; ; n++ {
		// The pass that only checks a large sheet has no row callback: it looks at stop itself.
		if err := b.opts.stopped(n); err != nil {
			return err
		}
		if err := s.nextNonSpace(t); err != nil {
			return err
		}
		switch {
		case t.kind == tokEnd && string(t.name) == "sheetData":
			return nil
		case t.kind != tokStart || string(t.name) != "row":
			return decline("unexpected content in sheetData")
		}
		r := 0
		for i := 0; ; {
			name, val, next, err := nextAttr(t.attrs, i)
			if err != nil {
				return err
			}
			if name == nil {
				break
			}
			i = next
			if local, prefixed := localName(name); string(local) == "r" {
				n, ok := plainInt(val)
				if prefixed || !ok {
					return decline("row number")
				}
				r = n
			}
		}
		switch {
		case r == 0:
			row++
		case r <= row:
			return decline("rows out of order")
		default:
			row = r
		}
		if row > maxRows {
			return decline("row beyond the sheet's last row")
		}
		cells = cells[:0]
		if !t.self {
			var err error
			if cells, err = b.scanCells(s, t, cells, emit != nil); err != nil {
				return err
			}
		}
		if emit != nil {
			emit(row, cells)
		}
	}
}

// scanCells reads the cells of one row, up to </row>, into cells.
func (b *fastBook) scanCells(s *xmlScanner, t *xmlToken, cells []string, build bool) ([]string, error) {
	col := 0
	for {
		if err := s.nextNonSpace(t); err != nil {
			return nil, err
		}
		switch {
		case t.kind == tokEnd && string(t.name) == "row":
			return cells, nil
		case t.kind != tokStart || string(t.name) != "c":
			return nil, decline("unexpected content in a row")
		}
		col++
		var typ []byte
		for i := 0; ; {
			name, val, next, err := nextAttr(t.attrs, i)
			if err != nil {
				return nil, err
			}
			if name == nil {
				break
			}
			i = next
			local, prefixed := localName(name)
			switch string(local) {
			case "r", "s", "t":
				if prefixed || !plainText(val) {
					return nil, decline("cell attribute")
				}
			default:
				continue
			}
			switch string(name) {
			case "r":
				c, _, ok := cellCoordinates(val)
				if !ok {
					return nil, decline("cell reference")
				}
				col = c
			case "s":
				if _, ok := plainInt(val); !ok {
					return nil, decline("cell style")
				}
			case "t":
				typ = val
			}
		}
		if t.self {
			continue
		}
		kind := cellKind(typ)
		val, hasF, err := b.cellContent(s, t, kind, build)
		if err != nil {
			return nil, err
		}
		if val != "" || hasF {
			for blank := col - len(cells); blank > 1; blank-- {
				cells = append(cells, "")
			}
			cells = append(cells, val)
		}
	}
}

type valueKind int

const (
	kindRaw valueKind = iota // numbers, booleans, errors, formula strings, ISO dates: the <v> text as written
	kindShared
	kindInline
)

func cellKind(typ []byte) valueKind {
	switch string(typ) {
	case "s":
		return kindShared
	case "inlineStr":
		return kindInline
	}
	return kindRaw
}

// cellContent reads the children of a <c> up to </c> and returns its value as excelize's getValueFrom
// returns it with RawCellValue, and whether it has a formula (excelize keeps an empty cell that has one).
func (b *fastBook) cellContent(s *xmlScanner, t *xmlToken, kind valueKind, build bool) (val string, hasF bool, err error) {
	text := b.scratch.text[:0]
	defer func() { b.scratch.text = text[:0] }()
	var hasV, hasIS bool
	var v, is []byte // capped slices of text: appending to text never writes over them
	// Most cells are written <v>text</v></c> or <is><t>text</t></is></c> exactly, with a text that needs
	// no decoding: read so without going through the tokens, to the same result.
	pv, plain := s.plainValue()
	if plain {
		hasV, v = true, pv
	} else if pi, ok := s.plainInline(); ok {
		plain, hasIS, is = true, true, pi
	}
	for !plain {
		if err := s.nextNonSpace(t); err != nil {
			return "", false, err
		}
		if t.kind == tokEnd && string(t.name) == "c" {
			break
		}
		if t.kind != tokStart {
			return "", false, decline("unexpected content in a cell")
		}
		switch string(t.name) {
		case "v":
			if hasV {
				return "", false, decline("cell with two values")
			}
			hasV = true
			start := len(text)
			if text, err = s.text(t, text); err != nil {
				return "", false, err
			}
			v = text[start:len(text):len(text)]
		case "f":
			hasF = true
			if err := s.skipTyped(t); err != nil {
				return "", false, err
			}
		case "is":
			if hasIS {
				return "", false, decline("cell with two inline strings")
			}
			hasIS = true
			start := len(text)
			if text, err = s.stringItem(t, text); err != nil {
				return "", false, err
			}
			is = text[start:len(text):len(text)]
		default:
			return "", false, decline("cell element " + string(t.name))
		}
	}
	if hasF && !hasV && !hasIS {
		// Excel computes it on opening; excelize computes it here (formula.go).
		return "", false, decline("formula without its result")
	}
	switch kind {
	case kindShared:
		if !hasV || len(v) == 0 {
			return "", hasF, nil
		}
		i, ok := plainInt(bytes.TrimSpace(v))
		if !ok || i >= len(b.sst) {
			return "", false, decline("shared string index")
		}
		return b.sst[i], hasF, nil
	case kindInline:
		if hasIS {
			if len(is) == 0 || !build {
				return string(is[:min(len(is), 1)]), hasF, nil
			}
			if bytes.Contains(is, []byte("_x")) {
				return bstrUnmarshal(string(is)), hasF, nil
			}
			return b.str(is), hasF, nil
		}
	}
	if !build {
		return string(v[:min(len(v), 1)]), hasF, nil
	}
	return b.str(v), hasF, nil
}

// str makes a string of b, sharing one copy of short values repeated across the workbook.
func (b *fastBook) str(v []byte) string {
	if len(v) == 0 {
		return ""
	}
	if len(v) > maxInternLen {
		return string(v)
	}
	m := b.scratch.intern
	if s, ok := m[string(v)]; ok {
		return s
	}
	s := string(v)
	if len(m) < maxIntern {
		m[s] = s
	}
	return s
}
