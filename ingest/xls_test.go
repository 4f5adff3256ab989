package ingest

import (
	"encoding/binary"
	"math"
	"slices"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// biffStream builds a one-sheet BIFF workbook stream record by record, for what LibreOffice cannot
// write any more (Excel 5.0/95 files with GBK or Big5 text) or rarely writes (the 1904 date system).
type biffStream struct {
	version uint16
	enc     encoding.Encoding // 8-bit text of BIFF5
	globals []byte
	sheet   []byte
}

func record(typ uint16, data []byte) []byte {
	out := binary.LittleEndian.AppendUint16(nil, typ)
	out = binary.LittleEndian.AppendUint16(out, uint16(len(data)))
	return append(out, data...)
}

func bof(version, kind uint16) []byte {
	d := binary.LittleEndian.AppendUint16(nil, version)
	d = binary.LittleEndian.AppendUint16(d, kind)
	return record(recBOF, append(d, 0, 0, 0, 0))
}

func (s *biffStream) text(str string) []byte {
	b, err := s.enc.NewEncoder().Bytes([]byte(str))
	if err != nil {
		panic(err)
	}
	return b
}

func (s *biffStream) label(row, col uint16, str string) {
	d := binary.LittleEndian.AppendUint16(nil, row)
	d = binary.LittleEndian.AppendUint16(d, col)
	d = binary.LittleEndian.AppendUint16(d, 15)
	t := s.text(str)
	d = binary.LittleEndian.AppendUint16(d, uint16(len(t)))
	s.sheet = append(s.sheet, record(recLabel, append(d, t...))...)
}

func (s *biffStream) number(row, col, xf uint16, v float64) {
	d := binary.LittleEndian.AppendUint16(nil, row)
	d = binary.LittleEndian.AppendUint16(d, col)
	d = binary.LittleEndian.AppendUint16(d, xf)
	s.sheet = append(s.sheet, record(recNumber, binary.LittleEndian.AppendUint64(d, math.Float64bits(v)))...)
}

// bytes lays out the globals, one BOUNDSHEET pointing at the sheet, and the sheet.
func (s *biffStream) bytes(sheetName string) []byte {
	var name []byte
	if s.version == biff8 {
		name = append([]byte{byte(len(sheetName)), 0}, sheetName...) // length, option byte, Latin-1 (ASCII here)
	} else {
		t := s.text(sheetName)
		name = append([]byte{byte(len(t))}, t...) // length, code-page bytes
	}
	bound := func(pos uint32) []byte {
		d := binary.LittleEndian.AppendUint32(nil, pos)
		return record(recBoundSheet, append(append(d, 0, 0), name...))
	}
	head := append(bof(s.version, 0x0005), s.globals...)
	pos := len(head) + len(bound(0)) + 4 // the EOF of the globals
	out := append(head, bound(uint32(pos))...)
	out = append(out, record(recEOF, nil)...)
	out = append(out, bof(s.version, 0x0010)...)
	out = append(out, s.sheet...)
	return append(out, record(recEOF, nil)...)
}

func TestReadBIFF5CodePages(t *testing.T) {
	for _, c := range []struct {
		name     string
		codePage uint16
		enc      encoding.Encoding
		township string
	}{
		{"GBK (936)", 936, simplifiedchinese.GBK, "城关镇"},
		{"no CODEPAGE record: GBK", 0, simplifiedchinese.GBK, "城关镇"},
		{"Big5 (950)", 950, traditionalchinese.Big5, "城關鎮"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := &biffStream{version: biff5, enc: c.enc}
			if c.codePage != 0 {
				s.globals = record(recCodePage, binary.LittleEndian.AppendUint16(nil, c.codePage))
			}
			hans := c.enc != traditionalchinese.Big5
			words := func(simplified, traditional string) string {
				if hans {
					return simplified
				}
				return traditional
			}
			for i, h := range []string{"乡镇", "村", "年份", "选举类型", "登记选民数", "参加投票人数", "应选职数", "当选人数"} {
				s.label(0, uint16(i), words(h, []string{"鄉鎮", "村", "年份", "選舉類型", "登記選民數", "參加投票人數", "應選職數", "當選人數"}[i]))
			}
			s.label(1, 0, c.township)
			s.label(1, 1, words("红星村", "紅星村"))
			s.number(1, 2, 15, 2024)
			s.label(1, 3, words("村民委员会", "村民委員會"))
			for i, v := range []float64{1000, 900, 5, 5} {
				s.number(1, uint16(4+i), 15, v)
			}
			b, err := readBIFF(s.bytes(words("选举结果", "選舉結果")))
			if err != nil {
				t.Fatal(err)
			}
			fp := newFileParser("乡镇.xls", ParseOptions{}.withDefaults())
			if err := readWorkbook(fp, b); err != nil {
				t.Fatal(err)
			}
			fp.finish()
			for _, p := range fp.out.Problems {
				t.Errorf("problem: %s", p)
			}
			if len(fp.out.Results) != 1 {
				t.Fatalf("%d results", len(fp.out.Results))
			}
			r := fp.out.Results[0]
			if r.Township != c.township || r.Year != 2024 || r.Body != "村民委员会" || *r.Registered != 1000 {
				t.Errorf("read %+v", r)
			}
		})
	}
}

// TestDate1904: a workbook in the 1904 date system (old Mac Excel) stores dates 1462 days smaller; a
// date-formatted cell is moved to the 1900 serial the sheet parser reads, a plain number is not.
func TestDate1904(t *testing.T) {
	s := &biffStream{version: biff8}
	s.globals = record(recDateMode, []byte{1, 0})
	for _, ifmt := range []uint16{0, 14, 0x00A4} { // XF 0: General; XF 1: built-in date; XF 2: custom
		s.globals = append(s.globals, record(recXF, binary.LittleEndian.AppendUint16([]byte{0, 0}, ifmt))...)
	}
	custom := []byte{0xA4, 0x00}
	code := `yyyy"年"m"月"`
	custom = binary.LittleEndian.AppendUint16(custom, uint16(len([]rune(code))))
	custom = append(custom, 1)
	for _, r := range code {
		custom = binary.LittleEndian.AppendUint16(custom, uint16(r))
	}
	s.globals = append(s.globals, record(recFormat, custom)...)
	s.number(0, 0, 0, 1000)
	s.number(0, 1, 1, 43891) // 2024-03-02 in the 1904 system
	s.number(0, 2, 2, 27090)
	stream := s.bytes("S")
	b, err := readBIFF(stream)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	b.rows(0, func(row int, cells []string) { got = append(got, cells...) })
	if want := []string{"1000", "45353", "28552"}; !slices.Equal(got, want) {
		t.Errorf("cells %q, want %q", got, want)
	}
	if d, ok := parseDate(got[1]); !ok || d.Format("2006-01-02") != "2024-03-02" {
		t.Errorf("45353 reads as %v", d)
	}
}

func TestIsDateFormat(t *testing.T) {
	for code, want := range map[string]bool{
		`yyyy"年"m"月"d"日"`:      true,
		`yyyy.mm`:              true,
		`[$-804]yyyy/m/d`:      true,
		`h:mm:ss`:              true,
		`0.00`:                 false,
		`#,##0`:                false,
		`"天数"0`:                false,
		`[Red]0.0`:             false,
		`0_);[Red]\(0\)`:       false,
		`@`:                    false,
		`General`:              false,
		`0"号"`:                 false,
		`[DBNum1][$-804]0`:     false,
		`\d0`:                  false,
		`_-* #,##0_-;-* #,##0`: false,
	} {
		if got := isDateFormat(code); got != want {
			t.Errorf("isDateFormat(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestRKValue(t *testing.T) {
	for _, c := range []struct {
		rk   uint32
		want float64
	}{
		{1000<<2 | 2, 1000},
		{0xFFFFFFEE, -5}, // -5 << 2 | 2 as 32 bits
		{1234<<2 | 3, 12.34},
		{uint32(math.Float64bits(1.5)>>32) &^ 3, 1.5},
		{uint32(math.Float64bits(1975.25)>>32)&^3 | 1, 19.7525},
	} {
		if got := rkValue(c.rk); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("rkValue(%#x) = %v, want %v", c.rk, got, c.want)
		}
	}
}
