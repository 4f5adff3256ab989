package ingest

import (
	"electsum"

	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
)

// FuzzHeader feeds arbitrary header text to the matcher: it must never panic, folding must be
// idempotent, and a known header decorated with spaces, brackets and punctuation must still match.
func FuzzHeader(f *testing.F) {
	for _, s := range []string{"登记选民数", "登記選民數（人）", "县(市、区)", "valid_ballots", "*姓名", "年龄(周岁)", "\xff\xfe", "（（（", "合　计", "Ｒｅｇｉｓｔｅｒｅｄ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := fold(s, true)
		if fold(k, true) != k {
			t.Errorf("fold not idempotent: %q → %q → %q", s, k, fold(k, true))
		}
		for _, spec := range specs {
			spec.lookup(s)
			spec.lookup(stripBracketed(s))
		}
		row := strings.Split(s, ",")
		if l := bestHeader(row, row); l != nil {
			_ = l.missing()
		}
		// Spaces, punctuation and symbols around a real header never stop it matching.
		deco := strings.Map(func(r rune) rune {
			if isSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
				return r
			}
			return -1
		}, s)
		if got, ok := specs[0].lookup(deco + "登记选民数" + deco); !ok || got != fRegistered {
			t.Errorf("%q around 登记选民数 stops it matching", deco)
		}
	})
}

// FuzzValues feeds arbitrary cell text to every value parser: no panics, and results in range.
func FuzzValues(f *testing.F) {
	for _, s := range []string{"1975.03", "197503", "1975年3月", "27468", "第十届", "二十一", "１２３４", "1,234", "2.9999999", "√", "×", "2024年", "2024-02-30", "330102197503150135", "3301021975031501x", "村黨組織", "", "\u3000", "9999999999999999999", "1e308", "NaN", "第九十九届"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = clean(s)
		if n, ok := parseInt(s); ok && n < 0 {
			t.Errorf("parseInt(%q) = %d < 0", s, n)
		}
		parseBool(s)
		if y, ok := parseYear(s); ok && (y < 1949 || y > 2100) {
			t.Errorf("parseYear(%q) = %d", s, y)
		}
		if n, ok := parseTerm(s); ok && (n < 1 || n > 99) {
			t.Errorf("parseTerm(%q) = %d", s, n)
		}
		if d, ok := parseDate(s); ok && (d.Year() < 1900 || d.Year() > 2100 || d.Location() != time.UTC) {
			t.Errorf("parseDate(%q) = %v", s, d)
		}
		if b, ok := parseBirth(s); ok && (b.Day() != 1 || b.Year() < 1900 || b.Year() > 2100) {
			t.Errorf("parseBirth(%q) = %v, want the first of a month", s, b)
		}
		for key := range enums {
			if v, ok := parseEnum(key, s); ok && v == "" {
				t.Errorf("parseEnum(%s, %q) matched the empty value", key, s)
			}
		}
		id := normIDNumber(s)
		if b, g, fault := checkIDNumber(id); fault == electsum.IDValid && (len(id) != 18 || (g != "男" && g != "女") || b.IsZero()) {
			t.Errorf("checkIDNumber(%q) accepted a bad number", id)
		}
		normEthnicity(s)
		cleanText(s)
		chineseNumber(s)
	})
}

// FuzzParseCSV runs whole CSV files through the sheet parser: no panics, every problem has a rule, a
// severity and a message.
func FuzzParseCSV(f *testing.F) {
	f.Add([]byte(membersCSV))
	f.Add([]byte("乡镇,村,年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n城关镇,石桥村,2024,村委会,100,120,5,5\n合计,,,,100,120,5,5\n"))
	f.Add([]byte("\xEF\xBB\xBF\"a\"\"b,c\n"))
	f.Add([]byte{0xB3, 0xC7, 0xB9, 0xD8, 0xD5, 0xF2, 0x2C, 0x0A})
	f.Fuzz(func(t *testing.T, data []byte) {
		fp := newFileParser("fuzz.csv", ParseOptions{}.withDefaults())
		if err := parseCSV(fp, data); err != nil {
			return
		}
		checkFuzzProblems(t, fp)
	})
}

// FuzzParseXLS runs whole .xls files through the compound-file and BIFF readers and the sheet parser:
// no panics, and every problem has a rule, a severity and a message. The seeds are the LibreOffice
// fixtures of testdata/xls.
func FuzzParseXLS(f *testing.F) {
	xlsSeeds(f, func(data []byte) { f.Add(data) })
	f.Fuzz(func(t *testing.T, data []byte) {
		fp := newFileParser("fuzz.xls", ParseOptions{}.withDefaults())
		if err := parseOLE(fp, data); err != nil {
			return
		}
		checkFuzzProblems(t, fp)
	})
}

// FuzzReadBIFF fuzzes the workbook stream itself, past the compound file, where mutations of whole
// files rarely reach: record lengths, string tables split across CONTINUE records, cells, merges.
func FuzzReadBIFF(f *testing.F) {
	xlsSeeds(f, func(data []byte) {
		if stream, err := workbookStream(data); err == nil {
			f.Add(stream)
		}
	})
	f.Fuzz(func(t *testing.T, stream []byte) {
		b, err := readBIFF(stream)
		if err != nil {
			return
		}
		fp := newFileParser("fuzz.xls", ParseOptions{}.withDefaults())
		if err := readWorkbook(fp, b); err != nil {
			return
		}
		checkFuzzProblems(t, fp)
	})
}

func xlsSeeds(f *testing.F, add func([]byte)) {
	paths, _ := filepath.Glob("testdata/xls/*.xls")
	paths = append(paths, "testdata/encrypted.xls")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		add(data)
	}
}

func checkFuzzProblems(t *testing.T, fp *fileParser) {
	fp.finish()
	for _, p := range fp.out.Problems {
		if p.Rule == "" || p.Message == "" || p.Severity == "" {
			t.Errorf("incomplete problem: %+v", p)
		}
	}
}
