package electsum

import (
	"slices"
	"strings"
	"unicode"
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

// UnitInName is the village or community a sheet is named after (东岭村, 城关社区), for a sheet without
// a 村(社区) column: a name of Chinese characters only, ending in 村 or 社区 (社區). "" otherwise.
func UnitInName(sheet string) string {
	sheet = strings.TrimSpace(sheet)
	runs := hanRuns(sheet)
	if len(runs) != 1 || runs[0] != sheet {
		return ""
	}
	for _, suffix := range []string{"社区", "社區", "村"} {
		before, ok := strings.CutSuffix(sheet, suffix)
		if ok && before != "" && !strings.ContainsAny(before, "全各本该某") {
			return sheet
		}
	}
	return ""
}

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
		t := strings.TrimLeft(string(rs[start:end]), "与和及") // 北山乡与南山镇: two
		if len([]rune(t)) >= 2 && !strings.ContainsRune("全各本该該某每", []rune(t)[0]) && !slices.Contains(notOneTownship, t) {
			out = append(out, t)
		}
		start, i = end, end
	}
	return out
}
