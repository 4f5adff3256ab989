package ingest

import (
	"bytes"
	"errors"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

const membersCSV = `城关镇2024年当选人员名单
乡镇,村,年份,选举类型,姓名,职务,性别,出生年月,民族,政治面貌,学历,是否连任
城关镇,石桥村,2024,村委会,张三,村委会主任,男,1975.03,汉,党员,本科,是
城关镇,石桥村,2024,村委会,"李　四",委员,女,1980年11月,漢族,群眾,大專,否
`

func TestCSVEncodings(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(membersCSV)
	if err != nil {
		t.Fatal(err)
	}
	gb18030, err := simplifiedchinese.GB18030.NewEncoder().String(membersCSV)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data string
	}{
		{"utf-8", membersCSV},
		{"utf-8 with BOM", "\xEF\xBB\xBF" + membersCSV},
		{"gbk", gbk},
		{"gb18030", gb18030},
		{"crlf", strings.ReplaceAll(membersCSV, "\n", "\r\n")},
		{"tab separated", strings.ReplaceAll(membersCSV, ",", "\t")},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := mustParse(t, writeFile(t, "members.csv", []byte(c.data)))
			if len(p.Problems) != 0 {
				t.Fatalf("problems: %v", p.Problems)
			}
			if len(p.Members) != 2 {
				t.Fatalf("members = %d, want 2", len(p.Members))
			}
			a, b := p.Members[0], p.Members[1]
			if a.Name != "张三" || a.Position != "主任" || a.Party != "中共党员" || a.Education != "大学本科" || a.Ethnicity != "汉族" || a.Body != "村民委员会" {
				t.Errorf("first member = %+v", a)
			}
			if b.Name != "李四" || b.Party != "群众" || b.Education != "大学专科" || b.Ethnicity != "汉族" || b.Birth.Format("2006-01") != "1980-11" {
				t.Errorf("second member = %+v", b)
			}
			if a.Row != 3 || b.Row != 4 || a.Sheet != "" {
				t.Errorf("rows = %d, %d; want 3, 4", a.Row, b.Row)
			}
		})
	}
}

func TestCSVProblemsNameCells(t *testing.T) {
	data := "乡镇,村,年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n城关镇,石桥村,2024,村委会,100,120,5,5\n"
	p := mustParse(t, writeFile(t, "results.csv", []byte(data)))
	got := rules(p, Error)
	if len(got) != 1 || got[0] != "voted_gt_registered@F2" {
		t.Fatalf("errors = %v", got)
	}
	if s := p.Problems[0].String(); !strings.HasSuffix(s, "results.csv:F2: 参加投票人数(F2)为 120，多于登记选民数(E2)的 100：请核对这两项") {
		t.Errorf("String() = %s", s)
	}
}

// TestCSVExcelTextMarks: a CSV written for Excel keeps a 身份证号 or 出生年月 as text with ="…" or a
// leading apostrophe; the value is the text inside, with no problem.
func TestCSVExcelTextMarks(t *testing.T) {
	data := "乡镇,村,年份,选举类型,姓名,职务,性别,出生年月,政治面貌,学历,是否连任,身份证号\n" +
		"城关镇,石桥村,2024,村委会,张三,主任,男,'1983.05,党员,大专,是,=\"430121198305148836\"\n" +
		"城关镇,石桥村,2024,村委会,李四,委员,女,1980.11,群众,高中,否,'430121198011020028\n" +
		"城关镇,石桥村,2024,村委会,王五,委员,男,1990.05,群众,高中,否,\"=\"\"430121199005120019\"\"\"\n"
	p := mustParse(t, writeFile(t, "members.csv", []byte(data)))
	if len(p.Problems) != 0 {
		t.Fatalf("problems: %v", p.Problems)
	}
	var got []string
	for _, m := range p.Members {
		got = append(got, m.IDNumber+" "+m.Birth.Format("2006-01"))
	}
	want := []string{"430121198305148836 1983-05", "430121198011020028 1980-11", "430121199005120019 1990-05"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("members %v, want %v", got, want)
	}
}

func TestCSVWithoutHeader(t *testing.T) {
	p := mustParse(t, writeFile(t, "notes.csv", []byte("a,b,c\n1,2,3\n")))
	if got := rules(p, Error); len(got) != 1 || got[0] != "no_data_sheet@" {
		t.Errorf("errors = %v", got)
	}
	if got := rules(p, Notice); len(got) != 1 || got[0] != "unknown_sheet@" {
		t.Errorf("notices = %v", got)
	}
}

// membersCSVHant is membersCSV as a clerk using Traditional script writes it.
const membersCSVHant = `城關鎮2024年當選人員名單
鄉鎮,村,年份,選舉類型,姓名,職務,性別,出生年月,民族,政治面貌,學歷,是否連任
城關鎮,石橋村,2024,村委會,張三,村委會主任,男,1975.03,漢,黨員,本科,是
城關鎮,石橋村,2024,村委會,陳美玲,委員,女,1980年11月,漢族,群眾,大專,否
`

// Almost every Big5 byte pair is a GBK pair too: a Big5 file was read as GB18030 and loaded garbled
// (城關鎮 as 竟闖貧). Each text is encoded for real; the decoding must give it back, whichever
// encoding and script, with headers known or not.
func TestCSVLegacyEncodings(t *testing.T) {
	const unknownHeaders = "備註,說明\n臺北市大安區,陳美玲同志於選舉中當選為村民委員會主任\n新竹縣竹北市,張志明當選委員，連任兩屆\n"
	const unknownHeadersHans = "备注,说明\n石桥村,陈美玲同志在选举中当选为村民委员会主任\n河岭村,张志明当选委员，连任两届\n"
	for _, c := range []struct {
		name string
		enc  encoding.Encoding
		text string
	}{
		{"big5 traditional", traditionalchinese.Big5, membersCSVHant},
		{"gbk traditional", simplifiedchinese.GBK, membersCSVHant},
		{"gb18030 traditional", simplifiedchinese.GB18030, membersCSVHant},
		{"gbk simplified", simplifiedchinese.GBK, membersCSV},
		{"big5 unknown headers", traditionalchinese.Big5, unknownHeaders},
		{"gbk unknown headers", simplifiedchinese.GBK, unknownHeadersHans},
		{"gbk unknown headers traditional", simplifiedchinese.GBK, unknownHeaders},
	} {
		t.Run(c.name, func(t *testing.T) {
			data, err := c.enc.NewEncoder().String(c.text)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decodeCSV("x.csv", []byte(data))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.text {
				t.Errorf("decoded\n%s\nwant\n%s", got, c.text)
			}
		})
	}
	// The whole way through: the members of a Big5 file are stored as written.
	big5, err := traditionalchinese.Big5.NewEncoder().String(membersCSVHant)
	if err != nil {
		t.Fatal(err)
	}
	p := mustParse(t, writeFile(t, "members.csv", []byte(big5)))
	if len(p.Problems) != 0 || len(p.Members) != 2 || p.Members[1].Name != "陳美玲" || p.Members[0].Unit != "石橋村" {
		t.Fatalf("problems %v, members %+v", p.Problems, p.Members)
	}
}

// Text that reads as GB18030 and as Big5, both as common characters, with no header to tell, is
// refused naming the encodings tried and how to save the file as UTF-8, not guessed.
func TestCSVAmbiguousEncodingIsRefused(t *testing.T) {
	// B0A1 B0A2 is 啊阿 in GBK and 乘乙 in Big5.
	_, err := ParseFile(writeFile(t, "x.csv", []byte("a,\xB0\xA1\xB0\xA2\n")), ParseOptions{})
	var fe *FileError
	if !errors.Is(err, ErrEncoding) || !errors.As(err, &fe) || len(fe.Tried) != 2 {
		t.Fatalf("err = %v, want ErrEncoding naming two encodings", err)
	}
	for _, want := range []string{"GB18030", "Big5", "UTF-8", "CSV UTF-8"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err.Error(), want)
		}
	}
}

// UTF-16 with a byte-order mark, what Excel's "Unicode 文本" and some exports write, reads like UTF-8.
func TestCSVUTF16(t *testing.T) {
	for _, c := range []struct {
		name  string
		order unicode.Endianness
	}{{"utf-16le", unicode.LittleEndian}, {"utf-16be", unicode.BigEndian}} {
		t.Run(c.name, func(t *testing.T) {
			data, err := unicode.UTF16(c.order, unicode.UseBOM).NewEncoder().String(membersCSV)
			if err != nil {
				t.Fatal(err)
			}
			p := mustParse(t, writeFile(t, "members.csv", []byte(data)))
			if len(p.Problems) != 0 || len(p.Members) != 2 || p.Members[1].Name != "李四" {
				t.Fatalf("problems %v, members %+v", p.Problems, p.Members)
			}
		})
	}
}

// A file that is neither UTF-8 nor GB18030 (Latin-1 here) is refused, naming its first bad line,
// instead of loading mojibake.
func TestCSVInvalidEncodingNamesTheLine(t *testing.T) {
	data := []byte("乡镇,村,年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n城关镇,石桥村,2024,村委会,100,90,5,5\nCaf\xe9 1,x,2024,村委会,1,1,1,1\n")
	_, err := ParseFile(writeFile(t, "results.csv", data), ParseOptions{})
	if !errors.Is(err, ErrEncoding) {
		t.Fatalf("err = %v, want ErrEncoding", err)
	}
	var fe *FileError
	if !errors.As(err, &fe) || fe.Line != 3 || !strings.Contains(err.Error(), "第3行") {
		t.Errorf("err = %v, want line 3 named", err)
	}
}

// A CSV (or workbook) with a header and no row below it is a warning, not a silent success.
func TestHeaderOnlyIsAWarning(t *testing.T) {
	p := mustParse(t, writeFile(t, "results.csv", []byte("乡镇,村,年份,选举类型,登记选民数,参加投票人数,应选职数,当选人数\n")))
	if got := rules(p, Warning); len(got) != 1 || got[0] != "no_data_rows@" {
		t.Errorf("warnings = %v", got)
	}
}

// A CSV of one 60 MB line is refused before it is split into fields, within a memory bound.
func TestCSVOverlongLineIsRefused(t *testing.T) {
	data := append([]byte("乡镇,村,年份\n"), bytes.Repeat([]byte("a,"), 30<<20)...)
	path := writeFile(t, "one-line.csv", data)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := ParseFile(path, ParseOptions{})
	runtime.ReadMemStats(&after)
	var fe *FileError
	if !errors.Is(err, ErrTooLarge) || !errors.As(err, &fe) || fe.Line != 2 || !strings.Contains(err.Error(), "第2行") {
		t.Fatalf("err = %v, want ErrTooLarge at line 2", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 3*uint64(len(data)) {
		t.Errorf("allocated %d MB to refuse a %d MB file", alloc>>20, len(data)>>20)
	}
}
