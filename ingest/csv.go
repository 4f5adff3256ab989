package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
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
// BOM (Excel's "Unicode 文本"), GB18030/GBK (what Simplified Chinese Excel writes by default) or Big5
// (Traditional Chinese Excel and older software in Taiwan and Hong Kong). Valid UTF-8 is taken as
// UTF-8: GBK or Big5 text of any length is almost never valid UTF-8. Almost every Big5 byte pair is
// also a GBK pair, so a file both can read is read as the one whose text names known columns, or else
// whose characters are common Chinese characters (see pickLegacy); when neither tells, it is refused
// as ambiguous rather than loaded as garbled names. Anything else is refused as ErrEncoding at its
// first bad line.
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
		text, err := decodeLegacy(path, data)
		if err != nil {
			return nil, err
		}
		data = text
	}
	if line := overlongLine(data); line > 0 {
		return nil, &FileError{Path: path, Kind: ErrTooLarge, Limit: maxCSVLine, Line: line}
	}
	return data, nil
}

// legacyEncoding is a Chinese double-byte encoding a CSV file may be written in.
type legacyEncoding struct {
	name    string // as the user knows it, for messages
	invalid func([]byte) int
	enc     encoding.Encoding
}

var legacyEncodings = []legacyEncoding{
	{"GB18030(GBK)", invalidGB18030, simplifiedchinese.GB18030},
	{"Big5", invalidBig5, traditionalchinese.Big5},
}

// decodeLegacy decodes text that is not UTF-8 as GB18030 or Big5.
func decodeLegacy(path string, data []byte) ([]byte, error) {
	var texts [][]byte
	var names []string
	bad := invalidUTF8(data)
	for _, e := range legacyEncodings {
		if at := e.invalid(data); at >= 0 {
			// The encoding that reads further is the one the file was meant in: name its first bad line.
			bad = max(bad, at)
			continue
		}
		text, err := e.enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, &FileError{Path: path, Kind: ErrEncoding, Line: 1, Err: err}
		}
		if at := bytes.Index(text, []byte(string(utf8.RuneError))); at >= 0 {
			// Well-formed pairs that the table leaves unassigned: not this encoding.
			bad = max(bad, at*len(data)/max(len(text), 1))
			continue
		}
		texts = append(texts, text)
		names = append(names, e.name)
	}
	switch len(texts) {
	case 0:
		return nil, &FileError{Path: path, Kind: ErrEncoding, Line: 1 + bytes.Count(data[:max(bad, 0)], []byte{'\n'})}
	case 1:
		return texts[0], nil
	}
	if i := pickLegacy(texts); i >= 0 {
		return texts[i], nil
	}
	return nil, &FileError{Path: path, Kind: ErrEncoding, Err: errAmbiguousEncoding, Tried: names}
}

// errAmbiguousEncoding: the text reads as more than one encoding and nothing in it tells which.
var errAmbiguousEncoding = errors.New("text reads as more than one encoding")

// pickLegacy returns which of the decodings of one file is the text, or -1 when they cannot be told
// apart. First the one in which more header cells name known columns (both scripts fold to the same
// keys); then the one with a clearly larger share of common characters among its non-ASCII ones.
// Garbled text has both few known headers and many rare characters, kana, Greek or box drawing.
func pickLegacy(texts [][]byte) int {
	scores := make([]float64, len(texts))
	for i, t := range texts {
		scores[i] = float64(knownHeaders(t))
	}
	if best, second := topTwo(scores); scores[best] > scores[second] {
		return best
	}
	for i, t := range texts {
		scores[i] = commonShare(t)
	}
	// Real text scores near 1; a wrong decoding of it well under 0.8 (TestCSVLegacyEncodings).
	if best, second := topTwo(scores); scores[best] >= 0.9 && scores[best]-scores[second] >= 0.15 {
		return best
	}
	return -1
}

// topTwo is the index of the highest score and of the next (the first of equals first); scores holds two or more.
func topTwo(scores []float64) (best, second int) {
	best, second = -1, -1
	for i, v := range scores {
		if best < 0 || v > scores[best] {
			best, second = i, best
		} else if second < 0 || v > scores[second] {
			second = i
		}
	}
	return best, second
}

// knownHeaders counts the cells in the first lines of text that name a column of either sheet.
func knownHeaders(text []byte) int {
	comma := string(sniffComma(text))
	n := 0
	for line, rest := 0, text; line < 30 && len(rest) > 0; line++ {
		end := bytes.IndexByte(rest, '\n')
		if end < 0 {
			end = len(rest)
		}
		for _, cell := range strings.Split(string(rest[:end]), comma) {
			cell = clean(strings.Trim(clean(cell), `"`))
			for _, spec := range specs {
				if _, ok := spec.lookup(cell); ok {
					n++
					break
				}
			}
		}
		rest = rest[min(end+1, len(rest)):]
	}
	return n
}

// commonShare is the share of the non-ASCII characters of text that are common ones: the 3,755
// characters of GB2312's first level, the 5,401 of Big5's first level (常用字), CJK punctuation and
// full-width forms. Names and places are written almost wholly in these.
func commonShare(text []byte) float64 {
	var all, common int
	for _, r := range string(text) {
		if r < utf8.RuneSelf {
			continue
		}
		all++
		if commonRune(r) {
			common++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(common) / float64(all)
}

// commonHan is the set of commonRune's characters in U+4E00–U+9FFF, one bit each, made by decoding
// every code of the two first levels.
var commonHan = sync.OnceValue(func() []uint64 {
	set := make([]uint64, (0x9FFF-0x4E00+1+63)/64)
	add := func(enc encoding.Encoding, lead, trail []byte) {
		dec := enc.NewDecoder()
		for _, l := range lead {
			for _, t := range trail {
				r, err := dec.Bytes([]byte{l, t})
				if err != nil {
					continue
				}
				if c, _ := utf8.DecodeRune(r); c >= 0x4E00 && c <= 0x9FFF {
					set[(c-0x4E00)/64] |= 1 << ((c - 0x4E00) % 64)
				}
			}
		}
	}
	span := func(from, to byte) []byte {
		var b []byte
		for c := int(from); c <= int(to); c++ {
			b = append(b, byte(c))
		}
		return b
	}
	// GB2312 level 1: B0A1–D7F9 (D7FA–D7FE are unassigned and decode to nothing common).
	add(simplifiedchinese.GBK, span(0xB0, 0xD7), span(0xA1, 0xFE))
	// Big5 level 1: A440–C67E.
	add(traditionalchinese.Big5, span(0xA4, 0xC5), append(span(0x40, 0x7E), span(0xA1, 0xFE)...))
	add(traditionalchinese.Big5, []byte{0xC6}, span(0x40, 0x7E))
	return set
})

// commonRune says whether r is a common character, CJK punctuation or a full-width form.
func commonRune(r rune) bool {
	switch {
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF:
		return true
	case r >= 0x4E00 && r <= 0x9FFF:
		return commonHan()[(r-0x4E00)/64]&(1<<((r-0x4E00)%64)) != 0
	}
	return false
}

// invalidBig5 returns the offset of the first byte sequence that Big5 does not allow, or -1: ASCII,
// or a lead byte 81–FE (HKSCS uses the low ones) and a trail byte 40–7E or A1–FE.
func invalidBig5(data []byte) int {
	for i := 0; i < len(data); {
		b := data[i]
		switch {
		case b < 0x80:
			i++
		case b < 0x81 || b == 0xFF || i+1 >= len(data):
			return i
		case data[i+1] >= 0x40 && data[i+1] <= 0x7E || data[i+1] >= 0xA1 && data[i+1] <= 0xFE:
			i += 2
		default:
			return i
		}
	}
	return -1
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
		for i, f := range rec {
			rec[i] = excelText(f)
		}
		line, _ := r.FieldPos(0)
		sp.row(line, rec)
	}
	sp.end()
	return nil
}

// excelText is a CSV field without the marks Excel users put on text that must not be read as a
// number: ="430121198305148836" (a formula that gives the text) and a leading apostrophe
// ('430121198305148836, '1975.10). Files exported for Excel keep 身份证号 and 出生年月 whole that way; the
// value is the text inside.
func excelText(s string) string {
	t := strings.TrimSpace(s)
	switch {
	case len(t) >= 3 && strings.HasPrefix(t, `="`) && strings.HasSuffix(t, `"`):
		return strings.ReplaceAll(t[2:len(t)-1], `""`, `"`)
	case strings.HasPrefix(t, "'"):
		return t[1:]
	}
	return s
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
