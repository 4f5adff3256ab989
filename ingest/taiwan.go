package ingest

import "strings"

// taiwanPhrases are words Taiwan phrasing writes for the mainland's — OpenCC's s2twp, and the converter
// of the published samples in Traditional script (國中 for 初中, 民眾 for 群众) — as pairs of fold keys
// (Simplified script). A sheet converted so writes 政治面貌 民眾, 學歷 國中, 選舉型別: each header, enum
// value and 学历 range is known in these words too (taiwanSpelling).
var taiwanPhrases = [][2]string{
	{"初中", "国中"}, {"小学", "国小"}, {"群众", "民众"}, {"社区", "社群"}, {"类型", "型别"}, {"项目", "专案"}, {"身份证", "身分证"},
}

// taiwanSpelling is a fold key in Taiwan phrasing, every phrase of taiwanPhrases it holds replaced; ok
// is false when it holds none.
func taiwanSpelling(key string) (string, bool) {
	out, ok := key, false
	for _, p := range taiwanPhrases {
		if strings.Contains(out, p[0]) {
			out, ok = strings.ReplaceAll(out, p[0], p[1]), true
		}
	}
	return out, ok
}
