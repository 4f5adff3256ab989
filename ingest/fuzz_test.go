package ingest

import (
	"electsum"

	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/encoding/simplifiedchinese"
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
	for _, s := range []string{"1975.03", "197503", "1975年3月", "27468", "第十届", "二十一", "１２３４", "1,234", "2.9999999", "√", "×", "2024年", "2024-02-30", "330102197503150135", "3301021975031501x", "村黨組織", "", "\u3000", "9999999999999999999", "1e308", "NaN", "第九十九届", "95.2%", "0.952"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = clean(s)
		if n, ok := parseInt(s); ok && n < 0 {
			t.Errorf("parseInt(%q) = %d < 0", s, n)
		}
		parseBool(s)
		if y, ok := ParseYear(s); ok && (y < 1949 || y > 2100) {
			t.Errorf("ParseYear(%q) = %d", s, y)
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
		electsum.ChineseNumber(s)
		if m, d, ok := monthDay(s); ok && (m < 0 || m > 99 || d < 0 || d > 99) {
			t.Errorf("monthDay(%q) = %d, %d", s, m, d)
		}
		if r, ok := parseRate(s); ok {
			if r.value < 0 || r.decimals < 0 || math.IsNaN(r.value) || math.IsInf(r.value, 0) {
				t.Errorf("parseRate(%q) = %+v", s, r)
			}
			// A rate written in percent agrees with itself, whatever its rounding.
			if r.percent && !r.agrees(r.value) {
				t.Errorf("parseRate(%q) = %+v does not agree with its own value", s, r)
			}
		}
	})
}

// FuzzParseCSV runs whole CSV files through the sheet parser: no panics, every problem has a rule, a
// severity and a message.
func FuzzParseCSV(f *testing.F) {
	f.Add([]byte(membersCSV))
	f.Add([]byte("乡镇,村,年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n城关镇,石桥村,2024,村委会,100,120,5,5\n合计,,,,100,120,5,5\n"))
	f.Add([]byte("\xEF\xBB\xBF\"a\"\"b,c\n"))
	f.Add([]byte{0xB3, 0xC7, 0xB9, 0xD8, 0xD5, 0xF2, 0x2C, 0x0A})
	for _, seed := range shapeCSVSeeds {
		f.Add([]byte(seed))
		if gbk, err := simplifiedchinese.GBK.NewEncoder().String(seed); err == nil {
			f.Add([]byte(gbk))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Each input also as a township's 汇总.csv: the summary rule judges a CSV by its file name.
		for _, name := range []string{"fuzz.csv", "汇总.csv"} {
			fp := newFileParser(name, ParseOptions{}.withDefaults())
			if err := parseCSV(fp, data); err != nil {
				return
			}
			checkFuzzProblems(t, fp)
		}
	})
}

// FuzzMarkup: a web page or an XML spreadsheet named .xls never takes the run down, and every problem
// it gives is well formed.
func FuzzMarkup(f *testing.F) {
	f.Add([]byte(htmlExport))
	f.Add([]byte(spreadsheetML))
	f.Add([]byte(`<table><tr><td rowspan="3" colspan="2">a</td><td>b</td></tr><tr><td rowspan="0">c</td></tr></table>`))
	f.Add([]byte(`<?xml version="1.0" encoding="gb2312"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row ss:Index="9"><Cell ss:MergeDown="2" ss:Index="3"><Data>x</Data></Cell></Row></Table></Worksheet></Workbook>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if markupFormat(data) == formatUnknown {
			return
		}
		fp := newFileParser("fuzz.xls", ParseOptions{}.withDefaults())
		if parseMarkup(fp, data) == nil {
			checkFuzzProblems(t, fp)
		}
	})
}

// shapeCSVSeeds are the shapes townships hand in (issue 8): a 填报单位 row above, notes under the table,
// a blank 县(市、区) column, a summary with township rows, Traditional script; FuzzParseCSV adds each in
// GBK too.
var shapeCSVSeeds = []string{
	// a village's 选举结果报告单: labelled values above its roster, and its results over one row above it
	"东山村村民委员会选举结果报告单\n乡镇（街道）：青石镇,,村（社区）：东山村,,年份：2024\n登记选民数,1200,参加投票人数,1100\n应选职数,3,当选人数,3\n" +
		"当选人员名单\n姓名,性别,年龄,职务,政治面貌,学历,党组织职务\n王芳,女,48,主任,中共党员,大专,书记\n",
	"乡镇,村,年份,登记选民数,参加投票人数,应选职数,当选人数\n青石镇,东山村,2024,1200,1100,3,3\n当选人员名单\n" +
		"姓名,性别,出生年月,政治面貌,学历,党组织职务,村委会职务\n王芳,女,1975.03,中共党员,大专,书记,主任\n",
	"填报单位：城关镇人民政府\n县(市、区),乡镇(街道),村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n" +
		",城关镇,石桥村,2024,村民委员会,1200,1100,5,5\n,城关镇,河岭村,2024,村民委员会,900,850,5,5\n" +
		"注：本表由各村填报，镇汇总。\n填表人：张三,,审核人：李四,,填报日期：2024年3月\n单位负责人：\n",
	"乡镇(街道),村(社区),年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n城关镇,,2024,村民委员会,2100,1950,10,10\n合计,,,,2100,1950,10,10\n",
	"縣(市、區),鄉鎮(街道),村(社區),年份,選舉類型,登記選民數,參加投票人數,應選職數,當選人數\n青山縣,青山鎮,河嶺村,2024,村委會,1200,1100,5,5\n",
	"鄉鎮,村,年份,選舉類型,姓名,職務,性別,出生年月,民族,政治面貌,學歷,是否連任\n青山鎮,河嶺村,2024,村委會,劉麗,主任,女,1975.03,漢,黨員,本科,是\n註：本表一式兩份。\n",
	// The wide form (wide.go): a group of columns per body, named once over its first column.
	"青山镇换届选举结果\n乡镇,村,年份,村党组织,,,,村委会,,,,,居委会,,,\n,,,应到党员数,实到党员数,应选,当选,登记选民数,参加投票人数,参选率,应选,当选,登记选民数,参加投票人数,应选,当选\n" +
		"青山镇,桃源村,2024,45,43,5,5,1320,1210,91.7%,5,5,,,,\n青山镇,东门社区,2024,,,,,,,,,,2100,1890,5,5\n合计,,,45,43,5,5,1320,1210,,5,5,2100,1890,5,5\n",
	// A title naming the township and year, a 全镇 total first, a stated 参选率, then a second table (title.go).
	"北山乡2024年村级换届选举结果统计表\n村(社区),选举类型,登记选民数,参加投票人数,参选率,应选职数,当选人数\n全镇,,2000,1800,90%,10,10\n" +
		"东村,村委会,1000,900,0.9,5,5\n西村,村委会,1000,900,91%,5,5\n,,,,,,\n北山乡2021年村级换届选举结果统计表\n村(社区),选举类型,登记选民数,参加投票人数,参选率,应选职数,当选人数\n东村,村委会,990,880,,5,5\n",
	// A three-row wide header as a CSV saved from merged cells (wide.go bodiesAbove).
	"乡镇,村,年份,村党组织,,,,村民委员会,,,\n,,,选举情况,,,,选举情况,,,\n,,,应到党员数,实到党员数,应选职数,当选人数,登记选民数,参加投票人数,应选职数,当选人数\n东湖镇,东村,2024,40,38,5,5,1000,950,5,5\n",
	// Text kept from Excel's number reading: ="…" and a leading apostrophe (csv.go excelText).
	"乡镇,村,年份,选举类型,姓名,职务,性别,出生年月,政治面貌,学历,是否连任,身份证号\n青山镇,河岭村,2024,村委会,刘丽,主任,女,'1975.10,党员,本科,是,=\"430121197510140028\"\n",
	"鄉鎮,村,年份,村黨組織,村黨組織,村黨組織,村黨組織,監委會,監委會,監委會,監委會\n,,,應到黨員數,實到黨員數,應選,當選,登記選民數,參加投票人數,應選,當選\n青山鎮,桃源村,2024,45,43,5,5,1320,1200,3,3\n",
	// A 选民登记 table of its own (registration.go): a title with township and year, a level column, a 合计 row.
	"青石镇2024年县乡两级人大代表换届选举选民登记情况统计表\n选区,代表级别,总人口,18周岁以上人口,回户籍地参选,下落不明,登记选民,其中女性,流动人口\n" +
		"第一选区,县乡两级,3000,2400,100,10,2290,1100,120\n第二选区,乡级,2200,1800,60,5,1735,850,40\n合计,,5200,4200,160,15,4025,1950,160\n",
	"選民登記\n鄉鎮,選區,年份,總人口,十八周歲以上人口,登記選民,其中女性\n青石鎮,第一選區,2024,3000,2400,2244,1100\n",
}

// FuzzParseWorkbook runs whole .xlsx workbooks through the reader and the sheet parser: no panics,
// every problem complete. The seeds are workbooks of the shapes townships hand in: a 汇总 sheet with
// the results header or its own, a blank sheet, notes merged across the row, Traditional script.
//
//	go test ./ingest -run '^$' -fuzz FuzzParseWorkbook -fuzztime 60s
func FuzzParseWorkbook(f *testing.F) {
	notes := []any{"注：本表由各村填报，镇汇总。"}
	for _, sheets := range [][]sheetData{
		append(townshipSheets(), sheetData{name: "汇总", rows: [][]any{resultsHeader, townshipTotals(""), townshipTotals("合计")}}),
		append([]sheetData{{name: "匯總", rows: [][]any{{"鄉鎮(街道)", "村數", "登記選民數"}, {"城關鎮", 2, 2400}}}}, townshipSheets()...),
		append(townshipSheets(), sheetData{name: "Sheet3"}, sheetData{name: "封面", rows: [][]any{{"城关镇村级组织换届选举统计表"}}}),
		{{name: "选举结果", rows: [][]any{resultsHeader, resultRow("石桥村", "村民委员会", 2), notes}, merges: []string{"A3:M3"}}},
		scriptRows("青山鎮", 2024, []string{"河嶺村"}, []string{"劉麗"}),
		{wideShape{title: true, merged: true, total: true}.build()},
		{wideShape{traditional: true}.build()},
		{{name: "选区情况", rows: constituencyRows()}, {name: "选民登记", rows: registrationRows()}},
	} {
		data, err := os.ReadFile(writeXLSX(f, sheets...))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fp := newFileParser("fuzz.xlsx", ParseOptions{}.withDefaults())
		if err := parseXLSX(fp, data); err != nil {
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
