package electsum

import "slices"

// Educations are the canonical 学历 values ingest stores, highest first; every other spelling a sheet
// uses (硕士, 大专, 中技 …) is normalised to one of them. A new slice each call.
func Educations() []string {
	return []string{"研究生", "大学本科", "大学专科", "中专", "高中", "初中", "小学及以下"}
}

// The 学历 ranges (EducationRanges), highest first.
const (
	EducationCollege          = "大专及以上"  // 研究生, 大学本科, 大学专科
	EducationHighSchool       = "高中（中专）" // 高中, 中专
	EducationMiddleSchoolDown = "初中及以下"  // 初中, 小学及以下
)

// EducationRangeNames are the names of the 学历 ranges (EducationRanges), highest first: also the
// education groups published summaries use (analytics.DefaultEducationBuckets). A new slice each call.
func EducationRangeNames() []string {
	return []string{EducationCollege, EducationHighSchool, EducationMiddleSchoolDown}
}

// EducationRanges are the groups of 学历 a roster may give instead of one value, as the county's own
// forms and the published summaries group them: the canonical values each covers. ingest stores such a
// range as its name here (the person's 学历 is one of its values, not known which); a report counts it
// in an education group only when the group holds every value it covers. A new map each call.
func EducationRanges() map[string][]string {
	return map[string][]string{
		EducationCollege:          {"研究生", "大学本科", "大学专科"},
		EducationHighSchool:       {"高中", "中专"},
		EducationMiddleSchoolDown: {"初中", "小学及以下"},
	}
}

// EducationCovers is what a stored 学历 stands for: the canonical value itself, or the values of a
// range (EducationRanges), highest first; nil for anything else (a 学历 not given or not known).
func EducationCovers(education string) []string {
	if slices.Contains(Educations(), education) {
		return []string{education}
	}
	return EducationRanges()[education]
}

// EducationWithin reports whether a stored 学历 is known to lie in values: it stands for at least one
// value (EducationCovers) and every value it stands for is one of them. A range is counted in a group
// of values only when the group holds all of it.
func EducationWithin(education string, values []string) bool {
	covers := EducationCovers(education)
	return len(covers) > 0 && !slices.ContainsFunc(covers, func(v string) bool { return !slices.Contains(values, v) })
}

// College reports whether a stored 学历 is 大专及以上 (研究生, 大学本科, 大学专科, or that range): the
// figure the people's congress and party congress summaries give.
func College(education string) bool {
	return EducationWithin(education, EducationRanges()[EducationCollege])
}

// HighSchoolUp reports whether a stored 学历 is 高中（中专）以上: 高中, 中专 or higher, or a range of
// them (大专及以上, 高中（中专）). The 两委 summaries give it whatever the configured education groups.
func HighSchoolUp(education string) bool {
	ranges := EducationRanges()
	return EducationWithin(education, append(ranges[EducationCollege], ranges[EducationHighSchool]...))
}
