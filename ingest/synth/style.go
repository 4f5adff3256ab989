package synth

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/longbridgeapp/opencc"
)

// birthFormat is how a township writes 出生年月.
type birthFormat int

const (
	birthDot      birthFormat = iota // 1975.03, the most common
	birthDash                        // 1975-03
	birthSlash                       // 1975/3
	birthChinese                     // 1975年3月
	birthCompact                     // 197503
	birthFullDate                    // 1975-03-14
)

// dateFormat is how a township writes 选举日期.
type dateFormat int

const (
	dateISO     dateFormat = iota // 2024-03-15
	dateDot                       // 2024.3.15
	dateChinese                   // 2024年3月15日
	dateSerial                    // an Excel date serial stored as a number
)

// style is how one township fills in its workbook. The zero style is the clean, standard workbook.
type style struct {
	omit          []string // optional columns left out (keys)
	traditional   bool     // headers, sheet names and enum values in Traditional script
	titleRows     int      // rows of title above the header
	mergeTownship bool     // the township name merged down the data rows
	totalRow      bool     // a 合计 row under the results
	shuffle       uint64   // when not 0, the seed of the column order
	aliases       uint64   // when not 0, the seed choosing alias headers and value variants (大专)
	textNumbers   bool     // numbers stored as text, a few in full-width digits
	date          dateFormat
	yearSuffix    bool // 2024年 rather than 2024
	termText      bool // 第十一届 rather than 11
	marks         bool // √/× rather than 是/否
	remark        bool // an extra 备注 column the reader does not know (a notice)
	genericSheets bool // sheets named Sheet1, Sheet2
	spaces        bool // stray spaces around some names
	birthFormat   birthFormat
}

// style draws how the next township fills in its sheets.
func (g *generator) style() style {
	if !g.cfg.Messy {
		return style{}
	}
	var s style
	s.traditional = g.chance(g.cfg.TraditionalShare)
	s.titleRows = pick(g.r, []int{0, 1, 2}, []float64{0.55, 0.3, 0.15})
	s.mergeTownship = g.chance(0.35)
	s.totalRow = g.chance(0.35)
	if g.chance(0.3) {
		s.shuffle = g.r.Uint64() | 1
	}
	if g.chance(0.35) {
		s.aliases = g.r.Uint64() | 1
	}
	s.textNumbers = g.chance(0.25)
	s.birthFormat = pick(g.r, []birthFormat{birthDot, birthDash, birthSlash, birthChinese, birthCompact, birthFullDate},
		[]float64{0.55, 0.12, 0.08, 0.12, 0.05, 0.08})
	s.date = pick(g.r, []dateFormat{dateISO, dateDot, dateChinese, dateSerial}, []float64{0.5, 0.2, 0.2, 0.1})
	s.yearSuffix = g.chance(0.15)
	s.termText = g.chance(0.4)
	s.marks = g.chance(0.1)
	s.remark = g.chance(0.15)
	s.genericSheets = g.chance(0.1)
	s.spaces = g.chance(0.2)
	switch x := g.r.Float64(); {
	case x < 0.15:
		s.omit = append(s.omit, "birth")
	case x < 0.4:
		s.omit = append(s.omit, "age")
	}
	for _, o := range []struct {
		p    float64
		keys []string
	}{
		{0.1, []string{"id_number"}},
		{0.2, []string{"wealth_leader", "graduate_official"}},
		{0.5, []string{"votes"}},
		{0.3, []string{"term"}},
		{0.7, []string{"category"}},
		{0.1, []string{"method"}},
		{0.05, []string{"ethnicity"}},
		{0.15, []string{"proxy_votes", "mobile_votes"}},
		{0.1, []string{"valid_ballots", "invalid_ballots"}},
		{0.1, []string{"election_date"}},
		{0.1, []string{"first_round"}},
	} {
		if g.chance(o.p) {
			s.omit = append(s.omit, o.keys...)
		}
	}
	return s
}

var (
	s2tOnce  sync.Once
	s2t      *opencc.OpenCC
	s2tMu    sync.Mutex
	s2tCache = map[string]string{}
)

// traditional converts Simplified text to Traditional script. The few distinct strings converted
// (headers, enum values) are cached.
func traditional(s string) string {
	s2tOnce.Do(func() {
		var err error
		if s2t, err = opencc.New("s2t"); err != nil {
			panic(fmt.Sprintf("opencc s2t: %v", err)) // the dictionaries are embedded: a build error
		}
	})
	s2tMu.Lock()
	defer s2tMu.Unlock()
	if t, ok := s2tCache[s]; ok {
		return t
	}
	t, err := s2t.Convert(s)
	if err != nil {
		t = s
	}
	s2tCache[s] = t
	return t
}

// chineseNumber writes 1–99 in Chinese numerals, as in 第十一届.
func chineseNumber(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + strings.TrimPrefix(digits[n%10], "零")
	case n%10 == 0:
		return digits[n/10] + "十"
	}
	return digits[n/10] + "十" + digits[n%10]
}

func formatBirth(t time.Time, f birthFormat) string {
	switch f {
	case birthDash:
		return t.Format("2006-01")
	case birthSlash:
		return fmt.Sprintf("%d/%d", t.Year(), t.Month())
	case birthChinese:
		return fmt.Sprintf("%d年%d月", t.Year(), t.Month())
	case birthCompact:
		return t.Format("200601")
	case birthFullDate:
		return t.Format("2006-01-02")
	}
	return t.Format("2006.01")
}

// excelEpoch is day 0 of Excel's 1900 date system (as corrected for its 1900 leap-year bug).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

func formatDate(t time.Time, f dateFormat) any {
	switch f {
	case dateDot:
		return fmt.Sprintf("%d.%d.%d", t.Year(), t.Month(), t.Day())
	case dateChinese:
		return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
	case dateSerial:
		return int(t.Sub(excelEpoch).Hours() / 24)
	}
	return t.Format("2006-01-02")
}

// fullWidth writes the digits of s as full-width digits (０–９), as some input methods do.
func fullWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r += '０' - '0'
		}
		b.WriteRune(r)
	}
	return b.String()
}
