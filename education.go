package electsum

// Educations are the canonical 学历 values ingest stores, highest first; every other spelling a sheet
// uses (硕士, 大专, 中技 …) is normalised to one of them. A new slice each call.
func Educations() []string {
	return []string{"研究生", "大学本科", "大学专科", "中专", "高中", "初中", "小学及以下"}
}

// EducationRanges are the groups of 学历 a roster may give instead of one value, as the county's own
// forms and the published summaries group them: the canonical values each covers. ingest stores such a
// range as its name here (the person's 学历 is one of its values, not known which); a report counts it
// in an education group only when the group holds every value it covers. A new map each call.
func EducationRanges() map[string][]string {
	return map[string][]string{
		"大专及以上":  {"研究生", "大学本科", "大学专科"},
		"高中（中专）": {"高中", "中专"},
		"初中及以下":  {"初中", "小学及以下"},
	}
}
