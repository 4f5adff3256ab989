package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// maxCSVLine is the longest line a CSV file may have. A row of election data is a few hundred bytes;
// a line of megabytes is not a table, and splitting it into fields would take memory in proportion.
const maxCSVLine = 1 << 20

var (
	utf16LE = []byte{0xFF, 0xFE}
	utf16BE = []byte{0xFE, 0xFF}
)

// decodeCSV returns the text of a CSV file written as UTF-8 (with or without a BOM), UTF-16 with a
// BOM (Excel's "Unicode 文本"), or GB18030/GBK (what Chinese Excel writes by default). Valid UTF-8 is
// taken as UTF-8: GBK text of any length is almost never valid UTF-8. Anything else is refused as
// ErrEncoding at its first bad line, rather than read as garbled names.
func decodeCSV(path string, data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		data = data[len(utf8BOM):]
	case bytes.HasPrefix(data, utf16LE) || bytes.HasPrefix(data, utf16BE):
		text, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, &FileError{Path: path, Kind: ErrEncoding, Line: 1, Err: err}
		}
		data = text
	case !utf8.Valid(data):
		if bad := invalidGB18030(data); bad >= 0 {
			// The encoding that reads further is the one the file was meant in: name its first bad line.
			bad = max(bad, invalidUTF8(data))
			return nil, &FileError{Path: path, Kind: ErrEncoding, Line: 1 + bytes.Count(data[:bad], []byte{'\n'})}
		}
		text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return nil, &FileError{Path: path, Kind: ErrEncoding, Line: 1, Err: err}
		}
		data = text
	}
	if line := overlongLine(data); line > 0 {
		return nil, &FileError{Path: path, Kind: ErrTooLarge, Limit: maxCSVLine, Line: line}
	}
	return data, nil
}

// invalidGB18030 returns the offset of the first byte sequence that GB18030 does not allow, or -1.
// GB18030 is ASCII, two bytes (81–FE, then 40–7E or 80–FE) or four (81–FE, 30–39, 81–FE, 30–39).
func invalidGB18030(data []byte) int {
	lead := func(b byte) bool { return b >= 0x81 && b <= 0xFE }
	digit := func(b byte) bool { return b >= 0x30 && b <= 0x39 }
	for i := 0; i < len(data); {
		b := data[i]
		switch {
		case b < 0x80:
			i++
		case !lead(b) || i+1 >= len(data):
			return i
		case data[i+1] >= 0x40 && data[i+1] <= 0xFE && data[i+1] != 0x7F:
			i += 2
		case digit(data[i+1]) && i+3 < len(data) && lead(data[i+2]) && digit(data[i+3]):
			i += 4
		default:
			return i
		}
	}
	return -1
}

// invalidUTF8 returns the offset of the first byte that is not valid UTF-8, or -1.
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// overlongLine returns the first line (1-based) longer than maxCSVLine, or 0.
func overlongLine(text []byte) int {
	for line := 1; len(text) > 0; line++ {
		n := bytes.IndexByte(text, '\n')
		if n < 0 {
			n = len(text)
		}
		if n > maxCSVLine {
			return line
		}
		text = text[min(n+1, len(text)):]
	}
	return 0
}

// parseCSV reads a CSV file as one sheet; its header decides which sheet it is.
func parseCSV(fp *fileParser, data []byte) error {
	text, err := decodeCSV(fp.path, data)
	if err != nil {
		return err
	}
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = sniffComma(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true // the sheet parser copies what it keeps
	sp := fp.sheet("")
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return &FileError{Path: fp.path, Kind: ErrCorrupt, Err: err}
		}
		line, _ := r.FieldPos(0)
		sp.row(line, rec)
	}
	sp.end()
	return nil
}

// sniffComma picks the delimiter most used in the first few kilobytes: comma, tab or semicolon. A
// title line above the header has none, so the first line alone cannot decide.
func sniffComma(text []byte) rune {
	head := text[:min(len(text), 8<<10)]
	best, bestN := ',', bytes.Count(head, []byte{','})
	for _, c := range []rune{'\t', ';'} {
		if n := bytes.Count(head, []byte{byte(c)}); n > bestN {
			best, bestN = c, n
		}
	}
	return best
}
