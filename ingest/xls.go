package ingest

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// The reader of Excel 97-2003 workbooks (.xls, BIFF8), Excel 5.0/95 workbooks (BIFF5) and WPS 表格
// workbooks saved as .et (BIFF8 in the same container). Neither Go library on offer read the files
// LibreOffice and Excel write: one drops formula results, booleans and merged cells and panics on a
// shared-string table longer than one record; the other turns plain numbers into dates, loses strings
// that cross a record boundary and drops merged cells. So this file reads the few records the sheet
// parser needs — shared strings, cells, cached formula results, merged ranges, sheet visibility, the
// 1904 date system and the code page — and hands cells over as the xlsx reader does (see workbook).
// The compound-file container is read by mscfb, which excelize already uses for encrypted workbooks.
// Layout: [MS-XLS] (BIFF8) and the OpenOffice.org "Excel File Format" document (BIFF5).

// BIFF record types read here.
const (
	recFormula     = 0x0006
	recEOF         = 0x000A
	recDateMode    = 0x0022
	recFilePass    = 0x002F
	recContinue    = 0x003C
	recCodePage    = 0x0042
	recBoundSheet  = 0x0085
	recMulRK       = 0x00BD
	recRString     = 0x00D6
	recXF          = 0x00E0
	recMergedCells = 0x00E5
	recSST         = 0x00FC
	recLabelSST    = 0x00FD
	recDimensions  = 0x0200
	recNumber      = 0x0203
	recLabel       = 0x0204
	recBoolErr     = 0x0205
	recString      = 0x0207
	recRK          = 0x027E
	recFormat      = 0x041E
	recBOF         = 0x0809
	recColInfo     = 0x007D
)

const (
	biff5 = 0x0500
	biff8 = 0x0600
	// maxXLSColumn is the last column a sheet may use: Excel's own limit (XFD), which WPS shares.
	maxXLSColumn = 16384
)

// errOldBIFF is a workbook saved by Excel 4.0 or older.
var errOldBIFF = errors.New("saved by Excel 4.0 or older (BIFF2-4)")

// xlsCell is one cell as stored: a string, a number, a boolean or an error code.
type xlsCell struct {
	row  uint32 // 0-based
	col  uint16 // 0-based
	xf   uint16
	kind byte // 's', 'n', 'b' or 'e'
	num  float64
	str  string
}

type xlsSheet struct {
	info     sheetInfo
	cells    []xlsCell // in row, then column order once read
	unsorted bool
	widths   []colWidth // for the marked copy only
}

// colWidth is a COLINFO record: columns first..last (0-based) are width characters wide.
type colWidth struct {
	first, last int
	width       float64
}

// xlsBook is a BIFF workbook, read whole: a 64 MiB file holds at most a few million cells.
type xlsBook struct {
	version  uint16
	date1904 bool
	decoder  *encoding.Decoder // 8-bit strings of BIFF5
	sst      []string
	xfFormat []uint16          // XF index → number format index
	formats  map[uint16]string // custom number formats
	list     []*xlsSheet       // worksheets in workbook order
}

// parseOLE reads an OLE2 compound file: an .xls or .et workbook, or an encrypted .xlsx.
func parseOLE(fp *fileParser, data []byte) error {
	b, err := openXLS(data)
	if err != nil {
		return &FileError{Path: fp.path, Kind: kindOf(err), Err: err}
	}
	return readWorkbook(fp, b)
}

// kindOf maps a reader error to its FileError kind; anything unforeseen is corruption.
func kindOf(err error) error {
	for _, k := range []error{ErrEncrypted, ErrNotWorkbook, ErrCorrupt} {
		if errors.Is(err, k) {
			return k
		}
	}
	return ErrCorrupt
}

// openXLS finds the workbook stream in the compound file and reads it.
func openXLS(data []byte) (*xlsBook, error) {
	stream, err := workbookStream(data)
	if err != nil {
		return nil, err
	}
	return readBIFF(stream)
}

// workbookStream returns the BIFF stream of a compound file: Workbook (BIFF8) or Book (BIFF5).
func workbookStream(data []byte) ([]byte, error) {
	doc, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: compound file: %v", ErrCorrupt, err)
	}
	var book *mscfb.File
	var streams []string
	for _, f := range doc.File {
		if len(f.Path) > 0 {
			continue // inside a storage: an embedded object, not the workbook
		}
		streams = append(streams, f.Name)
		switch f.Name {
		case "EncryptionInfo", "EncryptedPackage":
			return nil, fmt.Errorf("%w: encrypted Office Open XML package", ErrEncrypted)
		case "Workbook":
			book = f
		case "Book":
			if book == nil {
				book = f
			}
		}
	}
	if book == nil {
		if other := oleDocumentOf(streams); other != nil {
			return nil, fmt.Errorf("%w: %w", ErrNotWorkbook, other)
		}
		return nil, fmt.Errorf("%w: compound file without a Workbook stream", ErrNotWorkbook)
	}
	// A stream cannot be longer than the file; a hostile size or sector chain stops there.
	stream, err := io.ReadAll(io.LimitReader(book, int64(len(data))))
	if err != nil {
		return nil, fmt.Errorf("%w: read Workbook stream: %v", ErrCorrupt, err)
	}
	return stream, nil
}

// biffReader walks the records of a BIFF stream.
type biffReader struct {
	stream []byte
	off    int
}

// next returns the next record; ok is false at the end of the stream. A record that runs past the end
// is an error.
func (r *biffReader) next() (typ uint16, data []byte, ok bool, err error) {
	if r.off+4 > len(r.stream) {
		return 0, nil, false, nil
	}
	typ = binary.LittleEndian.Uint16(r.stream[r.off:])
	n := int(binary.LittleEndian.Uint16(r.stream[r.off+2:]))
	start := r.off + 4
	if start+n > len(r.stream) {
		return 0, nil, false, fmt.Errorf("%w: record %#04x at %d runs past the end of the stream", ErrCorrupt, typ, r.off)
	}
	r.off = start + n
	return typ, r.stream[start : start+n], true, nil
}

// continued gathers the CONTINUE records that follow the current one.
func (r *biffReader) continued(first []byte) [][]byte {
	segs := [][]byte{first}
	for r.off+4 <= len(r.stream) && binary.LittleEndian.Uint16(r.stream[r.off:]) == recContinue {
		save := r.off
		_, data, ok, err := r.next()
		if !ok || err != nil {
			r.off = save
			break
		}
		segs = append(segs, data)
	}
	return segs
}

func isBOF(typ uint16) bool {
	return typ == recBOF || typ == 0x0009 || typ == 0x0209 || typ == 0x0409
}

// readBIFF reads the workbook globals, then every worksheet.
func readBIFF(stream []byte) (*xlsBook, error) {
	r := &biffReader{stream: stream}
	typ, data, ok, err := r.next()
	if err != nil {
		return nil, err
	}
	if !ok || !isBOF(typ) {
		return nil, fmt.Errorf("%w: the Workbook stream does not start with a BOF record", ErrNotWorkbook)
	}
	if typ != recBOF || len(data) < 4 {
		return nil, fmt.Errorf("%w: %w", ErrNotWorkbook, errOldBIFF)
	}
	b := &xlsBook{version: binary.LittleEndian.Uint16(data), formats: map[uint16]string{}}
	switch b.version {
	case biff8:
	case biff5, 0x0400, 0x0000: // some writers of BIFF5 leave the version 0 or 0x0400
		b.version = biff5
	default:
		if b.version < biff5 {
			return nil, fmt.Errorf("%w: %w", ErrNotWorkbook, errOldBIFF)
		}
		b.version = biff8 // later versions keep the BIFF8 layout
	}
	b.decoder = codePage(0).NewDecoder()
	type bound struct {
		pos    uint32
		hidden bool
		name   string
	}
	var bounds []bound
	for {
		typ, data, ok, err := r.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("%w: the workbook globals have no EOF record", ErrCorrupt)
		}
		if typ == recEOF {
			break
		}
		switch typ {
		case recFilePass:
			return nil, fmt.Errorf("%w: FILEPASS record", ErrEncrypted)
		case recCodePage:
			if len(data) >= 2 {
				b.decoder = codePage(binary.LittleEndian.Uint16(data)).NewDecoder()
			}
		case recDateMode:
			b.date1904 = len(data) >= 2 && binary.LittleEndian.Uint16(data) == 1
		case recXF:
			if len(data) >= 4 {
				b.xfFormat = append(b.xfFormat, binary.LittleEndian.Uint16(data[2:]))
			}
		case recFormat:
			if len(data) >= 4 {
				id := binary.LittleEndian.Uint16(data)
				s, _, _ := b.shortString(data[2:], true)
				b.formats[id] = s
			}
		case recBoundSheet:
			if len(data) < 7 {
				return nil, fmt.Errorf("%w: short BOUNDSHEET record", ErrCorrupt)
			}
			// Only worksheets hold cells: macro sheets, charts and VBA modules are left out.
			if data[5] != 0 {
				continue
			}
			name, _, err := b.shortString(data[6:], false)
			if err != nil {
				return nil, err
			}
			bounds = append(bounds, bound{pos: binary.LittleEndian.Uint32(data), hidden: data[4]&3 != 0, name: name})
		case recSST:
			if err := b.readSST(r.continued(data)); err != nil {
				return nil, err
			}
		}
	}
	for _, bs := range bounds {
		s := &xlsSheet{info: sheetInfo{name: bs.name, hidden: bs.hidden}}
		if err := b.readSheet(s, stream, bs.pos); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", bs.name, err)
		}
		b.list = append(b.list, s)
	}
	return b, nil
}

// codePage is the decoder for a BIFF5 workbook's 8-bit strings. A workbook without a CODEPAGE record,
// or with one not listed, is taken as GBK (GB18030), what Chinese Excel 95 wrote.
func codePage(cp uint16) encoding.Encoding {
	switch cp {
	case 950, 10002:
		return traditionalchinese.Big5
	case 1252, 367:
		return charmap.Windows1252
	case 1200, 21010:
		return charmap.ISO8859_1 // BIFF8's compressed UTF-16: the high bytes left out
	}
	return simplifiedchinese.GB18030
}

// shortString reads a sheet or format name: in BIFF8 a length (one byte for a sheet name, two for a
// format), an option byte and the characters; in BIFF5 a one-byte length and code-page bytes.
func (b *xlsBook) shortString(data []byte, wide bool) (string, []byte, error) {
	n, head := 0, 1
	if wide && b.version == biff8 {
		if len(data) < 2 {
			return "", nil, fmt.Errorf("%w: short string", ErrCorrupt)
		}
		n, head = int(binary.LittleEndian.Uint16(data)), 2
	} else {
		if len(data) < 1 {
			return "", nil, fmt.Errorf("%w: short string", ErrCorrupt)
		}
		n = int(data[0])
	}
	data = data[head:]
	if b.version != biff8 {
		if n > len(data) {
			return "", nil, fmt.Errorf("%w: string runs past its record", ErrCorrupt)
		}
		return b.decode8(data[:n]), data[n:], nil
	}
	return unicodeString(data, n)
}

// unicodeString reads n characters after an option byte (bit 0: two bytes a character); rich-text and
// phonetic options are not used in the records read with it.
func unicodeString(data []byte, n int) (string, []byte, error) {
	if len(data) < 1 {
		return "", nil, fmt.Errorf("%w: short string", ErrCorrupt)
	}
	wide := data[0]&1 != 0
	data = data[1:]
	size := n
	if wide {
		size = 2 * n
	}
	if size > len(data) {
		return "", nil, fmt.Errorf("%w: string runs past its record", ErrCorrupt)
	}
	return chars(data[:size], wide), data[size:], nil
}

// chars decodes BIFF8 characters: UTF-16LE, or "compressed" bytes that are UTF-16 without the zero
// high bytes (Latin-1).
func chars(data []byte, wide bool) string {
	if !wide {
		var sb strings.Builder
		sb.Grow(len(data))
		for _, c := range data {
			sb.WriteRune(rune(c))
		}
		return sb.String()
	}
	u := make([]uint16, len(data)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(data[2*i:])
	}
	return string(utf16.Decode(u))
}

func (b *xlsBook) decode8(data []byte) string {
	s, err := b.decoder.Bytes(data)
	if err != nil {
		return string(bytes.ToValidUTF8(data, []byte("\uFFFD")))
	}
	return string(s)
}

// segReader reads a record and its CONTINUE records as one byte sequence, except for characters: when
// a string's characters cross into a CONTINUE record, that record starts with a new option byte that
// says whether the rest are one or two bytes each.
type segReader struct {
	segs [][]byte
	seg  int
	pos  int
}

func (r *segReader) advance() bool {
	for r.seg < len(r.segs) && r.pos >= len(r.segs[r.seg]) {
		r.seg++
		r.pos = 0
	}
	return r.seg < len(r.segs)
}

func (r *segReader) read(n int) ([]byte, error) {
	if r.advance() && r.pos+n <= len(r.segs[r.seg]) {
		out := r.segs[r.seg][r.pos : r.pos+n]
		r.pos += n
		return out, nil
	}
	// Crossing a record boundary: gather byte by byte.
	out := make([]byte, 0, n)
	for len(out) < n {
		if !r.advance() {
			return nil, fmt.Errorf("%w: string table runs past its records", ErrCorrupt)
		}
		k := min(n-len(out), len(r.segs[r.seg])-r.pos)
		out = append(out, r.segs[r.seg][r.pos:r.pos+k]...)
		r.pos += k
	}
	return out, nil
}

func (r *segReader) skip(n int) error {
	for n > 0 {
		if !r.advance() {
			return fmt.Errorf("%w: string table runs past its records", ErrCorrupt)
		}
		k := min(n, len(r.segs[r.seg])-r.pos)
		r.pos += k
		n -= k
	}
	return nil
}

// richString reads an XLUnicodeRichExtendedString: length, options, run and phonetic sizes,
// characters (possibly across records), then the runs and phonetic data, which are skipped.
func (r *segReader) richString() (string, error) {
	head, err := r.read(3)
	if err != nil {
		return "", err
	}
	n, opts := int(binary.LittleEndian.Uint16(head)), head[2]
	runs, ext := 0, 0
	if opts&0x08 != 0 {
		b, err := r.read(2)
		if err != nil {
			return "", err
		}
		runs = int(binary.LittleEndian.Uint16(b))
	}
	if opts&0x04 != 0 {
		b, err := r.read(4)
		if err != nil {
			return "", err
		}
		ext = int(binary.LittleEndian.Uint32(b))
	}
	wide := opts&1 != 0
	var sb strings.Builder
	for n > 0 {
		if r.seg < len(r.segs) && r.pos >= len(r.segs[r.seg]) {
			// The characters go on in the next record, which restates the option byte.
			r.seg++
			r.pos = 0
			flag, err := r.read(1)
			if err != nil {
				return "", err
			}
			wide = flag[0]&1 != 0
		}
		if r.seg >= len(r.segs) {
			return "", fmt.Errorf("%w: string table runs past its records", ErrCorrupt)
		}
		width := 1
		if wide {
			width = 2
		}
		k := min(n, (len(r.segs[r.seg])-r.pos)/width)
		if k == 0 {
			return "", fmt.Errorf("%w: a character split between records", ErrCorrupt)
		}
		sb.WriteString(chars(r.segs[r.seg][r.pos:r.pos+k*width], wide))
		r.pos += k * width
		n -= k
	}
	if err := r.skip(4*runs + ext); err != nil {
		return "", err
	}
	return sb.String(), nil
}

// readSST reads the shared-string table from the SST record and its CONTINUE records.
func (b *xlsBook) readSST(segs [][]byte) error {
	if len(segs[0]) < 8 {
		return fmt.Errorf("%w: short SST record", ErrCorrupt)
	}
	unique := int(binary.LittleEndian.Uint32(segs[0][4:]))
	r := &segReader{segs: segs, pos: 8}
	total := 0
	for _, s := range segs {
		total += len(s)
	}
	// A string takes at least 3 bytes: a hostile count cannot reserve more than the records hold.
	b.sst = make([]string, 0, min(unique, total/3))
	for range unique {
		s, err := r.richString()
		if err != nil {
			return fmt.Errorf("shared string %d: %w", len(b.sst), err)
		}
		b.sst = append(b.sst, s)
	}
	return nil
}

// readSheet reads the cells and merged ranges of the worksheet whose BOF is at pos. The substreams
// of charts embedded in it are skipped.
func (b *xlsBook) readSheet(s *xlsSheet, stream []byte, pos uint32) error {
	if int64(pos) >= int64(len(stream)) {
		return fmt.Errorf("%w: sheet offset %d is past the end of the stream", ErrCorrupt, pos)
	}
	r := &biffReader{stream: stream, off: int(pos)}
	typ, _, ok, err := r.next()
	if err != nil {
		return err
	}
	if !ok || !isBOF(typ) {
		return fmt.Errorf("%w: no BOF record at sheet offset %d", ErrCorrupt, pos)
	}
	depth := 1
	pendingString := -1 // the cell whose formula result is in the next STRING record
	for depth > 0 {
		typ, data, ok, err := r.next()
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%w: the sheet has no EOF record", ErrCorrupt)
		}
		switch {
		case isBOF(typ):
			depth++
			continue
		case typ == recEOF:
			depth--
			continue
		case depth > 1:
			continue
		}
		switch typ {
		case recDimensions:
			if b.version == biff8 && len(data) >= 8 {
				s.info.rows = int(min(binary.LittleEndian.Uint32(data[4:]), math.MaxInt32))
			} else if len(data) >= 4 {
				s.info.rows = int(binary.LittleEndian.Uint16(data[2:]))
			}
		case recColInfo:
			if len(data) >= 6 {
				first, last := int(binary.LittleEndian.Uint16(data)), int(binary.LittleEndian.Uint16(data[2:]))
				if first <= last && last < maxXLSColumn {
					s.widths = append(s.widths, colWidth{first, last, float64(binary.LittleEndian.Uint16(data[4:])) / 256})
				}
			}
		case recMergedCells:
			if len(data) < 2 {
				return fmt.Errorf("%w: short MERGEDCELLS record", ErrCorrupt)
			}
			n := min(int(binary.LittleEndian.Uint16(data)), (len(data)-2)/8)
			for i := range n {
				ref := data[2+8*i:]
				r0, r1 := int(binary.LittleEndian.Uint16(ref)), int(binary.LittleEndian.Uint16(ref[2:]))
				c0, c1 := int(binary.LittleEndian.Uint16(ref[4:])), int(binary.LittleEndian.Uint16(ref[6:]))
				s.info.merges = append(s.info.merges, mergeRange{r0: min(r0, r1) + 1, c0: min(c0, c1) + 1, r1: max(r0, r1) + 1, c1: max(c0, c1) + 1})
			}
		case recLabelSST:
			if len(data) < 10 {
				return fmt.Errorf("%w: short LABELSST record", ErrCorrupt)
			}
			i := binary.LittleEndian.Uint32(data[6:])
			if int64(i) >= int64(len(b.sst)) {
				return fmt.Errorf("%w: shared string %d of %d", ErrCorrupt, i, len(b.sst))
			}
			if err := s.add(data, xlsCell{kind: 's', str: b.sst[i]}); err != nil {
				return err
			}
		case recLabel, recRString:
			if len(data) < 8 {
				return fmt.Errorf("%w: short LABEL record", ErrCorrupt)
			}
			n := int(binary.LittleEndian.Uint16(data[6:]))
			var str string
			if b.version == biff8 {
				str, _, err = unicodeString(data[8:], n)
				if err != nil {
					return err
				}
			} else {
				if 8+n > len(data) {
					return fmt.Errorf("%w: LABEL runs past its record", ErrCorrupt)
				}
				str = b.decode8(data[8 : 8+n])
			}
			if err := s.add(data, xlsCell{kind: 's', str: str}); err != nil {
				return err
			}
		case recNumber:
			if len(data) < 14 {
				return fmt.Errorf("%w: short NUMBER record", ErrCorrupt)
			}
			if err := s.add(data, xlsCell{kind: 'n', num: math.Float64frombits(binary.LittleEndian.Uint64(data[6:]))}); err != nil {
				return err
			}
		case recRK:
			if len(data) < 10 {
				return fmt.Errorf("%w: short RK record", ErrCorrupt)
			}
			if err := s.add(data, xlsCell{kind: 'n', num: rkValue(binary.LittleEndian.Uint32(data[6:]))}); err != nil {
				return err
			}
		case recMulRK:
			if len(data) < 6 {
				return fmt.Errorf("%w: short MULRK record", ErrCorrupt)
			}
			row, col := binary.LittleEndian.Uint16(data), binary.LittleEndian.Uint16(data[2:])
			for i := range (len(data) - 6) / 6 {
				rec := data[4+6*i:]
				var head [6]byte
				binary.LittleEndian.PutUint16(head[:], row)
				binary.LittleEndian.PutUint16(head[2:], col+uint16(i))
				copy(head[4:], rec[:2])
				if err := s.add(head[:], xlsCell{kind: 'n', num: rkValue(binary.LittleEndian.Uint32(rec[2:]))}); err != nil {
					return err
				}
			}
		case recBoolErr:
			if len(data) < 8 {
				return fmt.Errorf("%w: short BOOLERR record", ErrCorrupt)
			}
			c := xlsCell{kind: 'b', num: float64(data[6])}
			if data[7] != 0 {
				c = xlsCell{kind: 'e', str: errorCode(data[6])}
			}
			if err := s.add(data, c); err != nil {
				return err
			}
		case recFormula:
			if len(data) < 14 {
				return fmt.Errorf("%w: short FORMULA record", ErrCorrupt)
			}
			v := data[6:14]
			c := xlsCell{kind: 'n', num: math.Float64frombits(binary.LittleEndian.Uint64(v))}
			if v[6] == 0xFF && v[7] == 0xFF {
				switch v[0] {
				case 0: // a string, in the STRING record that follows
					c = xlsCell{kind: 's'}
				case 1:
					c = xlsCell{kind: 'b', num: float64(v[2])}
				case 2:
					c = xlsCell{kind: 'e', str: errorCode(v[2])}
				default: // the empty string
					continue
				}
			}
			if err := s.add(data, c); err != nil {
				return err
			}
			if c.kind == 's' {
				pendingString = len(s.cells) - 1
			}
			continue
		case recString:
			if pendingString < 0 {
				continue
			}
			str, err := b.formulaString(r.continued(data))
			if err != nil {
				return err
			}
			s.cells[pendingString].str = str
		}
		if typ != recString && typ != recContinue && typ != 0x04BC && typ != 0x0221 && typ != 0x0236 {
			// Only a shared formula, an array formula or a data table may stand between a FORMULA
			// and its STRING record.
			pendingString = -1
		}
	}
	sortMerges(s.info.merges)
	return nil
}

// formulaString reads the STRING record that holds a formula's text result.
func (b *xlsBook) formulaString(segs [][]byte) (string, error) {
	if len(segs[0]) < 2 {
		return "", fmt.Errorf("%w: short STRING record", ErrCorrupt)
	}
	n := int(binary.LittleEndian.Uint16(segs[0]))
	if b.version != biff8 {
		if 2+n > len(segs[0]) {
			return "", fmt.Errorf("%w: STRING runs past its record", ErrCorrupt)
		}
		return b.decode8(segs[0][2 : 2+n]), nil
	}
	// The same layout as a shared string with neither runs nor phonetic data.
	r := &segReader{segs: segs}
	return r.richString()
}

// add appends a cell whose record starts with row, column and XF index.
func (s *xlsSheet) add(head []byte, c xlsCell) error {
	c.row = uint32(binary.LittleEndian.Uint16(head))
	c.col = binary.LittleEndian.Uint16(head[2:])
	c.xf = binary.LittleEndian.Uint16(head[4:])
	if int(c.col) >= maxXLSColumn {
		return fmt.Errorf("%w: column %d is beyond the last column", ErrCorrupt, int(c.col)+1)
	}
	if n := len(s.cells); n > 0 {
		last := s.cells[n-1]
		if last.row > c.row || (last.row == c.row && last.col >= c.col) {
			s.unsorted = true
		}
	}
	s.cells = append(s.cells, c)
	return nil
}

// rkValue decodes an RK number: a 30-bit integer or the top 30 bits of a double, divided by 100 when
// bit 0 is set.
func rkValue(rk uint32) float64 {
	var v float64
	if rk&2 != 0 {
		v = float64(int32(rk) >> 2)
	} else {
		v = math.Float64frombits(uint64(rk&^3) << 32)
	}
	if rk&1 != 0 {
		v /= 100
	}
	return v
}

// errorCode is the text Excel shows for a BIFF error value.
func errorCode(c byte) string {
	switch c {
	case 0x00:
		return "#NULL!"
	case 0x07:
		return "#DIV/0!"
	case 0x0F:
		return "#VALUE!"
	case 0x17:
		return "#REF!"
	case 0x1D:
		return "#NAME?"
	case 0x24:
		return "#NUM!"
	case 0x2A:
		return "#N/A"
	}
	return "#N/A"
}

// isDate says whether a cell's number format shows a date or time, so that a 1904-system serial can
// be moved to the 1900 system the sheet parser reads.
func (b *xlsBook) isDate(xf uint16) bool {
	if int(xf) >= len(b.xfFormat) {
		return false
	}
	id := b.xfFormat[xf]
	switch {
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58:
		return true
	}
	f, ok := b.formats[id]
	return ok && isDateFormat(f)
}

// isDateFormat reports whether a number format code has date or time parts outside quotes, escapes
// and [colour]/[locale] brackets.
func isDateFormat(code string) bool {
	quoted, bracket, escaped := false, false, false
	for _, r := range code {
		switch {
		case escaped:
			escaped = false
		case quoted:
			quoted = r != '"'
		case bracket:
			bracket = r != ']'
		case r == '"':
			quoted = true
		case r == '[':
			bracket = true
		case r == '\\' || r == '_' || r == '*':
			escaped = true
		case strings.ContainsRune("yYmMdDhHsS", r):
			return true
		}
	}
	return false
}

// text is the cell's stored value as the sheet parser reads it (see workbook).
func (b *xlsBook) text(c *xlsCell) string {
	switch c.kind {
	case 's', 'e':
		return c.str
	case 'b':
		if c.num != 0 {
			return "1"
		}
		return "0"
	}
	v := c.num
	if b.date1904 && b.isDate(c.xf) {
		v += 1462 // days from 1899-12-30 to 1904-01-01
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func (b *xlsBook) sheets() []sheetInfo {
	out := make([]sheetInfo, len(b.list))
	for i, s := range b.list {
		out[i] = s.info
	}
	return out
}

func (b *xlsBook) rows(i int, fn func(row int, cells []string)) error {
	s := b.list[i]
	if s.unsorted {
		// Later records win, as when Excel reads them.
		slices.SortStableFunc(s.cells, func(a, b xlsCell) int {
			if a.row != b.row {
				return int(a.row) - int(b.row)
			}
			return int(a.col) - int(b.col)
		})
		s.unsorted = false
	}
	var buf []string
	for start := 0; start < len(s.cells); {
		row := s.cells[start].row
		end := start
		for end < len(s.cells) && s.cells[end].row == row {
			end++
		}
		width := int(s.cells[end-1].col) + 1
		if cap(buf) < width {
			buf = make([]string, width)
		}
		cells := buf[:width]
		clear(cells)
		for j := start; j < end; j++ {
			cells[s.cells[j].col] = b.text(&s.cells[j])
		}
		fn(int(row)+1, cells)
		start = end
	}
	return nil
}
