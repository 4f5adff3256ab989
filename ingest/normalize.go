package ingest

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"electsum"

	"github.com/xuri/excelize/v2"
)

// This file turns cell text into typed values. Every function here is pure and allocation-free on the
// common path (a canonical value typed the canonical way), because it runs once per cell.

// isSpace covers what users type or paste around values: ASCII and ideographic spaces (U+3000), NBSP,
// a byte-order mark and zero-width spaces.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\ufeff' || r == '\u200b' || r == '\u200c' || r == '\u200d'
}

// mayBeSpace says whether a rune whose UTF-8 begins with byte c can be one isSpace takes: ASCII white
// space and control bytes, and the lead bytes of U+0085 and U+00A0 (0xC2), U+1680 (0xE1), U+2000–U+205F
// (0xE2), U+3000 (0xE3) and U+FEFF (0xEF). A rune with any other lead byte — every Han character — is
// not a space, nor is a byte that begins no valid rune (it decodes as U+FFFD).
func mayBeSpace(c byte) bool {
	return c <= ' ' || c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 || c == 0xEF
}

// clean trims surrounding spaces of every kind.
func clean(s string) string {
	if s == "" {
		return s
	}
	// Fast path: most cells need no trimming at all, which their first and last runes' lead bytes show.
	if !mayBeSpace(s[0]) {
		i := len(s) - 1 // the start of the last rune, as utf8.DecodeLastRuneInString finds it
		for i > 0 && i > len(s)-utf8.UTFMax && !utf8.RuneStart(s[i]) {
			i--
		}
		if !mayBeSpace(s[i]) {
			return s
		}
	}
	return strings.TrimFunc(s, isSpace)
}

// innerSpaceLead marks the bytes that begin the UTF-8 of a space cleanText drops inside a value other
// than ' ', '\t' and '\n': U+00A0 (0xC2), U+200B–U+200D (0xE2), U+3000 (0xE3), U+FEFF (0xEF).
var innerSpaceLead = [256]bool{0xC2: true, 0xE2: true, 0xE3: true, 0xEF: true}

// mayHaveInnerSpace says whether s may hold one of U+3000, U+00A0, U+200B–U+200D, U+FEFF: false when no
// byte of s begins one.
func mayHaveInnerSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		if innerSpaceLead[s[i]] {
			return true
		}
	}
	return false
}

// cleanText trims a free-text value; in Chinese text it also drops inner spaces, which clerks type to
// align two-character names ("张　三") and which never belong to a name or place.
func cleanText(s string) string {
	s = clean(s)
	if strings.IndexByte(s, ' ') < 0 && strings.IndexByte(s, '\t') < 0 && strings.IndexByte(s, '\n') < 0 &&
		!(mayHaveInnerSpace(s) && strings.ContainsAny(s, "\u3000\u00a0\u200b\u200c\u200d\ufeff")) {
		return s // the common case: nothing inside to drop
	}
	hasSpace, hasHan := false, false
	for _, r := range s {
		if r < utf8.RuneSelf {
			if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
				hasSpace = true
			}
			continue
		}
		if isSpace(r) {
			hasSpace = true
		} else if unicode.Is(unicode.Han, r) {
			hasHan = true
		}
	}
	if !hasSpace || !hasHan {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s)
}

// t2s maps the Traditional characters that occur in headers and enum values to their Simplified form.
// A full converter (OpenCC) is 100× slower and would sit on the hot path; the test checks this table
// against OpenCC for every header, alias and enum value.
var t2s = func() map[rune]rune {
	m := make(map[rune]rune, len(t2sPairs)/2)
	rs := []rune(t2sPairs)
	for i := 0; i+1 < len(rs); i += 2 {
		m[rs[i]] = rs[i+1]
	}
	return m
}()

// CJK Unified Ideographs (U+4E00–U+9FFF), the block of nearly every character of a header or value: none
// is a space, punctuation or a symbol (TestHanBlockHasNoMarks), so fold looks up only whether t2s has it.
const hanFirst, hanLast = 0x4E00, 0x9FFF

// t2sHan marks the characters of the block that t2s maps, so that fold's map lookup is made only for them
// (a lookup for every character of every header and value was a quarter of fold's time).
var t2sHan = func() (bits [(hanLast - hanFirst + 64) / 64]uint64) {
	for r := range t2s {
		if r >= hanFirst && r <= hanLast {
			bits[(r-hanFirst)/64] |= 1 << ((r - hanFirst) % 64)
		}
	}
	return bits
}()

// fold makes the key that headers and enum values are matched by: no spaces, no punctuation or
// brackets (full- or half-width), half-width letters and digits, lower case, Simplified script.
// Symbols are dropped too when dropSymbols is set (headers), but kept for values (√, ×).
func fold(s string, dropSymbols bool) string {
	var b []byte
	for i, r := range s {
		read := r
		if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
			r -= 0xFEE0
		}
		keep := true
		switch {
		case r < utf8.RuneSelf:
			switch {
			case r >= 'A' && r <= 'Z':
				r += 'a' - 'A'
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			default:
				keep = unicode.IsSymbol(r) && !dropSymbols
			}
		case r >= hanFirst && r <= hanLast:
			if t2sHan[(r-hanFirst)/64]&(1<<((r-hanFirst)%64)) != 0 {
				r = t2s[r]
			}
		case isSpace(r) || unicode.IsPunct(r):
			keep = false
		case unicode.IsSymbol(r):
			keep = !dropSymbols
		default:
			if s2, ok := t2s[r]; ok {
				r = s2
			}
		}
		if b == nil {
			if keep && r == read {
				continue // unchanged so far: copy lazily
			}
			b = make([]byte, i, len(s)+4)
			copy(b, s[:i])
		}
		if keep {
			b = utf8.AppendRune(b, r)
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

// bracketLead marks the bytes that begin a bracket stripBracketed takes out: the ASCII ones, and the lead
// bytes of （ ） ［ ］ (U+FF08 …: 0xEF) and 【 】 〔 〕 《 》 (U+300A …: 0xE3). No Han character begins with either.
var bracketLead = [256]bool{'(': true, ')': true, '[': true, ']': true, '<': true, '>': true, 0xE3: true, 0xEF: true}

// hasBracket says whether s holds a bracket stripBracketed takes out. Most headers and values hold no
// byte that can begin one, and are told so without strings.ContainsAny's search rune by rune.
func hasBracket(s string) bool {
	for i := 0; i < len(s); i++ {
		if bracketLead[s[i]] {
			return strings.ContainsAny(s[i:], "(（[【〔［<《)）]】〕］>》")
		}
	}
	return false
}

// stripBracketed removes bracketed remarks such as the unit in "登记选民数（人）".
func stripBracketed(s string) string {
	if !hasBracket(s) {
		return s
	}
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '（', '[', '【', '〔', '［', '<', '《':
			depth++
			continue
		case ')', '）', ']', '】', '〕', '］', '>', '》':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth == 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// halfWidthDigits rewrites full-width digits and the full-width dot, minus and slash as ASCII.
func halfWidthDigits(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.Map(func(r rune) rune {
				if r >= 0xFF01 && r <= 0xFF5E {
					return r - 0xFEE0
				}
				if r == '。' {
					return '.'
				}
				return r
			}, s)
		}
	}
	return s
}

// parseInt reads a whole number ≥ 0: "12", "１２", "1,234", "12.0", "12人". Formula results such as
// 2.9999999999 count as 3.
func parseInt(s string) (int, bool) {
	if n, ok := asciiInt(s); ok {
		return n, true
	}
	s = halfWidthDigits(stripBracketed(s)) // 5（女1）, 1100(含委托投票50): the count, and a remark on it
	s = strings.TrimRight(s, "人名票岁周个张户次")
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", ""))
	if n, ok := asciiInt(s); ok {
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 1e9 || math.IsNaN(f) {
		return 0, false
	}
	r := math.Round(f)
	if math.Abs(f-r) > 1e-6 {
		return 0, false
	}
	return int(r), true
}

// asciiInt parses up to nine ASCII digits without allocating.
func asciiInt(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// parseBool reads the yes/no spellings found in township sheets.
func parseBool(s string) (bool, bool) {
	switch s {
	case "是":
		return true, true
	case "否":
		return false, true
	}
	switch fold(s, false) {
	case "是", "y", "yes", "1", "√", "✓", "✔", "对", "true", "t", "是的", "有":
		return true, true
	case "否", "n", "no", "0", "×", "✗", "✘", "错", "false", "f", "不是", "无", "不":
		return false, true
	}
	return false, false
}

// negated tells whether header, as a sheet writes it, is one of c's Negated aliases.
func (c *Column) negated(header string) bool {
	if len(c.Negated) == 0 || header == "" {
		return false
	}
	k := fold(stripBracketed(header), true)
	return slices.ContainsFunc(c.Negated, func(n string) bool { return fold(n, true) == k })
}

// meansYesNo reads the words that mean 是 or 否 in column c only (Column.Yes, Column.No), in either
// script.
func (c *Column) meansYesNo(s string) (bool, bool) {
	k := fold(s, true)
	for _, w := range c.Yes {
		if fold(w, true) == k {
			return true, true
		}
	}
	for _, w := range c.No {
		if fold(w, true) == k {
			return false, true
		}
	}
	return false, false
}

// ParseYear reads 2024 or 2024年.
// ParseYear reads a 年份: four digits, full- or half-width, with or without 年, from 1949 to 2100.
func ParseYear(s string) (int, bool) {
	s = strings.TrimSuffix(halfWidthDigits(s), "年")
	n, ok := parseInt(s)
	if !ok || n < 1949 || n > 2100 {
		return 0, false
	}
	return n, true
}

// yearInName is the one year a sheet's name gives (2021年, 2024年换届, 2024.3): every run of four digits
// in it must read as the same year (ParseYear). 0 when it gives none, or two (2021-2024年对比).
func yearInName(name string) int {
	name = halfWidthDigits(name)
	year := 0
	for i := 0; i < len(name); {
		j := i
		for j < len(name) && name[j] >= '0' && name[j] <= '9' {
			j++
		}
		if j == i {
			i++
			continue
		}
		if j-i == 4 {
			y, ok := ParseYear(name[i:j])
			if !ok || year != 0 && y != year {
				return 0
			}
			year = y
		}
		i = j
	}
	return year
}

// parseTerm reads 届次: 10, 第10届, 第十届, 二十一 (Chinese numerals up to 99).
func parseTerm(s string) (int, bool) {
	if n, ok := asciiInt(s); ok {
		return n, n >= 1 && n <= 99
	}
	s = strings.TrimPrefix(halfWidthDigits(s), "第")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "届"), "屆")
	if n, ok := asciiInt(s); ok {
		return n, n >= 1 && n <= 99
	}
	n, ok := electsum.ChineseNumber(s)
	return n, ok && n >= 1 && n <= 99
}

// dateParts splits "1975.03", "1975年3月15日", "1975-3-15 00:00:00" into its numbers. It fails on any
// character that is not a digit or a date separator.
func dateParts(s string) (parts [3]string, n int, ok bool) {
	s = halfWidthDigits(s)
	if i := strings.IndexAny(s, " T"); i > 0 { // drop a time of day
		s = s[:i]
	}
	start := -1
	for i := 0; i <= len(s); i++ {
		digit := i < len(s) && s[i] >= '0' && s[i] <= '9'
		if digit {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if n == 3 {
				return parts, 0, false
			}
			parts[n] = s[start:i]
			n++
			start = -1
		}
		if i == len(s) {
			break
		}
		switch {
		case s[i] == '.' || s[i] == '-' || s[i] == '/':
		case strings.HasPrefix(s[i:], "年"), strings.HasPrefix(s[i:], "月"), strings.HasPrefix(s[i:], "日"), strings.HasPrefix(s[i:], "号"), strings.HasPrefix(s[i:], "號"):
			i += 2 // three-byte rune; the loop adds the third
		default:
			return parts, 0, false
		}
	}
	return parts, n, n > 0
}

// fromSerial reads an Excel date serial (days since 1899-12-30), the raw value of a date-formatted cell.
func fromSerial(s string) (time.Time, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 1 || f > 2958465 {
		return time.Time{}, false
	}
	t, err := excelize.ExcelDateToTime(f, false)
	if err != nil {
		return time.Time{}, false
	}
	return validDate(t.Year(), int(t.Month()), t.Day())
}

func validDate(y, m, d int) (time.Time, bool) {
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == d
}

// dayRemark is what a township writes after an election's day: its weekday, the part of the day, the
// hour — 2024年3月15日（星期五）上午9:00, 3月15日下午.
var dayRemark = regexp.MustCompile(`^[(（]?((星期|周|礼拜)[一二三四五六日天])?[)）]?(上午|下午|中午|晚上|全天)?(\d{1,2}([:：]\d{2}|[时点](\d{1,2}分?|半)?))?$`)

// withoutDayRemark is a date written with 日 or 号 without the dayRemark after it.
func withoutDayRemark(s string) string {
	i := strings.LastIndexAny(s, "日号號")
	if i < 0 {
		return s
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	rest := strings.ReplaceAll(halfWidthDigits(s[i+size:]), " ", "")
	if rest == "" || !dayRemark.MatchString(rest) {
		return s
	}
	return s[:i+size]
}

// parseDate reads a full date: 2024-03-15, 2024/3/15, 2024.3.15, 2024年3月15日, 20240315, or an Excel serial;
// after 日 may follow the weekday or the time (withoutDayRemark).
func parseDate(s string) (time.Time, bool) {
	s = withoutDayRemark(s)
	parts, n, ok := dateParts(s)
	if !ok {
		return time.Time{}, false
	}
	switch {
	case n == 3 && len(parts[0]) == 4:
		y, _ := asciiInt(parts[0])
		m, _ := asciiInt(parts[1])
		d, _ := asciiInt(parts[2])
		return validDate(y, m, d)
	case n == 1 && len(parts[0]) == 8:
		y, _ := asciiInt(parts[0][:4])
		m, _ := asciiInt(parts[0][4:6])
		d, _ := asciiInt(parts[0][6:])
		return validDate(y, m, d)
	case n <= 2 && len(parts[0]) == 5: // serial, possibly with a time fraction
		return fromSerial(halfWidthDigits(s))
	}
	return time.Time{}, false
}

// monthDay reads a date written without its year: 3月15日, 3月15号, 3月15 (the 月 must be there).
func monthDay(s string) (m, d int, ok bool) {
	if !strings.Contains(s, "月") {
		return 0, 0, false
	}
	s = withoutDayRemark(s)
	parts, n, ok := dateParts(s)
	if !ok || n != 2 || len(parts[0]) > 2 || len(parts[1]) > 2 {
		return 0, 0, false
	}
	m, _ = asciiInt(parts[0])
	d, _ = asciiInt(parts[1])
	return m, d, true
}

// parseBirth reads 出生年月 as the first day of the month: 1975.03, 1975.3, 1975-03, 1975/3, 197503,
// 1975年3月, full dates, or an Excel serial. "1975.1" is January: a number cell typed as 1975.10 loses its
// zero in Excel and cannot be told apart.
func parseBirth(s string) (time.Time, bool) {
	// A 简历 writes the month with what it is: 1968年11月生, 1975.03出生.
	s = strings.TrimSuffix(strings.TrimSuffix(s, "生"), "出")
	parts, n, ok := dateParts(s)
	if !ok {
		return time.Time{}, false
	}
	var y, m int
	switch {
	case n >= 2 && len(parts[0]) == 4:
		y, _ = asciiInt(parts[0])
		m, _ = asciiInt(parts[1])
		if n == 3 {
			d, _ := asciiInt(parts[2])
			if _, ok := validDate(y, m, d); !ok {
				return time.Time{}, false
			}
		}
	case n == 1 && len(parts[0]) == 6:
		y, _ = asciiInt(parts[0][:4])
		m, _ = asciiInt(parts[0][4:])
	case n == 1 && len(parts[0]) == 8:
		y, _ = asciiInt(parts[0][:4])
		m, _ = asciiInt(parts[0][4:6])
		d, _ := asciiInt(parts[0][6:])
		if _, ok := validDate(y, m, d); !ok {
			return time.Time{}, false
		}
	case n <= 2 && len(parts[0]) == 5:
		t, ok := fromSerial(halfWidthDigits(s))
		if !ok {
			return t, false
		}
		y, m = t.Year(), int(t.Month())
	default:
		return time.Time{}, false
	}
	return validDate(y, m, 1)
}

// enumVariants are the other spellings townships use for canonical enum values, by column key.
// Matching folds them (script, width, punctuation), so only genuinely different words are listed.
var enumVariants = map[string]map[string]string{
	"body": {
		"村党支部": "村党组织", "村支部": "村党组织", "党支部": "村党组织", "村党总支": "村党组织", "党总支": "村党组织",
		"村党委": "村党组织", "村党组织": "村党组织", "支部": "村党组织", "村支委": "村党组织", "党组织": "村党组织",
		"村党支部委员会": "村党组织", "党支部委员会": "村党组织", "村党总支委员会": "村党组织", "党总支委员会": "村党组织", "村级党组织": "村党组织",
		"村委会": "村民委员会", "村委": "村民委员会", "村民委员会": "村民委员会",
		"监委会": "村务监督委员会", "村民监督委员会": "村务监督委员会", "村监会": "村务监督委员会", "村监委": "村务监督委员会", "村监委会": "村务监督委员会", "村监督委员会": "村务监督委员会", "村务监督委员会": "村务监督委员会", "监督委员会": "村务监督委员会",
		"社区党支部": "社区党组织", "社区党总支": "社区党组织", "社区党委": "社区党组织",
		"社区党支部委员会": "社区党组织", "社区党总支委员会": "社区党组织",
		"居委会": "居民委员会", "社区居委会": "居民委员会", "社区居民委员会": "居民委员会",
		"镇党委": "乡镇党委", "乡党委": "乡镇党委", "街道党工委": "乡镇党委",
		"镇纪委": "乡镇纪委", "乡纪委": "乡镇纪委", "街道纪工委": "乡镇纪委", "镇纪律检查委员会": "乡镇纪委", "乡纪律检查委员会": "乡镇纪委", "乡镇纪律检查委员会": "乡镇纪委",
		"党代会代表": "出席上级党代会代表", "出席党代会代表": "出席上级党代会代表", "出席县党代会代表": "出席上级党代会代表", "县党代会代表": "出席上级党代会代表",
		"出席区党代会代表": "出席上级党代会代表", "区党代会代表": "出席上级党代会代表", "出席市党代会代表": "出席上级党代会代表", "出席上级党代表大会代表": "出席上级党代会代表",
		"县人大代表": "县级人大代表", "县人大": "县级人大代表", "县级人大": "县级人大代表",
		"县级": "县级人大代表", "乡级": "乡级人大代表", "乡镇级": "乡级人大代表",
		"乡人大代表": "乡级人大代表", "镇人大代表": "乡级人大代表", "乡镇人大代表": "乡级人大代表", "乡镇人大": "乡级人大代表", "乡级人大": "乡级人大代表", "区人大代表": "县级人大代表",
		"县人民代表大会代表": "县级人大代表", "县人民代表大会": "县级人大代表", "区人民代表大会代表": "县级人大代表", "区人民代表大会": "县级人大代表",
		"乡人民代表大会代表": "乡级人大代表", "镇人民代表大会代表": "乡级人大代表", "乡镇人民代表大会代表": "乡级人大代表",
		"乡人民代表大会": "乡级人大代表", "镇人民代表大会": "乡级人大代表",
	},
	"position": {
		"支部书记": "书记", "党支部书记": "书记", "支书": "书记", "党支书": "书记", "党总支书记": "书记", "村党组织书记": "书记", "村党支部书记": "书记", "党委书记": "书记",
		"支部副书记": "副书记", "党支部副书记": "副书记", "党总支副书记": "副书记",
		"村委会主任": "主任", "村委主任": "主任", "主任委员": "主任", "副主任委员": "副主任", "监委会主任": "主任", "居委会主任": "主任",
		"村委会副主任": "副主任", "居委会副主任": "副主任",
		"支委": "委员", "支部委员": "委员", "村委委员": "委员", "村委会委员": "委员", "成员": "委员",
		"人大代表": "代表",
	},
	"gender": {"男性": "男", "女性": "女", "m": "男", "f": "女", "male": "男", "female": "女"},
	"party": {
		"党员": "中共党员", "中共": "中共党员", "共产党员": "中共党员", "中国共产党党员": "中共党员", "正式党员": "中共党员", "中共正式党员": "中共党员",
		"中国共产党员": "中共党员", "预备党员": "中共预备党员", "中共预备": "中共预备党员", "中共党员预备": "中共预备党员", "党员预备": "中共预备党员",
		"共产党员预备": "中共预备党员", "共产党预备党员": "中共预备党员",
		"团员": "共青团员", "共青团": "共青团员",
		"民革": "民主党派", "民盟": "民主党派", "民建": "民主党派", "民进": "民主党派", "农工党": "民主党派", "致公党": "民主党派", "九三学社": "民主党派", "台盟": "民主党派",
		"民革党员": "民主党派", "民盟盟员": "民主党派", "民建会员": "民主党派", "民进会员": "民主党派", "农工党党员": "民主党派",
		"致公党党员": "民主党派", "九三学社社员": "民主党派", "台盟盟员": "民主党派", "民主党派成员": "民主党派",
		"无党派": "无党派人士", "无": "群众",
	},
	"education": {
		"硕士": "研究生", "博士": "研究生", "硕士研究生": "研究生", "博士研究生": "研究生", "研究生及以上": "研究生",
		"本科": "大学本科", "大学": "大学本科", "学士": "大学本科",
		"大专": "大学专科", "专科": "大学专科", "高职": "大学专科",
		"中技": "中专", "技校": "中专", "中职": "中专", "职中": "中专", "中师": "中专", "中等师范": "中专", "职专": "中专", "中等专业学校": "中专",
		"职高": "高中", "高中及同等学历": "高中",
		"小学": "小学及以下", "文盲": "小学及以下", "小学以下": "小学及以下", "半文盲": "小学及以下", "初中以下": "小学及以下",
	},
	"method": {
		"村民代表会议": "村民代表会议推选", "村民代表会议选举": "村民代表会议推选", "村民代表会议推选产生": "村民代表会议推选",
		"由村民代表会议推选": "村民代表会议推选", "村民代表推选": "村民代表会议推选", "村民代表大会": "村民代表会议推选",
	},
	"round": {"一次性选足": "一次选足", "选足": "一次选足", "另选": "另行选举", "另行选举选足": "另行选举", "未选足名额": "未选足", "缺额": "未选足"},
	"category": {"专技人员": "专业技术人员", "专业技术": "专业技术人员", "知识分子": "专业技术人员", "党政干部": "干部", "党政领导干部": "干部",
		"领导干部": "干部", "机关干部": "干部", "其它": "其他", "解放军": "其他", "军人": "其他", "企业负责人": "其他", "个体工商户": "其他", "归侨": "其他",
		"农民工": "工人", "产业工人": "工人", "企业职工": "工人", "一线工人": "工人", "村干部": "农民", "村组干部": "农民", "农民党员": "农民",
		"教师": "专业技术人员", "医生": "专业技术人员", "医务人员": "专业技术人员", "科技人员": "专业技术人员", "专业技术干部": "专业技术人员",
		"乡镇干部": "干部", "党政机关干部": "干部", "个体户": "其他", "私营企业主": "其他", "企业管理人员": "其他", "民营企业家": "其他"},
}

// enumIndex holds, per column key, exact spellings (no folding needed) and folded spellings.
type enumIndex struct {
	exact  map[string]string
	folded map[string]string
}

var enums = func() map[string]*enumIndex {
	out := map[string]*enumIndex{}
	for _, cols := range [][]Column{resultColumns, memberColumns} {
		for _, c := range cols {
			if c.Kind != KindEnum || out[c.Key] != nil {
				continue
			}
			ix := &enumIndex{exact: map[string]string{}, folded: map[string]string{}}
			index := func(spelling, v string) { // its folded key, and that key in Taiwan phrasing
				k := fold(spelling, false)
				ix.folded[k] = v
				if t, ok := taiwanSpelling(k); ok {
					if _, taken := ix.folded[t]; !taken {
						ix.folded[t] = v
					}
				}
			}
			for _, v := range c.Values {
				ix.exact[v] = v
				index(v, v)
			}
			for variant, v := range enumVariants[c.Key] {
				ix.exact[variant] = v
				index(variant, v)
			}
			out[c.Key] = ix
		}
	}
	return out
}()

// parseEnum returns the canonical value of s for the enum column key.
func parseEnum(key, s string) (string, bool) {
	ix := enums[key]
	if v, ok := ix.exact[s]; ok {
		return v, true
	}
	folded := fold(s, false)
	if v, ok := ix.folded[folded]; ok {
		return v, true
	}
	switch key {
	case "education":
		v, ok := ix.folded[withoutStudyMode(folded)]
		return v, ok
	case "body":
		v, ok := ix.folded[bodyWithoutExtras(folded)]
		return v, ok
	}
	return "", false
}

// educationRangeSpellings are the spellings of each 学历 range (electsum.EducationRanges) besides its
// name: 高中/中专, 中专（职高）, 大专以上.
var educationRangeSpellings = map[string][]string{
	"大专及以上":  {"大专以上", "大学专科及以上", "专科及以上", "专科以上", "大专及以上学历"},
	"高中（中专）": {"中专（高中）", "高中或中专", "高中及中专", "高中（含中专）", "中专（职高）", "职高（中专）", "高中（中专、职高）", "高中（中专、技校）"},
	"初中及以下":  {"初中或以下", "初中及以下学历"},
}

// educationRanges maps the folded spellings of the 学历 ranges to their names.
var educationRanges = func() map[string]string {
	out := map[string]string{}
	for name := range electsum.EducationRanges() {
		for _, s := range append([]string{name}, educationRangeSpellings[name]...) {
			k := fold(s, false)
			out[k] = name
			if t, ok := taiwanSpelling(k); ok {
				out[t] = name
			}
		}
	}
	return out
}()

// educationRange reads a 学历 that gives a range of values (高中（中专）, 初中及以下) as the range's name.
func educationRange(v string) (string, bool) {
	r, ok := educationRanges[fold(v, false)]
	return r, ok
}

// bodyWithoutExtras is a folded 选举类型 as a township's own form writes it beside the body's name
// (bodyWords), the election after it (村委会换届选举) and who is elected after the body (镇党委委员,
// 村委会成员, 支部班子) dropped.
func bodyWithoutExtras(f string) string {
	out := bodyWords(f)
	for _, suffix := range []string{"换届选举", "换届", "选举"} { // 村委会换届选举: the election, not the body
		if cut, ok := strings.CutSuffix(out, suffix); ok && cut != "" {
			out = cut
			break
		}
	}
	for _, suffix := range []string{"委员", "成员", "班子"} {
		if cut, ok := strings.CutSuffix(out, suffix); ok && cut != "" {
			return cut
		}
	}
	return out
}

// bodyWords is a folded body's name or post without the congress's number (出席县第十五次党代会代表,
// 第十六届村委会), and with 党代会 for 党代表大会.
func bodyWords(f string) string {
	if !strings.Contains(f, "第") && !strings.Contains(f, "党代表大会") {
		return f
	}
	var b strings.Builder
	for rest := f; rest != ""; {
		if n := ordinalLen(rest); n > 0 {
			rest = rest[n:]
			continue
		}
		r, size := utf8.DecodeRuneInString(rest)
		b.WriteRune(r)
		rest = rest[size:]
	}
	return strings.ReplaceAll(b.String(), "党代表大会", "党代会")
}

// ordinalLen is the length in bytes of the ordinal s starts with (第十五次, 第16届), 0 when none.
func ordinalLen(s string) int {
	rest, ok := strings.CutPrefix(s, "第")
	if !ok {
		return 0
	}
	digits := strings.TrimLeftFunc(rest, func(r rune) bool {
		return r >= '0' && r <= '9' || strings.ContainsRune("〇零一二三四五六七八九十百两", r)
	})
	if len(digits) == len(rest) {
		return 0
	}
	for _, unit := range []string{"次", "届"} {
		if strings.HasPrefix(digits, unit) {
			return len(s) - len(digits) + len(unit)
		}
	}
	return 0
}

// studyModes are the ways of study a 学历 may name beside its level (大专（函授）, 在职研究生, 中央党校本科,
// 本科(全日制)), folded. The level counts whatever the way, as the organisation department's statistics
// count 在职 and 党校 education; the longer of two overlapping words comes first.
var studyModes = []string{"中央党校", "省委党校", "市委党校", "县委党校", "党校", "函授", "在职", "全日制", "脱产",
	"广播电视大学", "电大", "自学考试", "自考", "成人教育", "成人", "成教", "网络教育", "远程教育", "夜大", "业余"}

// unfinished are the words of a 学历 not obtained (本科在读, 大专肄业): it is not that level, and which
// level it is cannot be told, so such a value stays unreadable.
var unfinished = []string{"在读", "肄业", "结业", "未毕业", "进修"}

// withoutStudyMode is a folded 学历 without the studyModes it names and the levelWords after it; "" when
// it names an unfinished one.
func withoutStudyMode(folded string) string {
	for _, w := range unfinished {
		if strings.Contains(folded, w) {
			return ""
		}
	}
	for _, w := range studyModes {
		folded = strings.ReplaceAll(folded, w, "")
	}
	for _, w := range levelWords {
		if cut, ok := strings.CutSuffix(folded, w); ok && cut != "" {
			return cut
		}
	}
	return folded
}

// levelWords are what a 学历 may say after the level (初中文化, 高中文化程度, 大专毕业, 本科学历), folded.
var levelWords = []string{"文化程度", "文化", "学历", "毕业"}

// bodyInName is the one body a sheet's or a file's name names (村党组织成员, 村委会选举情况,
// 青石镇监委会.xlsx, 青石镇第十九届人民代表大会代表选举结果: read past its ordinal by bodyWords), for a sheet
// without a 选举类型 column: every spelling of a body (enumVariants and the canonical names, folded) found
// in the folded name, the longest at each place, must name the same body. "" when the name names none, two, or both a village and a community (村（社区）党组织, 村（居）委会:
// the row's unit would decide, and a name cannot).
func bodyInName(name string) string {
	f := bodyWords(fold(name, true))
	if strings.Contains(f, "村社区") || strings.Contains(f, "村居") {
		return ""
	}
	spellings := enums["body"].folded
	found := ""
	for i := 0; i < len(f); {
		body, n := "", 0
		for spelling, b := range spellings {
			if len(spelling) > n && strings.HasPrefix(f[i:], spelling) {
				body, n = b, len(spelling)
			}
		}
		if n == 0 {
			_, size := utf8.DecodeRuneInString(f[i:])
			i += size
			continue
		}
		if found != "" && found != body {
			return ""
		}
		found, i = body, i+n
	}
	return found
}

// post is one post a 职务 names, with its body.
type post struct {
	body     electsum.Body
	position string
}

// postsIn reads the posts a 职务 names with their bodies, for a roster of a village's (or community's)
// bodies without a 选举类型 column: 党支部书记、村委会主任 is 书记 of 村党组织 and 主任 of 村民委员会. A
// post is a body's spelling (as 选举类型 takes it, the longest) followed by a position, or a position
// that names its body by itself: 书记, 副书记 and 支委 are the party branch's, 主任 and 副主任 the
// committee's (a 监委会's head is written 监委会主任). In a community the branch and the committee are
// the community's. On a township's roster (kind Township: its 党代会's) only posts naming their body
// are read (镇党委书记, 镇纪委委员, 党代会代表): a bare 书记 may be either committee's. Other posts (妇联主席,
// 会计) are passed over, and so is a bare 委员, which names no body; a second post on one body keeps the
// first. None read: nil.
func postsIn(text string, kind electsum.UnitKind) []post {
	var out []post
	for _, part := range strings.FieldsFunc(withSecondPosts(text), func(r rune) bool {
		return strings.ContainsRune("、，,;；/／兼 　", r)
	}) {
		p, ok := postIn(fold(part, true), kind == electsum.Township)
		if !ok || slices.ContainsFunc(out, func(q post) bool { return q.body == p.body }) {
			continue
		}
		if kind == electsum.Community {
			switch p.body {
			case electsum.PartyBranch:
				p.body = electsum.CommunityParty
			case electsum.VillagersCommittee:
				p.body = electsum.ResidentsCommittee
			}
		}
		out = append(out, p)
	}
	return out
}

// withSecondPosts is a 职务 whose brackets hold a second post (村委会主任（兼村党支部副书记）) written as two
// posts (村委会主任、村党支部副书记); any other bracketed remark is dropped (stripBracketed).
func withSecondPosts(text string) string {
	for _, open := range []string{"（兼", "(兼"} {
		text = strings.ReplaceAll(text, open, "、")
	}
	return stripBracketed(text)
}

// twoCommitteesValue reports whether a 选举类型 names the two committees together: 两委, 村两委,
// 村“两委”成员, 社区两委, 村（社区）两委班子, either script.
func twoCommitteesValue(v string) bool {
	f := fold(v, true)
	for _, prefix := range []string{"村社区", "村居", "村", "社区"} {
		if rest, ok := strings.CutPrefix(f, prefix); ok {
			f = rest
			break
		}
	}
	for _, suffix := range []string{"成员", "班子", "干部"} {
		f = strings.TrimSuffix(f, suffix)
	}
	return f == "两委"
}

// postIn reads one folded post of postsIn, of a township's bodies when township is set, else of a
// village's.
func postIn(f string, township bool) (post, bool) {
	if p, named := postOfBody(bodyWords(f)); named {
		if p.position == "" && p.body == electsum.Delegates {
			p.position = string(electsum.Deputy) // 出席县党代会代表: the body's name says the post
		}
		if kind := p.body.UnitKind(); p.position == "" || kind == electsum.Constituency || (kind == electsum.Township) != township {
			return post{}, false
		}
		return p, true
	}
	if township {
		return post{}, false
	}
	if f == "支委" {
		return post{electsum.PartyBranch, "委员"}, true
	}
	// 村书记, 村支书, 村主任, 社区主任: the unit's word before a position that names its body by itself.
	for _, unit := range []string{"社区", "村", "居"} {
		if rest, ok := strings.CutPrefix(f, unit); ok && rest != "" {
			f = rest
			break
		}
	}
	switch position, _ := parseEnum("position", f); position {
	case "书记", "副书记":
		return post{electsum.PartyBranch, position}, true
	case "主任", "副主任":
		return post{electsum.VillagersCommittee, position}, true
	}
	return post{}, false
}

// postOfBody reads a folded post that starts with a body's spelling (as 选举类型 takes it, the longest):
// 村委会主任, 监督委员会委员, 社区党委书记; named is false when it starts with none. The position is ""
// when what follows the body is none: 组织委员 and 宣传委员 are the branch's 委员 (any 委员 but a
// 主任委员).
func postOfBody(f string) (p post, named bool) {
	body, n := "", 0
	for spelling, b := range enums["body"].folded {
		if len(spelling) > n && strings.HasPrefix(f, spelling) {
			body, n = b, len(spelling)
		}
	}
	if n == 0 {
		return post{}, false
	}
	position, _ := parseEnum("position", f[n:])
	if position == "" {
		position = memberTitle(f[n:])
	}
	return post{electsum.Body(body), position}, true
}

// memberTitle is 委员 for a member's title that names what the member does (组织委员, 宣传委员, 纪检委员,
// 妇女委员), "" for anything else (a 主任委员 is the head).
func memberTitle(f string) string {
	if before, ok := strings.CutSuffix(f, "委员"); ok && !strings.HasSuffix(before, "主任") {
		return "委员"
	}
	return ""
}

// positionFor reads a 职务 that parseEnum left as written because it carries a remark or a second post:
// 副主任（兼妇联主席） is 副主任; 书记兼主任 and 书记/主任 are the post of body among them (书记 on the
// party branch's sheet, 主任 on the committee's), else the first post written. Anything else stays as
// written.
func positionFor(v string, body electsum.Body) string {
	if v == "" || slices.Contains(electsum.Positions(), electsum.Position(v)) {
		return v
	}
	if p, ok := parseEnum("position", stripBracketed(v)); ok {
		return p
	}
	if p, named := postOfBody(fold(stripBracketed(v), true)); named && p.position != "" { // 监督委员会主任
		return p.position
	}
	var first string
	for _, part := range strings.FieldsFunc(stripBracketed(v), func(r rune) bool { return r == '兼' || r == '/' || r == '／' || r == '、' }) {
		p, ok := parseEnum("position", part)
		if !ok {
			continue
		}
		if body.IsHead(electsum.Position(p)) {
			return p
		}
		if first == "" {
			first = p
		}
	}
	if first != "" {
		return first
	}
	if p := memberTitle(fold(stripBracketed(v), true)); p != "" { // 组织委员, 监督委员
		return p
	}
	return v
}

// normEthnicity stores 民族 with its 族: 汉 → 汉族, 漢族 → 汉族.
func normEthnicity(s string) string {
	if s == "汉族" || s == "" {
		return s
	}
	s = fold(s, true)
	if n := utf8.RuneCountInString(s); n >= 1 && n <= 4 && !strings.HasSuffix(s, "族") && !strings.HasSuffix(s, "人") {
		for _, r := range s {
			if !unicode.Is(unicode.Han, r) {
				return s
			}
		}
		s += "族"
	}
	return s
}

// t2sPairs is Traditional,Simplified,Traditional,Simplified… (generated with OpenCC s2t, s2tw, s2hk over
// the column list, enum values, derived headers, instructions-sheet and summary-sheet names; TestT2SCoversVocabulary keeps it
// complete).
const t2sPairs = "廢废擔担線线醫医營营個个備备兩两別别動动務务區区參参員员單单國国團团壯壮學学實实寫写專专對对屆届屬属帶带幹干幾几應应換换擬拟數数於于時时書书會会業业構构機机權权歲岁歷历況况滿满漢汉無无瑤瑶產产當当監监眾众碩硕碼码稱称級级組组結结統统維维縣县總总織织羣群職职臺台與与舉举薦荐號号衆众術术計计託托記记證证辦办農农連连進进過过選选鄉乡錯错鎮镇間间關关際际項项須须預预頭头額额類类鮮鲜黨党齡龄週周編编戶户長长場场剝剥奪夺體体聯联現现輪轮領领導导報报樣样說说説说紀纪經经匯汇彙汇圖图錄录議议贊赞軍军負负責责歸归僑侨識识檢检內内師师範范"

// statedRate is a rate as a sheet writes it: "95.2%", "95.2", "0.952", "９５．２％", a percent-formatted
// cell's stored fraction, or a formula's cached result (0.95238095238095233).
type statedRate struct {
	value    float64 // the number as written, without its % sign
	decimals int     // digits written after the point: the rounding the value claims
	percent  bool    // written with a % sign
}

// parseRate reads a stated rate; false for anything else (a blank, 无, —, a formula's error).
func parseRate(s string) (statedRate, bool) {
	s = strings.TrimSpace(halfWidthDigits(s))
	var r statedRate
	if t, ok := strings.CutSuffix(s, "%"); ok {
		s, r.percent = strings.TrimSpace(t), true
	}
	if s == "" || len(s) > 32 {
		return r, false
	}
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+':
		default:
			return r, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || digits == 0 || f < 0 || f > 1000 || math.IsNaN(f) {
		return r, false
	}
	r.value = f
	switch {
	case strings.ContainsAny(s, "eE"): // a stored double in exponent form: as exact as a double is
		r.decimals = 15
	default:
		if _, frac, ok := strings.Cut(s, "."); ok {
			r.decimals = len(frac)
		}
	}
	return r, true
}

// agrees says whether a stated rate is pct percent (computed, unrounded) within the rounding the stated
// value shows — rounded or cut off at its last digit: 95.2 or 95.2% for 95.24 and for 95.28, 0.952 for
// 0.95238 (a fraction, when it is not more than 1; a fraction is read to a whole percent at least: 1 is
// 100% and 0.9 is 90%, as exact as "100%" and "90%").
func (r statedRate) agrees(pct float64) bool {
	if within(r.value, pct, math.Pow(10, -float64(r.decimals))) {
		return true
	}
	return !r.percent && r.value <= 1 && within(r.value*100, pct, math.Pow(10, 2-float64(max(r.decimals, 2))))
}

// within says whether stated is exact, to its last digit unit, rounded or cut off, for exact.
func within(stated, exact, unit float64) bool {
	const slack = 1e-9 // a double's own error
	return math.Abs(stated-exact) <= unit/2+slack || exact >= stated && exact-stated < unit-slack
}

// dateRange splits a 选举日期 giving a range of days — 2024.03.15-16, 2024年3月15日至16日, 3月15日—3月16日,
// 2024-03-15～2024-03-16 — into its first day and its last as written; ok is false for anything else. A
// hyphen separates days only in a date written with dots, slashes or 年月日 (2024-03-15 is one day).
func dateRange(v string) (first, last string, ok bool) {
	for _, sep := range []string{"至", "到", "~", "～", "—", "－", "–"} {
		if a, b, found := strings.Cut(v, sep); found {
			a, b = strings.TrimSpace(a), strings.TrimSpace(b)
			return a, b, a != "" && b != ""
		}
	}
	if strings.ContainsAny(v, "./年月") {
		if i := strings.LastIndex(v, "-"); i > 0 && i < len(v)-1 {
			return strings.TrimSpace(v[:i]), strings.TrimSpace(v[i+1:]), true
		}
	}
	return "", "", false
}

// rangeEnd reads the last day of a range that starts on first, written as a full date, a month and a
// day (3月16日, 3.16) or a day (16, 16日): a day after first, within a month of it.
func rangeEnd(first time.Time, last string) (time.Time, bool) {
	end, ok := parseDate(last)
	if !ok {
		if m, d, md := monthDay(last); md {
			end, ok = validDate(first.Year(), m, d)
		} else if parts, n, dp := dateParts(strings.TrimRight(last, "日号號")); dp && n == 2 && len(parts[0]) <= 2 {
			m, _ := asciiInt(parts[0])
			d, _ := asciiInt(parts[1])
			end, ok = validDate(first.Year(), m, d)
		} else if dp && n == 1 && len(parts[0]) <= 2 {
			d, _ := asciiInt(parts[0])
			end, ok = validDate(first.Year(), int(first.Month()), d)
		}
	}
	return end, ok && end.After(first) && !end.After(first.AddDate(0, 1, 0))
}
