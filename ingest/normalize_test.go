package ingest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"electsum"

	"github.com/longbridgeapp/opencc"
)

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"城关镇":             "城关镇",
		"  城关镇 ":          "城关镇",
		"\u3000城关镇\u3000": "城关镇",
		"\u00a0张三\u00a0":  "张三",
		"\ufeff年份":        "年份",
		"abc":             "abc",
		"":                "",
		"   ":             "",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"张　三":        "张三",
		"张 三":        "张三",
		" 石桥 村 ":     "石桥村",
		"John Smith": "John Smith", // no Han: inner spaces are part of the value
	} {
		if got := cleanText(in); got != want {
			t.Errorf("cleanText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCleanFastPathsAgree holds the byte tests of clean, cleanText and totalWord (mayBeSpace,
// mayHaveInnerSpace, hasJi) to what they stand for: strings.TrimFunc(s, isSpace), strings.ContainsAny
// of the inner spaces, strings.Contains of 计 and 計 — over every rune up to U+FFFF and beyond, alone and
// beside others, and random strings of spaces, Han characters, ASCII and broken UTF-8.
func TestCleanFastPathsAgree(t *testing.T) {
	const inner = "\u3000\u00a0\u200b\u200c\u200d\ufeff"
	check := func(s string) {
		t.Helper()
		if got, want := clean(s), strings.TrimFunc(s, isSpace); got != want {
			t.Fatalf("clean(%q) = %q, want %q", s, got, want)
		}
		if got, want := mayHaveInnerSpace(s) && strings.ContainsAny(s, inner), strings.ContainsAny(s, inner); got != want {
			t.Fatalf("inner spaces of %q: %v, want %v", s, got, want)
		}
		if got, want := hasJi(s), strings.Contains(s, "计") || strings.Contains(s, "計"); got != want {
			t.Fatalf("hasJi(%q) = %v, want %v", s, got, want)
		}
	}
	for r := rune(0); r <= 0x10FFFF; r++ {
		if r > 0x20000 && r < 0x10FF00 && r%97 != 0 {
			continue
		}
		c := string(r)
		for _, s := range []string{c, "村" + c, c + "村", "村" + c + "村", "a" + c, c + "a", c + c} {
			check(s)
		}
	}
	pieces := []string{" ", "\t", "\n", "\r", "\v", "\x01", "\x7f", "a", "1", "村", "计", "計", "合计", "\u3000", "\u00a0",
		"\u0085", "\u1680", "\u2000", "\u200a", "\u200b", "\u200d", "\u2028", "\u202f", "\u205f", "\ufeff", "\ufffd",
		"\xe8", "\xe8\xae", "\xae\xa1", "\xa8\x88", "\xe3\x80", "\x80", "\xc2", "\xef\xbb", "\xff", "𠀀", "、", "。"}
	rng := rand.New(rand.NewPCG(15, 8))
	for range 200_000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		check(b.String())
	}
}

func TestParseInt(t *testing.T) {
	for in, want := range map[string]int{
		"0": 0, "1234": 1234, "１２３４": 1234, "1,234": 1234, "12.0": 12, "12人": 12, "３票": 3,
		"2.9999999999": 3, "1e3": 1000, "44周岁": 44, "5（女1）": 5, "1100(含委托投票50)": 1100, "7人（其中女性2人）": 7,
	} {
		if got, ok := parseInt(in); !ok || got != want {
			t.Errorf("parseInt(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"-1", "12.5", "abc", "十二", "#N/A", "1 2", "99999999999"} {
		if got, ok := parseInt(in); ok {
			t.Errorf("parseInt(%q) = %d, want failure", in, got)
		}
	}
}

func TestParseBool(t *testing.T) {
	yes := []string{"是", "Y", "y", "YES", "1", "√", "✓", "对", "true", "TRUE", "是的", "Ｙ", "１"}
	no := []string{"否", "N", "no", "0", "×", "✗", "错", "false", "不是", "錯", "０"}
	for _, in := range yes {
		if v, ok := parseBool(in); !ok || !v {
			t.Errorf("parseBool(%q) = %v, %v; want true", in, v, ok)
		}
	}
	for _, in := range no {
		if v, ok := parseBool(in); !ok || v {
			t.Errorf("parseBool(%q) = %v, %v; want false", in, v, ok)
		}
	}
	for _, in := range []string{"也许", "2", "x"} {
		if _, ok := parseBool(in); ok {
			t.Errorf("parseBool(%q) ok, want failure", in)
		}
	}
}

func TestParseYearAndTerm(t *testing.T) {
	for in, want := range map[string]int{"2024": 2024, "2024年": 2024, "２０２１": 2021, "2021年": 2021} {
		if got, ok := ParseYear(in); !ok || got != want {
			t.Errorf("ParseYear(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"24", "1800", "二〇二四", "2024.5", "20241"} {
		if got, ok := ParseYear(in); ok {
			t.Errorf("ParseYear(%q) = %d, want failure", in, got)
		}
	}
	for in, want := range map[string]int{
		"10": 10, "第十届": 10, "第10届": 10, "十": 10, "十一": 11, "第二十届": 20, "二十一": 21, "第九十九届": 99, "第一屆": 1, "第三届": 3, "１０": 10,
	} {
		if got, ok := parseTerm(in); !ok || got != want {
			t.Errorf("parseTerm(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"0", "100", "第一百届", "十十", "abc", "第届"} {
		if got, ok := parseTerm(in); ok {
			t.Errorf("parseTerm(%q) = %d, want failure", in, got)
		}
	}
}

func TestParseDate(t *testing.T) {
	want := time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)
	for _, in := range []string{"2024-03-15", "2024/3/15", "2024.3.15", "2024年3月15日", "2024年03月15号", "2024年3月15號", "20240315", "45366", "2024-03-15 00:00:00", "２０２４－０３－１５", "45366.5",
		"2024年3月15日上午", "2024年3月15日（星期五）", "2024年3月15日(周五)下午2:30", "2024年3月15日 上午9时", "2024年3月15日全天", "2024年3月15日９：００"} {
		if got, ok := parseDate(in); !ok || !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"2024-02-30", "2024-13-01", "2024-03", "三月十五", "15/03/2024", "2024", "abc",
		"2024.03.15-16", "2024年3月15日-16日", "2024年3月15日16日", "2024年3月15日前", "2024年3月15日至17日"} {
		if got, ok := parseDate(in); ok {
			t.Errorf("parseDate(%q) = %v, want failure", in, got)
		}
	}
}

func TestMonthDay(t *testing.T) {
	for _, in := range []string{"3月15日", "03月15日", "3月15号", "3月15號", "3月15", "３月１５日", "3月15日下午"} {
		if m, d, ok := monthDay(in); !ok || m != 3 || d != 15 {
			t.Errorf("monthDay(%q) = %d, %d, %v; want 3, 15", in, m, d, ok)
		}
	}
	for _, in := range []string{"2024年3月15日", "3.15", "3-15", "3月", "15日", "123月4日", "三月十五日", ""} {
		if m, d, ok := monthDay(in); ok {
			t.Errorf("monthDay(%q) = %d, %d, want failure", in, m, d)
		}
	}
}

func TestParseBirth(t *testing.T) {
	march := time.Date(1975, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, in := range []string{"1975.03", "1975.3", "1975-03", "1975/3", "197503", "1975年3月", "1975年03月", "1975-03-15", "1975年3月15日", "19750315", "27468", "１９７５．０３", "1975.03.15", "1975年3月生", "1975.03出生"} {
		if got, ok := parseBirth(in); !ok || !got.Equal(march) {
			t.Errorf("parseBirth(%q) = %v, %v; want %v", in, got, ok, march)
		}
	}
	if got, _ := parseBirth("1975.10"); got.Month() != time.October {
		t.Errorf("parseBirth(1975.10) = %v, want October", got)
	}
	for _, in := range []string{"1975", "1975.13", "75.03", "1975-02-30", "三月", "1975年", "", "生", "1975年生"} {
		if got, ok := parseBirth(in); ok {
			t.Errorf("parseBirth(%q) = %v, want failure", in, got)
		}
	}
}

func TestParseEnumRefusesBodyWords(t *testing.T) {
	for _, in := range []string{"委员", "第十五次", "第几次党代会", "监督委员", "党代会", "第十次党代会委员"} {
		if got, ok := parseEnum("body", in); ok {
			t.Errorf("parseEnum(body, %q) = %q, want no body", in, got)
		}
	}
}

func TestParseEnum(t *testing.T) {
	for _, c := range []struct{ key, in, want string }{
		{"body", "村党组织", "村党组织"},
		{"body", "村黨組織", "村党组织"},
		{"body", "村支部", "村党组织"},
		{"body", "党支部", "村党组织"},
		{"body", "党总支", "村党组织"},
		{"body", "村党委", "村党组织"},
		{"body", "村委会", "村民委员会"},
		{"body", "村民委員會", "村民委员会"},
		{"body", "监委会", "村务监督委员会"},
		{"body", "村监会", "村务监督委员会"},
		{"body", "居委会", "居民委员会"},
		{"body", "村 委 会", "村民委员会"},
		{"body", "镇党委委员", "乡镇党委"},
		{"body", "鎮紀委委員", "乡镇纪委"},
		{"body", "街道纪工委", "乡镇纪委"},
		{"body", "出席县第十五次党代会代表", "出席上级党代会代表"},
		{"body", "出席區第3次黨代會代表", "出席上级党代会代表"},
		{"body", "出席县第十五次党代表大会代表", "出席上级党代会代表"},
		{"body", "第十二届村委会成员", "村民委员会"},
		{"body", "支部班子", "村党组织"},
		{"position", "支部书记", "书记"},
		{"position", "党支部书记", "书记"},
		{"position", "村委会主任", "主任"},
		{"position", "支委", "委员"},
		{"position", "委员", "委员"},
		{"position", "副書記", "副书记"},
		{"education", "大专", "大学专科"},
		{"education", "专科", "大学专科"},
		{"education", "本科", "大学本科"},
		{"education", "硕士", "研究生"},
		{"education", "博士", "研究生"},
		{"education", "研究生", "研究生"},
		{"education", "小学", "小学及以下"},
		{"education", "文盲", "小学及以下"},
		{"education", "小学以下", "小学及以下"},
		{"education", "大學本科", "大学本科"},
		{"education", "大专（函授）", "大学专科"},
		{"education", "本科(在职)", "大学本科"},
		{"education", "在职研究生", "研究生"},
		{"education", "党校大专", "大学专科"},
		{"education", "中央黨校本科", "大学本科"},
		{"education", "电大中专", "中专"},
		{"education", "全日制本科", "大学本科"},
		{"education", "初中以下", "小学及以下"},
		{"education", "大学文化", "大学本科"},
		{"education", "初中文化", "初中"},
		{"education", "高中文化程度", "高中"},
		{"education", "大专毕业", "大学专科"},
		{"education", "本科学历", "大学本科"},
		{"education", "中师", "中专"},
		{"education", "職專", "中专"},
		{"body", "村党支部委员会", "村党组织"},
		{"body", "社区居民委员会", "居民委员会"},
		{"body", "村民委员会换届选举", "村民委员会"},
		{"body", "居民委员会选举", "居民委员会"},
		{"body", "村委會換屆", "村民委员会"},
		{"body", "村民监督委员会", "村务监督委员会"},
		{"party", "中共正式党员", "中共党员"},
		{"party", "中国共产党员", "中共党员"},
		{"party", "共产党员（预备）", "中共预备党员"},
		{"party", "中共党员（预备）", "中共预备党员"},
		{"party", "民盟盟员", "民主党派"},
		{"party", "九三学社社员", "民主党派"},
		{"party", "中共党员", "中共党员"},
		{"party", "党员", "中共党员"},
		{"party", "中共", "中共党员"},
		{"party", "中共黨員", "中共党员"},
		{"party", "预备党员", "中共预备党员"},
		{"party", "團員", "共青团员"},
		{"party", "团员", "共青团员"},
		{"party", "群眾", "群众"},
		{"gender", "男", "男"},
		{"gender", "女性", "女"},
		{"category", "其它", "其他"},
		{"category", "解放军", "其他"},
		{"category", "知识分子", "专业技术人员"},
		{"category", "企业负责人", "其他"},
	} {
		got, ok := parseEnum(c.key, c.in)
		if !ok || got != c.want {
			t.Errorf("parseEnum(%s, %q) = %q, %v; want %q", c.key, c.in, got, ok, c.want)
		}
	}
	for _, c := range []struct{ key, in string }{{"body", "村小组"}, {"gender", "未知"}, {"education", "幼儿园"}, {"party", "共和党"},
		{"education", "本科在读"}, {"education", "大专（肄业）"}, {"education", "在职"}, {"education", "初中及以下"}} {
		if got, ok := parseEnum(c.key, c.in); ok {
			t.Errorf("parseEnum(%s, %q) = %q, want failure", c.key, c.in, got)
		}
	}
}

// TestEducationRange: a 学历 giving a range, as the county's groups print it, reads as the range's name;
// a value, or a range that is one value (初中以下), is no range.
func TestEducationRange(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"高中（中专）", "高中（中专）"}, {"高中(中专)", "高中（中专）"}, {"高中/中专", "高中（中专）"}, {"中专、高中", "高中（中专）"},
		{"中专（职高）", "高中（中专）"}, {"高中（中專）", "高中（中专）"}, {"高中或中专", "高中（中专）"},
		{"大专及以上", "大专及以上"}, {"大专以上", "大专及以上"}, {"大學專科及以上", "大专及以上"},
		{"初中及以下", "初中及以下"}, {"初中及以下学历", "初中及以下"},
		{"初中以下", ""}, {"高中", ""}, {"大专", ""}, {"本科及以上", ""},
	} {
		got, ok := educationRange(c.in)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("educationRange(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
}

// TestEducationRangeRead: a roster's 学历 ranges load as written, with one notice per sheet.
func TestEducationRangeRead(t *testing.T) {
	rows := [][]any{
		{"乡镇", "村", "年份", "选举类型", "姓名", "职务", "性别", "年龄", "政治面貌", "学历"},
		{"青石镇", "东山村", 2024, "村委会", "王芳", "主任", "女", 48, "中共党员", "大专及以上"},
		{"青石镇", "东山村", 2024, "村委会", "李四", "委员", "男", 44, "群众", "高中/中专"},
		{"青石镇", "东山村", 2024, "村委会", "赵六", "委员", "男", 54, "群众", "初中"},
	}
	p, err := ParseFile(writeXLSX(t, sheetData{name: "当选人员", rows: rows}), ParseOptions{County: "白河县", Year: 2024})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range p.Members {
		got = append(got, m.Education)
	}
	if want := []string{"大专及以上", "高中（中专）", "初中"}; !slices.Equal(got, want) {
		t.Errorf("education %q, want %q", got, want)
	}
	var notices []string
	for _, pr := range p.Problems {
		notices = append(notices, pr.Rule+"@"+pr.Cell)
	}
	if want := []string{"education_range@J2"}; !slices.Equal(notices, want) {
		t.Errorf("problems %q, want %q", notices, want)
	}
}

func TestPositionFor(t *testing.T) {
	for _, c := range []struct {
		in   string
		body electsum.Body
		want string
	}{
		{"主任", electsum.VillagersCommittee, "主任"},
		{"副主任（兼妇联主席）", electsum.VillagersCommittee, "副主任"},
		{"委员(兼报账员)", electsum.VillagersCommittee, "委员"},
		{"委員（兼會計）", electsum.VillagersCommittee, "委员"},
		{"书记兼主任", electsum.PartyBranch, "书记"},
		{"书记兼主任", electsum.VillagersCommittee, "主任"},
		{"党支部书记/村委会主任", electsum.VillagersCommittee, "主任"},
		{"副主任兼妇联主席", electsum.VillagersCommittee, "副主任"},
		{"支部委员、妇女主任", electsum.PartyBranch, "委员"},
		{"监督委员会主任", electsum.SupervisoryCommittee, "主任"},
		{"村务监督委员会委员", electsum.SupervisoryCommittee, "委员"},
		{"監督委員", electsum.SupervisoryCommittee, "委员"},
		{"社区党委书记", electsum.CommunityParty, "书记"},
		{"居委会委员", electsum.ResidentsCommittee, "委员"},
		{"组织委员", electsum.PartyBranch, "委员"},
		{"纪检委员（兼宣传委员）", electsum.PartyBranch, "委员"},
		{"书记兼组织委员", electsum.PartyBranch, "书记"},
		{"副主任委员", electsum.SupervisoryCommittee, "副主任"},
		{"妇联主席", electsum.VillagersCommittee, "妇联主席"}, // no post of the list: kept as written
		{"会计（兼出纳）", electsum.VillagersCommittee, "会计（兼出纳）"},
		{"", electsum.PartyBranch, ""},
	} {
		if got := positionFor(c.in, c.body); got != c.want {
			t.Errorf("positionFor(%q, %s) = %q, want %q", c.in, c.body, got, c.want)
		}
	}
}

// TestColumnYesNo: words that mean 是 or 否 in one column only (连任/新任 under 是否连任, 另行选举 under
// 一次选举成功) are read there, and nowhere else.
func TestColumnYesNo(t *testing.T) {
	col := func(key string) *Column {
		for _, cs := range [][]Column{resultColumns, memberColumns} {
			for i := range cs {
				if cs[i].Key == key {
					return &cs[i]
				}
			}
		}
		t.Fatalf("no column %s", key)
		return nil
	}
	for _, c := range []struct {
		key, in string
		want    bool
		ok      bool
	}{
		{"reelected", "连任", true, true},
		{"reelected", "連任", true, true},
		{"reelected", "新任", false, true},
		{"reelected", "新当选", false, true},
		{"first_round", "另行选举", false, true},
		{"first_round", "一次选举成功", true, true},
		{"wealth_leader", "连任", false, false},
		{"reelected", "也许", false, false},
	} {
		got, ok := col(c.key).meansYesNo(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("%s.meansYesNo(%q) = %v, %v; want %v, %v", c.key, c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestNormEthnicity(t *testing.T) {
	for in, want := range map[string]string{"汉": "汉族", "汉族": "汉族", "漢族": "汉族", "回": "回族", "蒙古": "蒙古族", "土家族": "土家族", "": "", "穿青人": "穿青人"} {
		if got := normEthnicity(in); got != want {
			t.Errorf("normEthnicity(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestT2SCoversVocabulary checks the small Traditional→Simplified table against OpenCC: every header,
// alias and enum value written in Traditional script (as Taiwan, Hong Kong or generic Traditional)
// folds to its Simplified form.
func TestT2SCoversVocabulary(t *testing.T) {
	var words []string
	for _, cols := range [][]Column{resultColumns, memberColumns} {
		for _, c := range cols {
			words = append(words, c.Header)
			words = append(words, c.Aliases...)
			words = append(words, c.Values...)
		}
	}
	for _, m := range enumVariants {
		for k := range m {
			words = append(words, k)
		}
	}
	for _, d := range derivedColumns {
		words = append(append(words, d.Header), d.Aliases...)
	}
	words = append(words, guideSheetNames...)
	words = append(words, summarySheetWords...)
	words = append(words, "合计", "小计", "总计", "第十届")
	for _, conv := range []string{"s2t", "s2tw", "s2hk"} {
		cc, err := opencc.New(conv)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range words {
			trad, err := cc.Convert(w)
			if err != nil {
				t.Fatal(err)
			}
			if fold(trad, true) != fold(w, true) {
				t.Errorf("%s: %q (from %q) folds to %q, want %q", conv, trad, w, fold(trad, true), fold(w, true))
			}
		}
	}
}

func TestFoldDoesNotAllocateForCanonicalText(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		_ = fold("村民委员会", false)
		_, _ = parseEnum("education", "大学本科")
		_, _ = parseInt("1234")
		_ = clean("城关镇")
	})
	if allocs != 0 {
		t.Errorf("allocations = %v, want 0", allocs)
	}
}

// TestHanBlockHasNoMarks holds fold's shortcut for CJK Unified Ideographs to what its general case does:
// no character of the block is a space, punctuation or a symbol, and t2sHan marks exactly those t2s maps.
func TestHanBlockHasNoMarks(t *testing.T) {
	for r := rune(hanFirst); r <= hanLast; r++ {
		if isSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			t.Errorf("%U %c is a space, punctuation or a symbol", r, r)
		}
		_, mapped := t2s[r]
		if marked := t2sHan[(r-hanFirst)/64]&(1<<((r-hanFirst)%64)) != 0; marked != mapped {
			t.Errorf("%U %c: t2sHan says %v, t2s %v", r, r, marked, mapped)
		}
	}
}

// TestHasBracket holds hasBracket's shortcut to strings.ContainsAny over every bracket and a byte of each kind.
func TestHasBracket(t *testing.T) {
	const brackets = "(（[【〔［<《)）]】〕］>》"
	var texts []string
	for _, b := range brackets {
		texts = append(texts, string(b), "登记选民数"+string(b)+"人", "a"+string(b))
	}
	for c := range 256 {
		texts = append(texts, string([]byte{byte(c)}), "选民"+string([]byte{byte(c)}))
	}
	texts = append(texts, "", "登记选民数", "「人」", "〈人〉", "｛人｝", "\u3000", "\uff5e")
	for _, s := range texts {
		if got, want := hasBracket(s), strings.ContainsAny(s, brackets); got != want {
			t.Errorf("hasBracket(%q) = %v, want %v", s, got, want)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = fold("村黨組織", false)
	}
}

func BenchmarkOpenCC(b *testing.B) {
	cc, err := opencc.New("t2s")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = cc.Convert("村黨組織")
	}
}

func TestBodyInName(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"村党组织成员", "村党组织"},
		{"村委会选举情况", "村民委员会"},
		{"2024年村委会", "村民委员会"},
		{"村民委員會當選人員", "村民委员会"},
		{"监委会", "村务监督委员会"},
		{"村务监督委员会成员", "村务监督委员会"},
		{"社区党组织", "社区党组织"}, // not 党组织 (村党组织) inside it
		{"社区居委会成员", "居民委员会"},
		{"青石镇村党支部换届选举结果", "村党组织"},
		{"党支部 党总支", "村党组织"}, // two spellings of one body
		{"村党组织和村委会", ""},
		{"村两委成员", ""},
		{"村（社区）党组织", ""},
		{"村(居)委会", ""},
		{"选举结果", ""},
		{"青石镇第十九届人民代表大会代表选举结果统计表", "乡级人大代表"},
		{"白河縣第十八屆人民代表大會代表選舉情況", "县级人大代表"},
		{"青石镇人大", ""}, // the 人大 换届 of 青石镇: both levels are elected there
		{"青石镇人大换届选举", ""},
		{"青石镇第十六次党代表大会代表", "出席上级党代会代表"},
		{"Sheet1", ""},
		{"", ""},
	} {
		if got := bodyInName(c.name); got != c.want {
			t.Errorf("bodyInName(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestYearInName(t *testing.T) {
	for _, c := range []struct {
		name string
		want int
	}{
		{"2021年", 2021}, {"2024年换届", 2024}, {"2024.3", 2024}, {"２０２１年", 2021}, {"2024年 2024", 2024},
		{"2021-2024年对比", 0}, {"Sheet1", 0}, {"第12选区", 0}, {"1234", 0}, {"20241", 0}, {"", 0},
	} {
		if got := yearInName(c.name); got != c.want {
			t.Errorf("yearInName(%q) = %d, want %d", c.name, got, c.want)
		}
	}
}

func TestPostsIn(t *testing.T) {
	for _, c := range []struct {
		text string
		kind electsum.UnitKind
		want string
	}{
		{"党支部书记、村委会主任", electsum.Village, "[{村党组织 书记} {村民委员会 主任}]"},
		{"书记兼主任", electsum.Village, "[{村党组织 书记} {村民委员会 主任}]"},
		{"书记、主任", electsum.Community, "[{社区党组织 书记} {居民委员会 主任}]"},
		{"支委、村委会委员（兼妇联主席）", electsum.Village, "[{村党组织 委员} {村民委员会 委员}]"},
		{"党支部组织委员", electsum.Village, "[{村党组织 委员}]"},
		{"村委委员兼会计", electsum.Village, "[{村民委员会 委员}]"},
		{"监委会主任", electsum.Village, "[{村务监督委员会 主任}]"},
		{"村务監督委員會委員", electsum.Village, "[{村务监督委员会 委员}]"},
		{"社区党支部书记 居委会副主任", electsum.Community, "[{社区党组织 书记} {居民委员会 副主任}]"},
		{"副主任", electsum.Village, "[{村民委员会 副主任}]"},
		{"党支部书记、党支部委员", electsum.Village, "[{村党组织 书记}]"},
		{"委员", electsum.Village, "[]"},
		{"镇党委委员", electsum.Village, "[]"},
		{"妇联主席", electsum.Village, "[]"},
		{"", electsum.Village, "[]"},
		{"村书记、村主任", electsum.Village, "[{村党组织 书记} {村民委员会 主任}]"},
		{"支书、村主任", electsum.Village, "[{村党组织 书记} {村民委员会 主任}]"},
		{"社区书记、社区主任", electsum.Community, "[{社区党组织 书记} {居民委员会 主任}]"},
		{"村委会主任（兼村党支部副书记）", electsum.Village, "[{村民委员会 主任} {村党组织 副书记}]"},
		{"村监委会主任", electsum.Village, "[{村务监督委员会 主任}]"},
		{"妇女主任", electsum.Village, "[]"},
		{"镇党委书记", electsum.Township, "[{乡镇党委 书记}]"},
		{"鎮黨委副書記、鎮長", electsum.Township, "[{乡镇党委 副书记}]"},
		{"镇纪委委员", electsum.Township, "[{乡镇纪委 委员}]"},
		{"街道纪工委书记", electsum.Township, "[{乡镇纪委 书记}]"},
		{"出席县第十五次党代会代表", electsum.Township, "[{出席上级党代会代表 代表}]"},
		{"镇党委委员、出席县党代会代表", electsum.Township, "[{乡镇党委 委员} {出席上级党代会代表 代表}]"},
		{"书记", electsum.Township, "[]"},
		{"党支部书记", electsum.Township, "[]"},
	} {
		got := postsIn(c.text, c.kind)
		if s := fmt.Sprint(got); s != c.want && !(len(got) == 0 && c.want == "[]") {
			t.Errorf("postsIn(%q, %v) = %s, want %s", c.text, c.kind, s, c.want)
		}
	}
}
