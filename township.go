package electsum

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Subdistrict reports whether a township (乡镇(街道)) is a 街道, an urban subdistrict, by its name. A draft
// says 乡镇（街道） only where its scope holds one: a rural county's office writes 乡镇.
func Subdistrict(township string) bool { return strings.HasSuffix(township, "街道") }

// TownshipInName finds the township a file name names — 北山乡选举结果.xlsx, 2024年城关镇村两委.csv,
// 白水县东风街道_当选人员.xlsx — for a sheet without a 乡镇(街道) column: the first 乡, 镇 or 街道 of a run
// of Chinese characters, with what stands before it in the run. A run starts the name or follows
// anything not Chinese, 年 or a 县/市/区 (白水县北山乡 is 北山乡). Words that name no one township (乡镇,
// 城乡, 全镇, 各乡镇 …) are passed over. "" when the name holds none, or two different ones. Traditional
// script reads alike (北山鄉, 青山鎮, 白水縣北山鄉), the name returned as written.
func TownshipInName(name string) string {
	found := ""
	for _, run := range hanRuns(name) {
		for _, t := range townshipsInRun(run) {
			if found != "" && found != t {
				return ""
			}
			found = t
		}
	}
	return found
}

// CountyInName finds the county (县, a county-level 市 or 区, 旗) a title or a file's or folder's name
// names — 白河县五坪镇2024年…, 浏阳市集里街道…, 湖南省长沙县…, 长沙市岳麓区… (of a city and its district, the
// district) — for rows without a 县(市、区) when the load was given none. Words ending like one that name no
// county (全县, 城关社区, 第一选区, 城区, 超市 …) are passed over. "" when the name holds none, or two
// different ones.
func CountyInName(name string) string {
	found, last := "", ""
	at := 0
	for _, run := range hanRuns(name) {
		c := countyOfRun(run)
		if i := strings.Index(name[at:], run); i >= 0 {
			at += i + len(run)
			if after := name[at:]; strings.HasPrefix(after, "级") || strings.HasPrefix(after, "級") {
				c = "" // 青石镇县级人大代表: the level, not a county 青石镇县
			}
		}
		if c != "" && last != "" && strings.HasSuffix(last, "市") && strings.Contains(name, last+run) {
			found = "" // 长沙市岳麓区: the city holds the district, which is the county
		}
		if c != "" {
			if found != "" && found != c {
				return ""
			}
			found = c
		}
		last = c
	}
	return found
}

// countyOfRun is the county a run of hanRuns names by its end (县, 市, 区, 旗), without what stands before
// it up to a 省, an 自治州 or a 与/和/及 after a name (五坪镇与白河县); "" when the run names none.
func countyOfRun(run string) string {
	rs := []rune(run)
	if len(rs) < 3 || !strings.ContainsRune("县縣市区區旗", rs[len(rs)-1]) {
		return ""
	}
	for _, above := range []string{"自治州", "省"} {
		if i := strings.LastIndex(run, above); i >= 0 {
			run = run[i+len(above):]
		}
	}
	for _, and := range []string{"与", "和", "及"} {
		// 五坪镇与白河县 is 白河县; 和平县, 永和县 and 太和县 are counties of their own.
		if i := strings.LastIndex(run, and); i >= 0 && utf8.RuneCountInString(run[:i]) >= 2 {
			run = run[i+len(and):]
		}
	}
	rs = []rune(run)
	if len(rs) < 2 || strings.ContainsRune("全各本该該某每", rs[0]) {
		return ""
	}
	for _, w := range notACounty {
		if strings.HasSuffix(run, w) {
			return ""
		}
	}
	return run
}

// notACounty are words ending like a county's name that name none.
var notACounty = []string{"社区", "社區", "选区", "選區", "小区", "小區", "城区", "城區", "市区", "市區", "辖区", "轄區", "片区", "片區",
	"园区", "園區", "街区", "街區", "景区", "景區", "山区", "山區", "地区", "地區", "库区", "庫區", "牧区", "牧區", "林区", "林區",
	"城市", "超市", "门市", "門市", "都市", "县市", "縣市", "县区", "縣區", "市县", "市縣"}

// UnitInName is the village or community a sheet is named after (东岭村, 城关社区), for a sheet without
// a 村(社区) column: a name of Chinese characters only, ending in 村 or 社区 (社區). "" otherwise.
func UnitInName(sheet string) string {
	sheet = strings.TrimSpace(sheet)
	runs := hanRuns(sheet)
	if len(runs) != 1 || runs[0] != sheet {
		return ""
	}
	if before, ok := unitStem(sheet); ok && !strings.ContainsAny(before, "全各本该某") {
		return sheet
	}
	return ""
}

// UnitInTitle finds the village or community a sheet's title names — 青石镇东山村“两委”班子成员花名册,
// 东山村村民委员会选举结果报告单, 城关社區黨委委員名單 — for a sheet without a 村(社区) column whose name and
// file's name give none: in a run of Chinese characters, after the township the run may start with, a
// name ending in 村 or 社区 (社區) followed by nothing or by the words of a body, an election or a roster
// (unitInRun). Words ending so that name no one unit (各村, 行政村, 农村 …) are passed over. "" when the
// title names none, or two different ones.
func UnitInTitle(title string) string {
	found := ""
	for _, run := range hanRuns(title) {
		candidates := []string{run}
		if ts := townshipsInRun(run); len(ts) > 0 {
			_, after, _ := strings.Cut(run, ts[0])
			if candidates = []string{after}; strings.HasPrefix(after, "村") {
				candidates = append(candidates, run) // 新镇村党支部: a village whose name holds 镇
			}
		}
		for _, c := range candidates {
			if u := unitInRun(c); u != "" {
				if found != "" && found != u {
					return ""
				}
				found = u
				break
			}
		}
	}
	return found
}

// unitInRun is the name ending in 村 or 社区 that starts run and is followed by nothing or by one of
// titleAfterUnit; "" when there is none.
func unitInRun(run string) string {
	for i, r := range run {
		end := i + utf8.RuneLen(r)
		switch {
		case r == '村':
		case strings.HasPrefix(run[i:], "社区"), strings.HasPrefix(run[i:], "社區"):
			end = i + len("社区")
		default:
			continue
		}
		name, rest := run[:end], run[end:]
		before, _ := unitStem(name)
		if before == "" || strings.ContainsAny(before, "全各本该該某每") || slices.ContainsFunc(notAUnit, func(w string) bool { return strings.HasSuffix(before, w) }) {
			continue
		}
		if rest == "" || slices.ContainsFunc(titleAfterUnit, func(w string) bool { return strings.HasPrefix(rest, w) }) {
			return name
		}
	}
	return ""
}

// notAUnit are the words before 村 or 社区 that make a word naming no one unit: 行政村, 农村, 城中村, 5个村
// (what stands before may end in them).
var notAUnit = []string{"个", "個", "几", "幾", "此", "其", "行政", "自然", "农", "農", "乡", "鄉", "城中", "贫困", "貧困", "示范", "示範", "重点", "重點", "所辖", "所轄",
	"下辖", "下轄", "相关", "相關", "涉及", "其他", "其它", "软弱涣散", "軟弱渙散", "后进", "後進", "城市", "城镇", "城鎮", "农村", "農村"}

// titleAfterUnit are the words that follow a unit's name in a title: its bodies, its election, its roster.
var titleAfterUnit = []string{"两委", "兩委", "村党", "村黨", "党", "黨", "村民委员会", "村民委員會", "村委", "居委", "居民委员会",
	"居民委員會", "监督委员会", "監督委員會", "村务", "村務", "监委", "監委", "社区党", "社區黨", "换届", "換屆", "选举", "選舉", "班子",
	"成员", "成員", "干部", "幹部", "当选", "當選", "名册", "名冊", "花名册", "花名冊", "名单", "名單", "报告单", "報告單", "情况", "情況",
	"统计", "統計"}

// UnitWithoutBody is a 村(社区) written with the name of one of its bodies cut back to the unit's name:
// 东山村党支部, 东山村村委会 and 东山村委会 are 东山村; 城关社区居委会 and 城关社区党委 are 城关社区 (either
// script). A roster often names the organisation a person sits on where the results sheet names the
// village, and the two must be one unit. ok is false, and unit returned as it is, when it ends in no
// body's name or what is left is not a village's or a community's name (青石镇党委 stays).
func UnitWithoutBody(unit string) (string, bool) {
	for _, org := range unitBodyNames {
		rest, found := strings.CutSuffix(unit, org)
		if !found || rest == "" {
			continue
		}
		switch {
		case unitName(rest):
			return rest, true
		case strings.HasPrefix(org, "村") && unitName(rest+"村"): // 东山村委会: the 村 is the village's and the body's
			return rest + "村", true
		}
	}
	return unit, false
}

// unitName reports whether s ends like a village's or a community's name, with something before it.
func unitName(s string) bool {
	_, ok := unitStem(s)
	return ok
}

// unitStem is what stands before the 村, 社区 (社區) that ends s; ok is false when s ends in none or
// nothing stands before it.
func unitStem(s string) (before string, ok bool) {
	for _, suffix := range []string{"社区", "社區", "村"} {
		if before, ok := strings.CutSuffix(s, suffix); ok && before != "" {
			return before, true
		}
	}
	return "", false
}

// unitBodyNames are the names of a unit's bodies as they follow its name, longest first, so that
// 东山村村党支部 loses 村党支部 and not only 党支部.
var unitBodyNames = func() []string {
	names := []string{
		"村党总支部委员会", "村党支部委员会", "党总支部委员会", "党支部委员会", "村党总支部", "党总支部",
		"村党总支", "村党支部", "村党委", "村党组织", "党总支", "党支部", "党委", "党组织", "总支", "支部",
		"村民委员会", "村委会", "村委", "居民委员会", "居委会",
		"村务监督委员会", "监督委员会", "村监委会", "村监委", "监委会", "村两委", "两委",
		"村黨總支部委員會", "村黨支部委員會", "黨總支部委員會", "黨支部委員會", "村黨總支部", "黨總支部",
		"村黨總支", "村黨支部", "村黨委", "村黨組織", "黨總支", "黨支部", "黨委", "黨組織", "總支",
		"村民委員會", "村委會", "居民委員會", "居委會",
		"村務監督委員會", "監督委員會", "村監委會", "村監委", "監委會", "村兩委", "兩委",
	}
	slices.SortStableFunc(names, func(a, b string) int { return len([]rune(b)) - len([]rune(a)) })
	return names
}()

// hanRuns splits s into runs of Chinese characters, also after 年 and after 县, 市 or 区.
func hanRuns(s string) []string {
	var runs []string
	var cur []rune
	end := func() {
		if len(cur) > 0 {
			runs = append(runs, string(cur))
		}
		cur = cur[:0]
	}
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			end()
			continue
		}
		cur = append(cur, r)
		if strings.ContainsRune("年县縣市区區", r) {
			end()
		}
	}
	end()
	return runs
}

// notOneTownship are words ending like a township's name that name none, or every one.
var notOneTownship = []string{"乡镇", "城乡", "村镇", "集镇", "城镇", "乡村", "街道", "鄉鎮", "城鄉", "村鎮", "集鎮", "城鎮", "鄉村"}

// townshipsInRun are the townships a run names, one after the other: each ends at a 乡, 镇 or 街道 with
// something before it since the last one.
func townshipsInRun(run string) []string {
	var out []string
	rs := []rune(run)
	start := 0
	for i := start + 1; i < len(rs); i++ {
		end := 0
		switch {
		case rs[i] == '乡' || rs[i] == '镇' || rs[i] == '鄉' || rs[i] == '鎮':
			end = i + 1
		case rs[i] == '街' && i+1 < len(rs) && rs[i+1] == '道':
			end = i + 2
		default:
			continue
		}
		t := string(rs[start:end])
		if start > 0 { // 北山乡与南山镇: two; but 和平镇 is one, its 和 its own
			t = strings.TrimLeft(t, "与和及")
		}
		if len([]rune(t)) >= 2 && !strings.ContainsRune("全各本该該某每", []rune(t)[0]) && !slices.Contains(notOneTownship, t) {
			out = append(out, t)
		}
		start, i = end, end
	}
	return out
}

// PartyCongressUnit is the unit a township's 党代会 is stored as (青石镇党代会): the meeting that elects
// the township's party committee, its discipline committee and its delegates, as the template asks a
// 村(社区) cell to name it.
func PartyCongressUnit(township string) string { return township + "党代会" }

// PlaceStem is a township's or a unit's name without the word that says what it is — 乡, 镇, 街道 (and
// 街道办事处), 村, 社区, either script — for telling that 青石 and 青石镇, 东山 and 东山村 name one place in
// one submission. The name itself when it ends in none of them or nothing stands before it.
func PlaceStem(name string) string {
	for _, suffix := range []string{"街道办事处", "街道辦事處", "街道", "社区", "社區", "镇", "鎮", "乡", "鄉", "村"} {
		if before, ok := strings.CutSuffix(name, suffix); ok && before != "" {
			return before
		}
	}
	return name
}
